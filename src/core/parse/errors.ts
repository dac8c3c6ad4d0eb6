import type { Span } from '../types';

/** Every error the expression language raises: a message for people, the offending span for code. */
export class ExpressionError extends Error {
  constructor(message: string, readonly span: Span) {
    super(message);
    this.name = new.target.name;
  }
}

/** The text is not a well-formed expression: "expected ')' to close '(' at 4". */
export class ParseError extends ExpressionError {}

/** Well-formed, but a name, argument or type does not fit: "unknown function 'gleu' (did you mean 'gelu'?)". */
export class ResolveError extends ExpressionError {}

/** A size limit was exceeded: source length, nesting depth, number of points. */
export class LimitError extends ExpressionError {}
