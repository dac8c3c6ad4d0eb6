import * as assert from 'node:assert/strict';
import { compile } from '../../../src/core/index';

interface LintCase {
  readonly src: string;
  readonly start: number;
  readonly end: number;
  readonly suggestion: string;
  readonly mentions: string;
}

const CASES: readonly LintCase[] = [
  { src: 'log(1+exp(x))', start: 0, end: 13, suggestion: 'softplus(x)', mentions: 'softplus' },
  { src: 'log(exp(2*x) + 1)', start: 0, end: 17, suggestion: 'softplus(2*x)', mentions: 'softplus' },
  { src: 'x + torch.log1p(torch.exp(x))', start: 4, end: 29, suggestion: 'softplus(x)', mentions: 'softplus' },
  { src: 'log(sigmoid(x))', start: 0, end: 15, suggestion: 'F.logsigmoid(x)', mentions: 'logsigmoid' },
  { src: '2 * torch.log(torch.sigmoid(x - 1))', start: 4, end: 35, suggestion: 'F.logsigmoid(x - 1)', mentions: 'logsigmoid' },
  { src: 'exp(v)/sum(exp(v))', start: 0, end: 18, suggestion: 'softmax(v)', mentions: 'softmax' },
  { src: '(exp([x, 1]) / sum(exp([x, 1])))[0]', start: 1, end: 31, suggestion: 'softmax([x, 1])', mentions: 'softmax' },
  { src: 'log(softmax([x, 0, 1]))[0]', start: 0, end: 23, suggestion: 'log_softmax([x, 0, 1])', mentions: 'log_softmax' },
  { src: 'log(F.softmax([x, 0], dim=-1))[1]', start: 0, end: 30, suggestion: 'F.log_softmax([x, 0], dim=-1)', mentions: 'log_softmax' },
];

describe('core/lint: numerically risky spellings', () => {
  for (const c of CASES) {
    it(`flags ${c.src} and suggests ${c.suggestion}`, () => {
      const f = compile(c.src, { params: { v: 1 } });
      const w = f.warnings.filter((d) => d.severity === 'warning');
      assert.equal(w.length, 1, JSON.stringify(f.warnings));
      assert.deepEqual(w[0].span, { start: c.start, end: c.end });
      assert.equal(w[0].suggestion, c.suggestion);
      assert.ok(w[0].message.includes(c.mentions), w[0].message);
      assert.doesNotThrow(() => compile(c.src.slice(0, c.start) + c.suggestion + c.src.slice(c.end), { params: { v: 1 } }));
    });
  }

  const clean = [
    'softplus(x)', 'log(2 + exp(x))', 'log(1 + exp(x) * 2)', 'log1p(x)', 'log(1 + x)', 'F.logsigmoid(x)',
    'log(tanh(x))', 'exp(x)/sum(exp([x, 1]))', 'exp(x)/sum([exp(x)])', 'log_softmax([x, 1])[0]', 'log(softmax)',
  ];
  for (const src of clean) {
    it(`does not flag ${src}`, () => {
      let warnings: readonly { severity: string }[] = [];
      try {
        warnings = compile(src, { params: { softmax: 1 } }).warnings;
      } catch {
        // a rejected expression has no warnings to check
      }
      assert.deepEqual(warnings.filter((d) => d.severity === 'warning'), []);
    });
  }

  it('orders warnings by position', () => {
    const f = compile('log(sigmoid(x)) + log(1 + exp(x))');
    assert.deepEqual(f.warnings.map((w) => w.span.start), [0, 18]);
  });
});
