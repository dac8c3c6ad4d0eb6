/**
 * The rectifier family: relu, relu6, leaky_relu, prelu, rrelu, elu, selu, celu.
 * Kink conventions follow PyTorch autograd (functions.md §2): the x > 0 test puts x = 0 on the left branch.
 */
import type { ActivationInfo } from '../types';
import {
  fixedKernel, flax, flaxModule, ignoredParam, inplace, jaxNn, kernelOf, kerasActivation, kerasLayer, kerasOp, numberParam,
  tfjsLayer, tfjsOp, tfNn, torchFunctional, torchModule, torchOp,
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

export const relu6: ActivationInfo = {
  name: 'relu6',
  title: 'ReLU6',
  summary: 'ReLU capped at 6, min(max(0, x), 6): bounded activations for low-precision mobile networks (MobileNet).',
  kind: 'elementwise',
  formula: { text: 'min(max(0, x), 6)', latex: '\\min(\\max(0, x), 6)' },
  derivative: { text: '1 if 0 < x < 6, else 0', latex: '\\mathbb{1}[0 < x < 6]' },
  params: [inplace],
  aliases: [
    torchFunctional('relu6'),
    torchModule('ReLU6', ['inplace']),
    ...kerasActivation('relu6'),
    kerasOp('relu6'),
    tfNn('relu6'),
    jaxNn('relu6', { note: 'JAX’s custom JVP gives 0 at 0 and at 6, as PyTorch.' }),
    flax('relu6'),
    tfjsOp('relu6'),
  ],
  properties: { range: '[0, 6]', monotonic: true, smooth: false, zeroCentred: false, saturates: 'x < 0 and x > 6' },
  kinks: () => [
    { x: 0, dy: 0, note: 'relu6′(0) = 0 (PyTorch: hardtanh backward is 0 at its ends)' },
    { x: 6, dy: 0, note: 'relu6′(6) = 0 (PyTorch: hardtanh backward is 0 at its ends)' },
  ],
  plotRange: [-3, 9],
  source: 'https://pytorch.org/docs/stable/generated/torch.nn.ReLU6.html',
  kernel: fixedKernel(
    kernelOf(
      (x) => (x > 0 ? (x < 6 ? x : 6) : x !== x ? x : 0),
      (x, _p, out) => {
        out[0] = x > 0 ? (x < 6 ? x : 6) : 0;
        out[1] = x > 0 && x < 6 ? 1 : 0;
        out[2] = 0;
      },
    ),
  ),
};

export const prelu: ActivationInfo = {
  name: 'prelu',
  title: 'PReLU',
  summary: 'Leaky ReLU whose negative slope a is learned; the initial a differs between frameworks (0.25, 0.01, 0).',
  kind: 'elementwise',
  formula: { text: 'x if x > 0, else a·x (a learned)', latex: 'f(x) = \\begin{cases} x & x > 0 \\\\ a x & x \\le 0 \\end{cases}' },
  derivative: { text: '∂f/∂x = 1 if x > 0, else a;  ∂f/∂a = min(0, x)', latex: "\\frac{\\partial f}{\\partial x} = \\begin{cases} 1 & x > 0 \\\\ a & x \\le 0 \\end{cases}" },
  params: [
    numberParam('weight', 0.25, [0, 1], 0.01, 'learned slope a for x < 0 (nn.PReLU init=0.25)'),
    ignoredParam('num_parameters', 'number', 1, 'number of learned slopes (one per channel); one curve shows one of them'),
  ],
  aliases: [
    torchFunctional('prelu', { positional: ['weight'], note: 'F.prelu(input, weight): weight is required.' }),
    torchModule('PReLU', ['num_parameters', 'weight'], { keywords: { init: 'weight' }, note: 'nn.PReLU(num_parameters=1, init=0.25).' }),
    torchOp('prelu', { positional: ['weight'] }),
    ...kerasLayer('PReLU', [], {
      defaults: { weight: 0 },
      accepts: [],
      note: 'keras.layers.PReLU(alpha_initializer="Zeros"): the slope starts at 0, i.e. as a ReLU.',
    }),
    flaxModule('PReLU', [], {
      defaults: { weight: 0.01 },
      keywords: { negative_slope_init: 'weight' },
      note: 'flax.linen.PReLU(negative_slope_init=0.01).',
    }),
    tfjsOp('prelu', { positional: ['weight'], keywords: { alpha: 'weight' }, note: 'tf.prelu(x, alpha).' }),
    tfjsLayer('prelu', { defaults: { weight: 0 }, accepts: [], note: "tf.layers.prelu({alphaInitializer: 'zeros'}): starts at 0." }),
  ],
  properties: { range: '(−∞, ∞)', monotonic: true, smooth: false, zeroCentred: false, saturates: 'never (for a > 0)' },
  kinks: (p) => [{ x: 0, dy: p[0], note: 'prelu′(0) = a (PyTorch autograd: ∂/∂x = a, ∂/∂a = 0 at 0)' }],
  plotRange: [-4, 4],
  source: 'https://arxiv.org/abs/1502.01852',
  kernel: fixedKernel(leakyReluKernel),
};

/** Eval-mode RReLU is a leaky ReLU with slope (lower + upper)/2; p = [lower, upper]. */
const rreluKernel = kernelOf(
  (x, p) => (x > 0 ? x : ((p[0] + p[1]) / 2) * x),
  (x, p, out) => {
    const a = (p[0] + p[1]) / 2;
    const pos = x > 0;
    out[0] = pos ? x : a * x;
    out[1] = pos ? 1 : a;
    out[2] = 0;
  },
);

export const rrelu: ActivationInfo = {
  name: 'rrelu',
  title: 'RReLU',
  summary: 'Randomized leaky ReLU: while training the negative slope is drawn from U(lower, upper); in eval mode it is their mean.',
  kind: 'elementwise',
  formula: {
    text: 'x if x ≥ 0, else a·x; a ~ U(lower, upper) in training, a = (lower + upper)/2 in eval',
    latex: 'f(x) = \\begin{cases} x & x \\ge 0 \\\\ a x & x < 0 \\end{cases}, \\; a = \\tfrac{l + u}{2}',
  },
  derivative: { text: '1 if x > 0, else a', latex: "f'(x) = \\begin{cases} 1 & x > 0 \\\\ a & x \\le 0 \\end{cases}" },
  params: [
    numberParam('lower', 1 / 8, [0, 1], 0.01, 'lower bound of the random slope'),
    numberParam('upper', 1 / 3, [0, 1], 0.01, 'upper bound of the random slope'),
    ignoredParam('training', 'boolean', false, 'training mode draws random slopes; ActViz always plots eval mode'),
    inplace,
  ],
  aliases: [torchFunctional('rrelu'), torchFunctional('rrelu_'), torchModule('RReLU', ['lower', 'upper', 'inplace']), torchOp('rrelu')],
  properties: { range: '(−∞, ∞)', monotonic: true, smooth: false, zeroCentred: false, saturates: 'never' },
  kinks: (p) => [{ x: 0, dy: (p[0] + p[1]) / 2, note: 'rrelu′(0) = (lower + upper)/2 in eval mode (11/48 ≈ 0.229 by default), as PyTorch' }],
  plotRange: [-4, 4],
  source: 'https://arxiv.org/abs/1505.00853',
  deterministicNote:
    'Plotted in eval mode: slope (lower + upper)/2 for x < 0. In training each element draws its slope from U(lower, upper), between the two lines x·lower and x·upper.',
  kernel: fixedKernel(rreluKernel),
};

/**
 * ELU family kernel: scale·x for x > 0, else negcoef·expm1(x·inputScale). PyTorch evaluates exp − 1, which loses
 * precision near 0 (F.elu(−1e−10) = −1.00000008e−10); expm1 is exact there. f′(0) and f″(0) take the x ≤ 0 branch
 * for f′ (negcoef·inputScale) and 0 for f″, as PyTorch's double backward.
 */
function eluJet(x: number, scale: number, negcoef: number, inputScale: number, out: Float64Array): void {
  if (x > 0) {
    out[0] = scale * x;
    out[1] = scale;
    out[2] = 0;
    return;
  }
  const z = x * inputScale;
  const e = Math.exp(z);
  out[0] = negcoef * Math.expm1(z);
  out[1] = negcoef * inputScale * e;
  out[2] = x < 0 ? negcoef * inputScale * inputScale * e : 0;
}

export const elu: ActivationInfo = {
  name: 'elu',
  title: 'ELU',
  summary: 'Exponential linear unit: identity for x > 0, α(eˣ − 1) below, so mean activations are pushed towards 0 with a smooth negative saturation at −α.',
  kind: 'elementwise',
  formula: { text: 'x if x > 0, else α·(e^x − 1)', latex: 'f(x) = \\begin{cases} x & x > 0 \\\\ \\alpha (e^{x} - 1) & x \\le 0 \\end{cases}' },
  derivative: { text: '1 if x > 0, else α·e^x (= f(x) + α)', latex: "f'(x) = \\begin{cases} 1 & x > 0 \\\\ \\alpha e^{x} & x \\le 0 \\end{cases}" },
  params: [numberParam('alpha', 1, [0, 3], 0.05, 'value −α approached for x → −∞'), inplace],
  aliases: [
    torchFunctional('elu', { note: 'PyTorch evaluates α(exp(x) − 1), which loses precision near 0 (0 for −5.5e−17 < x < 0); ActViz uses expm1.' }),
    torchFunctional('elu_'),
    torchModule('ELU', ['alpha', 'inplace']),
    ...kerasActivation('elu'),
    kerasOp('elu'),
    ...kerasLayer('ELU', ['alpha']),
    tfNn('elu', { accepts: [], note: 'tf.nn.elu has no alpha: α is fixed at 1.' }),
    jaxNn('elu'),
    flax('elu'),
    tfjsOp('elu', { accepts: [], note: 'tf.elu has no alpha (α = 1).' }),
    tfjsLayer('elu', { accepts: [], note: 'tf.layers.elu({alpha}) rejects α ≠ 1.' }),
  ],
  properties: { range: '(−α, ∞)', monotonic: true, smooth: false, zeroCentred: false, saturates: 'x ≪ 0' },
  kinks: (p) => [{ x: 0, dy: p[0], note: 'elu′(0) = α (PyTorch takes the x ≤ 0 branch; f′ is continuous only for α = 1); f″(0) = 0' }],
  plotRange: [-5, 3],
  source: 'https://arxiv.org/abs/1511.07289',
  kernel: fixedKernel(
    kernelOf(
      (x, p) => (x > 0 ? x : p[0] * Math.expm1(x)),
      (x, p, out) => eluJet(x, 1, p[0], 1, out),
    ),
  ),
};

/**
 * SELU constants (Klambauer et al. 2017; PyTorch's SELU_ALPHA and SELU_SCALE): the doubles nearest to
 * α = 1.6732632423543772848170429916717 and λ = 1.0507009873554804934193349852946.
 */
export const SELU_ALPHA = 1.6732632423543772;
export const SELU_SCALE = 1.0507009873554805;
const SELU_NEGCOEF = SELU_ALPHA * SELU_SCALE; // the product as PyTorch forms it, α·λ

export const selu: ActivationInfo = {
  name: 'selu',
  title: 'SELU',
  summary: 'Scaled ELU λ·ELU_α(x) with constants chosen so activations self-normalise to zero mean and unit variance (with LeCun-normal init).',
  kind: 'elementwise',
  formula: {
    text: 'λ·x if x > 0, else λα·(e^x − 1); α ≈ 1.6732632423543772, λ ≈ 1.0507009873554805',
    latex: 'f(x) = \\lambda \\begin{cases} x & x > 0 \\\\ \\alpha (e^{x} - 1) & x \\le 0 \\end{cases}',
  },
  derivative: { text: 'λ if x > 0, else λα·e^x', latex: "f'(x) = \\lambda \\begin{cases} 1 & x > 0 \\\\ \\alpha e^{x} & x \\le 0 \\end{cases}" },
  params: [inplace],
  aliases: [
    torchFunctional('selu', { note: 'PyTorch evaluates λα(exp(x) − 1), which loses precision near 0; ActViz uses expm1.' }),
    torchModule('SELU', ['inplace']),
    torchOp('selu'),
    ...kerasActivation('selu', { note: 'Keras documents the constants rounded (1.67326324, 1.05070098); the code uses full precision.' }),
    kerasOp('selu'),
    tfNn('selu'),
    jaxNn('selu'),
    flax('selu'),
    tfjsOp('selu'),
  ],
  properties: { range: '(−λα, ∞) ≈ (−1.758, ∞)', monotonic: true, smooth: false, zeroCentred: false, saturates: 'x ≪ 0' },
  kinks: () => [{ x: 0, dy: SELU_NEGCOEF, note: 'selu′(0) = λα ≈ 1.7581 (PyTorch takes the x ≤ 0 branch, not λ); f″(0) = 0' }],
  plotRange: [-5, 3],
  source: 'https://arxiv.org/abs/1706.02515',
  kernel: fixedKernel(
    kernelOf(
      (x) => (x > 0 ? SELU_SCALE * x : SELU_NEGCOEF * Math.expm1(x)),
      (x, _p, out) => eluJet(x, SELU_SCALE, SELU_NEGCOEF, 1, out),
    ),
  ),
};

export const celu: ActivationInfo = {
  name: 'celu',
  title: 'CELU',
  summary: 'Continuously differentiable ELU: max(0, x) + min(0, α(e^{x/α} − 1)); unlike ELU its slope at 0 is 1 for every α.',
  kind: 'elementwise',
  formula: { text: 'max(0, x) + min(0, α·(e^(x/α) − 1))', latex: '\\max(0, x) + \\min\\!\\left(0, \\alpha\\,(e^{x/\\alpha} - 1)\\right)' },
  derivative: { text: '1 if x > 0, else e^(x/α)', latex: "f'(x) = \\begin{cases} 1 & x > 0 \\\\ e^{x/\\alpha} & x \\le 0 \\end{cases}" },
  params: [numberParam('alpha', 1, [0.1, 3], 0.05, 'value −α approached for x → −∞, and the scale of x'), inplace],
  aliases: [
    torchFunctional('celu', { note: 'PyTorch evaluates α(exp(x/α) − 1), which loses precision near 0; ActViz uses expm1.' }),
    torchFunctional('celu_'),
    torchModule('CELU', ['alpha', 'inplace']),
    torchOp('celu'),
    ...kerasActivation('celu'),
    kerasOp('celu'),
    jaxNn('celu'),
    flax('celu'),
  ],
  properties: { range: '(−α, ∞)', monotonic: true, smooth: false, zeroCentred: false, saturates: 'x ≪ 0' },
  kinks: () => [{ x: 0, dy: 1, note: 'celu′(0) = 1 for every α (PyTorch); f″(0) = 0 although f″ → 1/α from the left' }],
  plotRange: [-5, 3],
  source: 'https://arxiv.org/abs/1704.07483',
  kernel: fixedKernel(
    kernelOf(
      (x, p) => (x > 0 ? x : p[0] * Math.expm1(x * (1 / p[0]))),
      // PyTorch forms celu as elu(x, α, scale=1, input_scale=1/α)
      (x, p, out) => eluJet(x, 1, p[0], 1 / p[0], out),
    ),
  ),
};
