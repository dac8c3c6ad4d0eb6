import * as assert from 'node:assert/strict';
import { decodeDataUrl, maxImageDataLength, validateHostMessage, validateWebviewMessage } from '../../../src/shared/messages';

const model = {
  series: [{ expr: 'gelu(x)' }, { expr: 'F.leaky_relu(x)', label: 'PyTorch', framework: 'torch', params: { negative_slope: 0.2 } }],
  range: [-5, 5],
  view: [-2, 3],
  points: 1000,
  show: { f: true, d1: true, d2: false },
  layers: { saturation: true, kinks: true, warnings: true },
  saturationThreshold: 0.01,
  framework: 'torch',
};

const withModel = (patch: Record<string, unknown>): Record<string, unknown> => ({ ...model, ...patch });

describe('shared/messages', () => {
  describe('host → webview', () => {
    it('accepts a show message and returns the model it checked', () => {
      const checked = validateHostMessage({ type: 'show', model });
      assert.ok(checked.ok);
      assert.deepEqual(JSON.parse(JSON.stringify(checked.value)), { type: 'show', model });
    });

    it('accepts the time of the opening command with a show, and nothing but a number there', () => {
      const checked = validateHostMessage({ type: 'show', model, commandAt: 1_700_000_000_000 });
      assert.ok(checked.ok && checked.value.type === 'show' && checked.value.commandAt === 1_700_000_000_000);
      assert.equal(validateHostMessage({ type: 'show', model, commandAt: 'now' }).ok, false);
    });

    it('accepts an image request within bounds', () => {
      assert.ok(validateHostMessage({ type: 'exportImage', id: 3, format: 'svg', width: 1200, height: 700 }).ok);
    });

    const rejected: [string, unknown, RegExp][] = [
      ['not an object', 'show', /must be an object/],
      ['null', null, /must be an object/],
      ['an array', [{ type: 'show' }], /must be an object/],
      ['no type', { model }, /string type/],
      ['an unknown type', { type: 'eval', code: 'alert(1)' }, /unknown message type "eval"/],
      ['a prototype-polluting type', JSON.parse('{"type":"__proto__"}'), /unknown message type/],
      ['an extra field', { type: 'show', model, html: '<script>' }, /unknown field/],
      ['a model without series', { type: 'show', model: withModel({ series: [] }) }, /series must hold 1 to 8/],
      ['too many series', { type: 'show', model: withModel({ series: Array.from({ length: 9 }, () => ({ expr: 'x' })) }) }, /series must hold/],
      ['an empty expression', { type: 'show', model: withModel({ series: [{ expr: '  ' }] }) }, /non-empty string/],
      ['a huge expression', { type: 'show', model: withModel({ series: [{ expr: 'x'.repeat(10_001) }] }) }, /at most 10000/],
      ['an expression that is not a string', { type: 'show', model: withModel({ series: [{ expr: { toString: 'x' } }] }) }, /non-empty string/],
      ['an unknown series field', { type: 'show', model: withModel({ series: [{ expr: 'x', onload: 'x' }] }) }, /unknown field/],
      ['a __proto__ parameter', { type: 'show', model: withModel({ series: [{ expr: 'x', params: JSON.parse('{"__proto__": 1}') }] }) }, /invalid parameter name/],
      ['a constructor parameter', { type: 'show', model: withModel({ series: [{ expr: 'x', params: { constructor: 1 } }] }) }, /invalid parameter name/],
      ['a NaN parameter', { type: 'show', model: withModel({ series: [{ expr: 'x', params: { a: NaN } }] }) }, /finite number/],
      ['a string parameter', { type: 'show', model: withModel({ series: [{ expr: 'x', params: { a: '1' } }] }) }, /finite number/],
      ['an unknown framework', { type: 'show', model: withModel({ framework: 'caffe' }) }, /framework must be one of/],
      ['a reversed range', { type: 'show', model: withModel({ range: [5, -5] }) }, /smaller to a larger/],
      ['an infinite view', { type: 'show', model: withModel({ view: [-Infinity, 1] }) }, /finite numbers/],
      ['a huge range', { type: 'show', model: withModel({ range: [-1e7, 1] }) }, /within ±1000000/],
      ['too many points', { type: 'show', model: withModel({ points: 1e7 }) }, /points must be/],
      ['fractional points', { type: 'show', model: withModel({ points: 100.5 }) }, /points must be/],
      ['a non-boolean toggle', { type: 'show', model: withModel({ show: { f: 1, d1: true, d2: false } }) }, /show.f must be true or false/],
      ['a missing layer', { type: 'show', model: withModel({ layers: { saturation: true, kinks: true } }) }, /layers.warnings/],
      ['a threshold above 1', { type: 'show', model: withModel({ saturationThreshold: 2 }) }, /saturationThreshold/],
      ['a long title', { type: 'show', model: withModel({ title: 't'.repeat(201) }) }, /title/],
      ['an unknown model field', { type: 'show', model: withModel({ script: 'x' }) }, /unknown field/],
      ['an image request with a negative id', { type: 'exportImage', id: -1, format: 'png', width: 100, height: 100 }, /id must be/],
      ['an image request for jpeg', { type: 'exportImage', id: 1, format: 'jpeg', width: 100, height: 100 }, /png or svg/],
      ['an image request of absurd size', { type: 'exportImage', id: 1, format: 'png', width: 1e6, height: 100 }, /width and height/],
    ];
    for (const [what, message, error] of rejected) {
      it(`rejects ${what}`, () => {
        const checked = validateHostMessage(message);
        assert.equal(checked.ok, false);
        if (!checked.ok) assert.match(checked.error, error);
      });
    }

    it('leaves Object.prototype alone when given a polluting payload', () => {
      validateHostMessage(JSON.parse('{"type":"show","model":{"__proto__":{"polluted":1}}}'));
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });

    it('rejects objects with a foreign prototype (not plain JSON)', () => {
      class Sneaky {
        type = 'show';
      }
      assert.equal(validateHostMessage(new Sneaky()).ok, false);
    });
  });

  describe('webview → host', () => {
    const accepted: [string, unknown][] = [
      ['ready', { type: 'ready' }],
      ['state', { type: 'state', model }],
      ['rendered with timings', { type: 'rendered', timings: { 'webview:newplot': 12.5 } }],
      ['a PNG', { type: 'image', id: 1, format: 'png', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' }],
      ['an SVG', { type: 'image', id: 1, format: 'svg', dataUrl: 'data:image/svg+xml,%3Csvg%3E%3C%2Fsvg%3E' }],
      ['an image failure', { type: 'image', id: 1, format: 'svg', error: 'no chart' }],
      ['an export request', { type: 'requestExport', format: 'csv' }],
      ['copy as JAX', { type: 'copyCode', target: 'jax' }],
      ['copy as Keras, already copied by the page', { type: 'copyCode', target: 'keras', copied: true }],
      ['a log line', { type: 'log', level: 'error', message: 'boom' }],
    ];
    for (const [what, message] of accepted) {
      it(`accepts ${what}`, () => assert.ok(validateWebviewMessage(message).ok));
    }

    const rejected: [string, unknown, RegExp][] = [
      ['an unknown type', { type: 'openExternal', url: 'https://example.com' }, /unknown message type/],
      ['a ready with a payload', { type: 'ready', extra: 1 }, /unknown field/],
      ['a state with a bad model', { type: 'state', model: withModel({ points: -1 }) }, /points/],
      ['timings that are not numbers', { type: 'rendered', timings: { a: 'slow' } }, /map names to numbers/],
      ['timings with odd names', { type: 'rendered', timings: { 'a b<c>': 1 } }, /map names to numbers/],
      ['a PNG that is an SVG', { type: 'image', id: 1, format: 'png', dataUrl: 'data:image/svg+xml,<svg/>' }, /not a png data URL/],
      ['an image that is a javascript: URL', { type: 'image', id: 1, format: 'svg', dataUrl: 'javascript:alert(1)' }, /not a svg data URL/],
      ['an oversized image', { type: 'image', id: 1, format: 'png', dataUrl: `data:image/png;base64,${'A'.repeat(maxImageDataLength)}` }, /bounded size/],
      ['an export to a path', { type: 'requestExport', format: '../../etc/passwd' }, /png, svg or csv/],
      ['copy as unknown framework', { type: 'copyCode', target: 'caffe' }, /torch, keras or jax/],
      ['copy with a non-boolean copied', { type: 'copyCode', target: 'jax', copied: 'yes' }, /copied must be/],
      ['a log with an unknown level', { type: 'log', level: 'debug', message: 'x' }, /level/],
    ];
    for (const [what, message, error] of rejected) {
      it(`rejects ${what}`, () => {
        const checked = validateWebviewMessage(message);
        assert.equal(checked.ok, false);
        if (!checked.ok) assert.match(checked.error, error);
      });
    }

    it('shortens long log lines', () => {
      const checked = validateWebviewMessage({ type: 'log', level: 'info', message: 'x'.repeat(100_000) });
      assert.ok(checked.ok && checked.value.type === 'log' && checked.value.message.length === 2000);
    });
  });

  describe('decodeDataUrl', () => {
    it('decodes base64 PNG data', () => {
      assert.deepEqual([...(decodeDataUrl('data:image/png;base64,iVBORw==') ?? [])], [0x89, 0x50, 0x4e, 0x47]);
    });

    it('decodes percent-encoded SVG as UTF-8, including non-ASCII text', () => {
      const svg = '<svg><text>f′ σ</text></svg>';
      const bytes = decodeDataUrl(`data:image/svg+xml,${encodeURIComponent(svg)}`);
      assert.equal(Buffer.from(bytes ?? []).toString('utf8'), svg);
    });

    it('refuses malformed data', () => {
      assert.equal(decodeDataUrl('no comma'), undefined);
      assert.equal(decodeDataUrl('data:image/png;base64,@@@'), undefined);
    });
  });
});
