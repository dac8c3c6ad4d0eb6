/**
 * From a located name or string to a catalogue entry: expand import aliases to full dotted names, pick the alias of
 * the right framework, and map the literal arguments onto the entry's canonical parameters. Unknown names, unknown
 * arguments and ambiguous bindings give undefined: no hover is better than a wrong one.
 */
import { catalogue } from '../../core/index';
import type { ActivationInfo, Alias, Framework, ParamSpec, ParamValue } from '../../core/index';
import type { Family, Scope } from './analyze';
import type { CallArgs, Literal, Located, NameAt, StringAt } from './locate';
import { parseCall } from './locate';

export interface CatalogueEntry {
  readonly activation: ActivationInfo;
  readonly alias: Alias;
}

export interface CatalogueIndex {
  /** Dotted function and module spellings ('torch.nn.GELU', 'tf.leakyRelu'). */
  readonly names: ReadonlyMap<string, readonly CatalogueEntry[]>;
  /** String identifiers ('gelu_new'), exact and lower-cased. */
  readonly strings: ReadonlyMap<string, readonly CatalogueEntry[]>;
  readonly lowerStrings: ReadonlyMap<string, readonly CatalogueEntry[]>;
  readonly canonical: ReadonlyMap<string, ActivationInfo>;
}

let memo: { readonly source: readonly ActivationInfo[]; readonly index: CatalogueIndex } | undefined;

/** Lookup tables over the catalogue, built once. */
export function catalogueIndex(source: readonly ActivationInfo[] = catalogue): CatalogueIndex {
  if (memo?.source === source) return memo.index;
  const names = new Map<string, CatalogueEntry[]>();
  const strings = new Map<string, CatalogueEntry[]>();
  const lowerStrings = new Map<string, CatalogueEntry[]>();
  const canonical = new Map<string, ActivationInfo>();
  const add = (map: Map<string, CatalogueEntry[]>, key: string, entry: CatalogueEntry): void => {
    const list = map.get(key);
    if (list) list.push(entry);
    else map.set(key, [entry]);
  };
  for (const activation of source) {
    canonical.set(activation.name, activation);
    for (const alias of activation.aliases) {
      const entry = { activation, alias };
      if (alias.kind === 'string') {
        add(strings, alias.name, entry);
        add(lowerStrings, alias.name.toLowerCase(), entry);
      } else if (alias.name.includes('.')) {
        add(names, alias.name, entry);
      }
    }
  }
  const index: CatalogueIndex = { names, strings, lowerStrings, canonical };
  memo = { source, index };
  return index;
}

export interface ResolvedParam {
  readonly spec: ParamSpec;
  /** Canonical value in effect. */
  readonly value: ParamValue;
  /** 'written': a literal at the call; 'default': this spelling's default; 'unknown': written, but not a literal. */
  readonly source: 'written' | 'default' | 'unknown';
  /** The argument as written, for 'written' and 'unknown'. */
  readonly text?: string;
  /** The keyword this spelling uses for the parameter ('alpha' for tf.nn.leaky_relu). */
  readonly keyword: string;
}

export interface Resolution {
  readonly activation: ActivationInfo;
  /** The spelling that matched; undefined for a bare canonical name in a config string. */
  readonly alias?: Alias;
  readonly framework: Framework;
  readonly family: Family;
  /** As written in the code: 'nn.LeakyReLU', 'self.act', '"gelu_new"'. */
  readonly written: string;
  /** For strings: the key or callee it belongs to ('hidden_act'). */
  readonly key?: string;
  /** For names resolved through `self.act = nn.GELU()`: the right-hand side. */
  readonly via?: string;
  /** The entry's parameters that change the curve, with the values in effect. */
  readonly params: readonly ResolvedParam[];
  /** Things the reader should know about how the arguments were read. */
  readonly notes: readonly string[];
  readonly start: number;
  readonly end: number;
}

