/**
 * Resolution: syntax tree → scalar DAG. Names, arity, keywords and options are checked once here; vectors are
 * unrolled; catalogue parameters written as literals (or omitted) become sliders that a call can change without
 * recompiling.
 */
import { fastActivation } from '../ad/fast';
import type { Resolution } from '../names';
import { closest, normalizePrefix } from '../names';
import type { NameTable } from '../names';
import type { CallExpr, CompareOp, Expr, KeywordArg } from '../parse/ast';
import { ResolveError } from '../parse/errors';
import type {
  ActivationInfo, Diagnostic, ElementwiseKernel, Framework, ParamSpec, ParamValue, ParameterInfo, Span,
} from '../types';
import type { Builtin } from './builtins';
import { BUILTINS, CONSTANT_NAMES, findBuiltin, findConstant } from './builtins';
import type { BinaryName, KernelRef } from './ir';
import { Graph } from './ir';
import type { Numeric, Val } from './values';
import { describeVal, elements, map1, map2, numeric, scalar } from './values';
import type { VectorParams } from './vector';
import { VECTOR_FUNCTIONS } from './vector';

export interface ResolveOptions {
  readonly names: NameTable;
  readonly framework: Framework;
  /** options.params: free names (`T`) and overrides of catalogue parameters, by name. */
  readonly declared: ReadonlyMap<string, number>;
}

/** A slider while resolving; becomes a ParameterInfo. */
interface Slider {
  readonly info: ParameterInfo;
  readonly slot: number;
}

/** A catalogue call; numeric parameter values are filled in after the first evaluation. */
export interface CallRecord {
  readonly name: string;
  readonly written: string;
  readonly framework: Framework;
  readonly span: Span;
  readonly options: Readonly<Record<string, ParamValue>>;
  /** Node id of each numeric parameter, by canonical name. */
  readonly numeric: ReadonlyMap<string, number>;
  readonly appliedToX: boolean;
  readonly note?: string;
}

export interface KinkSource {
  readonly activation: ActivationInfo;
  /** Node ids of the entry's numeric parameters, in params order. */
  readonly params: readonly number[];
}

export interface JacobianPlan {
  readonly graph: Graph;
  readonly roots: readonly number[];
  /** Main-graph node ids of the inputs the Jacobian is taken with respect to. */
  readonly inputs: readonly number[];
  readonly fn: string;
}

export interface Resolved {
  readonly graph: Graph;
  readonly result: Numeric;
  readonly kind: 'function' | 'value';
  readonly parameters: readonly ParameterInfo[];
  readonly calls: readonly CallRecord[];
  readonly kinkSources: readonly KinkSource[];
  readonly diagnostics: readonly Diagnostic[];
  /** The outermost call of a value expression when it is a vector function of a vector (softmax([1, 2] / T)). */
  readonly vectorCall?: { readonly fn: string; readonly input: readonly number[] };
  readonly jacobian?: JacobianPlan;
}

/** Keyword names that pass the tensor input(s) rather than a parameter. */
const INPUT_KEYWORDS: readonly ReadonlySet<string>[] = [
  new Set(['input', 'x', 'features', 'logits', 'inputs', 'self']),
  new Set(['target', 'labels', 'label', 'targets']),
];

const kernelCache = new Map<ActivationInfo, Map<string, KernelRef>>();
let kernelIds = 0;

function kernelFor(activation: ActivationInfo, options: Readonly<Record<string, string | boolean>>): KernelRef {
  let perEntry = kernelCache.get(activation);
  if (perEntry === undefined) {
    perEntry = new Map();
    kernelCache.set(activation, perEntry);
  }
  let key = '';
  for (const name of Object.keys(options).sort()) key += `${name}=${String(options[name])};`;
  let ref = perEntry.get(key);
  if (ref === undefined) {
    const kernel: ElementwiseKernel = activation.kernel!(options);
    ref = { id: kernelIds++, name: activation.name, kernel, chunk: fastActivation(activation.name, options) };
    perEntry.set(key, ref);
  }
  return ref;
}

