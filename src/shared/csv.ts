/**
 * CSV of a plot's curves, written by the extension host: x, then f, f′, f″ of every expression on the same grid.
 * Empty cells where a value is NaN or infinite, full float64 precision otherwise.
 */
import type { SeriesData } from './figure';

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
