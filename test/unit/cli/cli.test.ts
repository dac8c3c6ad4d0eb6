import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { catalogue, compile } from '../../../src/core/index';
import { parseSvg } from './parseSvg';

// The contract is about the bundled file users run, so these tests spawn dist/cli.js (rebuilt here if stale).
const root = path.resolve(__dirname, '../../../..');
const cli = path.join(root, 'dist', 'cli.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function ensureBuilt(): void {
  const sources = Math.max(
    statSync(path.join(root, 'src', 'cli.ts')).mtimeMs,
    newestMtime(path.join(root, 'src', 'cli')),
    newestMtime(path.join(root, 'src', 'core')),
  );
  let built = 0;
  try {
    built = statSync(cli).mtimeMs;
  } catch {
    built = 0;
  }
  if (built >= sources) return;
  const result = spawnSync(process.execPath, ['esbuild.js'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  const after = statSync(cli).mtimeMs;
  assert.ok(after >= sources, `node esbuild.js did not rebuild dist/cli.js:\n${result.stderr}`);
}

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(...args: string[]): Run {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 30_000, maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function runJson(...args: string[]): Record<string, unknown> {
  const r = run(...args);
  assert.equal(r.status, 0, `exit 0 for ${args.join(' ')}; stderr: ${r.stderr}`);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout.split('\n').length, 2, 'one line of JSON and a newline');
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** JSON values back to numbers: the strings "NaN", "Infinity", "-Infinity" are the only non-numbers allowed. */
function decode(values: unknown): number[] {
  assert.ok(Array.isArray(values));
  return values.map((v) => {
    if (typeof v === 'number') return v;
    assert.ok(v === 'NaN' || v === 'Infinity' || v === '-Infinity', `unexpected value ${JSON.stringify(v)}`);
    return Number(v);
  });
}

function assertClose(actual: readonly number[], expected: readonly number[], tolerance = 1e-14): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) => {
    const e = expected[i];
    const scale = Math.max(1, Math.abs(e));
    assert.ok(Math.abs(a - e) <= tolerance * scale, `[${i}] ${a} vs ${e}`);
  });
}

/** Bit-for-bit equality, except that JSON has no −0. */
function assertSame(actual: readonly number[], expected: ArrayLike<number>): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) => {
    const e = expected[i] === 0 ? 0 : expected[i];
    assert.ok(Object.is(a, e) || (Number.isNaN(a) && Number.isNaN(e)), `[${i}] ${a} vs ${e}`);
  });
}

