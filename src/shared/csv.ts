/**
 * CSV of a plot's curves, written by the extension host: x, then f, f′, f″ of every expression on the same grid.
 * Empty cells where a value is NaN or infinite, full float64 precision otherwise.
 */
import type { SeriesData } from './figure';
import { compileSeries, evaluateSeries } from './plotModel';
import type { PlotModel } from './plotModel';

function cell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function number(v: number | undefined): string {
  return v !== undefined && Number.isFinite(v) ? String(v) : '';
}

/** Column names start with "f", "df" or "d2f", so a label like `=cmd()` or `-x` is never read as a formula. */
export function toCsv(series: readonly SeriesData[]): string {
  if (series.length === 0) return 'x\n';
  const single = series.length === 1;
  const header = ['x'];
  const columns: ArrayLike<number>[] = [];
  for (const s of series) {
    const suffix = single ? '' : ` ${s.label}`;
    const curves: [string, ArrayLike<number> | undefined][] = [['f', s.samples.y], ['df', s.samples.dy], ['d2f', s.samples.d2y]];
    for (const [name, values] of curves) {
      if (!values) continue;
      header.push(cell(`${name}${suffix}`));
      columns.push(values);
    }
  }
  const x = (series[0] as SeriesData).samples.x;
  const lines = [header.join(',')];
  for (let i = 0; i < x.length; i++) {
    const row = [number(x[i])];
    for (const column of columns) row.push(number(column[i]));
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The CSV of a plot model as it is shown now (visible range, slider values): x with f, f′, f″ per expression, or
 * index/value(/input) rows for an expression without x. Expressions that do not compile are left out and named in
 * `skipped`.
 */
export function modelCsv(model: PlotModel): { csv: string; skipped: string[] } {
  const skipped: string[] = [];
  const series: SeriesData[] = [];
  for (const spec of model.series) {
    const compiled = compileSeries(spec, model.framework);
    if (!compiled.ok) {
      skipped.push(`${compiled.label}: ${compiled.problem.message}`);
      continue;
    }
    if (compiled.compiled.kind === 'value') {
      if (series.length > 0 || model.series.length > 1) {
        skipped.push(`${compiled.label}: has no x`);
        continue;
      }
      const result = compiled.compiled.vector(spec.params);
      const lines = [result.inputs && result.inputs.length === result.values.length ? 'i,value,input' : 'i,value'];
      result.values.forEach((v, i) => {
        const input = result.inputs && result.inputs.length === result.values.length ? `,${number(result.inputs[i])}` : '';
        lines.push(`${i},${number(v)}${input}`);
      });
      return { csv: `${lines.join('\n')}\n`, skipped };
    }
    series.push(evaluateSeries(compiled.compiled, compiled.label, model.view, model.points, 2, spec.params, false));
  }
  return { csv: toCsv(series), skipped };
}
