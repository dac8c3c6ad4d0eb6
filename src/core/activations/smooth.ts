/**
 * Smooth rectifiers: gelu (exact and tanh forms), silu/swish, mish, softplus, squareplus, sparse_plus, and the trivial
 * identity and exponential.
 */
import type { ActivationInfo, ElementwiseKernel } from '../types';
import {
  erf, erfc, normalPdf, sech2, SQRT1_2, sigmoid, sigmoidDerivative, softplus as softplusStable,
} from '../numeric/special';
import {
  fixedKernel, flax, hfString, inplace, jaxNn, kernelOf, kerasActivation, kerasOp, numberParam, stringParam, tfjsOp,
  tfNn, tfPath, torchFunctional, torchModule,
} from './define';

/** Φ(x) without cancellation in either tail: 1+erf for x ≥ 0, erfc for x < 0 (PyTorch uses 1+erf everywhere). */
function normalCdfGelu(x: number): number {
  return x < 0 ? 0.5 * erfc(-x * SQRT1_2) : 0.5 * (1 + erf(x * SQRT1_2));
}

const geluExact = kernelOf(
  (x) => x * normalCdfGelu(x),
  (x, _p, out) => {
    const cdf = normalCdfGelu(x);
    const pdf = normalPdf(x);
    out[0] = x * cdf;
    out[1] = pdf === 0 ? cdf : cdf + x * pdf;
    out[2] = pdf === 0 ? 0 : pdf * (2 - x * x);
  },
);

const GELU_K = Math.sqrt(2 / Math.PI); // = PyTorch's kBeta = M_SQRT2 · M_2_SQRTPI · ½ in double
const GELU_KAPPA = 0.044715;

/** 2u = 2k(x + κx³), with x³ formed as PyTorch forms it (x·x·x). */
const geluTanhArgument = (x: number): number => 2 * GELU_K * (x + GELU_KAPPA * (x * x * x));

/**
 * tanh form ½x(1 + tanh u), u = k(x + 0.044715x³), evaluated as x·σ(2u) because 1 + tanh u = 2σ(2u) and σ(2u) does
 * not cancel for u ≪ 0 (PyTorch's 1 + tanh u returns −0 for x ≲ −7.15).
 */
const geluTanh = kernelOf(
  (x) => x * sigmoid(geluTanhArgument(x)),
  (x, _p, out) => {
    const x2 = x * x;
    const z = geluTanhArgument(x);
    const s = sigmoid(z);
    const s1 = sigmoidDerivative(z);
    out[0] = x * s;
    if (s1 === 0) {
      out[1] = s;
      out[2] = 0;
      return;
    }
    const dz = 2 * GELU_K * (1 + 3 * GELU_KAPPA * x2);
    const d2z = 12 * GELU_K * GELU_KAPPA * x;
    const s2 = -s1 * Math.tanh(0.5 * z); // σ″ = σ′(1 − 2σ)
    out[1] = s + x * s1 * dz;
    out[2] = 2 * s1 * dz + x * (s2 * dz * dz + s1 * d2z);
  },
);

const approximateValues = { approximate: { true: 'tanh', false: 'none', True: 'tanh', False: 'none' } } as const;