/** Resolves a located name or string against the document's scopes (own first, then e.g. other notebook cells). */
export function resolve(located: Located, scopes: readonly Scope[], index: CatalogueIndex = catalogueIndex()): Resolution | undefined {
  return located.kind === 'name' ? resolveName(located, scopes, index, 0) : resolveString(located, index);
}

// ---------------------------------------------------------------------------------------------------------------------
// Names

const pythonRoots: ReadonlyMap<string, string> = new Map([
  ['torch', 'torch'],
  ['tensorflow', 'tf'],
  ['tf', 'tf'],
  ['keras', 'keras'],
  ['jax', 'jax'],
  ['flax', 'flax'],
]);
const jsRoots: ReadonlyMap<string, string> = new Map([['tf', 'tf']]);
/** Conventional import names, used only when the document does not bind them itself. */
const pythonConventions: ReadonlyMap<string, readonly string[]> = new Map([
  ['F', ['torch.nn.functional']],
  ['nn', ['torch.nn', 'flax.linen']],
  ['jnn', ['jax.nn']],
]);

function resolveName(located: NameAt, scopes: readonly Scope[], index: CatalogueIndex, depth: number): Resolution | undefined {
  const chain = located.chain;
  const assigned = lookupAssignment(chain, scopes);
  if (assigned !== undefined) {
    if (assigned === null || depth > 0) return undefined;
    return resolveAssignment(located, assigned, scopes, index);
  }
  if (/^(?:self|this|cls)\./.test(chain)) return undefined;
  const paths = qualify(chain, located.family, scopes);
  if (!paths) return undefined;
  for (const path of paths) {
    const entry = pickEntry(index.names.get(path), located);
    if (entry) return withArguments(entry, located, located.call, undefined);
  }
  return undefined;
}

function lookupAssignment(chain: string, scopes: readonly Scope[]): string | null | undefined {
  for (const scope of scopes) if (scope.assignments.has(chain)) return scope.assignments.get(chain);
  return undefined;
}

/**
 * `self.act = nn.GELU(approximate='tanh')` then `self.act(x)`: only a module constructed from a known name, or a
 * function referenced by name, counts. `h = F.gelu(x)` makes `h` a tensor, not an activation.
 */
function resolveAssignment(located: NameAt, rhs: string, scopes: readonly Scope[], index: CatalogueIndex): Resolution | undefined {
  const name = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*/.exec(rhs);
  if (!name) return undefined;
  const open = rhs.indexOf('(', name[0].length);
  const call = open >= 0 ? parseCall(rhs, open, rhs.length, located.family) : undefined;
  const inner = resolveName({ ...located, chain: name[0], call }, scopes, index, 1);
  if (!inner?.alias) return undefined;
  if (call ? inner.alias.kind !== 'module' : inner.alias.kind !== 'function') return undefined;
  return { ...inner, written: located.chain, via: rhs, start: located.start, end: located.end };
}

/** Full dotted names the chain may stand for, most likely first; undefined when the document binds it to something else. */
function qualify(chain: string, family: Family, scopes: readonly Scope[]): string[] | undefined {
  const dot = chain.indexOf('.');
  const first = dot < 0 ? chain : chain.slice(0, dot);
  const rest = dot < 0 ? '' : chain.slice(dot);
  // a name the document defines itself is the user's own, even if an import binds it too
  for (const scope of scopes) if (scope.definitions.has(first)) return undefined;
  for (const scope of scopes) {
    if (scope.bindings.has(first)) {
      const target = scope.bindings.get(first);
      return target == null ? undefined : expand(target + rest);
    }
  }
  for (const scope of scopes) if (scope.assignments.has(first)) return undefined;
  const root = (family === 'js' ? jsRoots : pythonRoots).get(first);
  if (root !== undefined) return expand(root + rest);
  const conventional = family === 'js' ? undefined : pythonConventions.get(first);
  if (conventional && dot >= 0) return conventional.flatMap((prefix) => expand(prefix + rest));
  if (dot < 0) return scopes.flatMap((scope) => scope.stars.flatMap((module) => expand(`${module}.${first}`)));
  return [];
}

