/**
 * Shrinkage and thresholding: tanhshrink, softshrink, hardshrink, threshold. Their kinks follow PyTorch: the
 * backward tests −λ ≤ x ≤ λ (shrinks) and x > threshold, so f′ = 0 exactly at the break points.
 */
import type { ActivationInfo } from '../types';
import { sech2, tanhShrink } from '../numeric/special';
import { fixedKernel, inplace, kernelOf, kerasActivation, kerasOp, numberParam, tfjsLayer, torchFunctional, torchModule } from './define';

export const tanhshrink: ActivationInfo = {
  name: 'tanhshrink',
  title: 'Tanhshrink',
  summary: 'x − tanh(x): nearly 0 around the origin (≈ x³/3) and linear with offset ∓1 in the tails.',
  kind: 'elementwise',
  formula: { text: 'x − tanh(x)', latex: 'x - \\tanh(x)' },
  derivative: { text: 'tanh²(x)', latex: '\\tanh^2(x)' },
  params: [],
  aliases: [
    torchFunctional('tanhshrink', { note: 'PyTorch computes x − tanh x, 0 for |x| < 1.7e−8; ActViz uses the series x³/3 − … below 0.1.' }),
    torchModule('Tanhshrink', []),
    ...kerasActivation('tanh_shrink'),
    kerasOp('tanh_shrink'),
  ],
  properties: { range: '(−∞, ∞)', monotonic: true, smooth: true, zeroCentred: true, saturates: 'near 0 (f′ = tanh² x)' },
  kinks: () => [],
  plotRange: [-4, 4],
  source: 'https://pytorch.org/docs/stable/generated/torch.nn.Tanhshrink.html',
  kernel: fixedKernel(
    kernelOf(tanhShrink, (x, _p, out) => {
      const t = Math.tanh(x);
      out[0] = tanhShrink(x); // series near 0, where x − tanh x cancels (PyTorch returns 0 for |x| < 1.7e−8)
      out[1] = t * t;
      out[2] = 2 * t * sech2(x);
    }),
  ),
};

const lambd = numberParam('lambd', 0.5, [0, 3], 0.05, 'half-width λ of the zeroed band [−λ, λ]');
const shrinkKeywords = { keywords: { threshold: 'lambd' } };

export const softshrink: ActivationInfo = {
  name: 'softshrink',
  title: 'Softshrink',
  summary: 'Soft thresholding: 0 on [−λ, λ], and x shifted towards 0 by λ outside (the proximal operator of λ|x|).',
  kind: 'elementwise',
  formula: { text: 'x − λ if x > λ; x + λ if x < −λ; else 0', latex: 'f(x) = \\begin{cases} x - \\lambda & x > \\lambda \\\\ x + \\lambda & x < -\\lambda \\\\ 0 & \\text{otherwise} \\end{cases}' },
  derivative: { text: '1 if |x| > λ, else 0', latex: "f'(x) = \\mathbb{1}[|x| > \\lambda]" },
  params: [lambd],
  aliases: [
    torchFunctional('softshrink'),
    torchModule('Softshrink', ['lambd']),
    ...kerasActivation('soft_shrink', shrinkKeywords),
    kerasOp('soft_shrink', shrinkKeywords),
  ],
  properties: { range: '(−∞, ∞)', monotonic: true, smooth: false, zeroCentred: true, saturates: 'on [−λ, λ] (gradient exactly 0)' },
  kinks: (p) => [
    { x: -p[0], dy: 0, note: 'softshrink′(±λ) = 0 (PyTorch tests −λ ≤ x ≤ λ)' },
    { x: p[0], dy: 0, note: 'softshrink′(±λ) = 0 (PyTorch tests −λ ≤ x ≤ λ)' },
  ],
  plotRange: [-3, 3],
  source: 'https://pytorch.org/docs/stable/generated/torch.nn.Softshrink.html',
  kernel: fixedKernel(
    kernelOf(
      (x, p) => (x > p[0] ? x - p[0] : x < -p[0] ? x + p[0] : x !== x ? x : 0),
      (x, p, out) => {
        const l = p[0];
        out[0] = x > l ? x - l : x < -l ? x + l : 0;
        out[1] = x >= -l && x <= l ? 0 : 1;
        out[2] = 0;
      },
    ),
  ),
};

