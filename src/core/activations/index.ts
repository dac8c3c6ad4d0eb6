/**
 * The activation registry: every catalogue entry of functions.md §1, in display order. Hovers, completions, the
 * resolver and the docs read this one list.
 */
import type { ActivationInfo } from '../types';
import { leakyRelu, relu } from './relu';
import { sigmoid, tanh } from './sigmoid';
import { gelu, silu, softplus } from './smooth';
import { softmax } from './vector';

export const activations: readonly ActivationInfo[] = [relu, leakyRelu, sigmoid, tanh, gelu, silu, softplus, softmax];
