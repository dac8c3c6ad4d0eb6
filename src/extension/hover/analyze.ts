/**
 * One pass over a document per version: where its code is (markdown fences and code spans), where its comments and
 * strings are, and which names its imports, definitions and simple assignments bind. Hovers then only look at the
 * text around the position (locate.ts) plus these tables, so long files cost nothing extra per hover.
 */

/** Lexical families: how comments, strings and imports are written. */
export type Family = 'python' | 'js' | 'json' | 'yaml';
export type DocumentKind = Family | 'markdown';

const kindByLanguage: ReadonlyMap<string, DocumentKind> = new Map<string, DocumentKind>([
  ['python', 'python'],
  ['typescript', 'js'],
  ['javascript', 'js'],
  ['typescriptreact', 'js'],
  ['javascriptreact', 'js'],
  ['json', 'json'],
  ['jsonc', 'json'],
  ['yaml', 'yaml'],
  ['markdown', 'markdown'],
]);

/** The document kind for a VS Code language id; undefined for languages the hover does not read. */
export function documentKind(languageId: string): DocumentKind | undefined {
  return kindByLanguage.get(languageId);
}

export interface CodeSegment {
  readonly start: number;
  readonly end: number;
  readonly family: Family;
  /** A markdown code span (`nn.GELU`): any framework's names may appear, with no imports of its own. */
  readonly inline: boolean;
}

/** Values of `DocumentAnalysis.regionKind`. */
export const RegionKind = { Comment: 0, String: 1 } as const;
export type RegionKind = (typeof RegionKind)[keyof typeof RegionKind];

/** Names bound in one lexical family of a document (python fences and js fences of a markdown file differ). */
export interface Scope {
  /** local name → dotted path it stands for ('F' → 'torch.nn.functional'); null when bound to several paths. */
  readonly bindings: Map<string, string | null>;
  /** Modules imported with `*`. */
  readonly stars: string[];
  /** Names the document defines itself (def, class, function). */
  readonly definitions: Set<string>;
  /**
   * `target = rhs` where rhs is a dotted name, optionally called once ('self.act' → 'nn.GELU(approximate="tanh")');
   * null when the target is assigned anything else or several different things.
   */
  readonly assignments: Map<string, string | null>;
}

export interface DocumentAnalysis {
  readonly kind: DocumentKind;
  readonly length: number;
  readonly segments: readonly CodeSegment[];
  /** Comments and strings, sorted by start and disjoint. */
  readonly regionStart: Int32Array;
  readonly regionEnd: Int32Array;
  readonly regionKind: Uint8Array;
  readonly python: Scope;
  readonly js: Scope;
}

export function emptyScope(): Scope {
  return { bindings: new Map(), stars: [], definitions: new Set(), assignments: new Map() };
}

/** Analyses a whole document once; the engine caches the result per document version. */
export function analyzeDocument(text: string, kind: DocumentKind): DocumentAnalysis {
  const segments = kind === 'markdown' ? markdownSegments(text) : [{ start: 0, end: text.length, family: kind, inline: false }];
  const regions = new RegionBuilder();
  for (const segment of segments) lexSegment(text, segment, regions);
  const analysis: DocumentAnalysis = {
    kind,
    length: text.length,
    segments,
    ...regions.finish(),
    python: emptyScope(),
    js: emptyScope(),
  };
  for (const segment of segments) {
    if (segment.inline) continue;
    if (segment.family === 'python') scanPythonStatements(text, segment, analysis, analysis.python);
    else if (segment.family === 'js') scanJsStatements(text, segment, analysis, analysis.js);
  }
  return analysis;
}

// ---------------------------------------------------------------------------------------------------------------------
// Regions

class RegionBuilder {
  private starts: number[] = [];
  private ends: number[] = [];
  private kinds: number[] = [];

  add(start: number, end: number, kind: RegionKind): void {
    this.starts.push(start);
    this.ends.push(end);
    this.kinds.push(kind);
  }