export const hardshrink: ActivationInfo = {
  name: 'hardshrink',
  title: 'Hardshrink',
  summary: 'Hard thresholding: x where |x| > λ, 0 on [−λ, λ].',
  kind: 'elementwise',
  formula: { text: 'x if |x| > λ, else 0', latex: 'f(x) = \\begin{cases} x & |x| > \\lambda \\\\ 0 & \\text{otherwise} \\end{cases}' },
  derivative: { text: '1 if |x| > λ, else 0', latex: "f'(x) = \\mathbb{1}[|x| > \\lambda]" },
  params: [lambd],
  aliases: [
    torchFunctional('hardshrink'),
    torchModule('Hardshrink', ['lambd']),
    ...kerasActivation('hard_shrink', shrinkKeywords),
    kerasOp('hard_shrink', shrinkKeywords),
  ],
  properties: { range: '(−∞, −λ) ∪ {0} ∪ (λ, ∞)', monotonic: true, smooth: false, zeroCentred: true, saturates: 'on [−λ, λ] (gradient exactly 0)' },
  kinks: (p) => [
    { x: -p[0], dy: 0, note: 'hardshrink jumps at ±λ; PyTorch gives f(±λ) = 0 and f′(±λ) = 0' },
    { x: p[0], dy: 0, note: 'hardshrink jumps at ±λ; PyTorch gives f(±λ) = 0 and f′(±λ) = 0' },
  ],
  plotRange: [-3, 3],
  source: 'https://pytorch.org/docs/stable/generated/torch.nn.Hardshrink.html',
  kernel: fixedKernel(
    kernelOf(
      (x, p) => (x >= -p[0] && x <= p[0] ? 0 : x),
      (x, p, out) => {
        const zero = x >= -p[0] && x <= p[0];
        out[0] = zero ? 0 : x;
        out[1] = zero ? 0 : 1;
        out[2] = 0;
      },
    ),
  ),
};

export const threshold: ActivationInfo = {
  name: 'threshold',
  title: 'Threshold',
  summary: 'x above a threshold, a constant value at and below it; with value 0 it is a thresholded ReLU.',
  kind: 'elementwise',
  formula: { text: 'x if x > threshold, else value', latex: 'f(x) = \\begin{cases} x & x > \\text{threshold} \\\\ \\text{value} & \\text{otherwise} \\end{cases}' },
  derivative: { text: '1 if x > threshold, else 0', latex: "f'(x) = \\mathbb{1}[x > \\text{threshold}]" },
  params: [
    // PyTorch's nn.Threshold(threshold, value) has no defaults; these are TF.js thresholdedReLU's (theta = 1, value 0)
    numberParam('threshold', 1, [-3, 3], 0.05, 'x at and below this is replaced (required in PyTorch; slider default 1 as TF.js thresholdedReLU)'),
    numberParam('value', 0, [-3, 3], 0.05, 'replacement at and below the threshold (required in PyTorch; slider default 0)'),
    inplace,
  ],
  aliases: [
    torchFunctional('threshold', { positional: ['threshold', 'value', 'inplace'] }),
    torchFunctional('threshold_', { positional: ['threshold', 'value'] }),
    torchModule('Threshold', ['threshold', 'value', 'inplace']),
    ...kerasActivation('threshold', { keywords: { default_value: 'value' }, note: 'keras threshold(x, threshold, default_value).' }),
    kerasOp('threshold', { keywords: { default_value: 'value' } }),
    tfjsLayer('thresholdedReLU', {
      defaults: { threshold: 1, value: 0 },
      keywords: { theta: 'threshold' },
      accepts: ['threshold'],
      note: 'tf.layers.thresholdedReLU({theta: 1}): value fixed at 0.',
    }),
  ],
  properties: { range: '{value} ∪ (threshold, ∞)', monotonic: false, smooth: false, zeroCentred: false, saturates: 'x ≤ threshold (gradient exactly 0)' },
  kinks: (p) => [{ x: p[0], dy: 0, note: 'f(threshold) = value and f′(threshold) = 0 (PyTorch tests x > threshold); f jumps unless value = threshold' }],
  plotRange: [-3, 4],
  source: 'https://pytorch.org/docs/stable/generated/torch.nn.Threshold.html',
  kernel: fixedKernel(
    kernelOf(
      (x, p) => (x > p[0] ? x : x !== x ? x : p[1]),
      (x, p, out) => {
        const pass = x > p[0];
        out[0] = pass ? x : p[1];
        out[1] = pass ? 1 : 0;
        out[2] = 0;
      },
    ),
  ),
};
