/**
 * Name resolution: names as written in code (`F.gelu`, `nn.LeakyReLU`, `tf.nn.leaky_relu`, `swish`, `gelu_new`) to
 * catalogue entries and the alias whose defaults, keywords and positional order apply. Closed world: every lookup is a
 * Map built from the catalogue, so `constructor` or `__proto__` never resolve to anything.
 */
import type { ActivationInfo, Alias, Framework } from './types';

export interface Resolution {
  readonly activation: ActivationInfo;
  /** The alias that matched (its defaults, keyword renames and positional order apply); absent for PyTorch's own. */
  readonly alias?: Alias;
  readonly framework: Framework;
}

/** Short prefixes people import under, rewritten to the full module path the catalogue spells out. */
const PREFIXES: readonly (readonly [string, string])[] = [
  ['F.', 'torch.nn.functional.'],
  ['nn.', 'torch.nn.'],
  ['jnn.', 'jax.nn.'],
  ['tf.keras.activations.', 'keras.activations.'],
  ['tf.keras.layers.', 'keras.layers.'],
  ['tf.keras.ops.', 'keras.ops.'],
];

export function normalizePrefix(written: string): string {
  for (const [short, full] of PREFIXES) {
    if (written.startsWith(short)) return full + written.slice(short.length);
  }
  return written;
}

const lastSegment = (name: string): string => name.slice(name.lastIndexOf('.') + 1);

export class NameTable {
  private readonly byCanonical = new Map<string, ActivationInfo>();
  private readonly byFull = new Map<string, { activation: ActivationInfo; alias: Alias }>();
  private readonly byBare = new Map<string, { activation: ActivationInfo; alias: Alias }[]>();

  constructor(readonly entries: readonly ActivationInfo[]) {
    for (const activation of entries) {
      if (!this.byCanonical.has(activation.name)) this.byCanonical.set(activation.name, activation);
      for (const alias of activation.aliases) {
        if (alias.kind !== 'string' && alias.name.includes('.')) {
          const full = normalizePrefix(alias.name);
          if (!this.byFull.has(full)) this.byFull.set(full, { activation, alias });
        }
        const bare = lastSegment(alias.name);
        const list = this.byBare.get(bare) ?? [];
        list.push({ activation, alias });
        this.byBare.set(bare, list);
      }
    }
  }

  canonical(name: string): ActivationInfo | undefined {
    return this.byCanonical.get(name);
  }

  /**
   * Resolves a name as written. Bare names prefer the spelling of `framework` (so `leaky_relu` under 'tf' takes
   * tf.nn's 0.2), then the canonical entry with PyTorch's defaults, then any framework's alias (`swish`, `expit`).
   */
  resolve(written: string, framework: Framework = 'torch'): Resolution | undefined {
    if (!written.includes('.')) return this.resolveBare(written, framework);
    const normalized = normalizePrefix(written);
    const hit = this.byFull.get(normalized);
    if (hit !== undefined) return { activation: hit.activation, alias: hit.alias, framework: hit.alias.framework };
    if (written.startsWith('nn.')) {
      // `import flax.linen as nn` shares the prefix with torch.nn; Flax spells functions in lower case
      const flax = this.byFull.get('flax.linen.' + written.slice(3));
      if (flax !== undefined) return { activation: flax.activation, alias: flax.alias, framework: flax.alias.framework };
    }
    const functional = 'torch.nn.functional.';
    if (normalized.startsWith(functional)) {
      const activation = this.byCanonical.get(normalized.slice(functional.length));
      if (activation !== undefined) return { activation, framework: 'torch' };
    }
    return undefined;
  }

  private resolveBare(name: string, framework: Framework): Resolution | undefined {
    const candidates = this.byBare.get(name) ?? [];
    const callable = candidates.filter((c) => c.alias.kind !== 'module');
    const own = callable.find((c) => c.alias.framework === framework);
    if (own !== undefined) return { activation: own.activation, alias: own.alias, framework };
    const canonical = this.byCanonical.get(name);
    if (canonical !== undefined) return this.withFrameworkDefaults(canonical, framework);
    if (callable.length > 0) {
      // a spelling with defaults of its own defines a variant (gelu_new is the tanh form, quick_gelu is silu with β =
      // 1.702); a plain synonym (swish, expit) takes the framework's defaults
      const pick = callable.find((c) => c.alias.framework === 'torch') ?? callable[0];
      if (pick.alias.defaults !== undefined && Object.keys(pick.alias.defaults).length > 0) {
        return { activation: pick.activation, alias: pick.alias, framework: pick.alias.framework };
      }
      return this.withFrameworkDefaults(pick.activation, framework, pick.alias);
    }
    const modules = candidates.filter((c) => c.alias.kind === 'module');
    const module = modules.find((c) => c.alias.framework === framework) ?? modules.find((c) => c.alias.framework === 'torch') ?? modules[0];
    if (module !== undefined) return { activation: module.activation, alias: module.alias, framework: module.alias.framework };
    return undefined;
  }

  /** The entry under `framework`'s function spelling if it has one, else PyTorch's defaults (or `fallback`'s). */
  private withFrameworkDefaults(activation: ActivationInfo, framework: Framework, fallback?: Alias): Resolution {
    const own = activation.aliases.find((a) => a.framework === framework && a.kind === 'function');
    if (own !== undefined) return { activation, alias: own, framework };
    if (fallback !== undefined && framework !== 'torch') return { activation, alias: fallback, framework: fallback.framework };
    const torch = activation.aliases.find((a) => a.framework === 'torch' && a.kind === 'function');
    return { activation, alias: torch, framework: 'torch' };
  }

  /** Every bare spelling people may type, for "did you mean" suggestions. */
  bareNames(): string[] {
    return [...new Set([...this.byCanonical.keys(), ...this.byBare.keys()])];
  }

  /** Last segments of the catalogue's full names under a normalised prefix ('torch.nn.functional.'). */
  namesUnder(prefix: string): string[] {
    const names: string[] = [];
    for (const full of this.byFull.keys()) {
      if (full.startsWith(prefix) && !full.slice(prefix.length).includes('.')) names.push(full.slice(prefix.length));
    }
    return names;
  }

  fullNames(): string[] {
    return [...this.byFull.keys()];
  }
}

/** Optimal string alignment distance (Levenshtein with adjacent transpositions), case-insensitive. */
export function editDistance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const m = a.length, n = b.length;
  if (Math.abs(m - n) > 3) return Math.abs(m - n);
  const d: number[][] = [];
  for (let i = 0; i <= m; i++) d.push(new Array<number>(n + 1).fill(0));
  for (let i = 0; i <= m; i++) d[i][0] = i;
  for (let j = 0; j <= n; j++) d[0][j] = j;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[m][n];
}

/** The closest candidate within a typo's distance (≤ 1 for short names, ≤ 2 from 5 characters on), if any. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = word.length < 3 ? 0 : word.length < 5 ? 1 : 2;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    if (c === word) continue;
    const d = editDistance(word, c);
    if (d > limit) continue;
    // ties go to the candidate that also matches the letter case ('gleu' → 'gelu', not 'GELU')
    const score = 2 * d + (sameCase(word, c) ? 0 : 1);
    if (score < bestScore || (score === bestScore && best !== undefined && c < best)) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

const sameCase = (a: string, b: string): boolean => (a === a.toLowerCase()) === (b === b.toLowerCase());
