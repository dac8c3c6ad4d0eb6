import type { Span } from '../types';
import { ParseError } from './errors';

export type TokenKind = 'number' | 'string' | 'ident' | 'op' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** Operator text ('**' for both `**` and `^`), identifier, string contents or number source. */
  readonly text: string;
  readonly value: number;
  readonly span: Span;
}

const SINGLE = new Set(['+', '-', '*', '/', '^', '(', ')', '[', ']', ',', '=', '<', '>', '.']);
const DOUBLE = new Set(['**', '<=', '>=', '==', '!=']);

/** The operator starting at i (longest match), if any. */
function operatorAt(source: string, i: number, c: number): string | undefined {
  const two = source.slice(i, i + 2);
  if (DOUBLE.has(two)) return two;
  const one = String.fromCharCode(c);
  return SINGLE.has(one) ? one : undefined;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdentStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentPart = (c: number): boolean => isIdentStart(c) || isDigit(c);

/** Splits the source into tokens; the last one is always 'eof'. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === 46 && i + 1 < n && isDigit(source.charCodeAt(i + 1)))) {
      i = scanNumber(source, i);
      const text = source.slice(start, i);
      tokens.push({ kind: 'number', text, value: Number(text), span: { start, end: i } });
      continue;
    }
    if (isIdentStart(c)) {
      while (i < n && isIdentPart(source.charCodeAt(i))) i++;
      tokens.push({ kind: 'ident', text: source.slice(start, i), value: NaN, span: { start, end: i } });
      continue;
    }
    if (c === 39 || c === 34) {
      const end = source.indexOf(source[i], i + 1);
      if (end < 0) throw new ParseError(`unterminated string starting at ${start}`, { start, end: n });
      tokens.push({ kind: 'string', text: source.slice(i + 1, end), value: NaN, span: { start, end: end + 1 } });
      i = end + 1;
      continue;
    }
    const op = operatorAt(source, i, c);
    if (op === undefined) {
      const ch = String.fromCodePoint(source.codePointAt(i) ?? c);
      const hint = ch === '!' ? " (use '!=' for not-equal)" : ch === '\u2212' ? " (use '-' for minus)" : '';
      throw new ParseError(`unexpected character '${ch}'${hint}`, { start, end: start + ch.length });
    }
    i += op.length;
    tokens.push({ kind: 'op', text: op === '^' ? '**' : op, value: NaN, span: { start, end: i } });
  }
  tokens.push({ kind: 'eof', text: '', value: NaN, span: { start: n, end: n } });
  return tokens;
}

/** Digits, optional fraction, optional exponent; `1e` and `1e+` are errors rather than a number followed by a name. */
function scanNumber(source: string, start: number): number {
  const n = source.length;
  let i = start;
  while (i < n && isDigit(source.charCodeAt(i))) i++;
  if (source.charCodeAt(i) === 46) {
    i++;
    while (i < n && isDigit(source.charCodeAt(i))) i++;
  }
  const e = source.charCodeAt(i);
  if (e === 101 || e === 69) {
    let j = i + 1;
    const sign = source.charCodeAt(j);
    if (sign === 43 || sign === 45) j++;
    if (!isDigit(source.charCodeAt(j))) {
      throw new ParseError(`malformed number '${source.slice(start, j)}': the exponent needs digits`, { start, end: j });
    }
    while (j < n && isDigit(source.charCodeAt(j))) j++;
    i = j;
  }
  if (i < n && isIdentStart(source.charCodeAt(i))) {
    let j = i;
    while (j < n && isIdentPart(source.charCodeAt(j))) j++;
    const written = source.slice(start, j);
    const hint = ` (write ${source.slice(start, i)}*${source.slice(i, j)} to multiply)`;
    throw new ParseError(`malformed number '${written}'${hint}`, { start, end: j });
  }
  return i;
}