/** Spellings of one path that the catalogue may list: TensorFlow as `tf`, tf.keras as Keras 3, flax.nnx as flax.linen. */
function expand(path: string): string[] {
  const normal = path.replace(/^tensorflow(?=\.|$)/, 'tf');
  const paths = [normal];
  if (normal.startsWith('tf.keras.')) paths.push(normal.slice(3));
  if (normal.startsWith('flax.nnx.')) paths.push(`flax.linen.${normal.slice(9)}`);
  if (normal.startsWith('torch.nn.modules.')) paths.push(`torch.nn.${normal.split('.').pop()}`);
  return paths;
}

/** The entry for this family: TF.js names in JS, Python frameworks elsewhere, anything in a markdown code span. */
function pickEntry(entries: readonly CatalogueEntry[] | undefined, located: NameAt): CatalogueEntry | undefined {
  if (!entries) return undefined;
  const fits = entries.filter((e) =>
    located.family === 'js' ? e.alias.framework === 'tfjs' : located.inline || e.alias.framework !== 'tfjs',
  );
  if (fits.length === 0) return undefined;
  if (new Set(fits.map((e) => e.activation)).size > 1) return undefined;
  return fits.find((e) => e.alias.framework !== 'tfjs') ?? fits[0];
}

// ---------------------------------------------------------------------------------------------------------------------
// Arguments

/** Keywords that never change an activation's values. */
const harmlessKeywords = new Set([
  'input', 'x', 'features', 'inputs', 'logits', 'tensor', 'name', 'dtype', 'device', 'inplace', 'trainable',
  'input_shape', 'batch_input_shape', 'inputShape', 'batchInputShape', 'batchSize', 'weights', 'autocast', 'axis', 'dim',
]);

const hasOwn = (record: object | undefined, key: string): boolean => record !== undefined && Object.prototype.hasOwnProperty.call(record, key);

function withArguments(entry: CatalogueEntry, located: Located, call: CallArgs | undefined, key: string | undefined): Resolution | undefined {
  const { activation, alias } = entry;
  const specs = new Map(activation.params.map((p) => [p.name, p]));
  const values = new Map<string, { value: ParamValue; source: ResolvedParam['source']; text?: string; keyword?: string }>();
  for (const spec of activation.params) {
    values.set(spec.name, { value: hasOwn(alias.defaults, spec.name) ? alias.defaults![spec.name] : spec.default, source: 'default' });
  }
  const notes: string[] = [];
  const accepts = alias.accepts ? new Set(alias.accepts) : undefined;

  const set = (name: string, literal: Literal, keyword?: string): boolean => {
    const spec = specs.get(name);
    if (!spec) return false;
    if (spec.ignored) return true;
    if (accepts && !accepts.has(name)) return false;
    if (literal.kind === 'none') return true;
    if (literal.kind === 'other' || literal.kind === 'object') {
      values.set(name, { ...values.get(name)!, source: 'unknown', text: literal.text, keyword });
      return true;
    }
    const value = canonicalValue(literal, spec, alias);
    if (value === undefined) return false;
    values.set(name, { value, source: 'written', text: literal.text, keyword });
    return true;
  };

  if (call && !call.closed) notes.push('The call is not closed yet, so its arguments were not read.');
  if (call?.closed) {
    let positional = call.positional;
    let keywords = call.keywords;
    if (alias.kind === 'function') positional = positional.slice(1);
    if (located.family === 'js' && positional.length === 1 && positional[0].kind === 'object' && alias.kind === 'module') {
      keywords = positional[0].entries;
      positional = [];
    }
    const order = alias.positional ?? alias.accepts ?? activation.params.map((p) => p.name);
    for (let i = 0; i < positional.length; i++) {
      if (i >= order.length || !set(order[i], positional[i])) return undefined;
    }
    for (const [keyword, literal] of keywords) {
      const canonical = hasOwn(alias.keywords, keyword) ? alias.keywords![keyword] : specs.has(keyword) ? keyword : undefined;
      if (canonical === undefined) {
        if (harmlessKeywords.has(keyword)) continue;
        return undefined;
      }
      if (!set(canonical, literal, keyword)) return undefined;
    }
    if (call.spread) notes.push('Spread arguments (`*args`, `**kwargs`) may change parameters not shown here.');
  }
  if (alias.note) notes.push(alias.note);

  const params: ResolvedParam[] = [];
  for (const spec of activation.params) {
    const v = values.get(spec.name)!;
    // a parameter this spelling does not have, left at PyTorch's value, is not worth a line (Keras softplus: threshold)
    if (spec.ignored || (accepts && !accepts.has(spec.name) && v.value === spec.default)) continue;
    params.push({ spec, value: v.value, source: v.source, text: v.text, keyword: v.keyword ?? keywordFor(spec.name, alias) });
  }
  const written = located.kind === 'name' ? located.chain : located.value;
  return {
    activation,
    alias,
    framework: alias.framework,
    family: located.family,
    written,
    key,
    params,
    notes,
    start: located.start,
    end: located.end,
  };
}

