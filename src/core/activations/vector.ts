/**
 * Vector-valued functions and losses: metadata only. The evaluator applies them to vectors; numeric/vector.ts has the
 * stable kernels (max-shifted softmax, Jacobians, sparsemax, cross-entropy).
 */
import type { ActivationInfo } from '../types';
import {
  flax, ignoredParam, jaxNn, kerasActivation, kerasLayer, kerasOp, noKinks, numberParam, tfjsLayer, tfjsOp, tfNn, tfPath,
  torchFunctional, torchModule, torchOp,
} from './define';

const dim = ignoredParam('dim', 'number', -1, 'axis of the softmax; ActViz vectors are 1-D, so every axis is the same one');

export const softmax: ActivationInfo = {
  name: 'softmax',
  title: 'Softmax',
  summary: 'Turns a vector of logits into probabilities e^{xᵢ}/Σⱼe^{xⱼ}; dividing by a temperature T sharpens (T < 1) or flattens (T > 1) it.',
  kind: 'vector',
  formula: { text: 'sᵢ = e^(xᵢ) / Σⱼ e^(xⱼ)', latex: 's_i = \\frac{e^{x_i}}{\\sum_j e^{x_j}}' },
  derivative: { text: '∂sᵢ/∂xⱼ = sᵢ(δᵢⱼ − sⱼ), i.e. diag(s) − s·sᵀ', latex: '\\frac{\\partial s_i}{\\partial x_j} = s_i(\\delta_{ij} - s_j)' },
  params: [dim],
  aliases: [
    torchFunctional('softmax', { note: 'dim=None is deprecated: PyTorch then picks dim 0 for 0-, 1- and 3-D input, else 1.' }),
    torchModule('Softmax', ['dim']),
    torchOp('softmax'),
    ...kerasActivation('softmax', { keywords: { axis: 'dim' } }),
    kerasOp('softmax', { keywords: { axis: 'dim' } }),
    ...kerasLayer('Softmax', ['dim'], { keywords: { axis: 'dim' } }),
    tfNn('softmax', { keywords: { axis: 'dim' } }),
    jaxNn('softmax', { keywords: { axis: 'dim' } }),
    flax('softmax', { keywords: { axis: 'dim' } }),
    tfjsOp('softmax', { note: 'tf.softmax(logits, dim = -1).' }),
    tfjsLayer('softmax', { defaults: { dim: 1 }, keywords: { axis: 'dim' }, note: 'TF.js layers.softmax uses DEFAULT_AXIS = 1, not −1.' }),
  ],
  properties: { range: '(0, 1), summing to 1', monotonic: true, smooth: true, zeroCentred: false, saturates: 'when one logit dominates' },
  kinks: noKinks,
  plotRange: [-5, 5],
  source: 'https://pytorch.org/docs/stable/generated/torch.nn.Softmax.html',
};

const axis = ignoredParam('axis', 'number', -1, 'axis to operate on; ActViz vectors are 1-D');
const axisKeywords = { keywords: { axis: 'dim' } };

export const logSoftmax: ActivationInfo = {
  name: 'log_softmax',
  title: 'LogSoftmax',
  summary: 'xᵢ − logsumexp(x): log-probabilities computed without ever forming softmax, so it never underflows to log 0 (pairs with NLLLoss).',
  kind: 'vector',
  formula: { text: 'xᵢ − log Σⱼ e^(xⱼ)', latex: 'x_i - \\log \\sum_j e^{x_j}' },
  derivative: { text: '∂/∂xⱼ = δᵢⱼ − sⱼ with s = softmax(x)', latex: '\\frac{\\partial}{\\partial x_j} = \\delta_{ij} - s_j' },
  params: [dim],
  aliases: [
    torchFunctional('log_softmax'),
    torchModule('LogSoftmax', ['dim']),
    torchOp('log_softmax'),
    torchOp('special.log_softmax'),
    ...kerasActivation('log_softmax', axisKeywords),
    kerasOp('log_softmax', axisKeywords),
    tfNn('log_softmax', axisKeywords),
    jaxNn('log_softmax', axisKeywords),
    flax('log_softmax', axisKeywords),
    tfjsOp('logSoftmax', { note: 'tf.logSoftmax(logits, axis = -1).' }),
  ],
  properties: { range: '(−∞, 0]', monotonic: true, smooth: true, zeroCentred: false, saturates: 'never for the largest entry' },
  kinks: noKinks,
  plotRange: [-5, 5],
  source: 'https://pytorch.org/docs/stable/generated/torch.nn.LogSoftmax.html',
};

