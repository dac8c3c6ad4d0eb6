import * as assert from 'node:assert/strict';
import { DEFAULT_EVAL_GRID, DEFAULT_PLOT_POINTS, parseArgs, parseNumber, UsageError } from '../../../src/cli/args';
import type { Command, EvalCommand, PlotCommand } from '../../../src/cli/args';

function parseEval(argv: string[]): EvalCommand {
  const command = parseArgs(argv);
  assert.equal(command.kind, 'eval');
  return command as EvalCommand;
}

function parsePlot(argv: string[]): PlotCommand {
  const command = parseArgs(argv);
  assert.equal(command.kind, 'plot');
  return command as PlotCommand;
}

/** Asserts a UsageError whose message matches and whose ref points at argv[index].slice(start, end). */
function assertUsage(argv: string[], message: RegExp, pointsAt: { index: number; text?: string }): void {
  assert.throws(
    () => parseArgs(argv),
    (error: unknown) => {
      assert.ok(error instanceof UsageError, `expected UsageError, got ${String(error)}`);
      assert.match(error.message, message);
      assert.ok(error.ref, 'the error points somewhere');
      assert.equal(error.ref.index, pointsAt.index, `points at argument ${pointsAt.index}`);
      if (pointsAt.text !== undefined) assert.equal(argv[error.ref.index].slice(error.ref.start, error.ref.end), pointsAt.text);
      return true;
    },
  );
}

