import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compile } from '../../../src/core/index';
import { compileSpec } from '../../../src/shared/compileSpec';
import { actvizMime, formatPlotSpecErrors, validatePlotSpec } from '../../../src/shared/plotSpec';

const repo = path.resolve(__dirname, '../../../..');

interface Cell {
  cell_type: 'code' | 'markdown';
  source: string[];
  outputs?: { output_type: string; data: Record<string, unknown> }[];
}

function notebook(relative: string): Cell[] {
  return (JSON.parse(fs.readFileSync(path.join(repo, relative), 'utf8')) as { cells: Cell[] }).cells;
}

function payloads(cells: Cell[]): { source: string; payload: unknown; text: string }[] {
  return cells.flatMap((cell) =>
    (cell.outputs ?? []).filter((o) => actvizMime in o.data).map((o) => ({
      source: cell.source.join(''),
      payload: o.data[actvizMime],
      text: ([] as string[]).concat(o.data['text/plain'] as string[] | string).join(''),
    })),
  );
}

/** What the renderer would do with a payload: 'plot', or the text of its error box. */
function outcome(saved: unknown): string {
  // VS Code's ipynb reader turns a saved +json object into JSON text, and a string (or nbformat's list of lines,
  // joined) into that text as it is: either way the renderer's json() parses it.
  let payload: unknown = saved;
  const text = typeof saved === 'string' ? saved : Array.isArray(saved) && saved.every((s) => typeof s === 'string') ? saved.join('') : undefined;
  if (text !== undefined) {
    try {
      payload = JSON.parse(text);
    } catch {
      return 'the output is not valid JSON';
    }
  }
  const validated = validatePlotSpec(payload);
  if (!validated.ok) return formatPlotSpecErrors(validated.errors);
  const compiled = compileSpec(validated.spec);
  return compiled.ok ? 'plot' : compiled.problems.map((p) => `${p.path}: ${p.message}`).join('\n');
}

function maxAbs(values: Float64Array): number {
  let m = 0;
  for (const v of values) m = Math.max(m, Math.abs(v));
  return m;
}

describe('demo/activations.ipynb', () => {
  const cells = notebook('demo/activations.ipynb');
  const outputs = payloads(cells);

  it('has saved ActViz outputs, each with a text/plain fallback', () => {
    assert.ok(outputs.length >= 14, `only ${outputs.length} ActViz outputs`);
    for (const { source, text } of outputs) assert.match(text, /ActViz plot: /, `fallback of ${source}`);
  });

  it('draws every saved output without an error box', () => {
    for (const { source, payload } of outputs) assert.equal(outcome(payload), 'plot', source);
  });

  it('covers the five classics, cross-entropy, saturation, framework defaults and a series overlay', () => {
    const exprs = outputs.flatMap(({ payload }) => [(payload as { expr?: string | string[] }).expr ?? []].flat());
    for (const wanted of ['sigmoid(x)', 'tanh(x)', 'relu(x)', 'leaky_relu(x)', 'softmax([1, 2, 3] / T)', 'cross_entropy([2, 1, 0.1], 0)',
      'F.leaky_relu(x)', 'tf.nn.leaky_relu(x)', 'jax.nn.gelu(x)']) {
      assert.ok(exprs.includes(wanted), `no output plots ${wanted}`);
    }
    assert.ok(outputs.some(({ payload }) => (payload as { saturation?: number }).saturation), 'a saturation-shaded plot');
    assert.ok(outputs.some(({ payload }) => 'series' in (payload as object) && 'expr' in (payload as object)), 'a series overlaid on an expression');
  });

  it('explains softmax vs cross-entropy in its markdown', () => {
    const markdown = cells.filter((c) => c.cell_type === 'markdown').map((c) => c.source.join('')).join('\n');
    assert.match(markdown, /softmax\(z\) − onehot\(y\)/);
    assert.match(markdown, /from_logits=True/);
    assert.match(markdown, /Jacobian/);
  });

  describe('states only what the core computes', () => {
    it('exact and tanh GELU differ by less than 5·10⁻⁴', () => {
      const { y } = compile('F.gelu(x) - jax.nn.gelu(x)').sample({ from: -6, to: 6, points: 12001, order: 0 });
      assert.ok(maxAbs(y) < 5e-4 && maxAbs(y) > 1e-4, String(maxAbs(y)));
    });

    it('three stacked sigmoids keep f′ below 0.25³', () => {
      const { dy } = compile('sigmoid(sigmoid(sigmoid(x)))').sample({ from: -20, to: 20, points: 8001, order: 1 });
      assert.ok(dy && maxAbs(dy) < 0.25 ** 3);
    });

    it('the cross-entropy gradient is softmax − onehot', () => {
      const result = compile('cross_entropy([2, 1, 0.1], 0)').vector();
      const s = compile('softmax([2, 1, 0.1])').vector().values;
      const gradient = result.jacobian?.[0];
      assert.ok(gradient);
      [s[0] - 1, s[1], s[2]].forEach((g, i) => assert.ok(Math.abs(gradient[i] - g) < 1e-12, `∂loss/∂z${i}`));
    });
  });
});

describe('renderer fixture notebooks', () => {
  it('bad-payloads.ipynb: a plot, a hostile title drawn as text, then an error naming each field', () => {
    const outputs = payloads(notebook('test/fixtures/workspace/notebooks/bad-payloads.ipynb'));
    assert.equal(outputs.length, 9);
    for (const { source, payload } of outputs) {
      const expected = /expect: ([^)]+)\)/.exec(source)?.[1] ?? 'plot';
      const result = outcome(payload);
      if (expected === 'plot') assert.equal(result, 'plot', source);
      else assert.ok(result !== 'plot' && result.includes(expected), `${source}\n→ ${result}`);
    }
  });

  it('forty-outputs.ipynb: 40 outputs that all draw', () => {
    const outputs = payloads(notebook('test/fixtures/workspace/notebooks/forty-outputs.ipynb'));
    assert.equal(outputs.length, 40);
    for (const { payload, source } of outputs) assert.equal(outcome(payload), 'plot', source);
  });
});