export const softmin: ActivationInfo = {
  name: 'softmin',
  title: 'Softmin',
  summary: 'softmax(−x): probabilities that favour the smallest entries.',
  kind: 'vector',
  formula: { text: 'sᵢ = e^(−xᵢ) / Σⱼ e^(−xⱼ)', latex: 's_i = \\frac{e^{-x_i}}{\\sum_j e^{-x_j}}' },
  derivative: { text: '∂sᵢ/∂xⱼ = −sᵢ(δᵢⱼ − sⱼ)', latex: '\\frac{\\partial s_i}{\\partial x_j} = -s_i(\\delta_{ij} - s_j)' },
  params: [dim],
  aliases: [torchFunctional('softmin'), torchModule('Softmin', ['dim'])],
  properties: { range: '(0, 1), summing to 1', monotonic: false, smooth: true, zeroCentred: false, saturates: 'when one entry is much smaller' },
  kinks: noKinks,
  plotRange: [-5, 5],
  source: 'https://pytorch.org/docs/stable/generated/torch.nn.Softmin.html',
};

export const softmax2d: ActivationInfo = {
  name: 'softmax2d',
  title: 'Softmax2d',
  summary: 'Softmax over the channel dimension (−3) at every spatial location of an image tensor; on a 1-D vector it is softmax.',
  kind: 'vector',
  formula: { text: 'softmax over dim −3 (channels)', latex: 's_{c,h,w} = \\frac{e^{x_{c,h,w}}}{\\sum_{c\'} e^{x_{c\',h,w}}}' },
  derivative: { text: 'as softmax, per location', latex: '\\frac{\\partial s_i}{\\partial x_j} = s_i(\\delta_{ij} - s_j)' },
  params: [],
  aliases: [torchModule('Softmax2d', [])],
  properties: { range: '(0, 1), summing to 1 over channels', monotonic: true, smooth: true, zeroCentred: false, saturates: 'when one channel dominates' },
  kinks: noKinks,
  plotRange: [-5, 5],
  source: 'https://pytorch.org/docs/stable/generated/torch.nn.Softmax2d.html',
};

export const gumbelSoftmax: ActivationInfo = {
  name: 'gumbel_softmax',
  title: 'Gumbel-softmax',
  summary: 'A differentiable sample from a categorical distribution: softmax((x + g)/τ) with Gumbel noise g; τ → 0 approaches one-hot.',
  kind: 'vector',
  formula: { text: 'softmax((xᵢ + gᵢ)/τ), gᵢ ~ Gumbel(0, 1)', latex: 'y_i = \\frac{e^{(x_i + g_i)/\\tau}}{\\sum_j e^{(x_j + g_j)/\\tau}}' },
  derivative: { text: 'noise-free: (1/τ)·(diag(y) − y·yᵀ)', latex: '\\frac{\\partial y_i}{\\partial x_j} = \\tfrac{1}{\\tau} y_i(\\delta_{ij} - y_j)' },
  params: [
    numberParam('tau', 1, [0.05, 5], 0.05, 'temperature τ > 0'),
    { name: 'hard', kind: 'boolean', default: false, description: 'one-hot of the argmax in the forward pass, soft gradient (straight-through)' },
    ignoredParam('eps', 'number', 1e-10, 'deprecated and unused by PyTorch'),
    dim,
  ],
  aliases: [torchFunctional('gumbel_softmax')],
  properties: { range: '(0, 1), summing to 1', monotonic: true, smooth: true, zeroCentred: false, saturates: 'as τ → 0' },
  kinks: noKinks,
  plotRange: [-5, 5],
  source: 'https://arxiv.org/abs/1611.01144',
  deterministicNote:
    'Evaluated noise-free (g = 0): softmax(x/τ), or with hard=True the one-hot argmax whose gradient is the soft one. Each real call adds fresh Gumbel noise.',
};

