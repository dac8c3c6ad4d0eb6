import type { Span } from '../types';
import type { BinaryOp, CompareOp, Expr, KeywordArg } from './ast';
import { LimitError, ParseError } from './errors';
import type { Token } from './lexer';
import { tokenize } from './lexer';

/** Longest accepted source, in UTF-16 code units. */
export const MAX_SOURCE_LENGTH = 10_000;
/** Deepest accepted nesting of brackets and unary operators; checked while parsing, so no stack overflow. */
export const MAX_NESTING = 256;

const COMPARE_OPS: ReadonlySet<string> = new Set(['<', '<=', '>', '>=', '==', '!=']);

/**
 * Parses an expression by recursive descent, one function per precedence level (loosest first):
 * comparison → additive → multiplicative → unary → power → postfix (call, index) → primary.
 * Python's rules: `-x**2` is `-(x**2)`, `2**-3` is `2**(-3)`, power is right-associative, `^` means `**`.
 */
export function parse(source: string): Expr {
  if (source.length > MAX_SOURCE_LENGTH) {
    throw new LimitError(
      `expression is too long (${source.length} characters; the limit is ${MAX_SOURCE_LENGTH})`,
      { start: MAX_SOURCE_LENGTH, end: source.length },
    );
  }
  return new Parser(tokenize(source)).parseAll();
}

