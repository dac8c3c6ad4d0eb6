/**
 * "Copy as code": the PyTorch, Keras or JAX spelling of the catalogue functions in an expression, with the parameter
 * values in effect (slider values included). Only parameters that differ from that framework's default are written.
 */
import { findActivation } from '../core/index';
import type { Alias, CallInfo, Compiled, ParamSpec, ParamValue } from '../core/index';
import type { CodeTarget } from './messages';
import { compileSeries } from './plotModel';
import type { PlotModel } from './plotModel';

const targetTitles: Record<CodeTarget, string> = { torch: 'PyTorch', keras: 'Keras', jax: 'JAX' };
const imports: Record<CodeTarget, string> = { torch: 'import torch\nimport torch.nn.functional as F', keras: 'import keras', jax: 'import jax' };
/** Preferred namespaces, best first, and how they are written after the imports above. */
const namespaces: Record<CodeTarget, readonly (readonly [string, string])[]> = {
  torch: [['torch.nn.functional.', 'F.'], ['torch.special.', 'torch.special.'], ['torch.', 'torch.']],
  keras: [['keras.activations.', 'keras.activations.'], ['keras.ops.', 'keras.ops.']],
  jax: [['jax.nn.', 'jax.nn.'], ['jax.numpy.', 'jax.numpy.']],
};

function pickAlias(aliases: readonly Alias[], target: CodeTarget): { alias: Alias; written: string } | undefined {
  for (const [prefix, short] of namespaces[target]) {
    const alias = aliases.find((a) => a.framework === target && a.kind === 'function' && a.name.startsWith(prefix));
    if (alias) return { alias, written: short + alias.name.slice(prefix.length) };
  }
  const any = aliases.find((a) => a.framework === target && a.kind === 'function');
  return any ? { alias: any, written: any.name } : undefined;
}

function pythonValue(value: ParamValue): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Number.isFinite(value)) return String(value);
  return value > 0 ? "float('inf')" : value < 0 ? "float('-inf')" : "float('nan')";
}

/** Keras and JAX take `approximate` as a boolean where PyTorch takes 'none' or 'tanh'. */
function convert(spec: ParamSpec, value: ParamValue, target: CodeTarget): ParamValue {
  if (target !== 'torch' && spec.name === 'approximate' && typeof value === 'string') return value !== 'none';
  return value;
}

function callCode(call: CallInfo, params: Readonly<Record<string, number>> | undefined, target: CodeTarget): string {
  const found = findActivation(call.name);
  if (!found) return `# ${call.written}: not a catalogue function`;
  const { activation } = found;
  const picked = pickAlias(activation.aliases, target);
  if (!picked) return `# ${activation.title} is not in ${targetTitles[target]}; formula: ${activation.formula.text}`;
  const { alias, written } = picked;
  const keywordOf = new Map<string, string>();
  for (const [keyword, canonical] of Object.entries(alias.keywords ?? {})) keywordOf.set(canonical, keyword);
  const args = ['x'];
  for (const spec of activation.params) {
    if (spec.ignored) continue;
    const slider = spec.kind === 'number' && params && Object.prototype.hasOwnProperty.call(params, spec.name) ? params[spec.name] : undefined;
    const value: ParamValue | undefined = slider ?? call.params[spec.name];
    if (value === undefined) continue;
    const fallback = alias.defaults && Object.prototype.hasOwnProperty.call(alias.defaults, spec.name) ? alias.defaults[spec.name] : spec.default;
    if (value === fallback) continue;
    args.push(`${keywordOf.get(spec.name) ?? spec.name}=${pythonValue(convert(spec, value, target))}`);
  }
  return `y = ${written}(${args.join(', ')})`;
}

/** Python code for the catalogue calls in `compiled`, with the given slider values; a comment if there are none. */
export function codeSnippet(compiled: Compiled, params: Readonly<Record<string, number>> | undefined, target: CodeTarget): string {
  const calls = compiled.calls;
  const header = `# ActViz: ${compiled.source.replace(/\s+/g, ' ')} (${targetTitles[target]})`;
  if (calls.length === 0) return `${header}\n# no built-in activation in this expression`;
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const call of calls) {
    const line = callCode(call, params, target);
    if (!seen.has(line)) lines.push(line);
    seen.add(line);
  }
  return [header, imports[target], ...lines].join('\n');
}

/** The code for every expression of a plot that compiles, with its slider values; undefined when none does. */
export function modelCode(model: PlotModel, target: CodeTarget): string | undefined {
  const parts: string[] = [];
  for (const spec of model.series) {
    const compiled = compileSeries(spec, model.framework);
    if (compiled.ok) parts.push(codeSnippet(compiled.compiled, spec.params, target));
  }
  return parts.length > 0 ? `${parts.join('\n\n')}\n` : undefined;
}
