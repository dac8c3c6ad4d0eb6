/**
 * What is under the mouse: a dotted name with the literal arguments of its call (`nn.LeakyReLU(0.2)`,
 * `tf.layers.leakyReLU({alpha: 0.2})`), or a string identifier in an activation slot (`activation="relu"`,
 * `hidden_act: gelu_new`). Looks only at the text around the position; comments and unrelated strings give nothing.
 */
import type { CodeSegment, DocumentAnalysis, Family } from './analyze';
import { matchingClose, RegionKind, regionAt, segmentAt } from './analyze';

export type Literal =
  | { readonly kind: 'number'; readonly value: number; readonly text: string }
  | { readonly kind: 'string'; readonly value: string; readonly text: string }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly text: string }
  | { readonly kind: 'none'; readonly text: string }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, Literal])[]; readonly text: string }
  /** Anything that is not a literal (a variable, an expression): its value is unknown here. */
  | { readonly kind: 'other'; readonly text: string };

export interface CallArgs {
  /** False when no closing parenthesis was found nearby (the user is typing): the arguments were not read. */
  readonly closed: boolean;
  readonly positional: readonly Literal[];
  readonly keywords: readonly (readonly [string, Literal])[];
  /** `*args`, `**kwargs` or `...spread` among the arguments. */
  readonly spread: boolean;
}

export interface NameAt {
  readonly kind: 'name';
  readonly family: Family;
  /** Inside a markdown code span: any framework's names, no imports. */
  readonly inline: boolean;
  /** The dotted name up to the end of the hovered part: 'nn.LeakyReLU', 'self.act', 'torch.nn'. */
  readonly chain: string;
  readonly start: number;
  readonly end: number;
  /** The call right after the name, when the hovered part is the last one. */
  readonly call?: CallArgs;
}

export interface StringAt {
  readonly kind: 'string';
  readonly family: Family;
  readonly inline: boolean;
  readonly value: string;
  /** The key or keyword the string is the value of ('activation', 'hidden_act'), possibly through a list. */
  readonly key?: string;
  /** The callee the string is the first argument of ('layers.Activation', 'get_activation') or subscript of ('ACT2FN'). */
  readonly callee?: string;
  readonly start: number;
  readonly end: number;
}

export type Located = NameAt | StringAt;

/** Farthest a call's arguments or a string's context are looked for, in characters. */
const REACH = 4000;

const isIdentStart = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c > 127;
const isIdentPart = (c: number): boolean => isIdentStart(c) || (c >= 48 && c <= 57);
const isBlank = (c: number): boolean => c === 32 || c === 9;

/** The name or string identifier at `offset`, or undefined (comments, prose, unrelated strings, punctuation). */
export function locate(text: string, offset: number, analysis: DocumentAnalysis): Located | undefined {
  if (offset < 0 || offset >= text.length) return undefined;
  const segment = segmentAt(analysis, offset);
  if (!segment) return undefined;
  if (segment.family === 'yaml') return locateYaml(text, offset, segment, analysis);
  const region = regionAt(analysis, offset);
  if (region >= 0) {
    if (analysis.regionKind[region] !== RegionKind.String) return undefined;
    return locateString(text, analysis.regionStart[region], analysis.regionEnd[region], segment, analysis);
  }
  if (segment.family === 'json') return undefined;
  return locateName(text, offset, segment);
}

function locateName(text: string, offset: number, segment: CodeSegment): NameAt | undefined {
  if (!isIdentPart(text.charCodeAt(offset))) return undefined;
  let end = offset;
  while (end < segment.end && isIdentPart(text.charCodeAt(end))) end++;
  let start = offset;
  while (start > segment.start && (isIdentPart(text.charCodeAt(start - 1)) || text.charCodeAt(start - 1) === 46)) start--;
  const chain = text.slice(start, end);
  // `.relu` after `)` or `]` is an attribute of an expression we cannot type
  if (!/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/.test(chain)) return undefined;
  if (/\b(?:def|class|function)[ \t]+$/.test(text.slice(Math.max(segment.start, start - 20), start))) return undefined;
  let call: CallArgs | undefined;
  if (text.charCodeAt(end) !== 46) {
    let j = end;
    while (j < segment.end && isBlank(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) === 40) call = parseCall(text, j, segment.end, segment.family);
  }
  return { kind: 'name', family: segment.family, inline: segment.inline, chain, start, end, call };
}

// ---------------------------------------------------------------------------------------------------------------------
// Arguments

