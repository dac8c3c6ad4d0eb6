/** How a compile problem reads in one line (InputBox validation, error messages). */
import type { ExpressionProblem } from '../../shared/plotModel';

export function describeProblem(problem: ExpressionProblem): string {
  const { start, end } = problem.span;
  const where = end - start > 1 ? `columns ${start + 1}–${end}` : `column ${start + 1}`;
  const text = problem.source.slice(start, end);
  const shown = text.trim() === '' ? '' : `: “${text.length > 30 ? `${text.slice(0, 29)}…` : text}”`;
  return `${problem.message} (${where}${shown})`;
}
