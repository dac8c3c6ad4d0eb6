/**
 * Numerically risky spellings and their stable replacements, reported as warnings with spans:
 * log(1 + exp(x)) → softplus, log(sigmoid(x)) → logsigmoid, exp(v)/sum(exp(v)) → softmax, log(softmax(v)) → log_softmax.
 */
import type { NameTable } from './names';
import type { CallExpr, Expr } from './parse/ast';
import { findBuiltin } from './eval/builtins';
import type { Diagnostic } from './types';

export function lint(ast: Expr, source: string, names: NameTable): Diagnostic[] {
  const text = (e: Expr): string => source.slice(e.span.start, e.span.end);
  const same = (a: Expr, b: Expr): boolean => text(a).replace(/\s+/g, '') === text(b).replace(/\s+/g, '');

  /** The builtin ('exp') or canonical catalogue name ('sigmoid') a call refers to, with its single argument. */
  const callOf = (e: Expr): { name: string; arg: Expr; call: CallExpr; written: string } | undefined => {
    if (e.type !== 'call' || e.callee.type !== 'name' || e.args.length < 1) return undefined;
    const written = e.callee.name;
    const builtin = findBuiltin(written);
    const name = builtin?.name ?? names.resolve(written)?.activation.name;
    return name === undefined ? undefined : { name, arg: e.args[0], call: e, written };
  };
  const isOne = (e: Expr): boolean => e.type === 'number' && e.value === 1;

  const found: Diagnostic[] = [];
  const stack: Expr[] = [ast];
  while (stack.length > 0) {
    const e = stack.pop()!;
    check(e);
    switch (e.type) {
      case 'unary':
        stack.push(e.arg);
        break;
      case 'binary':
        stack.push(e.right, e.left);
        break;
      case 'compare':
        stack.push(...e.operands);
        break;
      case 'call':
        stack.push(e.callee, ...e.args, ...e.keywords.map((k) => k.value));
        break;
      case 'vector':
        stack.push(...e.items);
        break;
      case 'index':
        stack.push(e.target, e.index);
        break;
      default:
        break;
    }
  }
  return found.sort((a, b) => a.span.start - b.span.start);

  function check(e: Expr): void {
    const outer = callOf(e);
    if (outer !== undefined && (outer.name === 'log' || outer.name === 'log1p')) {
      const inner = outer.arg;
      let expArg: Expr | undefined;
      if (outer.name === 'log1p') {
        const c = callOf(inner);
        if (c?.name === 'exp') expArg = c.arg;
      } else if (inner.type === 'binary' && inner.op === '+') {
        const l = callOf(inner.left), r = callOf(inner.right);
        if (isOne(inner.left) && r?.name === 'exp') expArg = r.arg;
        else if (isOne(inner.right) && l?.name === 'exp') expArg = l.arg;
      }
      if (expArg !== undefined) {
        const suggestion = `softplus(${text(expArg)})`;
        found.push({
          severity: 'warning',
          message: `${text(e)} overflows to inf for large inputs (exp(x) > 1.8e308 for x > 709.78) and loses exp(x) for x < −37; use ${suggestion}, the stable form`,
          span: e.span,
          suggestion,
        });
      }
      const inner2 = callOf(inner);
      if (outer.name === 'log' && inner2?.name === 'sigmoid') {
        const suggestion = `F.logsigmoid(${text(inner2.arg)})`;
        found.push({
          severity: 'warning',
          message: `${text(e)} gives −inf once sigmoid underflows (x < −745) and 0 instead of −exp(−x) for large x; use ${suggestion}`,
          span: e.span,
          suggestion,
        });
      }
      if (outer.name === 'log' && inner2?.name === 'softmax') {
        const call = inner2.call;
        const dot = inner2.written.lastIndexOf('.');
        const prefix = dot < 0 ? '' : inner2.written.slice(0, dot + 1);
        const args = source.slice(call.callee.span.end, call.span.end);
        const suggestion = `${prefix}log_softmax${args}`;
        found.push({
          severity: 'warning',
          message: `${text(e)} gives −inf where softmax underflows to 0; use ${suggestion}, which subtracts the log-sum-exp instead`,
          span: e.span,
          suggestion,
        });
      }
    }
    if (e.type === 'binary' && e.op === '/') {
      const num = callOf(e.left), den = callOf(e.right);
      const denInner = den?.name === 'sum' ? callOf(den.arg) : undefined;
      if (num?.name === 'exp' && denInner?.name === 'exp' && same(num.arg, denInner.arg)) {
        const suggestion = `softmax(${text(num.arg)})`;
        found.push({
          severity: 'warning',
          message: `${text(e)} overflows for logits above 709 (inf/inf = NaN); use ${suggestion}, which subtracts the max first`,
          span: e.span,
          suggestion,
        });
      }
    }
  }
}
