/** Recently plotted expressions, newest first, kept in globalState across sessions. */
export const recentKey = 'actviz.recentExpressions';
export const maxRecent = 20;

/** The stored list, cleaned: strings only, no duplicates, bounded. */
export function readRecent(stored: unknown): string[] {
  if (!Array.isArray(stored)) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of stored) {
    if (typeof item !== 'string' || item.trim() === '' || item.length > 1000 || seen.has(item)) continue;
    seen.add(item);
    out.push(item);
    if (out.length >= maxRecent) break;
  }
  return out;
}

/** `expr` moved (or added) to the front. */
export function pushRecent(list: readonly string[], expr: string): string[] {
  const text = expr.trim();
  return [text, ...list.filter((e) => e !== text)].slice(0, maxRecent);
}
