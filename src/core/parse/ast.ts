import type { Span } from '../types';

/** Syntax tree of an expression. Every node carries the half-open span of source text it came from. */
export type Expr =
  | NumberLiteral
  | StringLiteral
  | BooleanLiteral
  | NameRef
  | UnaryExpr
  | BinaryExpr
  | CompareExpr
  | CallExpr
  | VectorExpr
  | IndexExpr;

export interface NumberLiteral {
  readonly type: 'number';
  readonly value: number;
  readonly span: Span;
}

export interface StringLiteral {
  readonly type: 'string';
  readonly value: string;
  readonly span: Span;
}

export interface BooleanLiteral {
  readonly type: 'boolean';
  readonly value: boolean;
  readonly span: Span;
}

/** A plain or dotted name as written: `x`, `T`, `torch.nn.functional.gelu`. */
export interface NameRef {
  readonly type: 'name';
  readonly name: string;
  readonly span: Span;
}

export interface UnaryExpr {
  readonly type: 'unary';
  readonly op: '+' | '-';
  readonly arg: Expr;
  readonly span: Span;
}

export type BinaryOp = '+' | '-' | '*' | '/' | '**';

export interface BinaryExpr {
  readonly type: 'binary';
  /** `^` is stored as `**`. */
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}

export type CompareOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** `a < b` or a Python-style chain `a < b <= c`, which means (a < b) and (b <= c). */
export interface CompareExpr {
  readonly type: 'compare';
  readonly ops: readonly CompareOp[];
  /** ops.length + 1 operands. */
  readonly operands: readonly Expr[];
  readonly span: Span;
}

export interface KeywordArg {
  readonly name: string;
  readonly nameSpan: Span;
  readonly value: Expr;
}

/** `f(a, b, k=v)`; the callee is a name, or a call for the module form `nn.LeakyReLU(0.2)(x)`. */
export interface CallExpr {
  readonly type: 'call';
  readonly callee: Expr;
  readonly args: readonly Expr[];
  readonly keywords: readonly KeywordArg[];
  readonly span: Span;
}

export interface VectorExpr {
  readonly type: 'vector';
  readonly items: readonly Expr[];
  readonly span: Span;
}

export interface IndexExpr {
  readonly type: 'index';
  readonly target: Expr;
  readonly index: Expr;
  readonly span: Span;
}
