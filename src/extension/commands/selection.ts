/**
 * Pure helpers of "Plot Selection": which framework a file uses, and the activation call under the cursor turned into
 * an expression of x (`F.leaky_relu(h, 0.2)` → `F.leaky_relu(x, 0.2)`, `nn.GELU(approximate='tanh')` →
 * `nn.GELU(approximate='tanh')(x)`, `activation="gelu"` → `gelu(x)`).
 */
import { findActivation } from '../../core/index';
import type { ActivationInfo, Framework } from '../../core/index';
import { entryExpression } from './catalogueItems';

/** The framework a source file imports first (`import torch`, `from tensorflow import keras`, `import jax`). */
export function inferFramework(text: string): Framework | undefined {
  const pattern = /^[ \t]*(?:import|from)[ \t]+(torch|tensorflow|tf_keras|keras|jax|flax)\b/gm;
  const found = pattern.exec(text.slice(0, 200_000));
  if (!found) return undefined;
  const map: Record<string, Framework> = { torch: 'torch', tensorflow: 'tf', tf_keras: 'keras2', keras: 'keras', jax: 'jax', flax: 'flax' };
  return map[found[1] as string];
}

export interface FoundCall {
  /** The expression to plot. */
  readonly expr: string;
  /** The source text it came from, and where. */
  readonly start: number;
  readonly end: number;
}

const nameChar = /[A-Za-z0-9_.]/;
const scanLimit = 4000;

/** The index of the bracket closing the one at `open`, skipping strings; -1 if unclosed. */
function closing(text: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length && i < open + scanLimit; i++) {
    const ch = text[i] as string;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Splits an argument list at top-level commas. */
function splitArgs(text: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === ',' && depth === 0) {
      args.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (text.slice(start).trim() !== '') args.push(text.slice(start));
  return args.map((a) => a.trim()).filter((a) => a !== '');
}

type Kind = 'function' | 'module' | 'string';

/** A name the core resolves: as written, or by its last segment (`fn.relu` with `import … as fn`). */
function resolvable(name: string): { written: string; kind: Kind; activation: ActivationInfo } | undefined {
  const direct = findActivation(name);
  if (direct) return { written: name, kind: direct.alias?.kind ?? 'function', activation: direct.activation };
  const last = name.split('.').pop() ?? '';
  if (last !== name) {
    const tail = findActivation(last);
    if (tail) return { written: last, kind: tail.alias?.kind ?? (/^[A-Z]/.test(last) ? 'module' : 'function'), activation: tail.activation };
  }
  return undefined;
}

/** A tensor in someone's code (`h`, `self.hidden`, `out[0]`), as opposed to a literal or an expression of x. */
function isTensorName(arg: string): boolean {
  return /^[A-Za-z_][\w.]*(\[[^\]]*\])?$/.test(arg) && !/^(x|pi|e|inf|True|False|None)$/.test(arg);
}

/** What stands in for the input: x for element-wise functions, a small vector with a temperature otherwise. */
function inputFor(activation: ActivationInfo): string {
  return activation.kind === 'elementwise' ? 'x' : '[2, 1, -1, 0.5] / T';
}

/** The expression for a call of `name` with the source text of its arguments (undefined: written without a call). */
function expressionFor(written: string, kind: Kind, activation: ActivationInfo, args: string | undefined): string {
  if (activation.kind === 'loss') return entryExpression(activation);
  const input = inputFor(activation);
  if (kind === 'module') return `${written}(${args ?? ''})(${input})`;
  if (args === undefined) return `${written}(${input})`;
  const list = splitArgs(args);
  const first = list[0];
  const isKeyword = (a: string): boolean => /^[A-Za-z_]\w*\s*=(?!=)/.test(a);
  if (first === undefined) return `${written}(${input})`;
  if (!isKeyword(first)) return isTensorName(first) ? `${written}(${[input, ...list.slice(1)].join(', ')})` : `${written}(${list.join(', ')})`;
  // The input passed by keyword (input=h, x=h, features=h): replace its value.
  const inputAt = list.findIndex((a) => /^(input|x|features|logits|inputs)\s*=(?!=)/.test(a));
  if (inputAt >= 0) return `${written}(${list.map((a, i) => (i === inputAt ? `${a.split('=')[0]?.trim()}=${input}` : a)).join(', ')})`;
  return `${written}(${[input, ...list].join(', ')})`;
}

