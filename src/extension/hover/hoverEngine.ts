/**
 * The whole hover without VS Code: document analysis cached per version, locate, resolve, evaluate f and f′ with
 * the core, draw the sparkline and build the markdown. The adapter (hoverProvider.ts) and the benchmark both call it.
 */
import { compile } from '../../core/index';
import type { Compiled, Kink } from '../../core/index';
import type { DocumentAnalysis, Scope } from './analyze';
import { analyzeDocument, documentKind } from './analyze';
import type { HoverImage, PlotRequest } from './hoverContent';
import { hoverMarkdown } from './hoverContent';
import { locate } from './locate';
import type { Resolution } from './resolve';
import { coreExpression, numericParams, resolve } from './resolve';
import type { ThemeKind } from './sparkline';
import { sparklineSvg, svgDataUri } from './sparkline';

/** A document as the engine needs it; `getText` is called only when the version is new. */
export interface HoverDocument {
  /** Stable identity, e.g. the URI. */
  readonly key: string;
  readonly version: number;
  readonly languageId: string;
  getText(): string;
  /** When given, a cached analysis is reused only for this very text (same key and version are not enough). */
  readonly text?: string;
}

export interface HoverOptions {
  readonly theme: ThemeKind;
  readonly range: readonly [number, number];
  readonly width: number;
  readonly height: number;
  readonly showDerivative: boolean;
  /** Samples per curve; default 121 (so 0 is a sample on symmetric ranges). */
  readonly points?: number;
}

export interface HoverResult {
  readonly markdown: string;
  /** Offsets of the hovered name or string. */
  readonly start: number;
  readonly end: number;
  readonly resolution: Resolution;
  readonly plot: PlotRequest;
  readonly image?: HoverImage;
}

export interface EngineLimits {
  readonly documents?: number;
  readonly compiled?: number;
  readonly images?: number;
  /** Keep made images per theme kind; false makes every hover draw (what the benchmark measures). */
  readonly cacheImages?: boolean;
}

interface Snapshot {
  readonly version: number;
  readonly languageId: string;
  readonly text: string;
  readonly analysis: DocumentAnalysis;
}

interface Drawn {
  readonly image?: HoverImage;
  readonly imageNote?: string;
}

/** A Map used as a least-recently-used cache. */
class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value as K);
  }

  delete(key: K): void {
    this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }
}

export class HoverEngine {
  private readonly documents: Lru<string, Snapshot>;
  private readonly compiled: Lru<string, Compiled | Error>;
  private readonly images: Lru<string, Drawn & { expr?: string }>;
  private readonly cacheImages: boolean;

  constructor(limits: EngineLimits = {}) {
    this.documents = new Lru(limits.documents ?? 64);
    this.compiled = new Lru(limits.compiled ?? 256);
    this.images = new Lru(limits.images ?? 256);
    this.cacheImages = limits.cacheImages ?? true;
  }

  /** The document's text and analysis for its current version; undefined for languages the hover does not read. */
  snapshot(document: HoverDocument): Snapshot | undefined {
    const cached = this.documents.get(document.key);
    if (cached && cached.version === document.version && cached.languageId === document.languageId) {
      if (document.text === undefined || document.text === cached.text) return cached;
    }
    const kind = documentKind(document.languageId);
    if (!kind) return undefined;
    const text = document.getText();
    const snapshot = { version: document.version, languageId: document.languageId, text, analysis: analyzeDocument(text, kind) };
    this.documents.set(document.key, snapshot);
    return snapshot;
  }

  /**
   * The hover at `offset`, or undefined when nothing known is there. `context` lends its imports and assignments
   * (the other cells of a notebook).
   */
  hover(document: HoverDocument, offset: number, options: HoverOptions, context: readonly HoverDocument[] = []): HoverResult | undefined {
    const snapshot = this.snapshot(document);
    if (!snapshot) return undefined;
    const located = locate(snapshot.text, offset, snapshot.analysis);
    if (!located) return undefined;
    const family = located.family === 'js' ? 'js' : 'python';
    const scopes: Scope[] = [snapshot.analysis[family]];
    for (const other of context) {
      if (other.key === document.key) continue;
      const s = this.snapshot(other);
      if (s) scopes.push(s.analysis[family]);
    }
    const resolution = resolve(located, scopes);
    if (!resolution) return undefined;
    return this.present(resolution, options);
  }

  /** Drops a closed document. */
  forget(key: string): void {
    this.documents.delete(key);
  }

