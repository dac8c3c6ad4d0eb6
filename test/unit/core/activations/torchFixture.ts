/**
 * Reads test/fixtures/torch.json, written by scripts/torch_fixtures.py (`npm run fixtures`), and decodes its number
 * encoding ("NaN", "Infinity", "-Infinity" strings; null = not available). Shared by the catalogue and numeric tests;
 * the engine tests may use the vector and loss sections the same way.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ActivationInfo } from '../../../../src/core/types';

/** A number as stored in the fixture. */
export type Encoded = number | string | null;

export interface ElementwiseFixture {
  readonly name: string;
  readonly label: string;
  readonly params: Readonly<Record<string, number>>;
  readonly options: Readonly<Record<string, string>>;
  /** The PyTorch expression that produced the values. */
  readonly torch: string;
  /** True when PyTorch lacks the function and the values come from a composite of PyTorch ops. */
  readonly composite: boolean;
  readonly kinks: readonly number[];
  readonly x: readonly Encoded[];
  readonly f: readonly Encoded[];
  readonly d1: readonly Encoded[];
  readonly d2: readonly Encoded[];
  /** High-precision mpmath values (f, f′, f″) for the smooth families. */
  readonly ref?: { readonly f: readonly Encoded[]; readonly d1: readonly Encoded[]; readonly d2: readonly Encoded[] };
  /** First error message PyTorch raised per derivative order ({ d2: 'derivative for … is not implemented' }). */
  readonly errors?: Readonly<Record<string, string>>;
}

export interface VectorFixture {
  readonly fn: string;
  readonly input: readonly Encoded[];
  readonly value: readonly Encoded[];
  /** Rows ∂value[i]/∂input[j]; null for non-finite inputs. */
  readonly jacobian: readonly (readonly Encoded[])[] | null;
  /** glu only: the Jacobian from mpmath (PyTorch's σ(1 − σ) cancels for large gates). */
  readonly ref_jacobian?: readonly (readonly Encoded[])[];
}

export interface CrossEntropyFixture {
  readonly logits: readonly Encoded[];
  readonly target: number;
  readonly params: { readonly label_smoothing: number };
  readonly value: Encoded;
  readonly grad: readonly Encoded[];
}

export interface BceFixture {
  readonly x: Encoded;
  readonly target: number;
  readonly params: { readonly pos_weight: number };
  readonly value: Encoded;
  readonly d1: Encoded;
  readonly d2: Encoded;
  /** mpmath [value, d/dx, d²/dx²] (PyTorch 1.13 forms log(e^{−m} + e^{−x−m}) without log1p). */
  readonly ref: readonly Encoded[];
}

export interface TorchFixtures {
  readonly meta: Readonly<Record<string, string>>;
  readonly elementwise: readonly ElementwiseFixture[];
  readonly vector: readonly VectorFixture[];
  readonly loss: {
    readonly cross_entropy: readonly CrossEntropyFixture[];
    readonly binary_cross_entropy_with_logits: readonly BceFixture[];
  };
  readonly special: { readonly x: readonly Encoded[]; readonly erf: readonly Encoded[]; readonly erfc: readonly Encoded[] };
}

let cached: TorchFixtures | undefined;

/** The fixture file, found by walking up from this file (works from test/ and from the compiled out/test/). */
export function loadTorchFixtures(): TorchFixtures {
  if (cached) return cached;
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'test', 'fixtures', 'torch.json');
    if (fs.existsSync(candidate)) {
      cached = JSON.parse(fs.readFileSync(candidate, 'utf8')) as TorchFixtures;
      return cached;
    }
    dir = path.dirname(dir);
  }
  throw new Error('test/fixtures/torch.json not found: run `npm run fixtures`');
}

/** The fixture number as a JS number; null stays null. */
export function decode(v: Encoded): number | null {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  throw new Error(`bad fixture number ${JSON.stringify(v)}`);
}

export function decodeAll(values: readonly Encoded[]): (number | null)[] {
  return values.map(decode);
}

/** The kernel's `p`: the entry's non-ignored number parameters in order, from `params` or the defaults. */
export function numericParams(info: ActivationInfo, params: Readonly<Record<string, number>> = {}): number[] {
  return info.params
    .filter((spec) => spec.kind === 'number' && !spec.ignored)
    .map((spec) => (Object.hasOwn(params, spec.name) ? params[spec.name] : (spec.default as number)));
}

/**
 * |actual − expected| ≤ rel·|expected| + abs; non-finite expectations must match exactly (NaN with NaN, ±∞ with the
 * same ∞), so an infinite expectation never passes through an infinite tolerance.
 */
export function isClose(actual: number, expected: number, rel: number, abs: number): boolean {
  if (!Number.isFinite(expected)) return Object.is(actual, expected) || (Number.isNaN(actual) && Number.isNaN(expected));
  if (!Number.isFinite(actual)) return false;
  return Math.abs(actual - expected) <= rel * Math.abs(expected) + abs;
}

/** Relative error, 0 when both are equal (including ±0 and equal infinities), ∞ when only one is finite. */
export function relativeError(actual: number, expected: number): number {
  if (actual === expected || (Number.isNaN(actual) && Number.isNaN(expected))) return 0;
  if (!Number.isFinite(actual) || !Number.isFinite(expected)) return Infinity;
  return Math.abs(actual - expected) / Math.abs(expected);
}
