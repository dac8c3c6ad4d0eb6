/**
 * The catalogue as the pickers show it (pure): a name, the title with every framework spelling (so typing `F.silu`
 * or `tf.nn.swish` finds SiLU), the formula as detail; and the expression each entry plots.
 */
import type { ActivationInfo } from '../../core/index';
import { shortName } from '../../shared/compare';

export interface CatalogueItem {
  readonly label: string;
  readonly description: string;
  readonly detail: string;
  readonly name: string;
}

export function catalogueItem(activation: ActivationInfo): CatalogueItem {
  const spellings: string[] = [];
  for (const alias of activation.aliases) {
    const name = shortName(alias.name);
    if (name !== activation.name && !spellings.includes(name)) spellings.push(name);
  }
  const description = spellings.length > 0 ? `${activation.title} · ${spellings.join(', ')}` : activation.title;
  return { label: activation.name, description, detail: `f(x) = ${activation.formula.text}`, name: activation.name };
}

/** What choosing an entry plots: f(x) for element-wise functions, a vector example with a temperature otherwise. */
export function entryExpression(activation: ActivationInfo): string {
  if (activation.kind === 'elementwise') return `${activation.name}(x)`;
  if (activation.kind === 'loss') {
    if (activation.name === 'cross_entropy') return 'cross_entropy([2, 1, -1], 0)';
    if (activation.name === 'binary_cross_entropy_with_logits') return 'binary_cross_entropy_with_logits(x, 1)';
    return `${activation.name}(x)`;
  }
  if (activation.name === 'logsumexp') return 'logsumexp([x, 0, 1])';
  return `${activation.name}([2, 1, -1, 0.5] / T)`;
}

/** Range that shows every chosen entry's interesting part. */
export function unionRange(activations: readonly ActivationInfo[]): [number, number] | undefined {
  const ranges = activations.filter((a) => a.kind === 'elementwise').map((a) => a.plotRange);
  if (ranges.length === 0) return undefined;
  const from = Math.min(...ranges.map((r) => r[0]));
  const to = Math.max(...ranges.map((r) => r[1]));
  return Number.isFinite(from) && Number.isFinite(to) && from < to ? [from, to] : undefined;
}