  /** The theme kind changed: images are re-made on demand (they are keyed by theme kind anyway). */
  clearImages(): void {
    this.images.clear();
  }

  private present(resolution: Resolution, options: HoverOptions): HoverResult {
    const activation = resolution.activation;
    const [from, to] = options.range;
    const candidates = plotExpressions(resolution);
    const drawn: Drawn & { expr?: string } =
      candidates.length > 0 ? this.draw(candidates, activation.title, options) : { imageNote: 'No plot: this function takes targets as well as inputs.' };
    const plot: PlotRequest = { expr: drawn.expr ?? coreExpression(resolution), from, to, params: numericParams(resolution) };
    const markdown = hoverMarkdown({ resolution, image: drawn.image, imageNote: drawn.imageNote, kinks: kinksOf(resolution), plot });
    return { markdown, start: resolution.start, end: resolution.end, resolution, plot, image: drawn.image };
  }

  /** The first candidate expression that compiles to a function of x, drawn. */
  private draw(candidates: readonly string[], title: string, options: HoverOptions): Drawn & { expr?: string } {
    const [from, to] = options.range;
    const points = options.points ?? 121;
    const key = `${options.theme}|${candidates[0]}|${from}|${to}|${options.width}|${options.height}|${options.showDerivative}|${points}`;
    if (this.cacheImages) {
      const cached = this.images.get(key);
      if (cached) return cached;
    }
    let drawn: Drawn & { expr?: string } = {};
    for (const expr of candidates) {
      const compiled = this.compile(expr);
      if (compiled instanceof Error) {
        drawn = { imageNote: `No plot: ${compiled.message}` };
        continue;
      }
      if (compiled.kind !== 'function') {
        drawn = { imageNote: 'No plot: the expression does not depend on x.' };
        continue;
      }
      const s = compiled.sample({ from, to, points, order: options.showDerivative ? 1 : 0 });
      const svg = sparklineSvg(s.x, s.y, options.showDerivative ? s.dy : undefined, options);
      const shown = candidates.length > 1 || expr !== candidates[0] || !expr.includes('(x') ? ` of ${expr}` : '';
      const curves = options.showDerivative ? 'f solid, f′ dashed' : 'f';
      const alt = `${title}${shown}: ${curves}, x from ${from} to ${to}`;
      drawn = { expr, image: { uri: svgDataUri(svg), width: options.width, height: options.height, alt } };
      break;
    }
    if (this.cacheImages) this.images.set(key, drawn);
    return drawn;
  }

  private compile(expr: string): Compiled | Error {
    let compiled = this.compiled.get(expr);
    if (!compiled) {
      try {
        compiled = compile(expr);
      } catch (e) {
        compiled = e instanceof Error ? e : new Error(String(e));
      }
      this.compiled.set(expr, compiled);
    }
    return compiled;
  }
}

/**
 * What the plot may show, best first: the element-wise function itself, or for a vector function its first output on
 * [x, 0, 1] (softmax([x, 0, 1])[0]) or its scalar value (logsumexp([x, 0, 1])); nothing for losses, which need targets.
 */
export function plotExpressions(resolution: Resolution): string[] {
  const a = resolution.activation;
  const expr = coreExpression(resolution);
  if (a.kind === 'elementwise') return [expr];
  if (a.kind === 'loss') return [];
  const applied = `${a.name}([x, 0, 1]${expr.slice(a.name.length + 2)}`;
  return [`${applied}[0]`, applied];
}

/** The catalogue's non-differentiable points for the numeric parameters in effect (kernel order: all numeric params). */
function kinksOf(resolution: Resolution): readonly Kink[] {
  const values = new Map(resolution.params.map((p) => [p.spec.name, p.value]));
  const p = resolution.activation.params
    .filter((spec) => spec.kind === 'number')
    .map((spec) => {
      const v = values.get(spec.name) ?? spec.default;
      return typeof v === 'number' ? v : NaN;
    });
  return resolution.activation.kinks(p);
}

/** One hover with no caches kept between calls: text, offset and language in, markdown out. */
export function buildHover(
  text: string,
  offset: number,
  options: HoverOptions & { readonly languageId: string; readonly engine?: HoverEngine },
): HoverResult | undefined {
  const engine = options.engine ?? new HoverEngine({ documents: 1 });
  return engine.hover({ key: 'buildHover', version: 0, languageId: options.languageId, text, getText: () => text }, offset, options);
}
