/**
 * The activation registry: every catalogue entry of functions.md §1, grouped by family. Hovers, completions, the
 * resolver and the docs read this one list. Conventions shared by all entries are documented in define.ts.
 */
import type { ActivationInfo } from '../types';
import { celu, elu, leakyRelu, prelu, relu, relu6, rrelu, selu } from './relu';
import { hardshrink, softshrink, tanhshrink, threshold } from './shrink';
import { hardsigmoid, hardswish, hardtanh, logsigmoid, sigmoid, softsign, sparseSigmoid, tanh } from './sigmoid';
import { exponential, gelu, identity, mish, silu, softplus, sparsePlus, squareplus } from './smooth';
import {
  bceWithLogits, crelu, crossEntropy, glu, gumbelSoftmax, logSoftmax, logsumexp, softmax, softmax2d, softmin, sparsemax,
} from './vector';

export const activations: readonly ActivationInfo[] = [
  // rectifiers
  relu, relu6, leakyRelu, prelu, rrelu, elu, selu, celu,
  // smooth rectifiers
  gelu, silu, mish, softplus, squareplus, sparsePlus,
  // squashing
  sigmoid, logsigmoid, hardsigmoid, sparseSigmoid, tanh, hardtanh, softsign, hardswish,
  // shrinkage and thresholding
  tanhshrink, softshrink, hardshrink, threshold,
  identity, exponential,
  // vector functions and losses
  crelu, glu, softmax, logSoftmax, softmin, softmax2d, gumbelSoftmax, sparsemax, logsumexp, crossEntropy, bceWithLogits,
];