/** Reads the argument list whose `(` is at `open`. */
export function parseCall(text: string, open: number, limit: number, family: Family): CallArgs {
  const close = matchingClose(text, open, Math.min(limit, open + REACH), family);
  if (close < 0) return { closed: false, positional: [], keywords: [], spread: false };
  const positional: Literal[] = [];
  const keywords: [string, Literal][] = [];
  let spread = false;
  for (const raw of splitTopLevel(text, open + 1, close, family)) {
    const part = stripComments(raw, family).trim();
    if (part === '') continue;
    if (part.startsWith('*') || part.startsWith('...')) {
      spread = true;
      continue;
    }
    const kw = /^([A-Za-z_]\w*)\s*=(?!=)\s*([\s\S]+)$/.exec(part);
    if (kw && family === 'python') keywords.push([kw[1], parseLiteral(kw[2], family)]);
    else positional.push(parseLiteral(part, family));
  }
  return { closed: true, positional, keywords, spread };
}

/** Pieces between top-level commas of text[from, to), with nested brackets and strings kept whole. */
function splitTopLevel(text: string, from: number, to: number, family: Family): string[] {
  const parts: string[] = [];
  let pieceStart = from;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) {
      const close = matchingClose(text, i, to, family);
      i = close < 0 ? to : close + 1;
    } else if (c === 39 || c === 34 || c === 96) {
      i = skipString(text, i, to, family);
    } else if ((family === 'python' && c === 35) || (c === 47 && text.charCodeAt(i + 1) === 47)) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 || nl > to ? to : nl;
    } else if (c === 44) {
      parts.push(text.slice(pieceStart, i));
      pieceStart = ++i;
    } else {
      i++;
    }
  }
  parts.push(text.slice(pieceStart, to));
  return parts;
}

function skipString(text: string, i: number, to: number, family: Family): number {
  const q = text.charCodeAt(i);
  const triple = family === 'python' && text.charCodeAt(i + 1) === q && text.charCodeAt(i + 2) === q;
  let j = i + (triple ? 3 : 1);
  while (j < to) {
    const c = text.charCodeAt(j);
    if (c === 92) j += 2;
    else if (c === q && (!triple || (text.charCodeAt(j + 1) === q && text.charCodeAt(j + 2) === q))) return j + (triple ? 3 : 1);
    else j++;
  }
  return to;
}

function stripComments(part: string, family: Family): string {
  if (!part.includes(family === 'python' ? '#' : '//')) return part;
  let out = '';
  let i = 0;
  while (i < part.length) {
    const c = part.charCodeAt(i);
    if (c === 39 || c === 34 || c === 96) {
      const j = skipString(part, i, part.length, family);
      out += part.slice(i, j);
      i = j;
    } else if ((family === 'python' && c === 35) || (c === 47 && part.charCodeAt(i + 1) === 47)) {
      const nl = part.indexOf('\n', i);
      i = nl < 0 ? part.length : nl;
    } else {
      out += part[i++];
    }
  }
  return out;
}

