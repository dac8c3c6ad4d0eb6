import * as assert from 'node:assert/strict';
import { catalogue, compile, findActivation } from '../../../src/core/index';
import { parseCompareArgs, parseExportArgs, parsePlotArgs } from '../../../src/extension/commands/args';
import { catalogueItem, entryExpression, unionRange } from '../../../src/extension/commands/catalogueItems';
import { describeProblem } from '../../../src/extension/commands/problem';
import { maxRecent, pushRecent, readRecent } from '../../../src/extension/commands/recent';
import { findCallAt, inferFramework, selectionExpression } from '../../../src/extension/commands/selection';
import { contentSecurityPolicy, makeNonce, panelHtmlText } from '../../../src/extension/panel/panelHtml';
import { compileSeries } from '../../../src/shared/plotModel';

describe('extension/commands (pure parts)', () => {
  describe('command arguments', () => {
    it('treats no arguments as "ask the user"', () => {
      assert.deepEqual(parsePlotArgs(undefined), { ok: true, value: undefined });
      assert.deepEqual(parseCompareArgs(undefined), { ok: true, value: undefined });
    });

    it('accepts a bare expression, a list, from/to or range, params and framework', () => {
      assert.deepEqual(parsePlotArgs('gelu(x)'), { ok: true, value: { expr: ['gelu(x)'] } });
      const full = parsePlotArgs({ expr: ['relu(x)', 'gelu(x)'], from: -2, to: 3, params: { negative_slope: 0.2 }, framework: 'jax', title: 't', newPanel: true });
      assert.ok(full.ok && full.value);
      assert.deepEqual(full.value.range, [-2, 3]);
      assert.equal(full.value.params?.negative_slope, 0.2);
      assert.equal(full.value.framework, 'jax');
      assert.equal(full.value.newPanel, true);
      const range = parsePlotArgs({ expr: 'x', range: [0, 1] });
      assert.ok(range.ok && range.value?.range?.[1] === 1);
    });

    const bad: [string, unknown, RegExp][] = [
      ['a number', 42, /expected \{ expr/],
      ['no expr', { from: 0, to: 1 }, /expr must be/],
      ['an empty list', { expr: [] }, /expr must be/],
      ['nine expressions', { expr: Array.from({ length: 9 }, () => 'x') }, /expr must be/],
      ['a non-string expression', { expr: [1] }, /non-empty strings/],
      ['from without to', { expr: 'x', from: 0 }, /both from and to/],
      ['a reversed range', { expr: 'x', from: 2, to: 1 }, /smaller to a larger/],
      ['a NaN bound', { expr: 'x', from: NaN, to: 1 }, /finite/],
      ['a polluting parameter', { expr: 'x', params: JSON.parse('{"__proto__": 1}') }, /invalid parameter name/],
      ['an unknown framework', { expr: 'x', framework: 'theano' }, /framework must be/],
      ['a non-boolean newPanel', { expr: 'x', newPanel: 'yes' }, /newPanel/],
    ];
    for (const [what, value, error] of bad) {
      it(`rejects ${what} with a reason`, () => {
        const checked = parsePlotArgs(value);
        assert.equal(checked.ok, false);
        if (!checked.ok) assert.match(checked.error, error);
      });
    }

    it('accepts the hover link shape { fn } for compare, plus { expr } and a bare name', () => {
      assert.deepEqual(parseCompareArgs({ fn: 'leaky_relu' }), { ok: true, value: { fn: 'leaky_relu' } });
      assert.deepEqual(parseCompareArgs({ expr: 'gelu', from: -3, to: 3 }), { ok: true, value: { fn: 'gelu', range: [-3, 3] } });
      assert.deepEqual(parseCompareArgs(' gelu '), { ok: true, value: { fn: 'gelu' } });
      assert.equal(parseCompareArgs({ fn: 3 }).ok, false);
    });

    it('accepts export formats and targets, rejecting anything else', () => {
      assert.deepEqual(parseExportArgs({ format: 'csv', target: '/tmp/a.csv' }), { ok: true, value: { format: 'csv', target: '/tmp/a.csv' } });
      assert.deepEqual(parseExportArgs('svg'), { ok: true, value: { format: 'svg' } });
      assert.equal(parseExportArgs({ format: 'exe' }).ok, false);
      assert.equal(parseExportArgs({ width: 10 }).ok, false);
    });
  });

  describe('Plot Selection: the call under the cursor', () => {
    const cases: [string, string, string | undefined][] = [
      // [source with | at the cursor, expected expression]
      ['y = F.leaky_re|lu(h, 0.2)', 'F.leaky_relu(x, 0.2)', undefined],
      ['y = F.leaky_relu(h, negative_sl|ope=0.2)', 'F.leaky_relu(x, negative_slope=0.2)', undefined],
      ['self.act = nn.GE|LU(approximate="tanh")', 'nn.GELU(approximate="tanh")(x)', undefined],
      ['self.act = nn.LeakyReLU(0.|2)', 'nn.LeakyReLU(0.2)(x)', undefined],
      ['out = nn.Re|LU()(h)', 'nn.ReLU()(x)', undefined],
      ['x = jax.nn.ge|lu(x)', 'jax.nn.gelu(x)', undefined],
      ['h = tf.nn.leaky_relu(features=h, al|pha=0.1)', 'tf.nn.leaky_relu(features=x, alpha=0.1)', undefined],
      ['Dense(64, activation="ge|lu")', 'gelu(x)', undefined],
      ['act = torch.sigm|oid', 'torch.sigmoid(x)', undefined],
      ['y = F.softplus(\n    h,\n    be|ta=2,\n)', 'F.softplus(x, beta=2)', undefined],
      ['p = F.soft|max(logits, dim=-1)', 'F.softmax([2, 1, -1, 0.5] / T, dim=-1)', undefined],
      ['loss = F.cross_en|tropy(logits, y)', 'cross_entropy([2, 1, -1], 0)', undefined],
      ['y = my_fn(h|)', '', undefined],
      ['print("hel|lo")', '', undefined],
    ];
    for (const [marked, expected] of cases) {
      it(`${JSON.stringify(marked)} → ${expected || 'nothing'}`, () => {
        const offset = marked.indexOf('|');
        const text = marked.replace('|', '');
        const found = findCallAt(text, offset);
        assert.equal(found?.expr ?? '', expected);
        if (expected) assert.ok(compileSeries({ expr: expected }, 'torch').ok, `${expected} compiles`);
      });
    }

    it('takes the framework from the first import', () => {
      assert.equal(inferFramework('import os\nimport torch.nn as nn\nimport jax'), 'torch');
      assert.equal(inferFramework('from tensorflow import keras'), 'tf');
      assert.equal(inferFramework('import keras\n'), 'keras');
      assert.equal(inferFramework('from jax import numpy as jnp'), 'jax');
      assert.equal(inferFramework('x = 1  # import torch'), undefined);
    });

    it('cleans a selection: assignment target, trailing comma, a call on a tensor becomes a call on x', () => {
      assert.equal(selectionExpression('  y = x * sigmoid(x),  '), 'x * sigmoid(x)');
      assert.equal(selectionExpression('F.gelu(hidden)'), 'F.gelu(x)');
      assert.equal(selectionExpression('gelu'), 'gelu(x)');
      assert.equal(selectionExpression('softmax([1, 2, 3])'), 'softmax([1, 2, 3])');
      assert.equal(selectionExpression('leaky_relu(x, 0.1) + 1'), 'leaky_relu(x, 0.1) + 1');
    });
  });

  describe('pickers', () => {
    it('describes every catalogue entry with its title, its framework spellings and its formula', () => {
      const item = catalogueItem(findActivation('silu')?.activation ?? assert.fail('silu'));
      assert.equal(item.label, 'silu');
      assert.match(item.description, /F\.silu/);
      assert.match(item.description, /tf\.nn\.silu/);
      assert.match(item.detail, /^f\(x\) = /);
    });

    it('gives every catalogue entry an expression that compiles', () => {
      for (const activation of catalogue) {
        const expr = entryExpression(activation);
        const compiled = compileSeries({ expr }, 'torch');
        assert.ok(compiled.ok, `${activation.name}: ${expr}: ${compiled.ok ? '' : compiled.problem.message}`);
        if (activation.kind === 'elementwise') assert.equal(compiled.compiled.kind, 'function');
      }
    });

    it('overlays several entries over the union of their plot ranges', () => {
      const relu = findActivation('relu')?.activation;
      const gelu = findActivation('gelu')?.activation;
      assert.ok(relu && gelu);
      const [from, to] = unionRange([relu, gelu]) ?? [NaN, NaN];
      assert.equal(from, Math.min(relu.plotRange[0], gelu.plotRange[0]));
      assert.equal(to, Math.max(relu.plotRange[1], gelu.plotRange[1]));
    });
  });

  describe('recent expressions', () => {
    it('moves a re-used expression to the front, without duplicates, bounded', () => {
      let list: string[] = [];
      for (let i = 0; i < maxRecent + 5; i++) list = pushRecent(list, `e${i}`);
      list = pushRecent(list, 'e20');
      assert.equal(list.length, maxRecent);
      assert.equal(list[0], 'e20');
      assert.equal(list.filter((e) => e === 'e20').length, 1);
    });

    it('cleans what globalState returns', () => {
      assert.deepEqual(readRecent(['a', 1, 'a', '', null, 'b']), ['a', 'b']);
      assert.deepEqual(readRecent({ a: 1 }), []);
    });
  });

  describe('problem text', () => {
    it('gives the core message with the position and the offending text', () => {
      try {
        compile('relu(x) + gleu(x)');
        assert.fail('should not compile');
      } catch (error) {
        const problem = compileSeries({ expr: 'relu(x) + gleu(x)' }, 'torch');
        assert.ok(!problem.ok);
        assert.equal(describeProblem(problem.problem), "unknown function 'gleu' (did you mean 'gelu'?) (columns 11–14: “gleu”)");
        assert.ok(error instanceof Error);
      }
    });
  });

  describe('panel HTML', () => {
    it('has the strict CSP: nonce scripts only, no eval, images from data: and blob:', () => {
      assert.equal(
        contentSecurityPolicy('https://csp.example', 'abc'),
        "default-src 'none'; script-src 'nonce-abc'; style-src https://csp.example 'unsafe-inline'; img-src https://csp.example data: blob:; font-src https://csp.example",
      );
    });

    it('loads only the webview bundle and the stylesheet, and the script carries the nonce', () => {
      const nonce = makeNonce();
      const html = panelHtmlText({ cspSource: 'vscode-resource:', scriptUri: 'vscode-resource:/dist/webview.js', styleUri: 'vscode-resource:/media/panel.css', nonce });
      assert.match(html, new RegExp(`<script nonce="${nonce.replace(/[+/=]/g, '\\$&')}" src="vscode-resource:/dist/webview.js"></script>`));
      assert.equal((html.match(/<script/g) ?? []).length, 1);
      assert.ok(!html.includes('unsafe-eval'));
      assert.notEqual(makeNonce(), nonce);
      assert.ok(nonce.length >= 32);
    });
  });
});
