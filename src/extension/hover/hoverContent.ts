/**
 * The hover's markdown, built from plain data: what the name is and in which framework, the formula and derivative,
 * the parameters in effect against other frameworks' defaults, the properties, the plot image and two command links.
 */
import type { Alias, Framework, Kink, ParamValue } from '../../core/index';
import type { Resolution, ResolvedParam } from './resolve';
import { displayValue, signature } from './resolve';

/** The only commands the hover's links may run (MarkdownString.isTrusted). */
export const hoverCommands = ['actviz.plotExpression', 'actviz.compareDefaults'] as const;

export interface HoverImage {
  readonly uri: string;
  readonly width: number;
  readonly height: number;
  /** Alt text: what the picture shows. */
  readonly alt: string;
}

/** The argument of `actviz.plotExpression`. */
export interface PlotRequest {
  readonly expr: string;
  readonly from: number;
  readonly to: number;
  readonly params: Readonly<Record<string, number>>;
}

export interface HoverContentInput {
  readonly resolution: Resolution;
  readonly image?: HoverImage;
  /** Why there is no image, when there is none. */
  readonly imageNote?: string;
  readonly kinks: readonly Kink[];
  readonly plot: PlotRequest;
}

export const frameworkTitles: Readonly<Record<Framework, string>> = {
  torch: 'PyTorch',
  tf: 'TensorFlow',
  keras: 'Keras',
  keras2: 'Keras 2',
  jax: 'JAX',
  flax: 'Flax',
  tfjs: 'TensorFlow.js',
  hf: 'Hugging Face',
};

/** Backslash-escapes characters markdown would read as syntax, so catalogue and code text shows as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|~$#]/g, '\\$&');
}

/** Inline code that survives backticks in the content. */
function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text.includes('`') ? ` ${text} ` : text}${fence}`;
}

const formatNumber = (v: number): string => String(Number(v.toPrecision(6)));

function formatValue(value: ParamValue): string {
  return typeof value === 'number' ? formatNumber(value) : typeof value === 'string' ? `'${value}'` : String(value);
}

/** A `command:` link; parentheses and quotes are encoded too, so the link destination cannot end early. */
export function commandLink(title: string, command: string, args: unknown): string {
  const query = encodeURIComponent(JSON.stringify([args])).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${title}](command:${command}?${query} "${title}")`;
}

/** The full hover text. */
export function hoverMarkdown(input: HoverContentInput): string {
  const { resolution: r } = input;
  const a = r.activation;
  const lines: string[] = [];

  // what matters at a glance first (the widget scrolls): name, picture, formulas, the two actions
  lines.push(`**${escapeMarkdown(a.title)}** · ${code(signature(r))} · ${escapeMarkdown(spellingDescription(r))}`);
  if (r.via) lines.push('', `${code(r.written)} is assigned ${code(r.via)}`);
  if (input.image) {
    const { uri, width, height, alt } = input.image;
    lines.push('', `![${escapeMarkdown(alt)}](${uri}|width=${width},height=${height})`);
  } else if (input.imageNote) {
    lines.push('', `*${escapeMarkdown(input.imageNote)}*`);
  }
  lines.push('', `f(x) = ${escapeMarkdown(a.formula.text)}  `, `f′(x) = ${escapeMarkdown(a.derivative.text)}`);
  lines.push(
    '',
    `${commandLink('Open plot', 'actviz.plotExpression', input.plot)} · ${commandLink('Compare defaults', 'actviz.compareDefaults', { fn: a.name })}`,
  );

  if (r.params.length > 0) {
    lines.push('', '**Parameters**');
    for (const p of r.params) lines.push('', `- ${parameterLine(p, r)}`);
  }

  const props = a.properties;
  lines.push(
    '',
    `**Properties** · range ${escapeMarkdown(props.range)} · ${props.monotonic ? 'monotonic' : 'not monotonic'} · ` +
      `${props.smooth ? 'smooth' : 'not smooth'} · ${props.zeroCentred ? 'zero-centred' : 'not zero-centred'} · ` +
      `saturates: ${escapeMarkdown(props.saturates)}`,
  );
  if (input.kinks.length > 0) {
    const points = input.kinks.map((k) => `f′(${formatNumber(k.x)}) = ${formatNumber(k.dy)}: ${escapeMarkdown(k.note)}`);
    lines.push('', `**Not differentiable** at x = ${input.kinks.map((k) => formatNumber(k.x)).join(', ')}; convention used: ${points.join('; ')}`);
  } else if (!props.smooth) {
    lines.push('', '**Not differentiable** at isolated points for some parameter values; none in effect here.');
  }
  lines.push('', escapeMarkdown(a.summary));
  for (const note of r.notes) lines.push('', `*${escapeMarkdown(note)}*`);
  return lines.join('\n');
}