export const sparsemax: ActivationInfo = {
  name: 'sparsemax',
  title: 'Sparsemax',
  summary: 'Euclidean projection of x onto the probability simplex, max(x − τ, 0): like softmax but with exact zeros.',
  kind: 'vector',
  formula: { text: 'max(xᵢ − τ(x), 0), τ chosen so the outputs sum to 1', latex: 'p_i = \\max(x_i - \\tau(x), 0), \\; \\sum_i p_i = 1' },
  derivative: { text: 'on the support S: δᵢⱼ − 1/|S| (for i, j ∈ S), else 0', latex: '\\frac{\\partial p_i}{\\partial x_j} = \\mathbb{1}_{i,j \\in S}\\left(\\delta_{ij} - \\tfrac{1}{|S|}\\right)' },
  params: [axis],
  aliases: [...kerasActivation('sparsemax'), kerasOp('sparsemax')],
  properties: { range: '[0, 1], summing to 1', monotonic: true, smooth: false, zeroCentred: false, saturates: 'outside the support (gradient exactly 0)' },
  kinks: noKinks,
  plotRange: [-3, 3],
  source: 'https://arxiv.org/abs/1602.02068',
};

export const logsumexp: ActivationInfo = {
  name: 'logsumexp',
  title: 'LogSumExp',
  summary: 'log Σ e^{xᵢ}, a smooth maximum computed with the max shift; its gradient is softmax.',
  kind: 'vector',
  formula: { text: 'log Σᵢ e^(xᵢ) = m + log Σᵢ e^(xᵢ − m), m = max x', latex: '\\log \\sum_i e^{x_i}' },
  derivative: { text: '∂/∂xᵢ = softmax(x)ᵢ', latex: '\\frac{\\partial}{\\partial x_i} = \\operatorname{softmax}(x)_i' },
  params: [ignoredParam('dim', 'number', -1, 'dimension to reduce (required in PyTorch); ActViz vectors are 1-D'), ignoredParam('keepdim', 'boolean', false, 'keep the reduced dimension')],
  aliases: [
    torchOp('logsumexp', { positional: ['dim', 'keepdim'] }),
    torchOp('special.logsumexp', { positional: ['dim', 'keepdim'] }),
    tfPath('math.reduce_logsumexp', { keywords: { axis: 'dim', keepdims: 'keepdim' } }),
    kerasOp('logsumexp', { keywords: { axis: 'dim', keepdims: 'keepdim' } }),
    jaxNn('logsumexp', { keywords: { axis: 'dim', keepdims: 'keepdim' } }),
    flax('logsumexp', { keywords: { axis: 'dim', keepdims: 'keepdim' } }),
    tfjsOp('logSumExp', { keywords: { axis: 'dim', keepDims: 'keepdim' } }),
  ],
  properties: { range: '[max x, max x + log n]', monotonic: true, smooth: true, zeroCentred: false, saturates: 'never' },
  kinks: noKinks,
  plotRange: [-5, 5],
  source: 'https://pytorch.org/docs/stable/generated/torch.logsumexp.html',
};

export const glu: ActivationInfo = {
  name: 'glu',
  title: 'GLU',
  summary: 'Gated linear unit: split the input in half, a and b, and return a ⊗ σ(b); the gate decides how much of a passes.',
  kind: 'vector',
  formula: { text: 'a ⊗ σ(b), with [a, b] the two halves of the input', latex: 'a \\otimes \\sigma(b)' },
  derivative: { text: '∂/∂a = σ(b); ∂/∂b = a·σ(b)·(1 − σ(b))', latex: '\\frac{\\partial}{\\partial a} = \\sigma(b), \\; \\frac{\\partial}{\\partial b} = a\\,\\sigma(b)(1 - \\sigma(b))' },
  params: [dim],
  aliases: [
    torchFunctional('glu'),
    torchModule('GLU', ['dim']),
    ...kerasActivation('glu', axisKeywords),
    kerasOp('glu', axisKeywords),
    jaxNn('glu', axisKeywords),
    flax('glu', axisKeywords),
  ],
  properties: { range: '(−∞, ∞)', monotonic: false, smooth: true, zeroCentred: false, saturates: 'when the gate b ≪ 0' },
  kinks: noKinks,
  plotRange: [-5, 5],
  source: 'https://arxiv.org/abs/1612.08083',
};

export const crelu: ActivationInfo = {
  name: 'crelu',
  title: 'CReLU',
  summary: 'Concatenated ReLU [relu(x), relu(−x)]: keeps both the positive and the negative part, doubling the width.',
  kind: 'vector',
  formula: { text: 'concat(relu(x), relu(−x))', latex: '\\left[\\operatorname{relu}(x), \\operatorname{relu}(-x)\\right]' },
  derivative: { text: 'first half 1[x > 0]; second half −1[x < 0]', latex: '\\left[\\mathbb{1}[x > 0], -\\mathbb{1}[x < 0]\\right]' },
  params: [axis],
  aliases: [tfNn('crelu', { note: 'tf.nn.crelu(features, axis=-1); PyTorch has it only as a documentation recipe.' })],
  properties: { range: '[0, ∞)²', monotonic: false, smooth: false, zeroCentred: false, saturates: 'one half for either sign' },
  kinks: noKinks,
  plotRange: [-4, 4],
  source: 'https://arxiv.org/abs/1603.05201',
};