export const gelu: ActivationInfo = {
  name: 'gelu',
  title: 'GELU',
  summary: 'Gaussian error linear unit x·Φ(x): a smooth, slightly non-monotonic ReLU used in BERT and GPT; the tanh form is a cheaper approximation.',
  kind: 'elementwise',
  formula: {
    text: "x·Φ(x) = ½x·(1 + erf(x/√2)); approximate='tanh': ½x·(1 + tanh(√(2/π)·(x + 0.044715x³)))",
    latex: "x\\,\\Phi(x) = \\tfrac{1}{2}x\\left(1 + \\operatorname{erf}\\!\\left(\\tfrac{x}{\\sqrt{2}}\\right)\\right)",
  },
  derivative: {
    text: "Φ(x) + x·φ(x); tanh form: ½(1 + t) + ½x(1 − t²)·√(2/π)(1 + 3·0.044715x²), t = tanh(√(2/π)(x + 0.044715x³))",
    latex: "\\Phi(x) + x\\,\\varphi(x), \\quad \\varphi(x) = \\tfrac{1}{\\sqrt{2\\pi}}e^{-x^2/2}",
  },
  params: [stringParam('approximate', 'none', ['none', 'tanh'], "'none' for the exact erf form, 'tanh' for the tanh approximation")],
  aliases: [
    torchFunctional('gelu', { note: 'PyTorch forms 1 + erf(x/√2) (or 1 + tanh), which cancels for x ≪ 0 (−0 below −8.37); ActViz uses erfc there.' }),
    torchModule('GELU', ['approximate']),
    ...kerasActivation('gelu', { values: approximateValues, note: 'keras.activations.gelu(x, approximate=False): exact by default.' }),
    kerasOp('gelu', {
      defaults: { approximate: 'tanh' },
      values: approximateValues,
      note: 'keras.ops.gelu(x, approximate=True): the tanh form by default, unlike keras.activations.gelu.',
    }),
    tfNn('gelu', { values: approximateValues, note: 'tf.nn.gelu(features, approximate=False).' }),
    jaxNn('gelu', {
      defaults: { approximate: 'tanh' },
      values: approximateValues,
      note: 'jax.nn.gelu(x, approximate=True): the tanh form by default.',
    }),
    flax('gelu', { defaults: { approximate: 'tanh' }, values: approximateValues, note: 'Re-export of jax.nn.gelu (tanh form by default).' }),
    hfString('gelu_new', {
      defaults: { approximate: 'tanh' },
      accepts: [],
      note: 'Hugging Face NewGELUActivation: the tanh form (also the TF.js activation string gelu_new).',
    }),
    hfString('gelu_pytorch_tanh', { defaults: { approximate: 'tanh' }, accepts: [], note: "Hugging Face: F.gelu(x, approximate='tanh')." }),
    hfString('gelu_fast', { defaults: { approximate: 'tanh' }, accepts: [], note: 'Hugging Face FastGELUActivation: ½x(1 + tanh(0.7978845608x(1 + 0.044715x²))), the tanh form.' }),
    hfString('gelu_accurate', { defaults: { approximate: 'tanh' }, accepts: [], note: 'Hugging Face AccurateGELUActivation: the tanh form written with √(2/π).' }),
    hfString('gelu_python', { accepts: [], note: 'Hugging Face: the exact erf form in Python.' }),
  ],
  properties: { range: '[≈ −0.17, ∞)', monotonic: false, smooth: true, zeroCentred: false, saturates: 'x ≪ 0' },
  kinks: () => [],
  plotRange: [-4, 4],
  source: 'https://arxiv.org/abs/1606.08415',
  kernel: (options) => (options.approximate === 'tanh' || options.approximate === true ? geluTanh : geluExact),
};

/** x·σ(βx); p[0] = β. */
const siluKernel = kernelOf(
  (x, p) => x * sigmoid(p[0] * x),
  (x, p, out) => {
    const b = p[0];
    const z = b * x;
    const s = sigmoid(z);
    const s1 = sigmoidDerivative(z);
    out[0] = x * s;
    out[1] = s + z * s1;
    // d/dx [σ(z) + z σ′(z)] = β(2σ′ + z σ″), σ″ = −σ′ tanh(z/2)
    out[2] = s1 === 0 ? 0 : b * s1 * (2 - z * Math.tanh(0.5 * z));
  },
);

