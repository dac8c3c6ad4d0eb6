/**
 * The `text/plain` fallback of a notebook payload: what the plot shows, in one or two lines, for front ends without
 * the ActViz renderer (GitHub, JupyterLab, nbconvert). Same wording as python/actviz.py's `describe()`; expressions
 * without x also get their values, which the core can compute here.
 */
import { compile } from '../core/index';
import type { PlotSpecJson } from './plotSpec';

const derivativeNames = { 1: 'f′', 2: 'f″' } as const;

function format(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v);
}

/** The values of an expression without x, as "= [0.09, 0.2447, 0.6652]", or '' if it has x or fails. */
function valueLine(payload: PlotSpecJson, expr: string): string {
  try {
    const compiled = compile(expr, { ...(payload.params && { params: payload.params }), ...(payload.framework && { framework: payload.framework }) });
    if (compiled.kind !== 'value') return '';
    const result = compiled.vector(payload.params);
    const values = [...result.values].slice(0, 16).map(format);
    const more = result.values.length > 16 ? ', …' : '';
    return result.isScalar ? `= ${values[0]}` : `= [${values.join(', ')}${more}]`;
  } catch {
    return '';
  }
}

export function summarizePayload(payload: PlotSpecJson): string {
  const parts: string[] = [];
  const exprs = payload.expr === undefined ? [] : Array.isArray(payload.expr) ? payload.expr : [payload.expr];
  if (exprs.length > 0) {
    const curves = ['f', ...(payload.derivatives ?? [1]).map((d) => derivativeNames[d])];
    parts.push(`${exprs.join(', ')} (${curves.join(', ')})`);
  }
  if (payload.series && payload.x) {
    parts.push(`series ${payload.series.map((s) => s.name).join(', ')} (${payload.x.length} points)`);
  }
  let text = `ActViz plot: ${parts.join(' with ')}`;
  if (payload.range) text += ` on [${format(payload.range[0])}, ${format(payload.range[1])}]`;
  const params = Object.entries(payload.params ?? {});
  if (params.length > 0) text += ` with ${params.map(([k, v]) => `${k}=${format(v)}`).join(', ')}`;
  if (payload.framework) text += ` (${payload.framework} defaults)`;
  if (payload.saturation) text += `; shaded where |f′| < ${format(payload.saturation)}`;
  if (payload.title) text = `${payload.title}\n${text}`;
  const values = exprs.length === 1 ? valueLine(payload, exprs[0]) : '';
  if (values) text += `\n${values}`;
  return `${text}\n(Open in VS Code with the ActViz extension to see the interactive plot.)`;
}