interface NameAt {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

function nameAt(text: string, offset: number): NameAt | undefined {
  let start = offset;
  while (start > 0 && nameChar.test(text[start - 1] as string)) start--;
  let end = offset;
  while (end < text.length && nameChar.test(text[end] as string)) end++;
  const name = text.slice(start, end).replace(/^\.+|\.+$/g, '');
  return /^[A-Za-z_][\w.]*$/.test(name) ? { name, start, end } : undefined;
}

/** A string literal containing `offset` on its line (`activation="gelu"`). */
function stringAt(text: string, offset: number): NameAt | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  const pattern = /(["'])([A-Za-z_][\w.]*)\1/g;
  for (let m = pattern.exec(line); m; m = pattern.exec(line)) {
    const start = lineStart + m.index;
    const end = start + m[0].length;
    if (offset >= start && offset <= end) return { name: m[2] as string, start, end };
  }
  return undefined;
}

/** The call whose name is at [start, end): with its argument list when one follows. */
function callFrom(text: string, at: NameAt): FoundCall | undefined {
  const resolved = resolvable(at.name);
  if (!resolved) return undefined;
  let i = at.end;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text[i] === '(') {
    const close = closing(text, i);
    if (close < 0) return undefined;
    return { expr: expressionFor(resolved.written, resolved.kind, resolved.activation, text.slice(i + 1, close)), start: at.start, end: close + 1 };
  }
  return { expr: expressionFor(resolved.written, resolved.kind, resolved.activation, undefined), start: at.start, end: at.end };
}

/**
 * The activation call at `offset`: the name under the cursor, a string identifier under it, or else the innermost
 * enclosing call with a catalogue name (the cursor may sit on an argument). Undefined when there is none.
 */
export function findCallAt(text: string, offset: number): FoundCall | undefined {
  const at = Math.max(0, Math.min(text.length, offset));
  const quoted = stringAt(text, at);
  if (quoted) {
    const resolved = resolvable(quoted.name);
    if (resolved) return { expr: expressionFor(resolved.written, 'function', resolved.activation, undefined), start: quoted.start, end: quoted.end };
  }
  const direct = nameAt(text, at);
  if (direct) {
    const call = callFrom(text, direct);
    if (call) return call;
  }
  // Walk outwards through unclosed brackets to the enclosing calls.
  let depth = 0;
  for (let i = at - 1; i >= 0 && i >= at - scanLimit; i--) {
    const ch = text[i] as string;
    if (ch === ')' || ch === ']' || ch === '}') depth++;
    else if (ch === '(' || ch === '[' || ch === '{') {
      if (depth > 0) {
        depth--;
        continue;
      }
      if (ch !== '(') continue;
      let j = i;
      while (j > 0 && (text[j - 1] === ' ' || text[j - 1] === '\t')) j--;
      const name = nameAt(text, j);
      if (name && name.end === j) {
        const call = callFrom(text, name);
        if (call && call.end > at) return call;
      }
    }
  }
  return undefined;
}

/**
 * A selection as an expression: trimmed, without a trailing comma or an assignment target (`y = …`). A selection
 * that is one activation call on some tensor (`F.gelu(h)`) and never mentions x is plotted as that call on x.
 */
export function selectionExpression(selected: string): string {
  let text = selected.trim().replace(/[,;]+$/, '').trim();
  const assignment = /^[A-Za-z_][\w.]*\s*=(?!=)\s*/.exec(text);
  if (assignment) text = text.slice(assignment[0].length);
  if (!/(^|[^\w.])x(?![\w(])/.test(text)) {
    const name = /^[A-Za-z_][\w.]*/.exec(text);
    const call = name ? findCallAt(text, name[0].length) : undefined;
    if (call && call.start === 0 && call.end === text.length) return call.expr;
  }
  return text;
}
