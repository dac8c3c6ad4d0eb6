import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { catalogue, compile, ExpressionError } from '../../../src/core/index';
import type { Compiled } from '../../../src/core/index';
import { CORPUS } from '../../fixtures/expressions';

/**
 * Property: whatever the input, compile and evaluation either succeed or throw an ExpressionError, within time.
 * ≥ 100 000 inputs per run, split over random text, grammar-shaped expressions, mutations of valid ones and random
 * catalogue calls.
 */

const RUNS = {
  text: 25_000,
  grammar: 30_000,
  mutation: 30_000,
  calls: 20_000,
};

/** Milliseconds any single input may take (compile + a small evaluation); generous for a loaded machine, but a hang fails. */
const SLOW_MS = 2_000;

/** How many inputs compiled, per property: a generator that only ever produces errors would test little. */
let compiled = 0;

function exercise(src: string, params?: Record<string, number>, limit = SLOW_MS): void {
  const started = Date.now();
  let f: Compiled;
  try {
    f = compile(src, params === undefined ? undefined : { params });
    compiled++;
  } catch (e) {
    if (e instanceof ExpressionError) {
      assert.ok(e.span.start >= 0 && e.span.end >= e.span.start && e.span.end <= Math.max(src.length, 0) + 1, `span of ${JSON.stringify(src)}`);
      return;
    }
    throw new Error(`compile(${JSON.stringify(src)}) threw ${String(e)}`);
  }
  try {
    if (f.kind === 'function') {
      const r = f.sample({ from: -3, to: 3, points: 7, order: 2 });
      assert.equal(r.y.length, 7);
      f.at([0, NaN, Infinity, -1e300], 1, { T: 0.5 });
      f.kinks();
    } else {
      const v = f.vector({ T: 2 });
      assert.ok(v.values.length >= 0);
      if (v.isScalar) f.sample({ from: 0, to: 1, points: 2, order: 1 });
    }
  } catch (e) {
    if (!(e instanceof ExpressionError)) throw new Error(`evaluating ${JSON.stringify(src)} threw ${String(e)}`);
  }
  const took = Date.now() - started;
  assert.ok(took < limit, `${JSON.stringify(src.slice(0, 60))} took ${took} ms`);
}

const NAMES = [
  'x', 'T', 'pi', 'e', 'inf', 'nan', 'True', 'False', 'y', 'constructor', '__proto__', 'toString', 'F', 'nn', 'torch', 'tf', 'jax',
  ...catalogue.slice(0, 40).map((a) => a.name), 'exp', 'log', 'sqrt', 'abs', 'max', 'min', 'clamp', 'where', 'sum', 'softmax',
  'cross_entropy', 'F.gelu', 'nn.LeakyReLU', 'tf.nn.leaky_relu', 'jax.nn.gelu',
];

const atom = fc.oneof(
  fc.constantFrom(...NAMES),
  fc.double({ noNaN: true, min: -1e6, max: 1e6 }).map((d) => String(d)),
  fc.integer({ min: -5, max: 5 }).map(String),
  fc.constantFrom("'tanh'", '"none"', "'fast'", '1e309', '.5', '0'),
);

const expression = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '**', '^', '<', '<=', '==', '!=', '>'), tie('expr')).map(([a, op, b]) => `${a} ${op} ${b}`),
    tie('expr').map((a) => `(${a})`),
    tie('expr').map((a) => `-${a}`),
    fc.tuple(fc.constantFrom(...NAMES), fc.array(tie('expr'), { maxLength: 4 })).map(([f, args]) => `${f}(${args.join(', ')})`),
    fc.tuple(fc.constantFrom(...NAMES), tie('expr'), fc.constantFrom('negative_slope', 'approximate', 'beta', 'dim', 'tau', 'hard', 'min', 'max', 'slope'), tie('expr'))
      .map(([f, a, k, v]) => `${f}(${a}, ${k}=${v})`),
    fc.array(tie('expr'), { maxLength: 5 }).map((items) => `[${items.join(', ')}]`),
    fc.tuple(tie('expr'), fc.integer({ min: -4, max: 4 })).map(([v, i]) => `${v}[${i}]`),
    fc.tuple(fc.constantFrom('nn.LeakyReLU', 'nn.GELU', 'nn.Softmax', 'keras.layers.LeakyReLU', 'F.relu'), fc.array(tie('expr'), { maxLength: 2 }), tie('expr'))
      .map(([m, args, a]) => `${m}(${args.join(', ')})(${a})`),
  ),
})).expr;

const ALPHABET = [...'x0123456789.eE+-*/^()[],=<>!\'" _abcdgilmnoprstuFTxyz\t\n', '**', '\u2212', '\u00e9', '\ud83d\ude00', '\u0000'];