  finish(): Pick<DocumentAnalysis, 'regionStart' | 'regionEnd' | 'regionKind'> {
    return { regionStart: Int32Array.from(this.starts), regionEnd: Int32Array.from(this.ends), regionKind: Uint8Array.from(this.kinds) };
  }
}

/** Index of the region containing `offset` (start ≤ offset < end), or -1. */
export function regionAt(analysis: DocumentAnalysis, offset: number): number {
  const starts = analysis.regionStart;
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found >= 0 && offset < analysis.regionEnd[found] ? found : -1;
}

/** The code segment containing `offset`, or undefined (markdown prose). */
export function segmentAt(analysis: DocumentAnalysis, offset: number): CodeSegment | undefined {
  const segments = analysis.segments;
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

const NL = 10;
const isIdentStart = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c > 127;
const isIdentPart = (c: number): boolean => isIdentStart(c) || (c >= 48 && c <= 57);

function lexSegment(text: string, segment: CodeSegment, out: RegionBuilder): void {
  switch (segment.family) {
    case 'python':
      lexPython(text, segment.start, segment.end, out);
      break;
    case 'js':
      lexCLike(text, segment.start, segment.end, out, true);
      break;
    case 'json':
      lexCLike(text, segment.start, segment.end, out, false);
      break;
    case 'yaml':
      lexYaml(text, segment.start, segment.end, out);
      break;
  }
}

/** Python: `#` comments, and strings with optional r/b/f/u prefixes, single or triple quoted. */
function lexPython(text: string, start: number, end: number, out: RegionBuilder): void {
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 35 /* # */) {
      const eol = lineEnd(text, i, end);
      out.add(i, eol, RegionKind.Comment);
      i = eol;
    } else if (c === 39 || c === 34) {
      let from = i;
      // string prefixes (r, b, f, u and pairs) belong to the literal when they are not the tail of a longer name
      let p = i - 1;
      while (p >= start && p >= i - 2 && /[rRbBfFuU]/.test(text[p])) p--;
      if (p < i - 1 && (p < start || !isIdentPart(text.charCodeAt(p)))) from = p + 1;
      const close = pythonStringEnd(text, i, end);
      out.add(from, close, RegionKind.String);
      i = close;
    } else if (isIdentStart(c)) {
      i++;
      while (i < end && isIdentPart(text.charCodeAt(i))) i++;
    } else {
      i++;
    }
  }
}

/** End (exclusive) of the Python string whose opening quote is at `i`; unterminated single-line strings stop at EOL. */
function pythonStringEnd(text: string, i: number, end: number): number {
  const q = text.charCodeAt(i);
  const triple = text.charCodeAt(i + 1) === q && text.charCodeAt(i + 2) === q;
  let j = i + (triple ? 3 : 1);
  while (j < end) {
    const c = text.charCodeAt(j);
    if (c === 92 /* \ */) {
      j += 2;
      continue;
    }
    if (c === q) {
      if (!triple) return j + 1;
      if (text.charCodeAt(j + 1) === q && text.charCodeAt(j + 2) === q) return j + 3;
    } else if (c === NL && !triple) {
      return j;
    }
    j++;
  }
  return end;
}