/** The written literal as the canonical value, through the alias's value spellings; undefined when it does not fit. */
function canonicalValue(literal: Literal, spec: ParamSpec, alias: Alias): ParamValue | undefined {
  if (literal.kind !== 'number' && literal.kind !== 'string' && literal.kind !== 'boolean') return undefined;
  let value: ParamValue = literal.value;
  const spelled = alias.values && hasOwn(alias.values, spec.name) ? alias.values[spec.name] : undefined;
  if (spelled && hasOwn(spelled, String(value))) value = spelled[String(value)];
  switch (spec.kind) {
    case 'number':
      return typeof value === 'number' ? value : undefined;
    case 'string':
      return typeof value === 'string' && (!spec.choices || spec.choices.includes(value)) ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
  }
}

/** The keyword a spelling uses for a canonical parameter: its own (`alpha`) unless it names it canonically. */
export function keywordFor(canonical: string, alias: Alias | undefined): string {
  if (!alias?.keywords || alias.positional?.includes(canonical)) return canonical;
  for (const keyword of Object.keys(alias.keywords)) if (alias.keywords[keyword] === canonical) return keyword;
  return canonical;
}

// ---------------------------------------------------------------------------------------------------------------------
// Strings

/** Keys whose values name Hugging Face ACT2FN activations rather than Keras ones. */
const huggingFaceKeys = new Set(['hidden_act', 'hidden_activation', 'activation_function', 'intermediate_act_fn', 'act_fn', 'projector_hidden_act']);

/** `hidden_act`, `activation`, `recurrent_activation`, `actFn`, `nonlinearity`, `act_layer` … but not `action`. */
export function isActivationKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_\-.\s]+/);
  return words.some((w) => w === 'act' || w === 'activation' || w === 'activations' || w === 'nonlinearity' || w === 'nonlin');
}