export const silu: ActivationInfo = {
  name: 'silu',
  title: 'SiLU / Swish',
  summary: 'Sigmoid-weighted linear unit x·σ(βx) (Swish): smooth, non-monotonic, self-gated; β = 1 is SiLU, β = 1.702 approximates GELU.',
  kind: 'elementwise',
  formula: { text: 'x·σ(βx), β = 1 in PyTorch', latex: 'x\\,\\sigma(\\beta x)' },
  derivative: { text: 'σ(βx) + βx·σ(βx)·(1 − σ(βx))', latex: '\\sigma(\\beta x) + \\beta x\\,\\sigma(\\beta x)(1 - \\sigma(\\beta x))' },
  params: [
    numberParam('beta', 1, [0, 5], 0.01, 'β of Swish x·σ(βx); not an argument of torch.nn.functional.silu (fixed at 1); tf.nn.swish(features, beta)'),
    inplace,
  ],
  aliases: [
    torchFunctional('silu', { accepts: ['inplace'] }),
    torchModule('SiLU', ['inplace'], { accepts: ['inplace'] }),
    ...kerasActivation('silu', { accepts: [] }),
    ...kerasActivation('swish', { accepts: [], note: 'Keras alias of silu (also the TF.js activation string swish and Hugging Face ACT2FN "swish").' }),
    kerasOp('silu', { accepts: [] }),
    tfNn('silu', { note: 'tf.nn.silu(features, beta=1.0) (beta since TF 2.8).' }),
    tfNn('swish', { note: 'tf.nn.swish = tf.nn.silu(features, beta=1.0).' }),
    jaxNn('silu', { accepts: [] }),
    jaxNn('swish', { accepts: [] }),
    flax('silu', { accepts: [] }),
    flax('swish', { accepts: [] }),
    hfString('quick_gelu', { defaults: { beta: 1.702 }, accepts: [], note: 'Hugging Face QuickGELUActivation: x·σ(1.702x), a SiLU with β = 1.702.' }),
  ],
  properties: { range: '[≈ −0.278, ∞) for β = 1', monotonic: false, smooth: true, zeroCentred: false, saturates: 'x ≪ 0' },
  kinks: () => [],
  plotRange: [-6, 6],
  source: 'https://arxiv.org/abs/1710.05941',
  kernel: fixedKernel(siluKernel),
};

/** σ(z) as PyTorch's softplus backward forms it, e/(e + 1) with e = eᶻ, so f′ at the threshold matches to the bit. */
function softplusSlope(z: number): number {
  const e = Math.exp(z);
  return e === Infinity ? 1 : e / (e + 1);
}

/**
 * PyTorch's softplus: x when βx > threshold, else log(1 + e^{βx})/β (stable form; PyTorch's log1p(exp(βx)) overflows for
 * a threshold above ≈ 709.78). p = [β, threshold].
 */
const softplusKernel: ElementwiseKernel = kernelOf(
  (x, p) => {
    const z = p[0] * x;
    return z > p[1] ? x : softplusStable(z) / p[0];
  },
  (x, p, out) => {
    const b = p[0];
    const z = b * x;
    if (z > p[1]) {
      out[0] = x;
      out[1] = 1;
      out[2] = 0;
      return;
    }
    out[0] = softplusStable(z) / b;
    out[1] = softplusSlope(z);
    // PyTorch's double backward uses βx < threshold, so f″ = 0 exactly at βx = threshold
    out[2] = z < p[1] ? b * sigmoidDerivative(z) : 0;
  },
);

export const softplus: ActivationInfo = {
  name: 'softplus',
  title: 'Softplus',
  summary: 'Smooth ReLU (1/β)·log(1 + e^{βx}); its derivative is the sigmoid. PyTorch switches to x above a threshold.',
  kind: 'elementwise',
  formula: {
    text: '(1/β)·log(1 + e^(βx)), or x when βx > threshold',
    latex: 'f(x) = \\begin{cases} \\tfrac{1}{\\beta}\\log(1 + e^{\\beta x}) & \\beta x \\le \\text{threshold} \\\\ x & \\beta x > \\text{threshold} \\end{cases}',
  },
  derivative: { text: 'σ(βx), or 1 when βx > threshold', latex: "f'(x) = \\sigma(\\beta x)" },
  params: [
    numberParam('beta', 1, [0.1, 10], 0.1, 'sharpness β (PyTorch only)'),
    numberParam('threshold', 20, [1, 50], 1, 'above βx > threshold the function returns x (PyTorch only)'),
  ],
  aliases: [
    torchFunctional('softplus'),
    torchModule('Softplus', ['beta', 'threshold']),
    ...kerasActivation('softplus', { accepts: [], note: 'No beta or threshold: log(1 + eˣ) everywhere (parameters are PyTorch only).' }),
    kerasOp('softplus', { accepts: [], note: 'No beta or threshold (parameters are PyTorch only).' }),
    tfNn('softplus', { accepts: [], note: 'No beta or threshold (parameters are PyTorch only).' }),
    tfPath('math.softplus', { accepts: [], note: 'No beta or threshold (parameters are PyTorch only).' }),
    jaxNn('softplus', { accepts: [], note: 'jax.nn.softplus = logaddexp(x, 0); no beta or threshold.' }),
    flax('softplus', { accepts: [], note: 'Re-export of jax.nn.softplus; no beta or threshold.' }),
    tfjsOp('softplus', { accepts: [], note: 'No beta or threshold (parameters are PyTorch only).' }),
  ],
  properties: { range: '(0, ∞)', monotonic: true, smooth: true, zeroCentred: false, saturates: 'x ≪ 0' },
  kinks: (p) => [
    {
      x: p[1] / p[0],
      dy: softplusSlope(p[1]),
      note: `at βx = threshold PyTorch gives f′ = σ(threshold) and f″ = 0, and f jumps by log1p(e^(−threshold))/β ≈ ${(Math.log1p(Math.exp(-p[1])) / p[0]).toPrecision(2)} to x above it`,
    },
  ],
  plotRange: [-6, 6],
  source: 'https://pytorch.org/docs/stable/generated/torch.nn.Softplus.html',
  kernel: fixedKernel(softplusKernel),
};

