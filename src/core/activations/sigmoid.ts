/**
 * Squashing functions: sigmoid, logsigmoid, tanh, softsign and their piecewise-linear "hard" cousins.
 */
import type { ActivationInfo } from '../types';
import { sech2, sigmoid as sigma, sigmoidDerivative } from '../numeric/special';
import {
  fixedKernel, flax, jaxNn, kernelOf, kerasActivation, kerasOp, tfjsOp, tfNn, tfPath, torchFunctional, torchModule,
  torchOp,
} from './define';

export const sigmoid: ActivationInfo = {
  name: 'sigmoid',
  title: 'Sigmoid',
  summary: 'The logistic function 1/(1+e^{−x}): squashes to (0, 1) for probabilities and gates; saturates in both tails.',
  kind: 'elementwise',
  formula: { text: 'σ(x) = 1/(1 + e^(−x))', latex: '\\sigma(x) = \\frac{1}{1 + e^{-x}}' },
  derivative: { text: 'σ(x)·(1 − σ(x))', latex: "\\sigma'(x) = \\sigma(x)\\,(1 - \\sigma(x))" },
  params: [],
  aliases: [
    torchFunctional('sigmoid'),
    torchModule('Sigmoid', []),
    torchOp('sigmoid'),
    torchOp('special.expit'),
    ...kerasActivation('sigmoid'),
    kerasOp('sigmoid'),
    tfNn('sigmoid'),
    tfPath('math.sigmoid'),
    jaxNn('sigmoid'),
    flax('sigmoid'),
    tfjsOp('sigmoid', { note: 'TF.js core op; TensorFlow also has tf.sigmoid (= tf.math.sigmoid).' }),
  ],
  properties: { range: '(0, 1)', monotonic: true, smooth: true, zeroCentred: false, saturates: 'both tails' },
  kinks: () => [],
  plotRange: [-8, 8],
  source: 'https://pytorch.org/docs/stable/generated/torch.nn.Sigmoid.html',
  kernel: fixedKernel(
    kernelOf(sigma, (x, _p, out) => {
      // σ′ = σ(x)σ(−x) and σ″ = −σ′·tanh(x/2) keep full precision in both tails (σ(1−σ) loses it for x ≫ 0)
      const d1 = sigmoidDerivative(x);
      out[0] = sigma(x);
      out[1] = d1;
      out[2] = -d1 * Math.tanh(0.5 * x);
    }),
  ),
};

export const tanh: ActivationInfo = {
  name: 'tanh',
  title: 'Tanh',
  summary: 'Hyperbolic tangent: a zero-centred sigmoid with range (−1, 1), steeper at 0 (slope 1); saturates in both tails.',
  kind: 'elementwise',
  formula: { text: 'tanh(x) = (e^x − e^(−x))/(e^x + e^(−x))', latex: '\\tanh(x) = \\frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}' },
  derivative: { text: '1 − tanh²(x)', latex: '1 - \\tanh^2(x)' },
  params: [],
  aliases: [
    torchFunctional('tanh'),
    torchModule('Tanh', []),
    torchOp('tanh'),
    ...kerasActivation('tanh'),
    kerasOp('tanh'),
    tfNn('tanh'),
    tfPath('math.tanh'),
    jaxNn('tanh', { note: 'jax.nn.tanh is jax.numpy.tanh.' }),
    flax('tanh'),
    tfjsOp('tanh', { note: 'TF.js core op; TensorFlow also has tf.tanh (= tf.math.tanh).' }),
  ],
  properties: { range: '(−1, 1)', monotonic: true, smooth: true, zeroCentred: true, saturates: 'both tails' },
  kinks: () => [],
  plotRange: [-4, 4],
  source: 'https://pytorch.org/docs/stable/generated/torch.nn.Tanh.html',
  kernel: fixedKernel(
    kernelOf(Math.tanh, (x, _p, out) => {
      const t = Math.tanh(x);
      const d1 = sech2(x); // 1 − t² cancels to 0 for |x| ≳ 19
      out[0] = t;
      out[1] = d1;
      out[2] = -2 * t * d1;
    }),
  ),
};