const numberLiteral = /^[+-]?(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?$/;

/** A literal argument value; anything else is 'other'. */
export function parseLiteral(source: string, family: Family): Literal {
  const text = source.trim();
  if (numberLiteral.test(text)) {
    const value = Number(text.replace(/_/g, ''));
    if (Number.isFinite(value)) return { kind: 'number', value, text };
  }
  const str = /^[rRuU]?(['"])([^'"\\\n]*)\1$/.exec(text);
  if (str && (family === 'python' || !/^[rRuU]/.test(text))) return { kind: 'string', value: str[2], text };
  if (family === 'python' ? text === 'True' || text === 'False' : text === 'true' || text === 'false') {
    return { kind: 'boolean', value: text === 'True' || text === 'true', text };
  }
  if (family === 'python' ? text === 'None' : text === 'null' || text === 'undefined') return { kind: 'none', text };
  if (family !== 'python' && text.startsWith('{') && text.endsWith('}')) return parseObject(text, family);
  return { kind: 'other', text };
}

function parseObject(text: string, family: Family): Literal {
  const entries: [string, Literal][] = [];
  for (const raw of splitTopLevel(text, 1, text.length - 1, family)) {
    const part = stripComments(raw, family).trim();
    if (part === '') continue;
    const m = /^(?:([A-Za-z_$][\w$]*)|(['"])([^'"]*)\2)\s*:\s*([\s\S]+)$/.exec(part);
    if (!m) return { kind: 'other', text };
    entries.push([m[1] ?? m[3], parseLiteral(m[4], family)]);
  }
  return { kind: 'object', entries, text };
}

// ---------------------------------------------------------------------------------------------------------------------
// Strings

/** Calls whose first argument is an activation identifier. */
const identifierCallees = /(?:^|\.)(?:Activation|get_activation|get_act_fn|get_act_layer|activation)$|(?:^|\.)(?:activations|ACT2FN|ACT2CLS)\.get$/;
/** Mappings indexed by an activation identifier. */
const identifierTables = /(?:^|\.)(?:ACT2FN|ACT2CLS)$/;

function locateString(text: string, start: number, end: number, segment: CodeSegment, analysis: DocumentAnalysis): StringAt | undefined {
  let q = start;
  while (q < end && /[rRbBfFuU]/.test(text[q])) q++;
  const prefix = text.slice(start, q).toLowerCase();
  if (prefix.includes('f') || prefix.includes('b')) return undefined;
  const quote = text[q];
  if (text.slice(end - 1, end) !== quote || end - q < 2) return undefined;
  const value = text.slice(q + 1, end - 1);
  if (value.length === 0 || value.length > 64 || /[\s\\'"`]/.test(value)) return undefined;
  const context = stringContext(text, start, segment, analysis);
  if (!context) return undefined;
  return { kind: 'string', family: segment.family, inline: segment.inline, value, ...context, start, end };
}

/** What the string starting at `start` is the value of; undefined when it is no activation slot's value. */
function stringContext(
  text: string,
  start: number,
  segment: CodeSegment,
  analysis: DocumentAnalysis,
): { key?: string; callee?: string } | undefined {
  const i = skipBack(text, start - 1, segment.start);
  const c = text.charCodeAt(i);
  if (c === 61 /* = */ || c === 58 /* : */) {
    const key = keyBefore(text, i, segment, analysis);
    return key !== undefined ? { key } : undefined;
  }
  if (c === 40 /* ( */) {
    const callee = chainBefore(text, i, segment.start);
    return callee && identifierCallees.test(callee) ? { callee } : undefined;
  }
  if (c === 91 /* [ */) {
    const before = chainBefore(text, i, segment.start);
    if (before) return identifierTables.test(before) ? { callee: before } : undefined;
    return listKey(text, i, segment, analysis);
  }
  if (c === 44 /* , */) {
    const open = enclosingOpen(text, i, segment, analysis);
    if (open >= 0 && text.charCodeAt(open) === 91) return listKey(text, open, segment, analysis);
  }
  return undefined;
}

/** The key of `key = [..., "relu"]` / `"key": ["relu", ...]`, given the list's `[`. */
function listKey(text: string, open: number, segment: CodeSegment, analysis: DocumentAnalysis): { key: string } | undefined {
  const i = skipBack(text, open - 1, segment.start);
  const c = text.charCodeAt(i);
  if (c !== 61 && c !== 58) return undefined;
  const key = keyBefore(text, i, segment, analysis);
  return key !== undefined ? { key } : undefined;
}

/** The identifier or quoted key before the `=` or `:` at `i`; `==`, `!=`, `<=`, `>=` and `:=` give undefined. */
function keyBefore(text: string, i: number, segment: CodeSegment, analysis: DocumentAnalysis): string | undefined {
  const op = text.charCodeAt(i);
  const before = text.charCodeAt(i - 1);
  if (op === 61 && (before === 61 || before === 33 || before === 60 || before === 62 || before === 58)) return undefined;
  const j = skipBack(text, i - 1, segment.start);
  const q = text.charCodeAt(j);
  if (q === 39 || q === 34) {
    const r = regionAt(analysis, j);
    if (r < 0 || analysis.regionKind[r] !== RegionKind.String) return undefined;
    const key = text.slice(analysis.regionStart[r], analysis.regionEnd[r]);
    return key.slice(1, -1);
  }
  let k = j;
  while (k >= segment.start && isIdentPart(text.charCodeAt(k))) k--;
  return k < j ? text.slice(k + 1, j + 1) : undefined;
}

/** The dotted name that ends right before the bracket at `i` (`layers.Activation` in `layers.Activation(`). */
function chainBefore(text: string, i: number, floor: number): string | undefined {
  let k = i - 1;
  while (k >= floor && (isIdentPart(text.charCodeAt(k)) || text.charCodeAt(k) === 46)) k--;
  const chain = text.slice(k + 1, i);
  return /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/.test(chain) ? chain : undefined;
}

/** The unclosed bracket enclosing position `i`, looking back at most REACH characters and skipping strings. */
function enclosingOpen(text: string, i: number, segment: CodeSegment, analysis: DocumentAnalysis): number {
  let depth = 0;
  const floor = Math.max(segment.start, i - REACH);
  for (let k = i - 1; k >= floor; k--) {
    const r = regionAt(analysis, k);
    if (r >= 0) {
      k = analysis.regionStart[r];
      continue;
    }
    const c = text.charCodeAt(k);
    if (c === 41 || c === 93 || c === 125) depth++;
    else if (c === 40 || c === 91 || c === 123) {
      if (depth === 0) return k;
      depth--;
    }
  }
  return -1;
}

/** Index of the last non-blank character at or before `i` on the same line (or `floor - 1`). */
function skipBack(text: string, i: number, floor: number): number {
  while (i >= floor && isBlank(text.charCodeAt(i))) i--;
  return i;
}

// ---------------------------------------------------------------------------------------------------------------------
// YAML

const yamlKey = /^(?:"([^"\n]*)"|'([^'\n]*)'|([^\s#'"\-[{][^:#\n]*?|-[^\s:#][^:#\n]*?))[ \t]*:(?=[ \t]|$)/;

/** `key: value`, `- value` under a key, and `key: [a, b]` on the line under the mouse. */
function locateYaml(text: string, offset: number, segment: CodeSegment, analysis: DocumentAnalysis): StringAt | undefined {
  const region = regionAt(analysis, offset);
  if (region >= 0 && analysis.regionKind[region] === RegionKind.Comment) return undefined;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  const lineEnd = Math.min(nl < 0 ? text.length : nl, segment.end);
  const line = parseYamlLine(text, Math.max(lineStart, segment.start), lineEnd, analysis);
  if (!line || offset < line.valueStart) return undefined;
  let key = line.key;
  if (key === undefined) {
    if (!line.listItem) return undefined;
    key = parentKey(text, Math.max(lineStart, segment.start), line.indent, segment);
    if (key === undefined) return undefined;
  }
  let value = text.slice(line.valueStart, line.valueEnd);
  let start = line.valueStart;
  let end = line.valueEnd;
  if (value.startsWith('[') && value.endsWith(']')) {
    let pieceStart = line.valueStart + 1;
    for (const piece of value.slice(1, -1).split(',')) {
      const pieceEnd = pieceStart + piece.length;
      if (offset >= pieceStart && offset < pieceEnd) {
        const lead = piece.length - piece.trimStart().length;
        start = pieceStart + lead;
        end = start + piece.trim().length;
        value = piece.trim();
        break;
      }
      pieceStart = pieceEnd + 1;
    }
    if (start === line.valueStart) return undefined;
  }
  const quoted = /^(['"])(.*)\1$/.exec(value);
  if (quoted) value = quoted[2];
  if (offset < start || offset >= end || !/^[A-Za-z_][\w.-]*$/.test(value) || value.length > 64) return undefined;
  return { kind: 'string', family: 'yaml', inline: false, value, key, start, end };
}

interface YamlLine {
  readonly indent: number;
  readonly listItem: boolean;
  readonly key?: string;
  readonly valueStart: number;
  readonly valueEnd: number;
}

function parseYamlLine(text: string, lineStart: number, lineEnd: number, analysis: DocumentAnalysis): YamlLine | undefined {
  let p = lineStart;
  while (p < lineEnd && text.charCodeAt(p) === 32) p++;
  const indent = p - lineStart;
  let listItem = false;
  if (text.charCodeAt(p) === 45 /* - */ && (p + 1 === lineEnd || isBlank(text.charCodeAt(p + 1)))) {
    listItem = true;
    p++;
    while (p < lineEnd && isBlank(text.charCodeAt(p))) p++;
  }
  // the value ends at a comment
  let valueEnd = lineEnd;
  for (let k = p; k < lineEnd; k++) {
    const r = regionAt(analysis, k);
    if (r >= 0) {
      if (analysis.regionKind[r] === RegionKind.Comment) {
        valueEnd = k;
        break;
      }
      k = analysis.regionEnd[r] - 1;
    }
  }
  const rest = text.slice(p, valueEnd);
  const m = yamlKey.exec(rest);
  let key: string | undefined;
  let valueStart = p;
  if (m) {
    key = (m[1] ?? m[2] ?? m[3]).trim();
    valueStart = p + m[0].length;
  }
  while (valueStart < valueEnd && isBlank(text.charCodeAt(valueStart))) valueStart++;
  while (valueEnd > valueStart && isBlank(text.charCodeAt(valueEnd - 1))) valueEnd--;
  if (valueEnd <= valueStart) return undefined;
  return { indent, listItem, key, valueStart, valueEnd };
}

/** The key a block-list item belongs to: the nearest earlier `key:` line with no value, indented at most as deep. */
function parentKey(text: string, lineStart: number, indent: number, segment: CodeSegment): string | undefined {
  let end = lineStart - 1;
  for (let steps = 0; steps < 200 && end > segment.start; steps++) {
    const start = Math.max(text.lastIndexOf('\n', end - 1) + 1, segment.start);
    const line = text.slice(start, end);
    end = start - 1;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const lineIndent = line.length - line.trimStart().length;
    if (trimmed.startsWith('- ') && lineIndent === indent) continue;
    if (lineIndent > indent) return undefined;
    const m = yamlKey.exec(trimmed);
    if (!m) return undefined;
    const after = trimmed.slice(m[0].length).trim();
    if (after !== '' && !after.startsWith('#')) return undefined;
    return (m[1] ?? m[2] ?? m[3]).trim();
  }
  return undefined;
}