const mishKernel = kernelOf(
  (x) => x * Math.tanh(softplusStable(x)),
  (x, _p, out) => {
    const sp = softplusStable(x);
    const t = Math.tanh(sp);
    const q = sech2(sp); // 1 − t², without cancellation for x ≫ 0
    const s = sigmoid(x);
    out[0] = x * t;
    out[1] = t + x * s * q;
    // d/dx [t + x·σ·q] with t′ = σq and q′ = −2tσq
    out[2] = q * (2 * s + x * sigmoidDerivative(x) - 2 * x * t * s * s);
  },
);

export const mish: ActivationInfo = {
  name: 'mish',
  title: 'Mish',
  summary: 'x·tanh(softplus(x)): a smooth, non-monotonic self-gated activation similar to SiLU (YOLOv4).',
  kind: 'elementwise',
  formula: { text: 'x·tanh(softplus(x)) = x·tanh(log(1 + e^x))', latex: 'x \\tanh(\\operatorname{softplus}(x))' },
  derivative: {
    text: 'tanh(sp) + x·σ(x)·(1 − tanh²(sp)), sp = softplus(x)',
    latex: '\\tanh(s) + x\\,\\sigma(x)\\,(1 - \\tanh^2(s)), \\; s = \\operatorname{softplus}(x)',
  },
  params: [inplace],
  aliases: [
    torchFunctional('mish'),
    torchModule('Mish', ['inplace']),
    ...kerasActivation('mish', { note: 'Also the TF.js and Hugging Face activation string mish.' }),
    jaxNn('mish'),
  ],
  properties: { range: '[≈ −0.309, ∞)', monotonic: false, smooth: true, zeroCentred: false, saturates: 'x ≪ 0' },
  kinks: () => [],
  plotRange: [-6, 6],
  source: 'https://arxiv.org/abs/1908.08681',
  kernel: fixedKernel(mishKernel),
};

/**
 * (x + √(x² + b))/2, with x + √(x²+b) rewritten as b/(√(x²+b) − x) for x < 0 where the sum cancels; p[0] = b.
 */
function squareplusJet(x: number, b: number, out: Float64Array): void {
  const r = Math.abs(x) < 1e150 ? Math.sqrt(x * x + b) : Math.abs(x);
  if (x < 0) {
    const d = r - x;
    out[0] = (0.5 * b) / d;
    out[1] = (0.5 * b) / (r * d);
  } else {
    out[0] = 0.5 * (x + r);
    out[1] = 0.5 * (1 + x / r);
  }
  out[2] = (0.5 * b) / (r * r * r);
}

const squareplusScratch = new Float64Array(3);

export const squareplus: ActivationInfo = {
  name: 'squareplus',
  title: 'Squareplus',
  summary: '(x + √(x² + b))/2: a softplus-like smooth ReLU built from a square root only, no exp or log (Keras 3, JAX).',
  kind: 'elementwise',
  formula: { text: '(x + √(x² + b)) / 2, b = 4', latex: '\\frac{x + \\sqrt{x^2 + b}}{2}' },
  derivative: { text: '(1 + x/√(x² + b)) / 2', latex: '\\frac{1}{2}\\left(1 + \\frac{x}{\\sqrt{x^2 + b}}\\right)' },
  params: [numberParam('b', 4, [0.01, 16], 0.01, 'curvature near 0 (b = 0 is ReLU)')],
  aliases: [...kerasActivation('squareplus'), kerasOp('squareplus'), jaxNn('squareplus')],
  properties: { range: '(0, ∞)', monotonic: true, smooth: true, zeroCentred: false, saturates: 'x ≪ 0 (slowly, like 1/x²)' },
  kinks: () => [],
  plotRange: [-6, 6],
  source: 'https://arxiv.org/abs/2112.11687',
  kernel: fixedKernel(
    kernelOf(
      (x, p) => {
        squareplusJet(x, p[0], squareplusScratch);
        return squareplusScratch[0];
      },
      (x, p, out) => squareplusJet(x, p[0], out),
    ),
  ),
};

