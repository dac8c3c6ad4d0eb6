import * as assert from 'node:assert/strict';
import { formatPlotSpecErrors, plotSpecLimits, validatePlotSpec } from '../../../src/shared/plotSpec';
import type { PlotSpec, PlotSpecError } from '../../../src/shared/plotSpec';

function accept(payload: unknown): PlotSpec {
  const result = validatePlotSpec(payload);
  assert.ok(result.ok, `expected the payload to be accepted:\n${result.ok ? '' : formatPlotSpecErrors(result.errors)}`);
  return result.spec;
}

function reject(payload: unknown): readonly PlotSpecError[] {
  const result = validatePlotSpec(payload);
  assert.ok(!result.ok, `expected the payload to be rejected: ${JSON.stringify(payload)?.slice(0, 200)}`);
  return result.errors;
}

/** The payload a hostile JSON text parses to (JSON.parse makes `__proto__` an own key, as VS Code's json() does). */
function parsed(text: string): unknown {
  return JSON.parse(text);
}

const long = (n: number): string => 'x'.repeat(n);
const numbers = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('validatePlotSpec', () => {
  describe('accepts and normalises valid payloads', () => {
    it('fills the defaults for a bare expression', () => {
      const spec = accept({ expr: 'gelu(x)' });
      assert.deepEqual(spec.expr, ['gelu(x)']);
      assert.equal(spec.version, 1);
      assert.equal(spec.points, plotSpecLimits.defaultPoints);
      assert.deepEqual(spec.derivatives, [1]);
      assert.equal(spec.range, undefined);
      assert.deepEqual(Object.keys(spec.params), []);
    });

    it('keeps every documented field', () => {
      const spec = accept({
        version: 1, expr: ['relu(x)', 'silu(x)'], range: [-4, 4], points: 500, derivatives: [2, 1],
        params: { negative_slope: 0.1 }, framework: 'tf', saturation: 0.01, title: 'Two functions',
      });
      assert.deepEqual(spec.expr, ['relu(x)', 'silu(x)']);
      assert.deepEqual(spec.range, [-4, 4]);
      assert.equal(spec.points, 500);
      assert.deepEqual(spec.derivatives, [1, 2], 'derivatives are sorted');
      assert.equal(spec.params.negative_slope, 0.1);
      assert.equal(spec.framework, 'tf');
      assert.equal(spec.saturation, 0.01);
      assert.equal(spec.title, 'Two functions');
    });

    it('allows f alone with an empty derivatives list', () => {
      assert.deepEqual(accept({ expr: 'tanh(x)', derivatives: [] }).derivatives, []);
    });

    it('drops a zero saturation threshold (no shading)', () => {
      assert.equal(accept({ expr: 'tanh(x)', saturation: 0 }).saturation, undefined);
    });

    it('reads precomputed series alone, with null as a gap', () => {
      const spec = accept({ x: [0, 1, 2], series: [{ name: 'torch', y: [0, null, 2] }] });
      assert.deepEqual(spec.expr, []);
      assert.ok(spec.data);
      assert.deepEqual([...spec.data.x], [0, 1, 2]);
      assert.equal(spec.data.series[0]?.name, 'torch');
      assert.ok(Number.isNaN(spec.data.series[0]?.y[1]));
    });

    it('overlays precomputed series on expressions', () => {
      const spec = accept({ expr: 'gelu(x)', x: [-1, 1], series: [{ name: 'a', y: [1, 2] }, { name: 'b', y: [3, 4] }] });
      assert.deepEqual(spec.expr, ['gelu(x)']);
      assert.equal(spec.data?.series.length, 2);
    });

    it('accepts the limits themselves', () => {
      accept({ expr: 'x', points: plotSpecLimits.maxPoints, range: [-plotSpecLimits.maxAbsRange, plotSpecLimits.maxAbsRange] });
      accept({ expr: 'x', points: plotSpecLimits.minPoints, title: long(plotSpecLimits.maxTitleLength) });
      accept({ expr: numbers(plotSpecLimits.maxExpressions).map(() => 'x') });
      accept({ x: numbers(plotSpecLimits.maxSeriesPoints), series: [{ name: long(plotSpecLimits.maxSeriesNameLength), y: numbers(plotSpecLimits.maxSeriesPoints) }] });
    });

    it('stores params in a record without a prototype', () => {
      const spec = accept({ expr: 'x', params: { T: 2 } });
      assert.equal(Object.getPrototypeOf(spec.params), null);
    });
  });

  describe('rejects bad payloads with the field named', () => {
    const cases: { name: string; payload: unknown; path: string; message: RegExp }[] = [
      { name: 'null', payload: null, path: '', message: /must be a JSON object, not null/ },
      { name: 'an array', payload: [1, 2], path: '', message: /not an array/ },
      { name: 'a string', payload: 'gelu(x)', path: '', message: /not a string/ },
      { name: 'a number', payload: 42, path: '', message: /not the number 42/ },
      { name: 'an empty object', payload: {}, path: 'expr', message: /is required/ },
      { name: 'an unknown field', payload: { expr: 'x', colour: 'red' }, path: 'colour', message: /not a field/ },
      { name: 'a misspelt field', payload: { expr: 'x', derivative: [1] }, path: 'derivative', message: /known: .*derivatives/ },
      { name: 'version 2', payload: { version: 2, expr: 'x' }, path: 'version', message: /must be 1/ },
      { name: 'a string version', payload: { version: '1', expr: 'x' }, path: 'version', message: /must be 1/ },
      { name: 'a numeric expr', payload: { expr: 5 }, path: 'expr', message: /string or an array of strings/ },
      { name: 'an empty expr', payload: { expr: '   ' }, path: 'expr', message: /must not be empty/ },
      { name: 'an empty expr list', payload: { expr: [] }, path: 'expr', message: /empty array/ },
      { name: 'a non-string in the expr list', payload: { expr: ['x', { f: 1 }] }, path: 'expr[1]', message: /must be a string, not an object/ },
      { name: 'too many expressions', payload: { expr: numbers(9).map(() => 'x') }, path: 'expr', message: /limit is 8/ },
      { name: 'a long expression', payload: { expr: long(1001) }, path: 'expr', message: /1001 characters long; the limit is 1000/ },
      { name: 'a range of one number', payload: { expr: 'x', range: [1] }, path: 'range', message: /two numbers/ },
      { name: 'a range object', payload: { expr: 'x', range: { from: 1, to: 2 } }, path: 'range', message: /two numbers/ },
      { name: 'a string in the range', payload: { expr: 'x', range: ['-4', 4] }, path: 'range[0]', message: /finite number, not a string/ },
      { name: 'a null in the range (JSON for NaN)', payload: { expr: 'x', range: [-4, null] }, path: 'range[1]', message: /finite number, not null/ },
      { name: 'NaN in the range', payload: { expr: 'x', range: [NaN, 4] }, path: 'range[0]', message: /not NaN/ },
      { name: 'Infinity in the range', payload: { expr: 'x', range: [-4, Infinity] }, path: 'range[1]', message: /not Infinity/ },
      { name: 'a reversed range', payload: { expr: 'x', range: [4, -4] }, path: 'range', message: /smaller to a larger/ },
      { name: 'an empty range', payload: { expr: 'x', range: [1, 1] }, path: 'range', message: /smaller to a larger/ },
      { name: 'a huge range', payload: { expr: 'x', range: [-1e7, 1] }, path: 'range[0]', message: /within ±1000000/ },
      { name: 'huge points', payload: { expr: 'x', points: 1e9 }, path: 'points', message: /between 2 and 20000/ },
      { name: 'one point', payload: { expr: 'x', points: 1 }, path: 'points', message: /between 2 and 20000/ },
      { name: 'fractional points', payload: { expr: 'x', points: 10.5 }, path: 'points', message: /whole number/ },
      { name: 'string points', payload: { expr: 'x', points: '100' }, path: 'points', message: /whole number, not a string/ },
      { name: 'derivative 3', payload: { expr: 'x', derivatives: [1, 3] }, path: 'derivatives[1]', message: /1 \(f′\) or 2 \(f″\)/ },
      { name: 'a derivatives number', payload: { expr: 'x', derivatives: 1 }, path: 'derivatives', message: /array/ },
      { name: 'too many derivatives', payload: { expr: 'x', derivatives: [1, 2, 1] }, path: 'derivatives', message: /1 and 2 only/ },
      { name: 'params as an array', payload: { expr: 'x', params: [1] }, path: 'params', message: /object of name: number/ },
      { name: 'a string parameter value', payload: { expr: 'x', params: { T: '0.5' } }, path: 'params.T', message: /finite number, not a string/ },
      { name: 'a nested parameter value', payload: { expr: 'x', params: { T: { value: 1 } } }, path: 'params.T', message: /not an object/ },
      { name: 'a parameter name with a space', payload: { expr: 'x', params: { 'a b': 1 } }, path: 'params["a b"]', message: /not a parameter name/ },
      { name: 'a parameter name starting with a digit', payload: { expr: 'x', params: { '1a': 1 } }, path: 'params["1a"]', message: /not a parameter name/ },
      { name: 'a constructor parameter', payload: { expr: 'x', params: { constructor: 1 } }, path: 'params.constructor', message: /reserved name/ },
      { name: 'too many parameters', payload: { expr: 'x', params: Object.fromEntries(numbers(33).map((i) => [`p${i}`, i])) }, path: 'params', message: /limit is 32/ },
      { name: 'an unknown framework', payload: { expr: 'x', framework: 'caffe' }, path: 'framework', message: /one of torch, tf/ },
      { name: 'a negative saturation', payload: { expr: 'x', saturation: -0.1 }, path: 'saturation', message: /between 0 and 1/ },
      { name: 'a numeric title', payload: { expr: 'x', title: 3 }, path: 'title', message: /must be a string/ },
      { name: 'a long title', payload: { expr: 'x', title: long(201) }, path: 'title', message: /limit is 200/ },
      { name: 'x without series', payload: { x: [1, 2] }, path: 'series', message: /required when x is given/ },
      { name: 'series without x', payload: { series: [{ name: 'a', y: [1] }] }, path: 'x', message: /required when series are given/ },
      { name: 'x with one value', payload: { x: [1], series: [{ name: 'a', y: [1] }] }, path: 'x', message: /at least 2/ },
      { name: 'null in x', payload: { x: [1, null], series: [{ name: 'a', y: [1, 2] }] }, path: 'x[1]', message: /finite number, not null/ },
      { name: 'a huge x', payload: { x: numbers(20001), series: [{ name: 'a', y: [] }] }, path: 'x', message: /20001 values; the limit is 20000/ },
      { name: 'y of the wrong length', payload: { x: [1, 2, 3], series: [{ name: 'a', y: [1, 2] }] }, path: 'series[0].y', message: /2 values but x has 3/ },
      { name: 'a string in y', payload: { x: [1, 2], series: [{ name: 'a', y: [1, '2'] }] }, path: 'series[0].y[1]', message: /or null \(a gap\), not a string/ },
      { name: 'a series without a name', payload: { x: [1, 2], series: [{ y: [1, 2] }] }, path: 'series[0].name', message: /required/ },
      { name: 'a series with an extra field', payload: { x: [1, 2], series: [{ name: 'a', y: [1, 2], color: 'red' }] }, path: 'series[0].color', message: /not a field of a series/ },
      { name: 'a series that is a number', payload: { x: [1, 2], series: [7] }, path: 'series[0]', message: /must be an object/ },
      { name: 'no series', payload: { x: [1, 2], series: [] }, path: 'series', message: /1 to 16 series/ },
      { name: 'too many series', payload: { x: [1, 2], series: numbers(17).map((i) => ({ name: `s${i}`, y: [1, 2] })) }, path: 'series', message: /1 to 16 series, not 17/ },
      { name: 'a long series name', payload: { x: [1, 2], series: [{ name: long(101), y: [1, 2] }] }, path: 'series[0].name', message: /limit is 100/ },
    ];
    for (const { name, payload, path, message } of cases) {
      it(`rejects ${name}`, () => {
        const errors = reject(payload);
        const hit = errors.find((e) => e.path === path);
        assert.ok(hit, `no error at '${path}'; got:\n${formatPlotSpecErrors(errors)}`);
        assert.match(hit.message, message);
      });
    }
  });

  describe('treats hostile payloads as data', () => {
    it('rejects a __proto__ field without touching Object.prototype', () => {
      const errors = reject(parsed('{"expr": "x", "__proto__": {"polluted": true}}'));
      assert.equal(errors[0]?.path, '__proto__');
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });

    it('rejects a __proto__ parameter and keeps the prototype clean', () => {
      const errors = reject(parsed('{"expr": "x", "params": {"__proto__": 1}}'));
      assert.equal(errors[0]?.path, 'params.__proto__');
      assert.match(errors[0]?.message ?? '', /reserved name/);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });

    it('rejects a constructor field at the top level', () => {
      assert.equal(reject(parsed('{"expr": "x", "constructor": {"prototype": {}}}'))[0]?.path, 'constructor');
    });

    it('rejects objects that are not plain JSON objects', () => {
      assert.equal(reject(new Date())[0]?.path, '');
      assert.equal(reject(Object.create({ expr: 'x' }) as object)[0]?.path, '');
    });

    it('keeps script in the title as inert text', () => {
      const title = '<img src=x onerror=alert(1)><script>alert(1)</script>';
      assert.equal(accept({ expr: 'x', title }).title, title);
    });

    it('reports one error for a huge array full of junk', () => {
      const junk = numbers(20000).map(() => 'junk');
      const errors = reject({ x: numbers(20000), series: [{ name: 'a', y: junk }] });
      assert.equal(errors.length, 1);
      assert.equal(errors[0]?.path, 'series[0].y[0]');
    });

    it('caps the number of errors for a payload of many bad fields', () => {
      const payload = Object.fromEntries(numbers(500).map((i) => [`junk${i}`, i]));
      const errors = reject(payload);
      assert.equal(errors.length, plotSpecLimits.maxErrors + 1);
      assert.match(errors[errors.length - 1]?.message ?? '', /more errors not shown/);
    });

    it('shortens a huge key in the path', () => {
      const errors = reject({ expr: 'x', [long(100000)]: 1 });
      assert.ok((errors[0]?.path.length ?? Infinity) < 60);
    });

    it('rejects nested junk in every field at once, naming each', () => {
      const errors = reject({ expr: [[['x']]], range: { a: [1] }, params: { T: [1, { b: 2 }] }, derivatives: [{}], title: ['t'] });
      assert.deepEqual(errors.map((e) => e.path), ['expr[0]', 'range', 'derivatives[0]', 'params.T', 'title']);
    });
  });

  it('formats errors one per line with their paths', () => {
    assert.equal(formatPlotSpecErrors([{ path: 'range[1]', message: 'must be a finite number, not NaN' }, { path: '', message: 'whole' }]),
      'range[1]: must be a finite number, not NaN\nwhole');
  });
});
