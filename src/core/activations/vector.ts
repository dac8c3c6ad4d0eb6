/**
 * Vector-valued functions and losses: metadata only (the evaluator implements them on vectors; see numeric/vector.ts).
 */
import type { ActivationInfo } from '../types';
import {
  flax, ignoredParam, jaxNn, kerasActivation, kerasLayer, kerasOp, tfjsLayer, tfjsOp, tfNn, torchFunctional, torchModule, torchOp,
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
    tfjsLayer('softmax', { keywords: { axis: 'dim' }, note: 'TF.js layers.softmax uses DEFAULT_AXIS = 1, not −1.' }),
  ],
  properties: { range: '(0, 1), summing to 1', monotonic: true, smooth: true, zeroCentred: false, saturates: 'when one logit dominates' },
  kinks: () => [],
  plotRange: [-5, 5],
  source: 'https://pytorch.org/docs/stable/generated/torch.nn.Softmax.html',
};