/** JavaScript/TypeScript (with regex literals and templates) and JSON/JSONC (strings and comments only). */
function lexCLike(text: string, start: number, end: number, out: RegionBuilder, js: boolean): void {
  let i = start;
  let prev = 0; // last significant character, to tell a regex literal from a division
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      const eol = lineEnd(text, i, end);
      out.add(i, eol, RegionKind.Comment);
      i = eol;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const close = text.indexOf('*/', i + 2);
      const stop = close < 0 || close + 2 > end ? end : close + 2;
      out.add(i, stop, RegionKind.Comment);
      i = stop;
    } else if (c === 39 || c === 34 || (js && c === 96)) {
      const close = quotedEnd(text, i, end, c !== 96);
      out.add(i, close, RegionKind.String);
      i = close;
      prev = c;
    } else if (js && c === 47 && (prev === 0 || '(,=:[!&|?{};+-*%<>~^'.includes(String.fromCharCode(prev)))) {
      const close = regexEnd(text, i, end);
      out.add(i, close, RegionKind.String);
      i = close;
      prev = 47;
    } else if (isIdentStart(c)) {
      const from = i;
      i++;
      while (i < end && isIdentPart(text.charCodeAt(i))) i++;
      const word = text.slice(from, i);
      // after these keywords an expression starts, so a slash opens a regex
      prev = word === 'return' || word === 'typeof' || word === 'case' || word === 'in' || word === 'of' ? 61 /* = */ : 97;
    } else {
      if (c !== 32 && c !== 9 && c !== NL && c !== 13) prev = c;
      i++;
    }
  }
}

function quotedEnd(text: string, i: number, end: number, stopAtNewline: boolean): number {
  const q = text.charCodeAt(i);
  let j = i + 1;
  while (j < end) {
    const c = text.charCodeAt(j);
    if (c === 92) j += 2;
    else if (c === q) return j + 1;
    else if (c === NL && stopAtNewline) return j;
    else j++;
  }
  return end;
}

function regexEnd(text: string, i: number, end: number): number {
  let j = i + 1;
  let inClass = false;
  while (j < end) {
    const c = text.charCodeAt(j);
    if (c === 92) {
      j += 2;
      continue;
    }
    if (c === NL) return j;
    if (c === 91) inClass = true;
    else if (c === 93) inClass = false;
    else if (c === 47 && !inClass) {
      j++;
      while (j < end && isIdentPart(text.charCodeAt(j))) j++;
      return j;
    }
    j++;
  }
  return end;
}

/** YAML: `#` comments after whitespace, and quoted scalars where a value can start (not apostrophes inside words). */
function lexYaml(text: string, start: number, end: number, out: RegionBuilder): void {
  let i = start;
  let lineStart = true;
  let prev = 0;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === NL) {
      lineStart = true;
      prev = 0;
      i++;
    } else if (c === 32 || c === 9 || c === 13) {
      i++;
    } else if (c === 35 && (i === start || /\s/.test(text[i - 1]))) {
      const eol = lineEnd(text, i, end);
      out.add(i, eol, RegionKind.Comment);
      i = eol;
    } else if ((c === 39 || c === 34) && (lineStart || ':-[{,?'.includes(String.fromCharCode(prev)))) {
      const close = c === 34 ? quotedEnd(text, i, end, false) : yamlSingleQuotedEnd(text, i, end);
      out.add(i, close, RegionKind.String);
      i = close;
      prev = c;
      lineStart = false;
    } else {
      prev = c;
      lineStart = false;
      i++;
    }
  }
}

function yamlSingleQuotedEnd(text: string, i: number, end: number): number {
  let j = i + 1;
  while (j < end) {
    if (text.charCodeAt(j) === 39) {
      if (text.charCodeAt(j + 1) === 39) j += 2;
      else return j + 1;
    } else {
      j++;
    }
  }
  return end;
}

function lineEnd(text: string, i: number, end: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 || nl > end ? end : nl;
}

// ---------------------------------------------------------------------------------------------------------------------
// Markdown

const fenceFamilies: ReadonlyMap<string, Family> = new Map<string, Family>([
  ['', 'python'],
  ['python', 'python'],
  ['py', 'python'],
  ['python3', 'python'],
  ['ipython', 'python'],
  ['ipython3', 'python'],
  ['pycon', 'python'],
  ['js', 'js'],
  ['javascript', 'js'],
  ['ts', 'js'],
  ['typescript', 'js'],
  ['jsx', 'js'],
  ['tsx', 'js'],
  ['json', 'json'],
  ['jsonc', 'json'],
  ['yaml', 'yaml'],
  ['yml', 'yaml'],
]);

