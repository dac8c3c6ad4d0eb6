import * as assert from 'node:assert/strict';
import { formatCellError, runCell } from '../../../../src/shared/cellScript';
import type { CellError } from '../../../../src/shared/cellScript';
import type { PlotSpecJson } from '../../../../src/shared/plotSpec';
import { validatePlotSpec } from '../../../../src/shared/plotSpec';
import { summarizePayload } from '../../../../src/shared/plotSummary';

function payloads(text: string): readonly PlotSpecJson[] {
  const result = runCell(text);
  assert.ok(result.ok, `expected the cell to run:\n${result.ok ? '' : result.errors.map((e) => formatCellError(text, e)).join('\n')}`);
  return result.payloads;
}

function errors(text: string): readonly CellError[] {
  const result = runCell(text);
  assert.ok(!result.ok, `expected the cell to fail: ${text}`);
  return result.errors;
}

const cell = (...lines: string[]): string => lines.join('\n');

describe('cell language of the ActViz kernel', () => {
  describe('turns cells into payloads', () => {
    it('plots one expression with the defaults', () => {
      assert.deepEqual(payloads('gelu(x)'), [{ version: 1, expr: 'gelu(x)' }]);
    });

    it('overlays one expression per line and skips comments and blank lines', () => {
      const text = cell('# two functions', '', 'relu(x)', '   silu(x)   # the smooth one', '# done');
      assert.deepEqual(payloads(text), [{ version: 1, expr: ['relu(x)', 'silu(x)'] }]);
    });

    it('reads every directive', () => {
      const text = cell('%range -4 4', '%points 500', '%derivatives 1 2', '%params negative_slope = 0.1', '%framework tf',
        '%saturation 0.01', '%title Leaky #3', 'leaky_relu(x)');
      assert.deepEqual(payloads(text), [{
        version: 1, range: [-4, 4], points: 500, derivatives: [1, 2], params: { negative_slope: 0.1 }, framework: 'tf',
        saturation: 0.01, title: 'Leaky #3', expr: 'leaky_relu(x)',
      }]);
    });

    it('accepts brackets and commas in %range and "none" in %derivatives', () => {
      const [payload] = payloads(cell('%range [-2.5, 1e1]', '%derivatives none', 'tanh(x)'));
      assert.deepEqual(payload?.range, [-2.5, 10]);
      assert.deepEqual(payload?.derivatives, []);
    });

    it('gives each expression without x an output of its own, after the curves', () => {
      const text = cell('%params T=0.5', 'softmax([1, 2, 3] / T)', 'relu(x)', 'cross_entropy([2, 1, 0.1], 0)', 'tanh(x)');
      const out = payloads(text);
      assert.deepEqual(out.map((p) => p.expr), [['relu(x)', 'tanh(x)'], 'softmax([1, 2, 3] / T)', 'cross_entropy([2, 1, 0.1], 0)']);
      assert.equal(out[0]?.params, undefined, 'the curves use no parameter T');
      assert.deepEqual(out[1]?.params, { T: 0.5 });
      assert.equal(out[2]?.params, undefined);
    });

    it('gives no outputs for a cell of comments and directives', () => {
      assert.deepEqual(payloads(cell('# nothing yet', '%range -1 1')), []);
    });

    it('writes payloads the renderer accepts', () => {
      const out = payloads(cell('%range -3 3', '%params negative_slope=0.2', 'F.leaky_relu(x)', 'softmax([1, 2])'));
      for (const payload of out) assert.ok(validatePlotSpec(payload).ok, JSON.stringify(payload));
    });
  });

  describe('points at mistakes', () => {
    const cases: { name: string; text: string; line: number; column: number; message: RegExp; errorName?: string }[] = [
      { name: 'an unknown function', text: cell('relu(x)', '  gleu(x)'), line: 1, column: 2, message: /gleu/, errorName: 'ResolveError' },
      { name: 'a syntax error', text: cell('relu(x', ''), line: 0, column: 6, message: /./, errorName: 'ParseError' },
      { name: 'an unknown directive', text: '%rnage -4 4\nrelu(x)', line: 0, column: 0, message: /unknown directive '%rnage'.*%range/ },
      { name: 'a %range with one number', text: '%range 4\nrelu(x)', line: 0, column: 0, message: /%range takes two numbers/ },
      { name: 'a reversed %range', text: 'relu(x)\n%range 4 -4', line: 1, column: 0, message: /%range: must run from a smaller to a larger/ },
      { name: 'huge %points', text: '%points 100000000\nrelu(x)', line: 0, column: 0, message: /%points: must be between 2 and 20000/ },
      { name: 'a word in %points', text: '%points many\nrelu(x)', line: 0, column: 0, message: /%points takes one whole number/ },
      { name: 'derivative 3', text: '%derivatives 3\nrelu(x)', line: 0, column: 0, message: /%derivatives takes 1 and\/or 2/ },
      { name: 'a %params pair without a value', text: '%params T\nrelu(x)', line: 0, column: 0, message: /'T' is not one/ },
      { name: 'an unused parameter', text: '%params T=2\nrelu(x)', line: 0, column: 0, message: /no expression in this cell has a parameter named 'T'/ },
      { name: 'an unknown framework', text: '  %framework caffe\nrelu(x)', line: 0, column: 2, message: /%framework: must be one of torch/ },
      { name: 'a directive given twice', text: '%range -1 1\n%range -2 2\nrelu(x)', line: 1, column: 0, message: /given twice \(first on line 1\)/ },
    ];
    for (const { name, text, line, column, message, errorName } of cases) {
      it(`reports ${name} at line ${line + 1}, column ${column + 1}`, () => {
        const [error] = errors(text);
        assert.ok(error);
        assert.match(error.message, message);
        assert.equal(error.line, line);
        assert.equal(error.column, column);
        if (errorName) assert.equal(error.name, errorName);
      });
    }

    it('reports every bad expression of a cell', () => {
      assert.deepEqual(errors(cell('gleu(x)', 'relu(x)', 'selu(x', 'tanhh(x)')).map((e) => e.line), [0, 2, 3]);
    });

    it('places the core span inside the line', () => {
      const [error] = errors('   relu(x) + gleu(x)   # comment');
      assert.equal(error?.column, 13);
      assert.equal(error?.length, 4);
    });
  });

  describe('formatCellError', () => {
    it('quotes the line with a caret under the span', () => {
      const text = cell('relu(x)', '  gleu(x)');
      const error: CellError = { name: 'ResolveError', message: "unknown function 'gleu'", line: 1, column: 2, length: 4 };
      assert.equal(formatCellError(text, error), "line 2, column 3: unknown function 'gleu'\n    gleu(x)\n    ^^^^");
    });

    it('draws one caret at the end of a line', () => {
      const error: CellError = { name: 'ParseError', message: "expected ')'", line: 0, column: 6, length: 1 };
      assert.equal(formatCellError('relu(x', error), "line 1, column 7: expected ')'\n  relu(x\n        ^");
    });
  });

  describe('summarizePayload (text/plain fallback)', () => {
    it('describes curves, range and parameters', () => {
      const text = summarizePayload({ version: 1, expr: ['relu(x)', 'leaky_relu(x)'], range: [-4, 4], derivatives: [1, 2], params: { negative_slope: 0.1 } });
      assert.match(text, /^ActViz plot: relu\(x\), leaky_relu\(x\) \(f, f′, f″\) on \[-4, 4\] with negative_slope=0\.1\n/);
    });

    it('adds the values of an expression without x', () => {
      const text = summarizePayload({ version: 1, expr: 'softmax([0, 0])' });
      assert.match(text, /\n= \[0\.5, 0\.5\]\n/);
    });

    it('puts the title first', () => {
      assert.match(summarizePayload({ version: 1, expr: 'x', title: 'Identity' }), /^Identity\nActViz plot: x/);
    });
  });
});
