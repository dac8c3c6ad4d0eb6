/**
 * "Compare framework defaults": one catalogue function as each framework spells and parameterises it, overlaid.
 * Candidates with the same parameters and the same derivative convention at the kinks draw the same curve, so they
 * are merged into one series whose label names them all (PyTorch = JAX).
 */
import { findActivation } from '../core/index';
import type { ActivationInfo, Alias, Framework, ParamValue } from '../core/index';
import { compileSeries, frameworkTitles } from './plotModel';
import type { SeriesSpec } from './plotModel';

/** Frameworks in the order they are compared. */
export const compareOrder: readonly Framework[] = ['torch', 'tf', 'keras', 'keras2', 'jax', 'flax', 'tfjs', 'hf'];

/** `torch.nn.functional.gelu` → `F.gelu`, `torch.nn.GELU` → `nn.GELU`; other names stay as written. */
export function shortName(name: string): string {
  if (name.startsWith('torch.nn.functional.')) return `F.${name.slice('torch.nn.functional.'.length)}`;
  if (name.startsWith('torch.nn.')) return `nn.${name.slice('torch.nn.'.length)}`;
  return name;
}

function aliasExpression(alias: Alias): string | undefined {
  if (alias.kind === 'function') return `${alias.name}(x)`;
  if (alias.kind === 'module') return `${alias.name}()(x)`;
  return undefined;
}

function formatValue(v: ParamValue): string {
  return typeof v === 'string' ? `'${v}'` : typeof v === 'number' ? String(Number(v.toPrecision(6))) : String(v);
}

export interface CompareCandidate {
  readonly framework: Framework;
  readonly alias: Alias;
  readonly expr: string;
}

/** Every spelling of the function that can be plotted on its own, in framework order. */
export function compareCandidates(activation: ActivationInfo): CompareCandidate[] {
  const out: CompareCandidate[] = [];
  for (const framework of compareOrder) {
    for (const alias of activation.aliases) {
      if (alias.framework !== framework) continue;
      const expr = aliasExpression(alias);
      if (expr) out.push({ framework, alias, expr });
    }
  }
  return out;
}

export interface ComparePlan {
  readonly activation: ActivationInfo;
  readonly series: readonly SeriesSpec[];
  /** One line per merged series: which spellings share it. */
  readonly notes: readonly string[];
}

/**
 * The series to overlay for `name` (any alias or the canonical name): one per distinct (parameters, kink convention).
 * Undefined when the name is unknown.
 */
export function comparePlan(name: string): ComparePlan | undefined {
  const found = findActivation(name);
  if (!found) return undefined;
  const { activation } = found;
  const groups = new Map<string, { expr: string; framework: Framework; labels: string[]; params: string }>();
  for (const candidate of compareCandidates(activation)) {
    const compiled = compileSeries({ expr: candidate.expr, framework: candidate.framework }, candidate.framework);
    if (!compiled.ok) continue;
    const call = compiled.compiled.calls[0];
    const params = call
      ? activation.params.filter((p) => !p.ignored && call.params[p.name] !== undefined).map((p) => `${p.name}=${formatValue(call.params[p.name] as ParamValue)}`).join(', ')
      : '';
    let kinks = '';
    try {
      kinks = JSON.stringify(compiled.compiled.kinks().map((k) => [k.x, k.dy]));
    } catch {
      kinks = '';
    }
    const key = `${params}|${kinks}`;
    const label = `${frameworkTitles[candidate.framework]} ${shortName(candidate.alias.name)}`;
    const group = groups.get(key);
    if (group) {
      if (!group.labels.includes(label)) group.labels.push(label);
    } else {
      groups.set(key, { expr: candidate.expr, framework: candidate.framework, labels: [label], params });
    }
  }
  if (groups.size === 0) {
    return { activation, series: [{ expr: `${activation.name}(x)` }], notes: [] };
  }
  const series: SeriesSpec[] = [];
  const notes: string[] = [];
  for (const g of groups.values()) {
    const titles = [...new Set(g.labels.map((l) => l.split(' ').slice(0, l.startsWith('Keras') || l.startsWith('Hugging') ? 2 : 1).join(' ')))];
    const head = titles.join(' = ');
    series.push({ expr: g.expr, framework: g.framework, label: g.params ? `${head}: ${g.params}` : head });
    notes.push(`${g.labels.join(', ')}${g.params ? ` — ${g.params}` : ''}`);
  }
  return { activation, series: series.slice(0, 8), notes };
}