const STACK_TRACE = /^\s+at .+(\(|:\d+:\d+)/m;

/**
 * Asserts exit 2, the message on stderr, no stack trace, and a caret line whose `^~~` sits exactly under `underlined`
 * in the line above it.
 */
function assertBadInput(r: Run, message: RegExp, underlined: string | RegExp, shows?: string): void {
  assert.equal(r.status, 2, `exit 2; stderr: ${r.stderr}`);
  assert.equal(r.stdout, '', 'nothing on stdout');
  assert.match(r.stderr, message);
  assert.doesNotMatch(r.stderr, STACK_TRACE);
  const lines = r.stderr.split('\n');
  const caretAt = lines.findIndex((l) => /^\s*\^~*$/.test(l));
  assert.ok(caretAt > 0, `a caret line in:\n${r.stderr}`);
  const caret = lines[caretAt];
  const start = caret.indexOf('^');
  const text = lines[caretAt - 1].slice(start, caret.length);
  if (typeof underlined === 'string') assert.equal(text, underlined, `caret under ${JSON.stringify(underlined)}:\n${r.stderr}`);
  else assert.match(text, underlined, `caret under ${underlined}:\n${r.stderr}`);
  if (shows !== undefined) assert.ok(lines[caretAt - 1].includes(shows), `shows ${shows}:\n${r.stderr}`);
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

describe('cli (built dist/cli.js)', function () {
  this.timeout(180_000);
  let tmp: string;
  before(() => {
    ensureBuilt();
    tmp = mkdtempSync(path.join(tmpdir(), 'actviz-cli-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  describe('usage', () => {
    for (const args of [[], ['--help'], ['eval', '--help']]) {
      it(`prints usage for [${args.join(' ')}] and exits 0`, () => {
        const r = run(...args);
        assert.equal(r.status, 0);
        assert.match(r.stdout, /Usage:\n {2}actviz eval "<expr>"/);
        assert.match(r.stdout, /actviz plot/);
        assert.match(r.stdout, /actviz list/);
      });
    }
  });

  describe('eval', () => {
    it('prints {"x","y","dy","d2y"} for the contract example, with exact silu derivatives', () => {
      const out = runJson('eval', 'x*sigmoid(x)', '--at', '0.5,1,2', '--order', '2', '--json');
      assert.deepEqual(Object.keys(out), ['x', 'y', 'dy', 'd2y']);
      const xs = [0.5, 1, 2];
      assert.deepEqual(decode(out.x), xs);
      assertClose(decode(out.y), xs.map((x) => x * sigmoid(x)));
      assertClose(decode(out.dy), xs.map((x) => sigmoid(x) * (1 + x * (1 - sigmoid(x)))));
      assertClose(decode(out.d2y), xs.map((x) => sigmoid(x) * (1 - sigmoid(x)) * (2 + x * (1 - 2 * sigmoid(x)))));
    });
    it('prints the same doubles the core computes, bit for bit (shortest round-trip form)', () => {
      const xs = [-3.3, -0.1, 1 / 3, 0.7, 2.5, 7.25];
      const out = runJson('eval', 'gelu(x) + 0.1*tanh(3*x)', '--at', xs.join(','), '--order', '2');
      const expected = compile('gelu(x) + 0.1*tanh(3*x)').at(Float64Array.from(xs), 2);
      assertSame(decode(out.x), expected.x);
      assertSame(decode(out.y), expected.y);
      assertSame(decode(out.dy), expected.dy ?? []);
      assertSame(decode(out.d2y), expected.d2y ?? []);
    });
    it('samples a grid with --from/--to/--points, f and f′ by default', () => {
      const out = runJson('eval', 'tanh(x)', '--from', '-5', '--to', '5', '--points', '101');
      assert.deepEqual(Object.keys(out), ['x', 'y', 'dy']);
      const x = decode(out.x);
      assert.equal(x.length, 101);
      assert.deepEqual([x[0], x[100]], [-5, 5]);
      assert.ok(Math.abs(x[50]) < 1e-15);
      assertClose(decode(out.y), x.map(Math.tanh));
      assertClose(decode(out.dy), x.map((v) => 1 - Math.tanh(v) ** 2));
      const expected = compile('tanh(x)').sample({ from: -5, to: 5, points: 101, order: 1 });
      assertSame(x, expected.x);
      assertSame(decode(out.dy), expected.dy ?? []);
    });
    it('prints only x and y at --order 0', () => {
      assert.deepEqual(Object.keys(runJson('eval', 'relu(x)', '--at', '1', '--order', '0')), ['x', 'y']);
    });
    it('prints non-finite numbers as the strings "NaN", "Infinity" and "-Infinity"', () => {
      const r = run('eval', 'log(x)', '--at', '0,-1,1', '--order', '1', '--json');
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^\{"x":\[0,-1,1\],"y":\["-Infinity","NaN",0\],"dy":\["Infinity",/);
      const out = runJson('eval', 'tanh(x)', '--at', 'inf,-inf,nan', '--order', '0');
      assert.deepEqual(out, { x: ['Infinity', '-Infinity', 'NaN'], y: [1, -1, 'NaN'] });
    });
    it('prints CSV columns with a header as present', () => {
      const r = run('eval', 'relu(x)', '--at', '-1,0,2.5', '--order', '2', '--csv');
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, 'x,y,dy,d2y\n-1,0,0,0\n0,0,0,0\n2.5,2.5,1,0\n');
      const nan = run('eval', 'log(x)', '--at', '-1,0', '--order', '0', '--csv');
      assert.equal(nan.stdout, 'x,y\n-1,NaN\n0,-Infinity\n');
    });
    it('prints {"value": number} for a scalar expression without x', () => {
      const out = runJson('eval', 'cross_entropy([2, 1, -1], 0)');
      assert.deepEqual(Object.keys(out), ['value']);
      assert.equal(typeof out.value, 'number');
      const expected = Math.log(Math.exp(2) + Math.exp(1) + Math.exp(-1)) - 2;
      assertClose([out.value as number], [expected]);
    });
    it('prints {"value": [...]} for a vector expression without x', () => {
      const out = runJson('eval', 'softmax([1, 2, 3])');
      const values = decode(out.value);
      const z = Math.exp(1) + Math.exp(2) + Math.exp(3);
      assertClose(values, [Math.exp(1) / z, Math.exp(2) / z, Math.exp(3) / z]);
    });
    it('applies --param to catalogue parameters and free names', () => {
      assertClose(decode(runJson('eval', 'F.leaky_relu(x)', '--param', 'negative_slope=0.3', '--at', '-1').y), [-0.3]);
      const softmax = runJson('eval', 'softmax([x, 0, 1] / T)[0]', '--param', 'T=0.5', '--at', '0', '--order', '0');
      assertClose(decode(softmax.y), [1 / (2 + Math.exp(2))]);
    });
    it('applies --framework to bare names', () => {
      assertClose(decode(runJson('eval', 'leaky_relu(x)', '--at', '-1', '--framework', 'tf').y), [-0.2]);
      assertClose(decode(runJson('eval', 'leaky_relu(x)', '--at', '-1').y), [-0.01]);
    });
  });

  describe('plot', () => {
    it('writes a standalone SVG with an f and an f′ curve', () => {
      const file = path.join(tmp, 'gelu.svg');
      const r = run('plot', 'jax.nn.gelu(x)', '--svg', file);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, '');
      const doc = parseSvg(readFileSync(file, 'utf8'));
      const curves = [...doc.getElementsByTagName('path')].filter((p) => p.getAttribute('class')?.startsWith('curve'));
      assert.deepEqual(curves.map((c) => c.getAttribute('class')), ['curve curve-f', 'curve curve-df']);
      for (const c of curves) assert.ok((c.getAttribute('d') ?? '').split('L').length > 100, 'a dense curve');
      assert.equal(doc.getElementsByTagName('title')[0]?.textContent, 'jax.nn.gelu(x)');
      assert.ok(doc.querySelectorAll('g.tick-labels text').length >= 6);
    });
    it('leaves gaps where f is NaN and honours --from/--to/--points and --order 2', () => {
      const file = path.join(tmp, 'log.svg');
      const r = run('plot', 'log(x)', '--svg', file, '--from', '-2', '--to', '3', '--points', '51', '--order', '2');
      assert.equal(r.status, 0, r.stderr);
      const doc = parseSvg(readFileSync(file, 'utf8'));
      const f = doc.querySelector('path.curve-f')?.getAttribute('d') ?? '';
      assert.equal((f.match(/M/g) ?? []).length, 1, 'the NaN half is left out');
      assert.ok((f.match(/L/g) ?? []).length < 30);
      assert.ok(doc.querySelector('path.curve-d2f'), 'f″ drawn at order 2');
    });
    it("draws f′ of relu as a step, broken at the kink instead of joined by a ramp", () => {
      const r = run('plot', 'relu(x)', '--from', '-1', '--to', '1', '--points', '100');
      assert.equal(r.status, 0, r.stderr);
      const doc = parseSvg(r.stdout);
      const f = doc.querySelector('path.curve-f')?.getAttribute('d') ?? '';
      const df = doc.querySelector('path.curve-df')?.getAttribute('d') ?? '';
      assert.equal((f.match(/M/g) ?? []).length, 1, 'f is continuous');
      assert.equal((df.match(/M/g) ?? []).length, 2, 'f′ jumps at 0');
    });
    it('writes to standard output with --svg - or without --svg', () => {
      for (const args of [['--svg', '-'], []]) {
        const r = run('plot', 'sigmoid(x)', ...args);
        assert.equal(r.status, 0, r.stderr);
        assert.equal(parseSvg(r.stdout).getElementsByTagName('path').length, 2);
      }
    });
  });

  describe('list', () => {
    it('prints every catalogue entry with name, title and formula in aligned columns', () => {
      const r = run('list');
      assert.equal(r.status, 0, r.stderr);
      const lines = r.stdout.trimEnd().split('\n');
      assert.equal(lines.length, catalogue.length + 1);
      assert.match(lines[0], /^NAME\s+TITLE\s+FORMULA$/);
      const titleColumn = lines[0].indexOf('TITLE');
      catalogue.forEach((a, i) => {
        assert.ok(lines[i + 1].startsWith(`${a.name} `), lines[i + 1]);
        assert.equal(lines[i + 1].slice(titleColumn, titleColumn + a.title.length), a.title);
      });
      for (const name of ['relu', 'leaky_relu', 'gelu', 'sigmoid', 'softmax']) {
        assert.ok(catalogue.some((a) => a.name === name), `${name} in the catalogue`);
      }
    });
    it('prints the catalogue as JSON with --json', () => {
      const r = run('list', '--json');
      assert.equal(r.status, 0, r.stderr);
      const entries = JSON.parse(r.stdout) as { name: string; formula: { text: string } }[];
      assert.deepEqual(entries.map((e) => e.name), catalogue.map((a) => a.name));
      assert.ok(entries.every((e) => typeof e.formula.text === 'string'));
    });
  });

  describe('bad input: exit 2, message, source and caret, no stack trace', () => {
    it('points at an unknown function in the expression', () => {
      assertBadInput(run('eval', 'gleu(x)', '--at', '1'), /unknown function 'gleu'.*gelu/, 'gleu', 'gleu(x)');
    });
    it('points at an unknown keyword', () => {
      assertBadInput(run('eval', 'leaky_relu(x, slope=0.2)'), /slope/, /slope/, 'leaky_relu(x, slope=0.2)');
    });
    it('points at a syntax error', () => {
      assertBadInput(run('eval', '2 * (x + 1'), /expected '\)'/, /^.?$/, '2 * (x + 1');
      assertBadInput(run('eval', 'x + * 2'), /./, /^\*?$/, 'x + * 2');
    });
    it('treats JavaScript object names as unknown', () => {
      assertBadInput(run('eval', 'constructor(x)'), /unknown/, /constructor/);
      assertBadInput(run('eval', '__proto__'), /unknown|name/, /__proto__/);
    });
    it('reports an over-long expression as a limit without echoing all of it', () => {
      const r = run('eval', `${'x+'.repeat(6000)}x`);
      assertBadInput(r, /10.?000|long|limit/i, /./);
      assert.ok(r.stderr.length < 1000, `short message (${r.stderr.length} chars)`);
    });
    it('points at an unknown option, a bad number, a missing value and points out of range', () => {
      assertBadInput(run('eval', 'x', '--pionts', '3'), /unknown option '--pionts'/, '--pionts');
      assertBadInput(run('eval', 'x', '--at', '1,zz,3'), /bad number 'zz'/, 'zz');
      assertBadInput(run('eval', 'x', '--from', 'abc'), /bad number 'abc'/, 'abc');
      assertBadInput(run('eval', 'x', '--from'), /missing value for --from/, /^$/);
      assertBadInput(run('eval', 'x', '--points', '1'), /--points 1 is out of range/, '1');
      assertBadInput(run('eval', 'x', '--points', '10000001'), /out of range/, '10000001');
      assertBadInput(run('eval', 'x', '--order', '5'), /bad order/, '5');
      assertBadInput(run('eval', 'x', '--from', '3', '--to', '1'), /must be less than/, '1');
      assertBadInput(run('evaluate', 'x'), /unknown command 'evaluate'/, 'evaluate');
      assertBadInput(run('eval'), /needs an expression/, /^$/);
    });
    it('points at a parameter the expression does not have', () => {
      assertBadInput(run('eval', 'sigmoid(x)', '--param', 'slope=2'), /slope/, /slope/);
    });
    it('refuses to plot an expression without x', () => {
      assertBadInput(run('plot', 'softmax([1, 2])', '--svg', path.join(tmp, 'no.svg')), /needs an expression in x/, 'softmax([1, 2])');
    });
    it('points at an --svg path that cannot be written', () => {
      const bad = path.join(tmp, 'missing-dir', 'out.svg');
      assertBadInput(run('plot', 'relu(x)', '--svg', bad), /cannot write/, bad);
    });
    it('never prints a stack trace, whatever the expression', () => {
      const inputs = ['', ' ', '(((', ')(', '[x', 'x[', '1/0', 'x**', "gelu(x, approximate='nope')", 'softmax(x)', 'x'.repeat(20000),
        '((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((x',
        'toString(x)', 'x.constructor', 'where(x, 1)', '\u0001\t', 'max()', 'sum(1)'];
      for (const expression of inputs) {
        const r = run('eval', expression, '--at', '1');
        assert.ok(r.status === 0 || r.status === 2, `exit 0 or 2 for ${JSON.stringify(expression.slice(0, 40))}: ${r.status} ${r.stderr}`);
        assert.doesNotMatch(r.stderr, STACK_TRACE);
        if (r.status === 2) assert.match(r.stderr, /^\s*\^~*$/m, `caret for ${JSON.stringify(expression.slice(0, 40))}`);
      }
    });
  });
});
