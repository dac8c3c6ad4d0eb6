import * as assert from 'node:assert/strict';
import type { ActivationInfo, Samples } from '../../../src/core/index';
import {
  caretLines,
  commandLine,
  csvNumber,
  formatCatalogueJson,
  formatCatalogueTable,
  formatError,
  formatValueCsv,
  formatValueJson,
  jsonNumber,
  writeSamplesCsv,
  writeSamplesJson,
} from '../../../src/cli/format';

function collect(run: (write: (chunk: string) => void) => void): { text: string; chunks: number } {
  const chunks: string[] = [];
  run((chunk) => chunks.push(chunk));
  return { text: chunks.join(''), chunks: chunks.length };
}

const samples: Samples = {
  x: Float64Array.from([-1, 0, 0.1]),
  y: Float64Array.from([NaN, 0, 1 / 3]),
  dy: Float64Array.from([Infinity, -Infinity, 0.30000000000000004]),
  d2y: Float64Array.from([-0, 1e-300, 5e-324]),
};

describe('cli format', () => {
  describe('numbers', () => {
    const cases: [number, string, string][] = [
      [0.1, '0.1', '0.1'],
      [1 / 3, '0.3333333333333333', '0.3333333333333333'],
      [0.1 + 0.2, '0.30000000000000004', '0.30000000000000004'],
      [1e21, '1e+21', '1e+21'],
      [5e-324, '5e-324', '5e-324'],
      [-0, '0', '0'],
      [NaN, '"NaN"', 'NaN'],
      [Infinity, '"Infinity"', 'Infinity'],
      [-Infinity, '"-Infinity"', '-Infinity'],
    ];
    for (const [n, json, csv] of cases) {
      it(`writes ${String(n)} as ${json} in JSON and ${csv} in CSV`, () => {
        assert.equal(jsonNumber(n), json);
        assert.equal(csvNumber(n), csv);
      });
    }
    it('round-trips every finite double it writes', () => {
      const values = [Math.PI, -Math.E, 2 ** -1074, Number.MAX_VALUE, 123456789.12345678, 1e-7, 0.7 * 3];
      for (const v of values) assert.equal(Number(JSON.parse(jsonNumber(v))), v);
    });
  });

  describe('samples', () => {
    it('writes the JSON object with the keys of the order, in order, on one line', () => {
      const { text } = collect((w) => writeSamplesJson(samples, 2, w));
      assert.equal(
        text,
        '{"x":[-1,0,0.1],"y":["NaN",0,0.3333333333333333],"dy":["Infinity","-Infinity",0.30000000000000004],' +
          '"d2y":[0,1e-300,5e-324]}\n',
      );
      const parsed = JSON.parse(text) as Record<string, unknown>;
      assert.deepEqual(Object.keys(parsed), ['x', 'y', 'dy', 'd2y']);
    });
    it('leaves out dy and d2y at order 0, and d2y at order 1', () => {
      assert.deepEqual(Object.keys(JSON.parse(collect((w) => writeSamplesJson(samples, 0, w)).text)), ['x', 'y']);
      assert.deepEqual(Object.keys(JSON.parse(collect((w) => writeSamplesJson(samples, 1, w)).text)), ['x', 'y', 'dy']);
    });
    it('writes CSV with a header of the present columns and bare non-finite values', () => {
      const { text } = collect((w) => writeSamplesCsv(samples, 1, w));
      assert.equal(text, 'x,y,dy\n-1,NaN,Infinity\n0,0,-Infinity\n0.1,0.3333333333333333,0.30000000000000004\n');
    });
    it('streams large outputs in several chunks that join to valid JSON', () => {
      const n = 20000;
      const big: Samples = { x: new Float64Array(n).map((_, i) => i / 7), y: new Float64Array(n).fill(Math.PI) };
      const { text, chunks } = collect((w) => writeSamplesJson(big, 0, w));
      assert.ok(chunks > 1, `expected several chunks, got ${chunks}`);
      const parsed = JSON.parse(text) as { x: number[]; y: number[] };
      assert.equal(parsed.x.length, n);
      assert.equal(parsed.x[n - 1], (n - 1) / 7);
    });
    it('fails loudly when an order asks for a derivative the samples lack', () => {
      assert.throws(() => writeSamplesJson({ x: samples.x, y: samples.y }, 1, () => undefined), /no dy/);
    });
  });

  describe('values without x', () => {
    it('writes a scalar as a number and a vector as an array', () => {
      assert.equal(formatValueJson(Float64Array.from([0.25]), true), '{"value":0.25}\n');
      assert.equal(formatValueJson(Float64Array.from([0.25]), false), '{"value":[0.25]}\n');
      assert.equal(formatValueJson(Float64Array.from([1, NaN, -Infinity]), false), '{"value":[1,"NaN","-Infinity"]}\n');
      assert.equal(formatValueCsv(Float64Array.from([1, NaN])), 'value\n1\nNaN\n');
    });
  });

  describe('carets', () => {
    const cases: { text: string; span: { start: number; end: number }; lines: [string, string] }[] = [
      { text: 'gleu(x)', span: { start: 0, end: 4 }, lines: ['gleu(x)', '^~~~'] },
      { text: 'x +', span: { start: 3, end: 3 }, lines: ['x +', '   ^'] },
      { text: 'x + * 2', span: { start: 4, end: 5 }, lines: ['x + * 2', '    ^'] },
      { text: 'a\tb\nc', span: { start: 2, end: 5 }, lines: ['a b c', '  ^~~'] },
      { text: 'ab', span: { start: 9, end: 12 }, lines: ['ab', '  ^'] },
    ];
    for (const { text, span, lines } of cases) {
      it(`puts ^~ under [${span.start}, ${span.end}) of ${JSON.stringify(text)}`, () => {
        assert.equal(caretLines(text, span), `  ${lines[0]}\n  ${lines[1]}\n`);
      });
    }
    it('cuts a long source to a window around the span and keeps the caret under it', () => {
      const text = `${'a+'.repeat(200)}bad${'+b'.repeat(200)}`;
      const start = 400;
      const [shown, caret] = caretLines(text, { start, end: start + 3 }, '').split('\n');
      assert.ok(shown.length <= 102, `window is short (${shown.length})`);
      assert.ok(shown.startsWith('…') && shown.endsWith('…'));
      const column = caret.indexOf('^');
      assert.equal(shown.slice(column, column + 3), 'bad');
      assert.equal(caret.trim(), '^~~');
    });
    it('renders the command line with shell quoting and maps a reference inside a quoted argument', () => {
      const argv = ['eval', "x*f('a')", '--at', '1,zz'];
      const whole = commandLine(argv, { index: 1, start: 0, end: argv[1].length });
      assert.equal(whole.text, `actviz eval 'x*f('\\''a'\\'')' --at 1,zz`);
      assert.equal(whole.text.slice(whole.span.start, whole.span.end), `'x*f('\\''a'\\'')'`);
      const inner = commandLine(argv, { index: 1, start: 5, end: 6 });
      assert.equal(inner.text.slice(inner.span.start, inner.span.end), 'a');
      const item = commandLine(argv, { index: 3, start: 2, end: 4 });
      assert.equal(item.text.slice(item.span.start, item.span.end), 'zz');
      const end = commandLine(argv, { index: 4, start: 0, end: 0 });
      assert.equal(end.span.start, end.text.length + 1);
    });
    it('formats an error as message, source and caret', () => {
      assert.equal(
        formatError("unknown function 'gleu' (did you mean 'gelu'?)", 'gleu(x)', { start: 0, end: 4 }),
        "actviz: unknown function 'gleu' (did you mean 'gelu'?)\n  gleu(x)\n  ^~~~\n",
      );
    });
  });

  describe('catalogue listing', () => {
    const entry = (name: string, title: string, formula: string) =>
      ({
        name,
        title,
        kind: 'elementwise',
        summary: `${title}.`,
        formula: { text: formula, latex: formula },
        derivative: { text: "f'", latex: "f'" },
        params: [],
        aliases: [],
        properties: { range: '(0, 1)', monotonic: true, smooth: true, zeroCentred: false, saturates: 'both tails' },
        kinks: () => [],
        plotRange: [-6, 6],
        source: 'https://example.org',
      }) as unknown as ActivationInfo;
    const entries = [entry('relu', 'ReLU', 'max(0, x)'), entry('leaky_relu', 'Leaky ReLU', 'x if x ≥ 0\nelse αx')];

    it('aligns name, title and formula columns under a header', () => {
      const lines = formatCatalogueTable(entries).trimEnd().split('\n');
      assert.equal(lines.length, 3);
      assert.match(lines[0], /^NAME\s+TITLE\s+FORMULA$/);
      const titleColumn = lines[0].indexOf('TITLE');
      const formulaColumn = lines[0].indexOf('FORMULA');
      for (const line of lines.slice(1)) {
        assert.notEqual(line[titleColumn - 1], undefined);
        assert.equal(line[titleColumn - 1], ' ');
        assert.notEqual(line[titleColumn], ' ');
        assert.notEqual(line[formulaColumn], ' ');
      }
      assert.ok(lines[2].endsWith('x if x ≥ 0 else αx'), 'formula on one line');
    });
    it('writes JSON with data fields and without functions', () => {
      const parsed = JSON.parse(formatCatalogueJson(entries)) as Record<string, unknown>[];
      assert.equal(parsed.length, 2);
      assert.equal(parsed[1].name, 'leaky_relu');
      assert.ok(!('kinks' in parsed[0]));
      assert.deepEqual(parsed[0].formula, { text: 'max(0, x)', latex: 'max(0, x)' });
    });
  });
});
