/**
 * The rectifier family: relu, relu6, leaky_relu, prelu, rrelu, elu, selu, celu.
 * Kink conventions follow PyTorch autograd (functions.md §2): the x > 0 test puts x = 0 on the left branch.
 */
import type { ActivationInfo } from '../types';
import {
  fixedKernel, flax, inplace, jaxNn, kernelOf, kerasActivation, kerasLayer, kerasOp, numberParam, tfjsLayer, tfjsOp,
  tfNn, torchFunctional, torchModule, torchOp,
} from './define';

export const relu: ActivationInfo = {
  name: 'relu',
  title: 'ReLU',
  summary: 'Rectified linear unit max(0, x): cheap, sparse, and the default hidden activation; its gradient is 0 for x < 0.',
  kind: 'elementwise',
  formula: { text: 'max(0, x)', latex: '\\max(0, x)' },
  derivative: { text: '1 if x > 0, else 0', latex: '\\mathbb{1}[x > 0]' },
  params: [inplace],
  aliases: [
    torchFunctional('relu'),
    torchFunctional('relu_'),
    torchModule('ReLU', ['inplace']),
    torchOp('relu'),
    ...kerasActivation('relu', {
      note: 'Keras relu(x, negative_slope=0, max_value=None, threshold=0) is a general clipped / leaky / thresholded ReLU; with its defaults it is max(0, x).',
    }),
    kerasOp('relu'),
    ...kerasLayer('ReLU', [], { note: 'keras.layers.ReLU(max_value, negative_slope, threshold); defaults give max(0, x).' }),
    tfNn('relu'),
    jaxNn('relu', { note: 'JAX documents ∇relu(0) = 0, as PyTorch.' }),
    flax('relu'),
    tfjsOp('relu'),
    tfjsLayer('reLU', { note: 'tf.layers.reLU({maxValue}) clips at maxValue when given.' }),
  ],
  properties: { range: '[0, ∞)', monotonic: true, smooth: false, zeroCentred: false, saturates: 'x < 0 (gradient exactly 0)' },
  kinks: () => [{ x: 0, dy: 0, note: 'relu′(0) = 0 (PyTorch threshold backward tests x > 0; JAX and TF also use 0)' }],
  plotRange: [-4, 4],
  source: 'https://pytorch.org/docs/stable/generated/torch.nn.ReLU.html',
  kernel: fixedKernel(
    kernelOf(
      (x) => (x > 0 ? x : x !== x ? x : 0),
      (x, _p, out) => {
        const pos = x > 0;
        out[0] = pos ? x : 0;
        out[1] = pos ? 1 : 0;
        out[2] = 0;
      },
    ),
  ),
};

const leakyReluKernel = kernelOf(
  (x, p) => (x > 0 ? x : p[0] * x),
  (x, p, out) => {
    // a branch, not max(x, αx) as Keras' numpy backend and TF.js do: that is wrong for α > 1
    const pos = x > 0;
    out[0] = pos ? x : p[0] * x;
    out[1] = pos ? 1 : p[0];
    out[2] = 0;
  },
);

export const leakyRelu: ActivationInfo = {
  name: 'leaky_relu',
  title: 'Leaky ReLU',
  summary: 'ReLU with a small slope α for x < 0, so negative inputs still pass a gradient; the default slope differs between frameworks.',
  kind: 'elementwise',
  formula: { text: 'x if x > 0, else α·x', latex: 'f(x) = \\begin{cases} x & x > 0 \\\\ \\alpha x & x \\le 0 \\end{cases}' },
  derivative: { text: '1 if x > 0, else α', latex: "f'(x) = \\begin{cases} 1 & x > 0 \\\\ \\alpha & x \\le 0 \\end{cases}" },
  params: [numberParam('negative_slope', 0.01, [0, 1], 0.01, 'slope α for x < 0'), inplace],
  aliases: [
    torchFunctional('leaky_relu'),
    torchFunctional('leaky_relu_'),
    torchModule('LeakyReLU', ['negative_slope', 'inplace']),
    ...kerasActivation('leaky_relu', { defaults: { negative_slope: 0.2 } }),
    kerasOp('leaky_relu', { defaults: { negative_slope: 0.2 } }),
    ...kerasLayer('LeakyReLU', ['negative_slope'], {
      defaults: { negative_slope: 0.3 },
      keywords: { alpha: 'negative_slope' },
      note: 'keras.layers.LeakyReLU defaults to 0.3 (Keras 2 named it alpha=0.3).',
    }),
    tfNn('leaky_relu', { defaults: { negative_slope: 0.2 }, keywords: { alpha: 'negative_slope' } }),
    jaxNn('leaky_relu', { note: 'JAX uses x >= 0, so its gradient at 0 is 1, not α.' }),
    flax('leaky_relu', { note: 'Re-export of jax.nn.leaky_relu (gradient 1 at 0).' }),
    tfjsOp('leakyRelu', { defaults: { negative_slope: 0.2 }, keywords: { alpha: 'negative_slope' } }),
    tfjsLayer('leakyReLU', { defaults: { negative_slope: 0.3 }, keywords: { alpha: 'negative_slope' } }),
  ],
  properties: { range: '(−∞, ∞)', monotonic: true, smooth: false, zeroCentred: false, saturates: 'never' },
  kinks: (p) => [{ x: 0, dy: p[0], note: 'leaky_relu′(0) = α in PyTorch (x > 0 test); JAX gives 1' }],
  plotRange: [-4, 4],
  source: 'https://pytorch.org/docs/stable/generated/torch.nn.LeakyReLU.html',
  kernel: fixedKernel(leakyReluKernel),
};