describe('cli args', () => {
  describe('help', () => {
    const cases: string[][] = [[], ['--help'], ['-h'], ['help'], ['eval', 'x', '--help'], ['plot', '-h'], ['bogus', '--help']];
    for (const argv of cases) {
      it(`treats [${argv.join(' ')}] as a request for usage`, () => {
        assert.deepEqual(parseArgs(argv), { kind: 'help' } satisfies Command);
      });
    }
    it('does not treat --help after -- as an option', () => {
      assertUsage(['eval', 'x', '--', '--help'], /unexpected argument '--help'/, { index: 3 });
    });
  });

  describe('eval', () => {
    it('reads the contract example: --at, --order 2, --json', () => {
      const c = parseEval(['eval', 'x*sigmoid(x)', '--at', '0.5,1,2', '--order', '2', '--json']);
      assert.equal(c.expression, 'x*sigmoid(x)');
      assert.deepEqual(c.at, [0.5, 1, 2]);
      assert.equal(c.order, 2);
      assert.equal(c.format, 'json');
    });
    it('defaults to order 1, JSON and the default grid', () => {
      const c = parseEval(['eval', 'tanh(x)']);
      assert.equal(c.order, 1);
      assert.equal(c.format, 'json');
      assert.equal(c.at, undefined);
      assert.deepEqual(c.grid, DEFAULT_EVAL_GRID);
    });
    it('reads a grid with negative ends given as separate arguments', () => {
      const c = parseEval(['eval', 'x', '--from', '-5', '--to', '5', '--points', '101', '--csv']);
      assert.deepEqual(c.grid, { from: -5, to: 5, points: 101 });
      assert.equal(c.format, 'csv');
    });
    it('reads --name=value forms', () => {
      const c = parseEval(['eval', 'x', '--from=-2', '--to=1e1', '--points=3', '--order=0']);
      assert.deepEqual(c.grid, { from: -2, to: 10, points: 3 });
      assert.equal(c.order, 0);
    });
    it('reads --at with a negative first value, spaces and non-finite values', () => {
      const c = parseEval(['eval', 'x', '--at', '-1, 0 ,.5,inf,-Infinity,nan,1e-3']);
      assert.deepEqual(c.at, [-1, 0, 0.5, Infinity, -Infinity, NaN, 0.001]);
    });
    it('takes an expression that starts with a minus sign', () => {
      assert.equal(parseEval(['eval', '-x**2', '--at', '1']).expression, '-x**2');
    });
    it('takes an expression after --', () => {
      assert.equal(parseEval(['eval', '--at', '1', '--', '--x']).expression, '--x');
    });
    it('collects repeated --param and reads --framework', () => {
      const c = parseEval(['eval', 'x', '--param', 'negative_slope=0.3', '--param=T=-0.5', '--framework', 'tf']);
      assert.deepEqual([...c.params].map(([k, v]) => [k, v.value]), [['negative_slope', 0.3], ['T', -0.5]]);
      assert.equal(c.framework, 'tf');
    });
  });

  describe('plot', () => {
    it('reads --svg and leaves the range to the plot when --from/--to are absent', () => {
      const c = parsePlot(['plot', 'gelu(x)', '--svg', 'out.svg']);
      assert.equal(c.svg, 'out.svg');
      assert.equal(c.from, undefined);
      assert.equal(c.to, undefined);
      assert.equal(c.points, DEFAULT_PLOT_POINTS);
      assert.deepEqual([c.width, c.height], [800, 450]);
    });
    it('fills the missing end of a half-given range with the default', () => {
      const c = parsePlot(['plot', 'x', '--from', '-2']);
      assert.deepEqual([c.from, c.to], [-2, 5]);
    });
    it('reads size options', () => {
      const c = parsePlot(['plot', 'x', '--width', '640', '--height', '360', '--order', '2']);
      assert.deepEqual([c.width, c.height, c.order], [640, 360, 2]);
    });
  });

  describe('list', () => {
    it('prints a table by default and JSON with --json', () => {
      assert.deepEqual(parseArgs(['list']), { kind: 'list', format: 'table' });
      assert.deepEqual(parseArgs(['list', '--json']), { kind: 'list', format: 'json' });
    });
  });

  describe('bad input points at the offending argument', () => {
    const cases: { argv: string[]; message: RegExp; index: number; text?: string }[] = [
      { argv: ['evl', 'x'], message: /unknown command 'evl' \(did you mean 'eval'\?\)/, index: 0, text: 'evl' },
      { argv: ['--at', '1'], message: /expected a command/, index: 0 },
      { argv: ['eval'], message: /needs an expression/, index: 1 },
      { argv: ['eval', 'x', 'y'], message: /unexpected argument 'y'/, index: 2, text: 'y' },
      { argv: ['eval', 'x', '--pionts', '3'], message: /unknown option '--pionts'.*did you mean --points/, index: 2, text: '--pionts' },
      { argv: ['eval', 'x', '--svg', 'a.svg'], message: /--svg applies to 'plot'/, index: 2, text: '--svg' },
      { argv: ['eval', 'x', '--from'], message: /missing value for --from/, index: 3 },
      { argv: ['eval', 'x', '--from', '--to', '1'], message: /missing value for --from/, index: 2, text: '--from' },
      { argv: ['eval', 'x', '--at='], message: /missing value for --at/, index: 2 },
      { argv: ['eval', 'x', '--json=1'], message: /takes no value/, index: 2 },
      { argv: ['eval', 'x', '--from', 'abc'], message: /bad number 'abc'/, index: 3, text: 'abc' },
      { argv: ['eval', 'x', '--from', '1e999'], message: /must be finite/, index: 3 },
      { argv: ['eval', 'x', '--from', '2', '--to', '1'], message: /--from \(2\) must be less than --to \(1\)/, index: 5, text: '1' },
      { argv: ['eval', 'x', '--points', '1'], message: /out of range/, index: 3, text: '1' },
      { argv: ['eval', 'x', '--points', '10000001'], message: /out of range/, index: 3 },
      { argv: ['eval', 'x', '--points', '2.5'], message: /whole number/, index: 3 },
      { argv: ['eval', 'x', '--points', '-3'], message: /out of range/, index: 3 },
      { argv: ['eval', 'x', '--order', '3'], message: /bad order '3'/, index: 3 },
      { argv: ['eval', 'x', '--at', '1,,2'], message: /empty value in --at/, index: 3, text: '' },
      { argv: ['eval', 'x', '--at', '1,zz,3'], message: /bad number 'zz' in --at/, index: 3, text: 'zz' },
      { argv: ['eval', 'x', '--at=1,2,q'], message: /bad number 'q'/, index: 2, text: 'q' },
      { argv: ['eval', 'x', '--at', '1', '--from', '0'], message: /either --at or --from/, index: 4 },
      { argv: ['eval', 'x', '--json', '--csv'], message: /one output format/, index: 3 },
      { argv: ['eval', 'x', '--from', '0', '--from', '1'], message: /--from given twice/, index: 4 },
      { argv: ['eval', 'x', '--param', 'slope'], message: /expected name=value/, index: 3 },
      { argv: ['eval', 'x', '--param', '1a=2'], message: /bad parameter name/, index: 3, text: '1a' },
      { argv: ['eval', 'x', '--param', 'a='], message: /missing value for parameter 'a'/, index: 3 },
      { argv: ['eval', 'x', '--param', 'a=b'], message: /bad number 'b' for parameter 'a'/, index: 3, text: 'b' },
      { argv: ['eval', 'x', '--param', 'a=1', '--param', 'a=2'], message: /parameter 'a' given twice/, index: 5 },
      { argv: ['eval', 'x', '--framework', 'mxnet'], message: /unknown framework 'mxnet'/, index: 3 },
      { argv: ['plot', 'x', '--points', '100001'], message: /out of range/, index: 3 },
      { argv: ['plot', 'x', '--width', '10'], message: /out of range/, index: 3 },
      { argv: ['plot', 'x', '--csv'], message: /--csv applies to 'eval'/, index: 2 },
      { argv: ['list', 'relu'], message: /unexpected argument 'relu'/, index: 1 },
      { argv: ['list', '--at', '1'], message: /--at applies to 'eval'/, index: 1 },
    ];
    for (const { argv, message, index, text } of cases) {
      it(`rejects [${argv.join(' ')}] with ${message}`, () => assertUsage(argv, message, { index, text }));
    }
  });

  describe('parseNumber', () => {
    const cases: [string, boolean, number | undefined][] = [
      ['0.5', false, 0.5],
      ['-.5', false, -0.5],
      ['+3', false, 3],
      ['1e-3', false, 0.001],
      ['1E3', false, 1000],
      ['5.', false, 5],
      ['0x10', false, undefined],
      ['1_000', false, undefined],
      ['', false, undefined],
      ['.', false, undefined],
      ['inf', false, undefined],
      ['inf', true, Infinity],
      ['-INF', true, -Infinity],
      ['Infinity', true, Infinity],
      ['1e400', true, Infinity],
      ['1e400', false, undefined],
    ];
    for (const [text, allow, expected] of cases) {
      it(`reads '${text}' (non-finite ${allow ? 'allowed' : 'refused'}) as ${expected}`, () => {
        assert.equal(parseNumber(text, allow), expected);
      });
    }
    it("reads 'nan' as NaN when non-finite values are allowed", () => {
      assert.ok(Number.isNaN(parseNumber('nan', true)));
      assert.equal(parseNumber('nan', false), undefined);
    });
  });
});
