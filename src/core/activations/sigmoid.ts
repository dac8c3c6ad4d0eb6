/**
 * Squashing functions: sigmoid, logsigmoid, tanh, softsign and their piecewise-linear "hard" cousins.
 */
import type { ActivationInfo } from '../types';
import { logSigmoid, sech2, sigmoid as sigma, sigmoidDerivative } from '../numeric/special';
import {
  fixedKernel, flax, inplace, jaxNn, kernelOf, keras2, kerasActivation, kerasOp, numberParam, tfjsOp, tfjsString, tfNn,
  tfPath, torchFunctional, torchModule, torchOp,
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

export const logsigmoid: ActivationInfo = {
  name: 'logsigmoid',
  title: 'LogSigmoid',
  summary: 'log σ(x) = −softplus(−x), computed stably; the log-probability form of the sigmoid, used in binary losses.',
  kind: 'elementwise',
  formula: { text: 'log σ(x) = −log(1 + e^(−x))', latex: '\\log \\sigma(x) = -\\log(1 + e^{-x})' },
  derivative: { text: 'σ(−x) = 1 − σ(x)', latex: '\\sigma(-x)' },
  params: [],
  aliases: [
    torchFunctional('logsigmoid'),
    torchModule('LogSigmoid', []),
    ...kerasActivation('log_sigmoid'),
    kerasOp('log_sigmoid'),
    tfPath('math.log_sigmoid'),
    jaxNn('log_sigmoid'),
    flax('log_sigmoid'),
    tfjsOp('logSigmoid'),
  ],
  properties: { range: '(−∞, 0)', monotonic: true, smooth: true, zeroCentred: false, saturates: 'x ≫ 0' },
  kinks: () => [],
  plotRange: [-6, 6],
  source: 'https://pytorch.org/docs/stable/generated/torch.nn.LogSigmoid.html',
  kernel: fixedKernel(
    kernelOf(logSigmoid, (x, _p, out) => {
      // stable: min(x,0) − log1p(e^{−|x|}); f′ = σ(−x), f″ = −σ′(x)
      out[0] = logSigmoid(x);
      out[1] = sigma(-x);
      out[2] = -sigmoidDerivative(x);
    }),
  ),
};

export const softsign: ActivationInfo = {
  name: 'softsign',
  title: 'Softsign',
  summary: 'x/(1 + |x|): a sigmoid-shaped squashing to (−1, 1) with polynomial rather than exponential tails.',
  kind: 'elementwise',
  formula: { text: 'x / (1 + |x|)', latex: '\\frac{x}{1 + |x|}' },
  derivative: { text: '1 / (1 + |x|)²', latex: '\\frac{1}{(1 + |x|)^2}' },
  params: [],
  aliases: [
    torchFunctional('softsign'),
    torchModule('Softsign', []),
    ...kerasActivation('softsign'),
    kerasOp('softsign'),
    tfNn('softsign'),
    jaxNn('soft_sign', { note: 'JAX spells it soft_sign.' }),
    flax('soft_sign'),
  ],
  properties: { range: '(−1, 1)', monotonic: true, smooth: false, zeroCentred: true, saturates: 'both tails (slowly, like 1/x²)' },
  kinks: () => [],
  plotRange: [-6, 6],
  source: 'https://pytorch.org/docs/stable/generated/torch.nn.Softsign.html',
  kernel: fixedKernel(
    kernelOf(
      (x) => x / (1 + Math.abs(x)),
      (x, _p, out) => {
        const d = 1 + Math.abs(x);
        const d1 = 1 / (d * d);
        out[0] = x / d;
        out[1] = d1;
        // f′ has a kink at 0; PyTorch's double backward gives f″(0) = 0 (one-sided limits ∓2)
        out[2] = x > 0 ? (-2 * d1) / d : x < 0 ? (2 * d1) / d : 0;
      },
    ),
  ),
};

/**
 * clip(slope·x + ½, 0, 1) as (x + h)/(2h) with h = ½/slope, so PyTorch's (x + 3)/6 is reproduced to the last bit and
 * the value stays accurate next to −h. p[0] = slope.
 */
const hardsigmoidKernel = kernelOf(
  (x, p) => {
    const h = 0.5 / p[0];
    return x <= -h ? 0 : x >= h ? 1 : x !== x ? x : (x + h) / (2 * h);
  },
  (x, p, out) => {
    const h = 0.5 / p[0];
    const inside = x > -h && x < h;
    out[0] = x <= -h ? 0 : x >= h ? 1 : (x + h) / (2 * h);
    out[1] = inside ? p[0] : 0;
    out[2] = 0;
  },
);

export const hardsigmoid: ActivationInfo = {
  name: 'hardsigmoid',
  title: 'Hard sigmoid',
  summary: 'A piecewise-linear sigmoid clip(x/6 + ½, 0, 1) = relu6(x + 3)/6 (PyTorch, JAX, Keras 3); Keras 2 and TF.js use the steeper clip(0.2x + 0.5, 0, 1).',
  kind: 'elementwise',
  formula: { text: 'clip(x/6 + 1/2, 0, 1); Keras 2 / TF.js: clip(0.2x + 0.5, 0, 1)', latex: '\\operatorname{clip}\\!\\left(\\tfrac{x}{6} + \\tfrac{1}{2}, 0, 1\\right)' },
  derivative: { text: '1/6 on (−3, 3), else 0; Keras 2: 0.2 on (−2.5, 2.5)', latex: "f'(x) = \\tfrac{1}{6}\\,\\mathbb{1}[-3 < x < 3]" },
  params: [
    numberParam(
      'slope',
      1 / 6,
      [0.05, 1],
      0.01,
      'slope of the linear part: 1/6 (PyTorch, JAX, Keras 3) or 0.2 (Keras 2, TF.js); not an argument of PyTorch’s hardsigmoid',
    ),
    inplace,
  ],
  aliases: [
    torchFunctional('hardsigmoid', {
      accepts: ['inplace'],
      note: 'PyTorch 1.13 returns f′ = 1/6 rounded to float32 (0.1666666716337204) even for float64 input; ActViz uses the double 1/6.',
    }),
    torchModule('Hardsigmoid', ['inplace'], { accepts: ['inplace'] }),
    ...kerasActivation('hard_sigmoid', { accepts: [], note: 'Keras 3: x/6 + 1/2 clipped (Keras 2 and tf.keras ≤ 2.15 used 0.2x + 0.5).' }),
    kerasOp('hard_sigmoid', { accepts: [] }),
    keras2('tf.keras.backend.hard_sigmoid', {
      defaults: { slope: 0.2 },
      accepts: [],
      note: 'Keras 2 definition: clip(0.2x + 0.5, 0, 1) (keras/backend.py on the 2.x line; also keras.activations.hard_sigmoid in tf.keras ≤ 2.15).',
    }),
    jaxNn('hard_sigmoid', { accepts: [] }),
    flax('hard_sigmoid', { accepts: [] }),
    tfjsString('hardSigmoid', { defaults: { slope: 0.2 }, accepts: [], note: 'TF.js: clip(0.2x + 0.5, 0, 1), the Keras 2 definition.' }),
  ],
  properties: { range: '[0, 1]', monotonic: true, smooth: false, zeroCentred: false, saturates: 'x ≤ −3 and x ≥ 3 (±2.5 for slope 0.2)' },
  kinks: (p) => {
    const h = 0.5 / p[0];
    return [
      { x: -h, dy: 0, note: 'hardsigmoid′ = 0 at both ends of the linear part (PyTorch tests −3 < x < 3)' },
      { x: h, dy: 0, note: 'hardsigmoid′ = 0 at both ends of the linear part (PyTorch tests −3 < x < 3)' },
    ];
  },
  plotRange: [-5, 5],
  source: 'https://pytorch.org/docs/stable/generated/torch.nn.Hardsigmoid.html',
  kernel: fixedKernel(hardsigmoidKernel),
};

export const sparseSigmoid: ActivationInfo = {
  name: 'sparse_sigmoid',
  title: 'Sparse sigmoid',
  summary: 'clip((x + 1)/2, 0, 1): the derivative of sparse_plus, reaching exactly 0 and 1 (Keras 3, JAX).',
  kind: 'elementwise',
  formula: { text: '0 if x ≤ −1; (x + 1)/2 if −1 < x < 1; 1 if x ≥ 1', latex: '\\operatorname{clip}\\!\\left(\\tfrac{x + 1}{2}, 0, 1\\right)' },
  derivative: { text: '1/2 on (−1, 1), else 0', latex: "f'(x) = \\tfrac{1}{2}\\,\\mathbb{1}[-1 < x < 1]" },
  params: [],
  aliases: [...kerasActivation('sparse_sigmoid'), kerasOp('sparse_sigmoid'), jaxNn('sparse_sigmoid')],
  properties: { range: '[0, 1]', monotonic: true, smooth: false, zeroCentred: false, saturates: 'x ≤ −1 and x ≥ 1' },
  kinks: () => [
    { x: -1, dy: 0, note: 'f′(±1) = 0, the convention of PyTorch’s hardtanh and hardsigmoid (PyTorch has no sparse_sigmoid)' },
    { x: 1, dy: 0, note: 'f′(±1) = 0, the convention of PyTorch’s hardtanh and hardsigmoid (PyTorch has no sparse_sigmoid)' },
  ],
  plotRange: [-3, 3],
  source: 'https://arxiv.org/abs/2309.03495',
  kernel: fixedKernel(
    kernelOf(
      (x) => (x <= -1 ? 0 : x >= 1 ? 1 : x !== x ? x : 0.5 * (x + 1)),
      (x, _p, out) => {
        out[0] = x <= -1 ? 0 : x >= 1 ? 1 : 0.5 * (x + 1);
        out[1] = x > -1 && x < 1 ? 0.5 : 0;
        out[2] = 0;
      },
    ),
  ),
};

/** clamp(x, min_val, max_val); p = [min_val, max_val]. */
const hardtanhKernel = kernelOf(
  (x, p) => (x <= p[0] ? p[0] : x >= p[1] ? p[1] : x),
  (x, p, out) => {
    out[0] = x <= p[0] ? p[0] : x >= p[1] ? p[1] : x;
    out[1] = x > p[0] && x < p[1] ? 1 : 0;
    out[2] = 0;
  },
);

export const hardtanh: ActivationInfo = {
  name: 'hardtanh',
  title: 'Hardtanh',
  summary: 'Piecewise-linear tanh: clip(x, min_val, max_val), identity in between.',
  kind: 'elementwise',
  formula: { text: 'clip(x, min_val, max_val), defaults −1 and 1', latex: '\\operatorname{clip}(x, \\text{min\\_val}, \\text{max\\_val})' },
  derivative: { text: '1 if min_val < x < max_val, else 0', latex: "f'(x) = \\mathbb{1}[\\text{min\\_val} < x < \\text{max\\_val}]" },
  params: [
    numberParam('min_val', -1, [-5, 0], 0.1, 'lower clip value'),
    numberParam('max_val', 1, [0, 5], 0.1, 'upper clip value'),
    inplace,
  ],
  aliases: [
    torchFunctional('hardtanh'),
    torchFunctional('hardtanh_'),
    torchModule('Hardtanh', ['min_val', 'max_val', 'inplace']),
    ...kerasActivation('hard_tanh', { accepts: [] }),
    kerasOp('hard_tanh', { accepts: [] }),
    jaxNn('hard_tanh', { accepts: [] }),
    flax('hard_tanh', { accepts: [] }),
  ],
  properties: { range: '[min_val, max_val]', monotonic: true, smooth: false, zeroCentred: true, saturates: 'outside [min_val, max_val]' },
  kinks: (p) => [
    { x: p[0], dy: 0, note: 'hardtanh′ = 0 at and beyond both ends (PyTorch)' },
    { x: p[1], dy: 0, note: 'hardtanh′ = 0 at and beyond both ends (PyTorch)' },
  ],
  plotRange: [-3, 3],
  source: 'https://pytorch.org/docs/stable/generated/torch.nn.Hardtanh.html',
  kernel: fixedKernel(hardtanhKernel),
};

export const hardswish: ActivationInfo = {
  name: 'hardswish',
  title: 'Hardswish',
  summary: 'x·hardsigmoid(x): a cheap piecewise-quadratic SiLU from MobileNetV3 (Keras and JAX call it hard_silu / hard_swish).',
  kind: 'elementwise',
  formula: { text: '0 if x ≤ −3; x if x ≥ 3; x(x + 3)/6 between', latex: 'x \\cdot \\frac{\\operatorname{relu6}(x + 3)}{6}' },
  derivative: { text: '0 if x < −3; (2x + 3)/6 on [−3, 3]; 1 if x > 3', latex: "f'(x) = \\begin{cases} 0 & x < -3 \\\\ \\frac{2x + 3}{6} & -3 \\le x \\le 3 \\\\ 1 & x > 3 \\end{cases}" },
  params: [inplace],
  aliases: [
    torchFunctional('hardswish'),
    torchModule('Hardswish', ['inplace']),
    ...kerasActivation('hard_silu'),
    ...kerasActivation('hard_swish', { note: 'Keras alias of hard_silu.' }),
    kerasOp('hard_silu'),
    kerasOp('hard_swish'),
    jaxNn('hard_silu'),
    jaxNn('hard_swish'),
    flax('hard_silu'),
    flax('hard_swish'),
  ],
  properties: { range: '[−0.375, ∞)', monotonic: false, smooth: false, zeroCentred: false, saturates: 'x ≤ −3' },
  kinks: () => [
    { x: -3, dy: -0.5, note: 'hardswish′(−3) = −½ (PyTorch uses x/3 + ½ on the closed [−3, 3])' },
    {
      x: 3,
      dy: 1.5,
      note: 'hardswish′(3) = 1.5 in PyTorch’s scalar kernel (x/3 + ½ on the closed interval); its vectorised kernel gives 1 for the bulk of a contiguous tensor',
    },
  ],
  plotRange: [-5, 5],
  source: 'https://arxiv.org/abs/1905.02244',
  kernel: fixedKernel(
    kernelOf(
      (x) => (x <= -3 ? 0 : x >= 3 ? x : x !== x ? x : (x * (x + 3)) / 6),
      (x, _p, out) => {
        out[0] = x <= -3 ? 0 : x >= 3 ? x : (x * (x + 3)) / 6;
        out[1] = x < -3 ? 0 : x > 3 ? 1 : x / 3 + 0.5;
        out[2] = x > -3 && x < 3 ? 1 / 3 : 0;
      },
    ),
  ),
};