const span = (start: Span, end: Span): Span => ({ start: start.start, end: end.end });

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseAll(): Expr {
    if (this.peek().kind === 'eof') throw new ParseError('empty expression', this.peek().span);
    const e = this.expression();
    const t = this.peek();
    if (t.kind !== 'eof') {
      if (t.text === ')' || t.text === ']') throw new ParseError(`unmatched '${t.text}'`, t.span);
      throw new ParseError(`unexpected ${describe(t)} after the expression`, t.span);
    }
    return e;
  }

  private peek(): Token {
    return this.tokens[this.pos];
  }

  private next(): Token {
    const t = this.tokens[this.pos];
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  private isOp(text: string): boolean {
    const t = this.tokens[this.pos];
    return t.kind === 'op' && t.text === text;
  }

  private expectClose(close: ')' | ']', open: Token): Token {
    const t = this.peek();
    if (t.kind === 'op' && t.text === close) return this.next();
    throw new ParseError(`expected '${close}' to close '${open.text}' at ${open.span.start}`, t.span);
  }

  private expression(): Expr {
    return this.comparison();
  }

  private comparison(): Expr {
    const first = this.additive();
    if (!(this.peek().kind === 'op' && COMPARE_OPS.has(this.peek().text))) return first;
    const ops: CompareOp[] = [];
    const operands: Expr[] = [first];
    while (this.peek().kind === 'op' && COMPARE_OPS.has(this.peek().text)) {
      ops.push(this.next().text as CompareOp);
      operands.push(this.additive());
    }
    return { type: 'compare', ops, operands, span: span(first.span, operands[operands.length - 1].span) };
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().text as BinaryOp;
      const right = this.multiplicative();
      left = { type: 'binary', op, left, right, span: span(left.span, right.span) };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/')) {
      const op = this.next().text as BinaryOp;
      const right = this.unary();
      left = { type: 'binary', op, left, right, span: span(left.span, right.span) };
    }
    return left;
  }

  /** Every recursion of the grammar passes through here, so this is where nesting is counted. */
  private unary(): Expr {
    if (++this.depth > MAX_NESTING + 1) {
      throw new LimitError(`expression nests too deeply (the limit is ${MAX_NESTING} levels)`, this.peek().span);
    }
    let result: Expr;
    if (this.isOp('-') || this.isOp('+')) {
      const t = this.next();
      const arg = this.unary();
      result = { type: 'unary', op: t.text as '+' | '-', arg, span: span(t.span, arg.span) };
    } else {
      result = this.power();
    }
    this.depth--;
    return result;
  }

  private power(): Expr {
    const base = this.postfix();
    if (!this.isOp('**')) return base;
    this.next();
    const exponent = this.unary();
    return { type: 'binary', op: '**', left: base, right: exponent, span: span(base.span, exponent.span) };
  }

  private postfix(): Expr {
    let e = this.primary();
    const outer = this.depth;
    for (;;) {
      const isCall = this.isOp('(');
      if (!isCall && !this.isOp('[')) break;
      // each call or index wraps the tree one level deeper (f(x)(y)[0]…), so it counts as nesting too
      if (++this.depth > MAX_NESTING + 1) {
        throw new LimitError(`expression nests too deeply (the limit is ${MAX_NESTING} levels)`, this.peek().span);
      }
      if (isCall) {
        e = this.call(e);
        continue;
      }
      const open = this.next();
      if (this.isOp(']')) throw new ParseError('expected an index inside [ ]', this.peek().span);
      const index = this.expression();
      if (this.isOp(',')) throw new ParseError('only one index is supported: v[i]', this.peek().span);
      const close = this.expectClose(']', open);
      e = { type: 'index', target: e, index, span: span(e.span, close.span) };
    }
    this.depth = outer;
    return e;
  }

  private call(callee: Expr): Expr {
    const open = this.next();
    const args: Expr[] = [];
    const keywords: KeywordArg[] = [];
    while (!this.isOp(')')) {
      const t = this.peek();
      if (t.kind === 'eof') throw new ParseError(`expected ')' to close '(' at ${open.span.start}`, t.span);
      const following = this.tokens[this.pos + 1];
      if (t.kind === 'ident' && following.kind === 'op' && following.text === '=') {
        this.pos += 2;
        if (keywords.some((k) => k.name === t.text)) {
          throw new ParseError(`keyword argument '${t.text}' repeated`, t.span);
        }
        keywords.push({ name: t.text, nameSpan: t.span, value: this.expression() });
      } else {
        const arg = this.expression();
        if (keywords.length > 0) throw new ParseError('positional argument follows keyword argument', arg.span);
        args.push(arg);
      }
      if (this.isOp(',')) {
        this.next();
      } else if (!this.isOp(')')) {
        const what = this.peek().kind === 'eof' ? "')'" : "',' or ')'";
        throw new ParseError(`expected ${what} to close '(' at ${open.span.start}`, this.peek().span);
      }
    }
    const close = this.next();
    return { type: 'call', callee, args, keywords, span: span(callee.span, close.span) };
  }

  private primary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'number':
        this.next();
        return { type: 'number', value: t.value, span: t.span };
      case 'string':
        this.next();
        return { type: 'string', value: t.text, span: t.span };
      case 'ident':
        return this.name();
      case 'eof':
        throw new ParseError('expected an expression, but the input ended', t.span);
      default:
        break;
    }
    if (t.text === '(') {
      this.next();
      if (this.isOp(')')) throw new ParseError('expected an expression inside ( )', this.peek().span);
      const inner = this.expression();
      this.expectClose(')', t);
      return inner;
    }
    if (t.text === '[') {
      this.next();
      const items: Expr[] = [];
      while (!this.isOp(']')) {
        if (this.peek().kind === 'eof') throw new ParseError(`expected ']' to close '[' at ${t.span.start}`, this.peek().span);
        items.push(this.expression());
        if (this.isOp(',')) {
          this.next();
        } else if (!this.isOp(']')) {
          const what = this.peek().kind === 'eof' ? "']'" : "',' or ']'";
          throw new ParseError(`expected ${what} to close '[' at ${t.span.start}`, this.peek().span);
        }
      }
      const close = this.next();
      return { type: 'vector', items, span: span(t.span, close.span) };
    }
    throw new ParseError(`expected an expression, found ${describe(t)}`, t.span);
  }

  private name(): Expr {
    const first = this.next();
    let end = first.span;
    let name = first.text;
    while (this.isOp('.')) {
      const dot = this.next();
      const part = this.peek();
      if (part.kind !== 'ident') throw new ParseError(`expected a name after '.' at ${dot.span.start}`, part.span);
      this.next();
      name += '.' + part.text;
      end = part.span;
    }
    const s = span(first.span, end);
    if (name === 'True' || name === 'False') return { type: 'boolean', value: name === 'True', span: s };
    return { type: 'name', name, span: s };
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'the end of the input';
    case 'number':
      return `number ${t.text}`;
    case 'string':
      return 'a string';
    case 'ident':
      return `name '${t.text}'`;
    default:
      return `'${t.text}'`;
  }
}