export const crossEntropy: ActivationInfo = {
  name: 'cross_entropy',
  title: 'Cross-entropy (from logits)',
  summary: 'The softmax classification loss −log softmax(x)[target], computed from logits through log_softmax; optional label smoothing.',
  kind: 'loss',
  formula: {
    text: '−log softmax(x)[t] = logsumexp(x) − x_t; with smoothing ε: (1 − ε)·(−log p_t) + ε·mean_j(−log p_j)',
    latex: '\\ell(x, t) = -\\log \\frac{e^{x_t}}{\\sum_j e^{x_j}} = \\log \\sum_j e^{x_j} - x_t',
  },
  derivative: { text: '∂ℓ/∂xⱼ = softmax(x)ⱼ − q_j, q the (smoothed) one-hot target', latex: '\\frac{\\partial \\ell}{\\partial x_j} = s_j - q_j' },
  params: [
    numberParam('label_smoothing', 0, [0, 0.5], 0.01, 'mass ε spread uniformly over all classes'),
    ignoredParam('reduction', 'string', 'mean', 'batch reduction; a single example is its own mean'),
    ignoredParam('ignore_index', 'number', -100, 'target value that is skipped'),
  ],
  aliases: [
    torchFunctional('cross_entropy', {
      positional: [],
      note: 'F.cross_entropy(input, target) takes logits; Keras losses take probabilities unless from_logits=True, and TF spells it tf.nn.sparse_softmax_cross_entropy_with_logits(labels=…, logits=…).',
    }),
    torchModule('CrossEntropyLoss', [], { note: 'nn.CrossEntropyLoss()(input, target) takes logits.' }),
  ],
  properties: { range: '[0, ∞)', monotonic: false, smooth: true, zeroCentred: false, saturates: 'when the target logit dominates' },
  kinks: noKinks,
  plotRange: [-5, 5],
  source: 'https://pytorch.org/docs/stable/generated/torch.nn.CrossEntropyLoss.html',
};

export const bceWithLogits: ActivationInfo = {
  name: 'binary_cross_entropy_with_logits',
  title: 'Binary cross-entropy (from logits)',
  summary: 'The sigmoid classification loss −[t·log σ(x) + (1 − t)·log(1 − σ(x))], computed stably from the logit x.',
  kind: 'loss',
  formula: {
    text: '−[w·t·log σ(x) + (1 − t)·log σ(−x)] = w·t·softplus(−x) + (1 − t)·softplus(x), w = pos_weight',
    latex: '\\ell(x, t) = -\\left[w\\,t \\log \\sigma(x) + (1 - t) \\log(1 - \\sigma(x))\\right]',
  },
  derivative: { text: '∂ℓ/∂x = σ(x) − t for w = 1; in general (1 − t)·σ(x) − w·t·σ(−x)', latex: '\\frac{\\partial \\ell}{\\partial x} = \\sigma(x) - t \\;(w = 1)' },
  params: [
    numberParam('pos_weight', 1, [0.1, 10], 0.1, 'weight w of the positive term'),
    ignoredParam('reduction', 'string', 'mean', 'batch reduction; a single example is its own mean'),
  ],
  aliases: [
    torchFunctional('binary_cross_entropy_with_logits', {
      positional: [],
      note: 'F.binary_cross_entropy_with_logits(input, target): stable, unlike F.binary_cross_entropy(torch.sigmoid(x), target). TF: tf.nn.sigmoid_cross_entropy_with_logits(labels=…, logits=…).',
    }),
    torchModule('BCEWithLogitsLoss', [], { note: 'nn.BCEWithLogitsLoss(pos_weight=…)(input, target).' }),
  ],
  properties: { range: '[0, ∞)', monotonic: false, smooth: true, zeroCentred: false, saturates: 'when the logit is confidently right' },
  kinks: noKinks,
  plotRange: [-6, 6],
  source: 'https://pytorch.org/docs/stable/generated/torch.nn.BCEWithLogitsLoss.html',
};