const own = <T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined =>
  record !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;

/** A number literal, possibly signed: `0.2`, `-0.2`. */
function literalNumber(e: Expr): number | undefined {
  if (e.type === 'number') return e.value;
  if (e.type === 'unary' && e.arg.type === 'number') return e.op === '-' ? -e.arg.value : e.arg.value;
  return undefined;
}

const COMPARE: ReadonlyMap<CompareOp, BinaryName> = new Map([
  ['<', 'lt'], ['<=', 'le'], ['>', 'gt'], ['>=', 'ge'], ['==', 'eq'], ['!=', 'ne'],
] as [CompareOp, BinaryName][]);

const ARITHMETIC: ReadonlyMap<string, BinaryName> = new Map([
  ['+', 'add'], ['-', 'sub'], ['*', 'mul'], ['/', 'div'], ['**', 'pow'],
] as [string, BinaryName][]);

export function resolve(ast: Expr, source: string, options: ResolveOptions): Resolved {
  return new Resolver(source, options).run(ast);
}

class Resolver {
  graph = new Graph();
  private recording = true;
  private readonly sliders: Slider[] = [];
  private readonly calls: CallRecord[] = [];
  private readonly kinkSources: KinkSource[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly names: NameTable;

  constructor(
    private readonly source: string,
    private readonly options: ResolveOptions,
  ) {
    this.names = options.names;
  }

  run(ast: Expr): Resolved {
    const value = this.expr(ast);
    const whole = { start: 0, end: this.source.length };
    const result = numeric(this.graph, value, ast.span, 'the expression');
    const varying = elements(result).some((id) => this.graph.varying[id]);
    let final: Numeric = result;
    if (varying && result.t === 'vec') {
      if (result.ids.length !== 1) {
        throw new ResolveError(
          `the expression gives a vector of ${result.ids.length} values that depend on x; plot one element with [i] (e.g. […][0]) or reduce it with sum(…)`,
          whole,
        );
      }
      final = { t: 'num', id: result.ids[0] };
    }
    const main = this.graph;
    let vectorCall: Resolved['vectorCall'];
    let jacobian: JacobianPlan | undefined;
    if (!varying) {
      const plan = this.vectorCallOf(ast);
      if (plan !== undefined) {
        vectorCall = { fn: plan.fn, input: plan.input };
        jacobian = this.jacobianOf(plan.call, plan.input, plan.fn);
      }
    }
    return {
      graph: main,
      result: final,
      kind: varying ? 'function' : 'value',
      parameters: this.sliders.map((s) => s.info),
      calls: this.calls,
      kinkSources: this.kinkSources,
      diagnostics: this.diagnostics,
      vectorCall,
      jacobian,
    };
  }

  // -------------------------------------------------------------------------------------------------------------------
  // Expressions

  private expr(e: Expr): Val {
    const g = this.graph;
    switch (e.type) {
      case 'number':
        return { t: 'num', id: g.constant(e.value) };
      case 'string':
        return { t: 'str', s: e.value };
      case 'boolean':
        return { t: 'bool', b: e.value };
      case 'name':
        return this.name(e.name, e.span);
      case 'unary': {
        const v = numeric(g, this.expr(e.arg), e.arg.span, `unary '${e.op}'`);
        return e.op === '-' ? map1(v, (id) => g.unary('neg', id)) : v;
      }
      case 'binary':
        return this.binaryChain(e);
      case 'compare': {
        const operands = e.operands.map((o) => numeric(g, this.expr(o), o.span, 'a comparison'));
        let result: Numeric | undefined;
        e.ops.forEach((op, i) => {
          const c = map2(operands[i], operands[i + 1], e.span, (x, y) => g.binary(COMPARE.get(op)!, x, y));
          // a < b < c means (a < b) and (b < c), as in Python
          result = result === undefined ? c : map2(result, c, e.span, (x, y) => g.binary('mul', x, y));
        });
        return result!;
      }
      case 'vector':
        return {
          t: 'vec',
          ids: e.items.map((item) => {
            const v = this.expr(item);
            if (v.t === 'vec') throw new ResolveError('vectors cannot contain vectors; ActViz vectors are 1-D', item.span);
            return scalar(g, v, item.span, 'a vector element');
          }),
        };
      case 'index':
        return this.index(e.target, e.index);
      case 'call':
        return this.call(e);
    }
  }

  /** Left-deep chains (`a + b + c + …`, thousands long) are walked in a loop, not by recursion. */
  private binaryChain(e: Extract<Expr, { type: 'binary' }>): Val {
    const g = this.graph;
    const spine: Extract<Expr, { type: 'binary' }>[] = [];
    let left: Expr = e;
    while (left.type === 'binary' && left.op !== '**') {
      spine.push(left);
      left = left.left;
    }
    if (spine.length === 0) {
      spine.push(e);
      left = e.left;
    }
    let acc = numeric(g, this.expr(left), left.span, `'${spine[spine.length - 1].op}'`);
    for (let k = spine.length - 1; k >= 0; k--) {
      const node = spine[k];
      const op = ARITHMETIC.get(node.op)!;
      const b = numeric(g, this.expr(node.right), node.right.span, `'${node.op}'`);
      acc = map2(acc, b, node.span, (x, y) => g.binary(op, x, y));
    }
    return acc;
  }

  private index(targetExpr: Expr, indexExpr: Expr): Val {
    const g = this.graph;
    const target = this.expr(targetExpr);
    if (target.t !== 'vec') throw new ResolveError(`only vectors can be indexed, not ${describeVal(target)}`, targetExpr.span);
    const k = scalar(g, this.expr(indexExpr), indexExpr.span, 'an index');
    const i = g.constValue(k);
    if (!g.isConst(k) || !Number.isInteger(i)) {
      throw new ResolveError('an index must be a constant integer (0-based; negative counts from the end)', indexExpr.span);
    }
    const n = target.ids.length;
    const at = i < 0 ? n + i : i;
    if (at < 0 || at >= n) throw new ResolveError(`index ${i} is out of range for a vector of length ${n}`, indexExpr.span);
    return { t: 'num', id: target.ids[at] };
  }

  private name(name: string, span: Span): Val {
    const g = this.graph;
    if (name === 'x') return { t: 'num', id: g.x() };
    if (this.options.declared.has(name)) return { t: 'num', id: g.param(this.freeSlider(name)) };
    const c = findConstant(name);
    if (c !== undefined) return { t: 'num', id: g.constant(c) };
    if (findBuiltin(name) !== undefined || this.names.resolve(name, this.options.framework) !== undefined) {
      throw new ResolveError(`'${name}' is a function; call it, e.g. ${name}(x)`, span);
    }
    const suggestion = name.includes('.') ? undefined : closest(name, ['x', ...CONSTANT_NAMES, ...this.options.declared.keys()]);
    const hint = suggestion !== undefined
      ? ` (did you mean '${suggestion}'?)`
      : ': the only variable is x; declare other names as parameters';
    throw new ResolveError(`unknown name '${name}'${hint}`, span);
  }

  // -------------------------------------------------------------------------------------------------------------------
  // Calls

  private call(call: CallExpr): Val {
    const callee = call.callee;
    if (callee.type === 'call') {
      if (callee.callee.type === 'name') {
        const inner = callee.callee.name;
        const r = findBuiltin(inner) === undefined ? this.names.resolve(inner, this.options.framework) : undefined;
        if (findBuiltin(inner) !== undefined || (r !== undefined && r.alias?.kind !== 'module')) {
          throw new ResolveError(`'${inner}' is a function, not a module: call it as ${inner}(x)`, callee.callee.span);
        }
      }
      const module = this.expr(callee);
      if (module.t !== 'module') throw new ResolveError(`${describeVal(module)} cannot be called`, callee.span);
      return this.activationCall(module.resolution, module.written, call, module.ctor);
    }
    if (callee.type !== 'name') throw new ResolveError('only functions can be called', callee.span);
    const written = callee.name;
    const builtin = findBuiltin(written);
    if (builtin !== undefined) return this.builtinCall(builtin.name, builtin.builtin, written, call);
    const resolution = this.names.resolve(written, this.options.framework);
    if (resolution !== undefined) {
      if (resolution.alias?.kind === 'module') {
        return { t: 'module', resolution, written, ctor: call };
      }
      return this.activationCall(resolution, written, call, undefined);
    }
    const vectorFn = VECTOR_FUNCTIONS.get(written);
    if (vectorFn !== undefined) return this.bareVectorCall(written, call);
    throw new ResolveError(`unknown function '${written}'${this.suggestFunction(written)}`, callee.span);
  }

  private suggestFunction(written: string): string {
    let suggestion: string | undefined;
    if (!written.includes('.')) {
      suggestion = closest(written, [...this.names.bareNames(), ...BUILTINS.keys(), ...VECTOR_FUNCTIONS.keys()]);
    } else {
      const dot = written.lastIndexOf('.');
      const prefix = written.slice(0, dot + 1);
      const segment = written.slice(dot + 1);
      const under = this.names.namesUnder(normalizePrefix(prefix));
      const best = closest(segment, under.length > 0 ? under : [...this.names.bareNames(), ...BUILTINS.keys()]);
      if (best !== undefined) suggestion = prefix + best;
    }
    return suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`;
  }

  private builtinCall(name: string, builtin: Builtin, written: string, call: CallExpr): Val {
    const slots: (Expr | undefined)[] = [];
    if (call.args.length > builtin.params.length && !builtin.variadic) {
      throw new ResolveError(
        `${written}() takes at most ${builtin.params.length} argument${builtin.params.length === 1 ? '' : 's'} (${call.args.length} given)`,
        call.args[builtin.params.length].span,
      );
    }
    call.args.forEach((a, i) => (slots[i] = a));
    for (const kw of call.keywords) {
      const canonical = builtin.keywords?.get(kw.name) ?? kw.name;
      const i = builtin.params.indexOf(canonical);
      if (i < 0) {
        throw new ResolveError(`${written}() got an unexpected keyword '${kw.name}' (accepts: ${builtin.params.join(', ')})`, kw.nameSpan);
      }
      if (slots[i] !== undefined) throw new ResolveError(`${written}() got multiple values for '${canonical}'`, kw.nameSpan);
      slots[i] = kw.value;
    }
    for (let i = 0; i < builtin.required; i++) {
      if (slots[i] === undefined) {
        const missing = builtin.params[i];
        throw new ResolveError(`${written}() is missing the argument '${missing}'`, call.span);
      }
    }
    const args = slots.map((e) => (e === undefined ? undefined : this.expr(e)));
    const value = builtin.build(this.graph, args, call.span, written);
    const entry = this.names.canonical(name);
    if (entry !== undefined && this.recording) {
      this.calls.push({
        name: entry.name, written, framework: 'torch', span: call.span, options: {}, numeric: new Map(),
        appliedToX: this.isX(call.args[0]),
      });
    }
    return value;
  }

  private isX(e: Expr | undefined): boolean {
    return e !== undefined && e.type === 'name' && e.name === 'x';
  }

  /** A vector function the catalogue does not list (yet): PyTorch semantics, no parameters. */
  private bareVectorCall(name: string, call: CallExpr): Val {
    const fn = VECTOR_FUNCTIONS.get(name)!;
    if (call.keywords.length > 0) {
      throw new ResolveError(`${name}() got an unexpected keyword '${call.keywords[0].name}'`, call.keywords[0].nameSpan);
    }
    if (call.args.length !== fn.inputs.length) {
      throw new ResolveError(`${name}() takes ${fn.inputs.length} argument${fn.inputs.length === 1 ? '' : 's'} (${call.args.length} given)`, call.span);
    }
    const inputs = call.args.map((a) => numeric(this.graph, this.expr(a), a.span, `${name}()`));
    const g = this.graph;
    return fn.build(g, inputs, { number: (_n, fallback) => g.constant(fallback), flag: (_n, fallback) => fallback }, call.span);
  }

  /**
   * A catalogue call. Function form: `written(input…, params…)`. Module form: `written(params…)(input…)`, where
   * `ctor` is the constructing call and `call` applies it.
   */
  private activationCall(resolution: Resolution, written: string, call: CallExpr, ctor: CallExpr | undefined, firstInput?: Numeric): Val {
    const { activation, alias } = resolution;
    const g = this.graph;
    if (ctor === undefined && alias?.kind === 'module') {
      throw new ResolveError(`'${written}' is a module: construct it, then apply it, e.g. ${written}()(x)`, call.callee.span);
    }
    if (ctor !== undefined && alias?.kind !== 'module') {
      throw new ResolveError(`'${written}' is a function, not a module: call it as ${written}(x)`, call.callee.span);
    }
    const vectorFn = activation.kind === 'elementwise' ? undefined : VECTOR_FUNCTIONS.get(activation.name);
    if (activation.kind !== 'elementwise' && vectorFn === undefined) {
      throw new ResolveError(`${activation.name}() cannot be evaluated in expressions yet`, call.callee.span);
    }
    if (activation.kind === 'elementwise' && activation.kernel === undefined) {
      throw new ResolveError(`${activation.name}() has no evaluator yet`, call.callee.span);
    }
    const inputNames = vectorFn?.inputs ?? ['input'];
    const nInputs = inputNames.length;

    // Split the arguments into tensor inputs and parameters.
    const inputExprs: (Expr | undefined)[] = new Array<Expr | undefined>(nInputs).fill(undefined);
    let paramArgs: readonly Expr[];
    let paramKeywords: readonly KeywordArg[];
    const takeInputKeywords = (keywords: readonly KeywordArg[]): KeywordArg[] =>
      keywords.filter((kw) => {
        const i = INPUT_KEYWORDS.findIndex((set, k) => k < nInputs && set.has(kw.name));
        if (i < 0 || this.isParamName(activation, kw.name)) return true;
        if (inputExprs[i] !== undefined) throw new ResolveError(`${written}() got multiple values for '${kw.name}'`, kw.nameSpan);
        inputExprs[i] = kw.value;
        return false;
      });
    if (ctor === undefined) {
      call.args.slice(0, nInputs).forEach((a, i) => (inputExprs[i] = a));
      paramArgs = call.args.slice(nInputs);
      paramKeywords = takeInputKeywords(call.keywords);
    } else {
      if (call.args.length > nInputs) {
        throw new ResolveError(`${written}(…) is applied to ${nInputs} input${nInputs === 1 ? '' : 's'} (${call.args.length} given)`, call.args[nInputs].span);
      }
      call.args.forEach((a, i) => (inputExprs[i] = a));
      const rest = takeInputKeywords(call.keywords);
      if (rest.length > 0) throw new ResolveError(`${written}(…)(…) got an unexpected keyword '${rest[0].name}'`, rest[0].nameSpan);
      paramArgs = ctor.args;
      paramKeywords = ctor.keywords;
    }
    const missing = inputExprs.findIndex((e) => e === undefined);
    if (missing >= 0 && !(missing === 0 && firstInput !== undefined)) {
      const example = nInputs === 1 ? `${written}(x)` : `${written}(${inputNames.join(', ')})`;
      throw new ResolveError(`${written}() is missing its ${inputNames[missing]}: ${example}`, call.span);
    }

    const { bound, accepted } = this.bindParams(activation, resolution, written, paramArgs, paramKeywords, nInputs);

    // Parameters: sliders, fixed values and options.
    const numericIds = new Map<string, number>();
    const options: Record<string, string | boolean> = {};
    const shown: Record<string, ParamValue> = {};
    for (const spec of activation.params) {
      const given = bound.get(spec.name);
      const frameworkDefault = own(alias?.defaults, spec.name) ?? spec.default;
      if (spec.kind === 'number') {
        const id = this.numberParam(activation, spec, given, frameworkDefault, written, accepted.has(spec.name), call.span);
        numericIds.set(spec.name, id);
      } else {
        const value = given === undefined ? frameworkDefault : this.optionValue(spec, given, resolution, written);
        options[spec.name] = value as string | boolean;
        shown[spec.name] = value;
      }
    }

    const inputs = inputExprs.map((e, i) =>
      i === 0 && firstInput !== undefined ? firstInput : numeric(g, this.expr(e!), e!.span, `${written}()`),
    );
    let result: Val;
    const numericOrder = activation.params.filter((p) => p.kind === 'number').map((p) => numericIds.get(p.name)!);
    if (vectorFn === undefined) {
      const kernel = kernelFor(activation, options);
      result = map1(inputs[0], (id) => g.act(kernel, id, numericOrder));
    } else {
      const params: VectorParams = {
        number: (name, fallback) => numericIds.get(name) ?? g.constant(fallback),
        flag: (name, fallback) => (typeof options[name] === 'boolean' ? (options[name] as boolean) : fallback),
      };
      result = vectorFn.build(g, inputs, params, call.span);
    }

    if (this.recording) {
      const appliedToX = firstInput === undefined && this.isX(inputExprs[0]);
      const note = activation.deterministicNote ?? alias?.note;
      this.calls.push({
        name: activation.name, written, framework: resolution.framework, span: call.span,
        options: shown, numeric: numericIds, appliedToX, note,
      });
      if (appliedToX && activation.kind === 'elementwise') this.kinkSources.push({ activation, params: numericOrder });
      if (activation.deterministicNote !== undefined) {
        this.diagnostics.push({ severity: 'info', message: `${written}: ${activation.deterministicNote}`, span: call.span });
      }
    }
    return result;
  }

  private isParamName(activation: ActivationInfo, name: string): boolean {
    return activation.params.some((p) => p.name === name);
  }

  /** Positional and keyword arguments → canonical parameter names, with this spelling's renames and restrictions. */
  private bindParams(
    activation: ActivationInfo, resolution: Resolution, written: string, args: readonly Expr[], keywords: readonly KeywordArg[],
    nInputs: number,
  ): { readonly bound: ReadonlyMap<string, Expr>; readonly accepted: ReadonlySet<string> } {
    const alias = resolution.alias;
    const all = activation.params.map((p) => p.name);
    const accepted = new Set(alias?.accepts ?? all);
    const positional = (alias?.positional ?? all).filter((name) => accepted.has(name) && all.includes(name));
    const bound = new Map<string, Expr>();
    const isModule = alias?.kind === 'module';
    if (args.length > positional.length) {
      const max = positional.length + (isModule ? 0 : nInputs);
      throw new ResolveError(
        `${written}() takes at most ${max} positional argument${max === 1 ? '' : 's'} (${args.length + (isModule ? 0 : nInputs)} given)`,
        args[positional.length].span,
      );
    }
    args.forEach((a, i) => bound.set(positional[i], a));
    const renames = alias?.keywords;
    for (const kw of keywords) {
      const canonical = own(renames, kw.name) ?? kw.name;
      if (!accepted.has(canonical) || !all.includes(canonical)) {
        const visible = activation.params.filter((p) => accepted.has(p.name) && !p.ignored).map((p) => {
          const renamed = renames === undefined ? undefined : Object.keys(renames).find((k) => renames[k] === p.name);
          return renamed ?? p.name;
        });
        const list = visible.length > 0 ? `accepts: ${visible.join(', ')}` : 'it takes no options';
        throw new ResolveError(`${written}() got an unexpected keyword '${kw.name}' (${list})`, kw.nameSpan);
      }
      if (bound.has(canonical)) throw new ResolveError(`${written}() got multiple values for '${kw.name}'`, kw.nameSpan);
      bound.set(canonical, kw.value);
    }
    return { bound, accepted };
  }

  /** A numeric parameter: a slider (literal or omitted), a per-call x-free expression, or fixed by this spelling. */
  private numberParam(
    activation: ActivationInfo, spec: ParamSpec, given: Expr | undefined, frameworkDefault: ParamValue, written: string,
    accepted: boolean, callSpan: Span,
  ): number {
    const g = this.graph;
    const fallback = typeof frameworkDefault === 'number' ? frameworkDefault : Number(frameworkDefault);
    if (given === undefined) {
      if (Number.isNaN(fallback)) {
        throw new ResolveError(`${written}() is missing the required argument '${spec.name}'`, callSpan);
      }
      if (spec.ignored || !accepted) return g.constant(fallback);
      return g.param(this.catalogueSlider(activation, spec, fallback, fallback));
    }
    const literal = literalNumber(given);
    if (spec.ignored) return g.constant(literal ?? fallback);
    if (literal !== undefined) return g.param(this.catalogueSlider(activation, spec, literal, fallback));
    const v = this.expr(given);
    if (v.t === 'bool') return g.constant(v.b ? 1 : 0);
    const id = scalar(g, v, given.span, `${written}() parameter '${spec.name}'`);
    if (g.varying[id]) {
      throw new ResolveError(`the parameter '${spec.name}' of ${written}() must not depend on x`, given.span);
    }
    return id;
  }

  /** A string or boolean option, spelled as this framework spells it (keras approximate=True → 'tanh'). */
  private optionValue(spec: ParamSpec, given: Expr, resolution: Resolution, written: string): ParamValue {
    let value: ParamValue;
    if (given.type === 'string' || given.type === 'boolean' || given.type === 'number') value = given.value;
    else throw new ResolveError(`the option '${spec.name}' of ${written}() must be a literal ${spec.kind}`, given.span);
    const mapped = own(own(resolution.alias?.values, spec.name), String(value));
    if (mapped !== undefined) value = mapped;
    if (spec.kind === 'string') {
      if (typeof value !== 'string' || (spec.choices !== undefined && !spec.choices.includes(value))) {
        const choices = spec.choices === undefined ? '' : ` (choices: ${spec.choices.map((c) => `'${c}'`).join(', ')})`;
        throw new ResolveError(`${written}() got ${JSON.stringify(value)} for '${spec.name}'${choices}`, given.span);
      }
    } else if (typeof value !== 'boolean') {
      throw new ResolveError(`the option '${spec.name}' of ${written}() must be True or False`, given.span);
    }
    return value;
  }

  // -------------------------------------------------------------------------------------------------------------------
  // Sliders

  private catalogueSlider(activation: ActivationInfo, spec: ParamSpec, written: number, frameworkDefault: number): number {
    const override = this.options.declared.get(spec.name);
    if (override !== undefined) {
      // declared by name: one slider, whether the expression also uses the name on its own before or after the call
      const existing = this.sliders.find((s) => s.info.name === spec.name);
      if (existing !== undefined) return existing.slot;
    }
    const value = override ?? written;
    const [lo, hi] = spec.range ?? defaultRange(value);
    const info: ParameterInfo = {
      name: spec.name,
      value,
      default: frameworkDefault,
      min: Number.isFinite(value) ? Math.min(lo, value) : lo,
      max: Number.isFinite(value) ? Math.max(hi, value) : hi,
      step: spec.step ?? niceStep(hi - lo),
      owner: activation.name,
      description: spec.description,
    };
    return this.addSlider(info);
  }

  private freeSlider(name: string): number {
    const existing = this.sliders.find((s) => s.info.name === name);
    if (existing !== undefined) return existing.slot;
    const value = this.options.declared.get(name)!;
    const [min, max] = defaultRange(value);
    return this.addSlider({ name, value, default: value, min, max, step: niceStep(max - min), description: `free parameter ${name}` });
  }

  /** Same name, value and default: one slider (elu(x) − elu(−x) share α). Otherwise name_2, name_3, … */
  private addSlider(info: ParameterInfo): number {
    const same = this.sliders.find(
      (s) => (s.info.name === info.name || s.info.name.startsWith(info.name + '_')) && Object.is(s.info.value, info.value) &&
        Object.is(s.info.default, info.default) && s.info.owner === info.owner,
    );
    if (same !== undefined) return same.slot;
    let name = info.name;
    for (let k = 2; this.sliders.some((s) => s.info.name === name); k++) name = `${info.name}_${k}`;
    const slot = this.sliders.length;
    const override = name !== info.name ? this.options.declared.get(name) : undefined;
    this.sliders.push({ info: { ...info, name, value: override ?? info.value }, slot });
    return slot;
  }

  // -------------------------------------------------------------------------------------------------------------------
  // Jacobians of value expressions

  private vectorCallOf(ast: Expr): { call: CallExpr; fn: string; input: readonly number[] } | undefined {
    if (ast.type !== 'call') return undefined;
    const saved = this.recording;
    this.recording = false;
    try {
      const target = this.calleeResolution(ast);
      if (target === undefined || target.activation.kind === 'elementwise') return undefined;
      const firstExpr = ast.args[0];
      if (firstExpr === undefined) return undefined;
      const first = this.expr(firstExpr);
      if (first.t !== 'vec') return undefined;
      return { call: ast, fn: target.activation.name, input: first.ids };
    } catch {
      return undefined;
    } finally {
      this.recording = saved;
    }
  }

  private calleeResolution(call: CallExpr): Resolution | undefined {
    const callee = call.callee.type === 'call' ? call.callee.callee : call.callee;
    if (callee.type !== 'name' || findBuiltin(callee.name) !== undefined) return undefined;
    return this.names.resolve(callee.name, this.options.framework);
  }

  /** Re-resolves the outermost call in a second graph whose first input is a vector of seeds. */
  private jacobianOf(call: CallExpr, input: readonly number[], fn: string): JacobianPlan | undefined {
    const main = this.graph;
    const saved = this.recording;
    this.graph = new Graph();
    this.recording = false;
    try {
      const seeds = input.map((id, i) => this.graph.seed(i, id));
      const resolution = this.calleeResolution(call)!;
      const written = (call.callee.type === 'call' ? call.callee.callee : call.callee) as { name: string };
      const result = call.callee.type === 'call'
        ? this.activationCall(resolution, written.name, call, call.callee, { t: 'vec', ids: seeds })
        : this.activationCall(resolution, written.name, call, undefined, { t: 'vec', ids: seeds });
      const roots = elements(numeric(this.graph, result, call.span, fn));
      return { graph: this.graph, roots, inputs: input, fn };
    } finally {
      this.graph = main;
      this.recording = saved;
    }
  }
}

function defaultRange(value: number): [number, number] {
  if (!Number.isFinite(value)) return [-1, 1];
  if (value > 0) return [0, Math.max(1, 2 * value)];
  if (value < 0) return [Math.min(-1, 2 * value), 0];
  return [-1, 1];
}

function niceStep(width: number): number {
  if (!(width > 0) || !Number.isFinite(width)) return 0.01;
  const raw = width / 200;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  return raw / p >= 5 ? 5 * p : raw / p >= 2 ? 2 * p : p;
}