function resolveString(located: StringAt, index: CatalogueIndex): Resolution | undefined {
  const slot = located.key ?? located.callee;
  if (located.key !== undefined && !isActivationKey(located.key)) return undefined;
  if (slot === undefined) return undefined;
  const order: readonly Framework[] =
    huggingFaceKeys.has(slot) || /ACT2FN|ACT2CLS|get_activation/.test(slot)
      ? ['hf', 'keras', 'tfjs', 'keras2']
      : located.family === 'js'
        ? ['tfjs', 'keras', 'hf']
        : ['keras', 'hf', 'tfjs', 'keras2'];
  const pick = (entries: readonly CatalogueEntry[] | undefined): CatalogueEntry | undefined => {
    if (!entries || new Set(entries.map((e) => e.activation)).size !== 1) return undefined;
    for (const framework of order) {
      const entry = entries.find((e) => e.alias.framework === framework);
      if (entry) return entry;
    }
    return undefined;
  };
  const entry = pick(index.strings.get(located.value)) ?? pick(index.lowerStrings.get(located.value.toLowerCase()));
  if (entry) return withArguments(entry, located, undefined, slot);
  const activation = index.canonical.get(located.value);
  if (!activation) return undefined;
  const canonicalAlias: Alias = { framework: 'torch', name: activation.name, kind: 'string' };
  const resolved = withArguments({ activation, alias: canonicalAlias }, located, undefined, slot);
  return resolved && { ...resolved, alias: undefined };
}

// ---------------------------------------------------------------------------------------------------------------------
// For the core and for people

const formatNumber = (v: number): string => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(12))));

/** A literal of the expression language. */
function coreLiteral(value: ParamValue): string {
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return `'${value}'`;
}

/**
 * The expression the core evaluates: the canonical name with every parameter that differs from PyTorch's default,
 * `leaky_relu(x, negative_slope=0.2)`, so the plot never depends on how the core reads another framework's spelling.
 */
export function coreExpression(resolution: Resolution): string {
  const args = resolution.params
    .filter((p) => p.value !== p.spec.default)
    .map((p) => `, ${p.spec.name}=${coreLiteral(p.value)}`)
    .join('');
  return `${resolution.activation.name}(x${args})`;
}

/** Numeric parameter values in effect, by canonical name. */
export function numericParams(resolution: Resolution): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of resolution.params) if (typeof p.value === 'number') out[p.spec.name] = p.value;
  return out;
}

/** How the framework writes a value: Python `True`, JS `true`, `'tanh'`, `0.2`, or its own spelling (`approximate=True`). */
export function displayValue(param: ResolvedParam, alias: Alias | undefined, family: Family): string {
  if (param.source === 'written' && param.text) return param.text;
  const spelled = alias?.values && hasOwn(alias.values, param.spec.name) ? alias.values[param.spec.name] : undefined;
  if (spelled) {
    const keys = Object.keys(spelled).filter((k) => spelled[k] === param.value);
    const preferred = keys.find((k) => (family === 'python' ? /^[A-Z]/.test(k) : /^[a-z]/.test(k))) ?? keys[0];
    if (preferred !== undefined) return preferred;
  }
  const value = param.value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return family === 'python' ? (value ? 'True' : 'False') : String(value);
  return `'${value}'`;
}

/**
 * The call as this framework writes it, with the values in effect: `torch.nn.LeakyReLU(negative_slope=0.2)`,
 * `tf.nn.leaky_relu(x, alpha=0.1)`, `tf.layers.leakyReLU({alpha: 0.3})`, `jax.nn.gelu(x, approximate=True)`.
 */
export function signature(resolution: Resolution): string {
  const { alias, family } = resolution;
  if (!alias || alias.kind === 'string') return `'${alias?.name ?? resolution.activation.name}'`;
  const shown = resolution.params.filter((p) => !alias.accepts || alias.accepts.includes(p.spec.name));
  const js = alias.framework === 'tfjs';
  let args: string;
  if (js && alias.kind === 'module') {
    args = shown.length ? `{${shown.map((p) => `${p.keyword}: ${displayValue(p, alias, 'js')}`).join(', ')}}` : '';
  } else if (js) {
    args = ['x', ...shown.map((p) => displayValue(p, alias, 'js'))].join(', ');
  } else {
    const kw = shown.map((p) => `${p.keyword}=${displayValue(p, alias, family === 'js' ? 'python' : family)}`);
    args = (alias.kind === 'function' ? ['x', ...kw] : kw).join(', ');
  }
  return `${alias.name}(${args})`;
}
