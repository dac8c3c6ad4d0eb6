import * as assert from 'node:assert/strict';
import { ExpressionError, LimitError, ParseError } from '../../../../src/core/index';
import type { Expr } from '../../../../src/core/parse/ast';
import { tokenize } from '../../../../src/core/parse/lexer';
import { MAX_NESTING, MAX_SOURCE_LENGTH, parse } from '../../../../src/core/parse/parser';
import { ERRORS, PRECEDENCE } from '../../../fixtures/expressions';

/** The tree as an s-expression, so precedence and associativity read at a glance. */
function printAst(e: Expr): string {
  switch (e.type) {
    case 'number':
      return String(e.value);
    case 'string':
      return JSON.stringify(e.value);
    case 'boolean':
      return String(e.value);
    case 'name':
      return e.name;
    case 'unary':
      return `(${e.op} ${printAst(e.arg)})`;
    case 'binary':
      return `(${e.op} ${printAst(e.left)} ${printAst(e.right)})`;
    case 'compare':
      return e.ops.length === 1
        ? `(${e.ops[0]} ${e.operands.map(printAst).join(' ')})`
        : `(compare ${e.ops.join(' ')} ${e.operands.map(printAst).join(' ')})`;
    case 'call': {
      const parts = [printAst(e.callee), ...e.args.map(printAst), ...e.keywords.map((k) => `${k.name}=${printAst(k.value)}`)];
      return `(call ${parts.join(' ')})`;
    }
    case 'vector':
      return e.items.length === 0 ? '(vector)' : `(vector ${e.items.map(printAst).join(' ')})`;
    case 'index':
      return `(index ${printAst(e.target)} ${printAst(e.index)})`;
  }
}

/** Every node's span lies within its parent's, and a leaf's span is exactly its text. */
function checkSpans(e: Expr, source: string, parent = { start: 0, end: source.length }): void {
  assert.ok(e.span.start >= parent.start && e.span.end <= parent.end && e.span.start <= e.span.end, `span of ${printAst(e)}`);
  const children: Expr[] = [];
  switch (e.type) {
    case 'unary':
      children.push(e.arg);
      break;
    case 'binary':
      children.push(e.left, e.right);
      break;
    case 'compare':
      children.push(...e.operands);
      break;
    case 'call':
      children.push(e.callee, ...e.args, ...e.keywords.map((k) => k.value));
      break;
    case 'vector':
      children.push(...e.items);
      break;
    case 'index':
      children.push(e.target, e.index);
      break;
    case 'name':
      assert.equal(source.slice(e.span.start, e.span.end), e.name);
      break;
    default:
      break;
  }
  for (const c of children) checkSpans(c, source, e.span);
}

describe('core/parse: parser', () => {
  describe('precedence and associativity', () => {
    for (const [src, tree] of PRECEDENCE) {
      it(`parses ${JSON.stringify(src)} as ${tree}`, () => {
        const ast = parse(src);
        assert.equal(printAst(ast), tree);
        checkSpans(ast, src);
      });
    }
  });

  it('gives every node a span covering its source text', () => {
    const src = 'F.leaky_relu(x, negative_slope=-0.2) + [1, 2][0]';
    const ast = parse(src);
    assert.deepEqual(ast.span, { start: 0, end: src.length });
    assert.equal(ast.type, 'binary');
    if (ast.type !== 'binary' || ast.left.type !== 'call') return assert.fail('expected a call on the left');
    assert.deepEqual(ast.left.callee.span, { start: 0, end: 12 });
    assert.deepEqual(ast.left.keywords[0].nameSpan, { start: 16, end: 30 });
    assert.deepEqual(ast.left.keywords[0].value.span, { start: 31, end: 35 });
  });

  it('reads numbers in every accepted notation', () => {
    const numbers = tokenize('2 .5 1e-3 1.5E+2 7. 0.25').filter((t) => t.kind === 'number').map((t) => t.value);
    assert.deepEqual(numbers, [2, 0.5, 0.001, 150, 7, 0.25]);
  });

  it('treats ^ and ** as the same operator', () => {
    assert.deepEqual(tokenize('2^3').map((t) => t.text), tokenize('2**3').map((t) => t.text));
  });

  it('reads strings in either quote', () => {
    const [a, b] = [parse("'tanh'"), parse('"tanh"')];
    assert.deepEqual(a.type === 'string' && a.value, 'tanh');
    assert.deepEqual(b.type === 'string' && b.value, 'tanh');
  });

  describe('errors carry their class and span', () => {
    for (const c of ERRORS.filter((e) => e.error === 'ParseError' || e.error === 'LimitError')) {
      it(`rejects ${JSON.stringify(c.src.length > 40 ? c.src.slice(0, 40) + '…' : c.src)} with ${c.error} at ${c.start}–${c.end}`, () => {
        assert.throws(
          () => parse(c.src),
          (e: unknown) => {
            const cls = c.error === 'ParseError' ? ParseError : LimitError;
            assert.ok(e instanceof cls, `expected ${c.error}, got ${String(e)}`);
            assert.ok(e instanceof ExpressionError);
            assert.deepEqual(e.span, { start: c.start, end: c.end });
            if (c.exact) assert.equal(e.message, c.message);
            else assert.ok(e.message.includes(c.message), `message ${JSON.stringify(e.message)}`);
            assert.equal(e.name, c.error);
            return true;
          },
        );
      });
    }
  });

  describe('bounds', () => {
    it(`accepts a source of exactly ${MAX_SOURCE_LENGTH} characters`, () => {
      const src = 'x' + '+1'.repeat((MAX_SOURCE_LENGTH - 1) / 2 - 0.5) + ' ';
      assert.equal(src.length, MAX_SOURCE_LENGTH);
      assert.doesNotThrow(() => parse(src));
    });

    it(`rejects ${MAX_SOURCE_LENGTH + 1} characters with a LimitError, before tokenizing`, () => {
      const src = '$'.repeat(MAX_SOURCE_LENGTH + 1);
      assert.throws(() => parse(src), (e: unknown) => e instanceof LimitError && e.span.start === MAX_SOURCE_LENGTH);
    });

    it(`accepts ${MAX_NESTING} nested parentheses and rejects one more`, () => {
      const nest = (n: number): string => '('.repeat(n) + 'x' + ')'.repeat(n);
      assert.equal(printAst(parse(nest(MAX_NESTING))), 'x');
      assert.throws(() => parse(nest(MAX_NESTING + 1)), LimitError);
    });

    it('turns 10 000 open parentheses, brackets or calls into a LimitError, not a stack overflow', () => {
      for (const src of ['('.repeat(10_000), '['.repeat(10_000), 'f('.repeat(5_000), '-'.repeat(10_000)]) {
        assert.throws(() => parse(src.slice(0, MAX_SOURCE_LENGTH)), (e: unknown) => e instanceof LimitError && !(e instanceof RangeError));
      }
    });

    it('counts chained calls and indexing as nesting', () => {
      assert.throws(() => parse('x' + '[0]'.repeat(300)), LimitError);
      assert.throws(() => parse('f' + '(x)'.repeat(300)), LimitError);
      assert.doesNotThrow(() => parse('v' + '[0]'.repeat(100)));
    });

    it('parses a 5 000-term sum without recursion trouble', () => {
      const src = 'x' + '+x'.repeat(4_999);
      const ast = parse(src);
      assert.equal(ast.type, 'binary');
    });
  });
});