export const sparsePlus: ActivationInfo = {
  name: 'sparse_plus',
  title: 'Sparse plus',
  summary: 'A piecewise-quadratic softplus that is exactly 0 for x ≤ −1 and exactly x for x ≥ 1; its derivative is sparse_sigmoid.',
  kind: 'elementwise',
  formula: { text: '0 if x ≤ −1; (x + 1)²/4 if −1 < x < 1; x if x ≥ 1', latex: 'f(x) = \\begin{cases} 0 & x \\le -1 \\\\ \\frac{(x + 1)^2}{4} & |x| < 1 \\\\ x & x \\ge 1 \\end{cases}' },
  derivative: { text: 'sparse_sigmoid(x): 0, (x + 1)/2, 1', latex: "f'(x) = \\operatorname{clip}\\!\\left(\\tfrac{x + 1}{2}, 0, 1\\right)" },
  params: [],
  aliases: [...kerasActivation('sparse_plus'), kerasOp('sparse_plus'), jaxNn('sparse_plus')],
  properties: { range: '[0, ∞)', monotonic: true, smooth: false, zeroCentred: false, saturates: 'x ≤ −1' },
  kinks: () => [],
  plotRange: [-3, 3],
  source: 'https://arxiv.org/abs/2309.03495',
  kernel: fixedKernel(
    kernelOf(
      (x) => (x <= -1 ? 0 : x >= 1 ? x : x !== x ? x : 0.25 * (x + 1) * (x + 1)),
      (x, _p, out) => {
        // C¹: f″ jumps at ±1, where it takes the outer value 0
        if (x <= -1) {
          out[0] = out[1] = out[2] = 0;
        } else if (x >= 1) {
          out[0] = x;
          out[1] = 1;
          out[2] = 0;
        } else {
          out[0] = 0.25 * (x + 1) * (x + 1);
          out[1] = 0.5 * (x + 1);
          out[2] = 0.5;
        }
      },
    ),
  ),
};

export const identity: ActivationInfo = {
  name: 'identity',
  title: 'Identity (linear)',
  summary: 'f(x) = x: no activation, as in a final regression layer.',
  kind: 'elementwise',
  formula: { text: 'x', latex: 'x' },
  derivative: { text: '1', latex: '1' },
  params: [],
  aliases: [
    torchModule('Identity', [], { note: 'nn.Identity ignores its constructor arguments.' }),
    ...kerasActivation('linear', { note: 'Also the TF.js and Hugging Face activation string linear.' }),
    jaxNn('identity'),
  ],
  properties: { range: '(−∞, ∞)', monotonic: true, smooth: true, zeroCentred: true, saturates: 'never' },
  kinks: () => [],
  plotRange: [-4, 4],
  source: 'https://keras.io/api/layers/activations/',
  kernel: fixedKernel(
    kernelOf(
      (x) => x,
      (x, _p, out) => {
        out[0] = x;
        out[1] = 1;
        out[2] = 0;
      },
    ),
  ),
};

export const exponential: ActivationInfo = {
  name: 'exponential',
  title: 'Exponential',
  summary: 'f(x) = eˣ: positive outputs, e.g. for rates or scales; grows without bound.',
  kind: 'elementwise',
  formula: { text: 'e^x', latex: 'e^{x}' },
  derivative: { text: 'e^x', latex: 'e^{x}' },
  params: [],
  aliases: [...kerasActivation('exponential')],
  properties: { range: '(0, ∞)', monotonic: true, smooth: true, zeroCentred: false, saturates: 'x ≪ 0' },
  kinks: () => [],
  plotRange: [-4, 3],
  source: 'https://keras.io/api/layers/activations/',
  kernel: fixedKernel(
    kernelOf(Math.exp, (x, _p, out) => {
      const e = Math.exp(x);
      out[0] = out[1] = out[2] = e;
    }),
  ),
};