/** Insert, delete, replace or duplicate a slice of a valid expression. */
const mutated = fc
  .tuple(fc.constantFrom(...CORPUS), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 4 }), fc.constantFrom(...ALPHABET), fc.nat({ max: 3 })), { minLength: 1, maxLength: 2 }))
  .map(([src, edits]) => {
    let s = src;
    for (const [pos, len, text, kind] of edits) {
      const at = s.length === 0 ? 0 : pos % (s.length + 1);
      if (kind === 0) s = s.slice(0, at) + text + s.slice(at);
      else if (kind === 1) s = s.slice(0, at) + s.slice(at + len);
      else if (kind === 2) s = s.slice(0, at) + text + s.slice(at + len);
      else s = s.slice(0, at) + s.slice(at, at + len) + s.slice(at);
    }
    return s;
  });

/** A catalogue call with mostly sensible (sometimes wrong) arguments, in function or module form. */
const catalogueCall = fc
  .tuple(
    fc.constantFrom(...catalogue),
    fc.constantFrom('function', 'alias', 'module'),
    fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom('0.5', '2', '-1', '0', '0.1', 'T') }, fc.constantFrom('x', 'True', "'tanh'", '[1, 2]', '1e309')), { maxLength: 2 }),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('0.5', '2', "'none'", "'tanh'", 'True', 'x', 'T', '-3')), { maxLength: 2 }),
    fc.nat(),
    fc.boolean(),
  )
  .map(([entry, form, args, kws, pick, bogus]) => {
    const names = entry.params.map((p) => p.name);
    const keywords = [...new Map(kws.map(([k, v]): [string, string] => [bogus && k % 7 === 0 ? 'bogus' : names[k % Math.max(1, names.length)] ?? 'bogus', v])).entries()]
      .map(([k, v]) => `${k}=${v}`);
    const elementwise = entry.kind === 'elementwise';
    const loss = entry.name === 'cross_entropy' ? ['[x, 1, -1]', '0'] : entry.name.startsWith('binary_cross') ? ['x', '0.3'] : undefined;
    const inputs = loss ?? [elementwise ? 'x' : entry.name === 'glu' ? '[x, 1, 2, x]' : '[x, 1, 2]'];
    const suffix = elementwise || loss !== undefined || entry.name === 'logsumexp' ? '' : '[0]';
    const list = [...args, ...keywords].join(', ');
    const aliases = entry.aliases.filter((a) => (form === 'module') === (a.kind === 'module') && a.kind !== 'string');
    const alias = form === 'function' || aliases.length === 0 ? undefined : aliases[pick % aliases.length];
    if (alias?.kind === 'module') return `${alias.name}(${list})(${inputs.join(', ')})${suffix}`;
    return `${alias?.name ?? entry.name}(${[...inputs, list].filter((a) => a !== '').join(', ')})${suffix}`;
  });

describe('core: fuzzing (only ExpressionError ever escapes, no hang)', function () {
  this.timeout(120_000);

  beforeEach(() => {
    compiled = 0;
  });

  it(`survives ${RUNS.text} random strings over the language's alphabet and beyond`, () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 40 }), fc.string({ maxLength: 30 })), (src) => exercise(src, { T: 1 })),
      { numRuns: RUNS.text },
    );
  });

  it(`survives ${RUNS.grammar} grammar-shaped expressions`, () => {
    fc.assert(fc.property(expression, (src) => exercise(src, { T: 1.5 })), { numRuns: RUNS.grammar });
    assert.ok(compiled > RUNS.grammar * 0.1, `only ${compiled} of ${RUNS.grammar} compiled`);
  });

  it(`survives ${RUNS.mutation} mutations of valid expressions`, () => {
    fc.assert(fc.property(mutated, (src) => exercise(src)), { numRuns: RUNS.mutation });
    assert.ok(compiled > RUNS.mutation * 0.1, `only ${compiled} of ${RUNS.mutation} compiled`);
  });

  it(`survives ${RUNS.calls} random catalogue calls in every form`, () => {
    fc.assert(fc.property(catalogueCall, (src) => exercise(src, { T: 0.7 })), { numRuns: RUNS.calls });
    assert.ok(compiled > RUNS.calls * 0.15, `only ${compiled} of ${RUNS.calls} compiled`);
  });

  it('survives the pathological shapes at the size limits quickly', () => {
    const shapes = [
      'x' + '+x'.repeat(4_999), 'x' + '*x'.repeat(4_999), 'sum([' + 'x,'.repeat(4_990) + 'x])', 'softmax([' + 'x,'.repeat(2_000) + 'x])[0]',
      'x' + '[0]'.repeat(3_000), 'max([' + '1,'.repeat(4_990) + '1])', '('.repeat(256) + 'x' + ')'.repeat(256), '-'.repeat(256) + 'x',
      'nn.ReLU()'.repeat(1) + '(x)'.repeat(1_000), 'x' + '**2'.repeat(250), 'logsumexp([' + 'x*x,'.repeat(1_500) + 'x])',
    ];
    for (const src of shapes) {
      exercise(src.slice(0, 10_000), undefined, 5_000);
    }
    assert.ok(compiled >= 9, `${compiled} of ${shapes.length} shapes compiled`);
  });
});