function spellingDescription(r: Resolution): string {
  const alias = r.alias;
  const framework = r.family === 'js' && (!alias || alias.kind === 'string') ? 'TensorFlow.js' : frameworkTitles[r.framework];
  if (!alias) return `activation name${r.key ? ` in ${r.key}` : ''}`;
  switch (alias.kind) {
    case 'module':
      return `${framework} ${alias.framework === 'keras' || alias.framework === 'tfjs' ? 'layer' : 'module'}`;
    case 'function':
      return `${framework} function`;
    case 'string':
      return alias.framework === 'hf' ? 'Hugging Face ACT2FN name' : `${framework} activation string${r.key ? ` (${r.key})` : ''}`;
  }
}

function parameterLine(p: ResolvedParam, r: Resolution): string {
  const name = p.keyword === p.spec.name ? p.spec.name : `${p.keyword} (${p.spec.name})`;
  const value = displayValue(p, r.alias, r.family);
  let line = `${code(name)} = **${escapeMarkdown(value)}**`;
  if (p.source === 'written') line += ' (written)';
  else if (p.source === 'unknown') line += ` (default; ${code(p.text ?? '?')} is not a literal)`;
  else if (r.alias?.accepts && !r.alias.accepts.includes(p.spec.name)) line += ` (fixed by ${code(r.alias.name)})`;
  else line += ' (default)';
  line += ` — ${escapeMarkdown(p.spec.description)}`;
  const elsewhere = otherDefaults(p.spec.name, p.value, r);
  if (elsewhere) line += `. Defaults elsewhere: ${elsewhere}`;
  return line;
}

/**
 * Other spellings' defaults that differ from the value in effect, grouped by value: "0.01 in PyTorch, JAX, Flax ·
 * 0.3 in keras.layers.LeakyReLU, tf.layers.leakyReLU". A framework is named whole when all its spellings agree.
 */
export function otherDefaults(param: string, current: ParamValue, r: Resolution): string {
  const spec = r.activation.params.find((p) => p.name === param);
  if (!spec) return '';
  const byFramework = new Map<Framework, { alias: Alias; value: ParamValue }[]>();
  for (const alias of r.activation.aliases) {
    // tf.keras.* repeats keras.*; strings are names for the same settings
    if (alias.kind === 'string' || alias.name.startsWith('tf.keras.')) continue;
    const value = alias.defaults && Object.prototype.hasOwnProperty.call(alias.defaults, param) ? alias.defaults[param] : spec.default;
    const list = byFramework.get(alias.framework) ?? [];
    list.push({ alias, value });
    byFramework.set(alias.framework, list);
  }
  const groups = new Map<string, string[]>();
  for (const [framework, list] of byFramework) {
    const values = new Set(list.map((e) => formatValue(e.value)));
    const labels = values.size === 1 ? [[formatValue(list[0].value), frameworkTitles[framework]]] : list.map((e) => [formatValue(e.value), e.alias.name]);
    for (const [value, label] of labels) {
      if (value === formatValue(current)) continue;
      const group = groups.get(value) ?? [];
      if (!group.includes(label)) group.push(label);
      groups.set(value, group);
    }
  }
  return [...groups].map(([value, labels]) => `${escapeMarkdown(value)} in ${escapeMarkdown(labels.join(', '))}`).join(' · ');
}