/** Fenced code blocks (by their info string) and inline code spans; prose is not code. */
function markdownSegments(text: string): CodeSegment[] {
  const segments: CodeSegment[] = [];
  const fence = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`{]*)[^\n]*$/gm;
  let proseStart = 0;
  let match: RegExpExecArray | null;
  while ((match = fence.exec(text))) {
    const marker = match[1];
    const bodyStart = Math.min(text.length, match.index + match[0].length + 1);
    const closing = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`, 'gm');
    closing.lastIndex = bodyStart;
    const close = closing.exec(text);
    const bodyEnd = close ? close.index : text.length;
    inlineCodeSpans(text, proseStart, match.index, segments);
    const family = fenceFamilies.get(match[2].toLowerCase());
    if (family && bodyEnd > bodyStart) segments.push({ start: bodyStart, end: bodyEnd, family, inline: false });
    proseStart = close ? close.index + close[0].length : text.length;
    fence.lastIndex = proseStart;
  }
  inlineCodeSpans(text, proseStart, text.length, segments);
  return segments;
}

function inlineCodeSpans(text: string, start: number, end: number, out: CodeSegment[]): void {
  let i = text.indexOf('`', start);
  while (i >= 0 && i < end) {
    let run = 1;
    while (text.charCodeAt(i + run) === 96) run++;
    const marker = '`'.repeat(run);
    let close = text.indexOf(marker, i + run);
    // a closing run must have exactly the same length
    while (close >= 0 && close < end && text.charCodeAt(close + run) === 96) {
      let j = close;
      while (text.charCodeAt(j) === 96) j++;
      close = text.indexOf(marker, j);
    }
    if (close < 0 || close >= end) return;
    if (close > i + run) out.push({ start: i + run, end: close, family: 'python', inline: true });
    i = text.indexOf('`', close + run);
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Statements: imports, definitions, assignments

function bind(scope: Scope, local: string, target: string): void {
  if (!scope.bindings.has(local)) scope.bindings.set(local, target);
  else if (scope.bindings.get(local) !== target) scope.bindings.set(local, null);
}

function assign(scope: Scope, target: string, rhs: string | null): void {
  if (!scope.assignments.has(target)) scope.assignments.set(target, rhs);
  else if (scope.assignments.get(target) !== rhs) scope.assignments.set(target, null);
}

/** Calls `visit(lineStart, codeStart)` for every line of the segment whose first non-blank character is code. */
function forEachCodeLine(
  text: string,
  segment: CodeSegment,
  analysis: DocumentAnalysis,
  visit: (codeStart: number) => void,
): void {
  let lineStart = segment.start;
  while (lineStart < segment.end) {
    const eol = lineEnd(text, lineStart, segment.end);
    let p = lineStart;
    while (p < eol && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
    if (p < eol && regionAt(analysis, p) < 0) visit(p);
    lineStart = eol + 1;
  }
}

const pyImport = /import[ \t]+/y;
const pyFrom = /from[ \t]+([\w.]+)[ \t]+import[ \t]*/y;
const pyDef = /(?:async[ \t]+)?(?:def|class)[ \t]+([A-Za-z_]\w*)/y;
const pyAssign = /((?:self\.)?[A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=(?!=)[ \t]*/y;

function scanPythonStatements(text: string, segment: CodeSegment, analysis: DocumentAnalysis, scope: Scope): void {
  forEachCodeLine(text, segment, analysis, (p) => {
    let m: RegExpExecArray | null;
    pyFrom.lastIndex = p;
    if ((m = pyFrom.exec(text))) {
      const module = m[1];
      for (const item of importItems(text, pyFrom.lastIndex, segment.end, analysis)) {
        if (item.name === '*') scope.stars.push(module);
        else bind(scope, item.alias ?? item.name, `${module}.${item.name}`);
      }
      return;
    }
    pyImport.lastIndex = p;
    if (pyImport.exec(text)) {
      for (const item of importItems(text, pyImport.lastIndex, segment.end, analysis)) {
        if (item.alias) bind(scope, item.alias, item.name);
        else bind(scope, item.name.split('.')[0], item.name.split('.')[0]);
      }
      return;
    }
    pyDef.lastIndex = p;
    if ((m = pyDef.exec(text))) {
      scope.definitions.add(m[1]);
      return;
    }
    pyAssign.lastIndex = p;
    if ((m = pyAssign.exec(text))) assign(scope, m[1], simpleRhs(text, pyAssign.lastIndex, segment.end, 'python'));
  });
}

interface ImportItem {
  readonly name: string;
  readonly alias?: string;
}

/** The comma-separated items of an import statement from `i` on: one line, a parenthesised list, or `\` continuations. */
function importItems(text: string, i: number, end: number, analysis: DocumentAnalysis): ImportItem[] {
  let stop: number;
  if (text.charCodeAt(i) === 40 /* ( */) {
    const close = text.indexOf(')', i);
    stop = close < 0 || close > end ? end : close;
    i++;
  } else {
    stop = lineEnd(text, i, end);
    while (stop > i && text.charCodeAt(stop - 1) === 92 /* \ */ && stop < end) stop = lineEnd(text, stop + 1, end);
  }
  let body = '';
  for (let j = i; j < stop; j++) {
    // drop comments inside the statement
    const r = regionAt(analysis, j);
    if (r >= 0 && analysis.regionKind[r] === RegionKind.Comment) {
      j = analysis.regionEnd[r] - 1;
      continue;
    }
    body += text[j];
  }
  body = body.split(';')[0].replace(/\\\n/g, ' ');
  const items: ImportItem[] = [];
  for (const part of body.split(',')) {
    const m = /^\s*([\w.]+|\*)(?:\s+as\s+([A-Za-z_]\w*))?\s*$/.exec(part);
    if (m) items.push({ name: m[1], alias: m[2] });
  }
  return items;
}

/**
 * The right-hand side when it is a dotted name, optionally called once, and nothing else up to the end of the
 * statement: 'nn.GELU()', 'F.gelu', 'tf.layers.leakyReLU({alpha: 0.2})'; null otherwise.
 */
function simpleRhs(text: string, i: number, end: number, family: Family): string | null {
  const name = /[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*/y;
  name.lastIndex = i;
  const m = name.exec(text);
  if (!m) return null;
  let j = name.lastIndex;
  while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
  if (text.charCodeAt(j) === 40) {
    const close = matchingClose(text, j, Math.min(end, j + 4000), family);
    if (close < 0) return null;
    j = close + 1;
  }
  const rhs = text.slice(i, j);
  const rest = /[ \t]*(?:;[ \t]*)?(?:(?:#|\/\/)[^\n]*)?(?:\r?\n|$)/y;
  rest.lastIndex = j;
  return rest.exec(text) || j >= end ? rhs : null;
}

/**
 * Index of the bracket closing the one at `open` (any of `(`, `[`, `{`), skipping strings and comments; -1 if it is
 * not closed before `limit`.
 */
export function matchingClose(text: string, open: number, limit: number, family: Family): number {
  let depth = 0;
  let i = open;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) {
      depth++;
    } else if (c === 41 || c === 93 || c === 125) {
      depth--;
      if (depth === 0) return i;
    } else if (c === 39 || c === 34 || c === 96) {
      i = family === 'python' ? pythonStringEnd(text, i, limit) : quotedEnd(text, i, limit, c !== 96);
      continue;
    } else if (family === 'python' && c === 35) {
      i = lineEnd(text, i, limit);
      continue;
    } else if (family !== 'python' && c === 47 && text.charCodeAt(i + 1) === 47) {
      i = lineEnd(text, i, limit);
      continue;
    }
    i++;
  }
  return -1;
}

const tfjsModule = /^@tensorflow\/tfjs(?:-node(?:-gpu)?|-core|-layers)?$/;

/** Where a JS module specifier points: TF.js packages are `tf`, anything else is opaque. */
function jsModuleTarget(specifier: string): string {
  return tfjsModule.test(specifier) ? 'tf' : `js:${specifier}`;
}

const jsImportStar = /import[ \t]+\*[ \t]+as[ \t]+([\w$]+)[ \t]+from[ \t]*(['"])([^'"\n]+)\2/y;
const jsImportNamed = /import[ \t]*(?:([\w$]+)[ \t]*,[ \t]*)?\{([^}]*)\}[ \t]*from[ \t]*(['"])([^'"\n]+)\3/y;
const jsImportDefault = /import[ \t]+([\w$]+)[ \t]+from[ \t]*(['"])([^'"\n]+)\2/y;
const jsRequire = /(?:const|let|var)[ \t]+([\w$]+)[ \t]*=[ \t]*require\([ \t]*(['"])([^'"\n]+)\2[ \t]*\)/y;
const jsRequireNamed = /(?:const|let|var)[ \t]*\{([^}]*)\}[ \t]*=[ \t]*require\([ \t]*(['"])([^'"\n]+)\2[ \t]*\)/y;
const jsDef = /(?:export[ \t]+)?(?:default[ \t]+)?(?:async[ \t]+)?(?:function\*?|class)[ \t]+([\w$]+)/y;
const jsAssign = /(?:export[ \t]+)?(?:(?:const|let|var)[ \t]+)?((?:this\.)?[A-Za-z_$][\w$]*)[ \t]*(?::[^=\n]*)?=(?![=>])[ \t]*/y;

function scanJsStatements(text: string, segment: CodeSegment, analysis: DocumentAnalysis, scope: Scope): void {
  forEachCodeLine(text, segment, analysis, (p) => {
    let m: RegExpExecArray | null;
    jsImportStar.lastIndex = p;
    if ((m = jsImportStar.exec(text))) return bind(scope, m[1], jsModuleTarget(m[3]));
    jsImportNamed.lastIndex = p;
    if ((m = jsImportNamed.exec(text))) {
      const target = jsModuleTarget(m[4]);
      if (m[1]) bind(scope, m[1], target);
      for (const [name, local] of namedItems(m[2], /\s+as\s+/)) bind(scope, local, `${target}.${name}`);
      return;
    }
    jsImportDefault.lastIndex = p;
    if ((m = jsImportDefault.exec(text))) return bind(scope, m[1], jsModuleTarget(m[3]));
    jsRequire.lastIndex = p;
    if ((m = jsRequire.exec(text))) return bind(scope, m[1], jsModuleTarget(m[3]));
    jsRequireNamed.lastIndex = p;
    if ((m = jsRequireNamed.exec(text))) {
      const target = jsModuleTarget(m[3]);
      for (const [name, local] of namedItems(m[1], /\s*:\s*/)) bind(scope, local, `${target}.${name}`);
      return;
    }
    jsDef.lastIndex = p;
    if ((m = jsDef.exec(text))) {
      scope.definitions.add(m[1]);
      return;
    }
    jsAssign.lastIndex = p;
    if ((m = jsAssign.exec(text))) assign(scope, m[1], simpleRhs(text, jsAssign.lastIndex, segment.end, 'js'));
  });
}

function namedItems(list: string, separator: RegExp): [string, string][] {
  const items: [string, string][] = [];
  for (const part of list.split(',')) {
    const [name, local] = part.trim().split(separator);
    if (name && /^[\w$]+$/.test(name)) items.push([name, local && /^[\w$]+$/.test(local) ? local : name]);
  }
  return items;
}
