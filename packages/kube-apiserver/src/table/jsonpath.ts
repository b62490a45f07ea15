// The subset of Kubernetes JSONPath that CRD printer columns use (the apiserver only allows "simple" paths):
// `.a.b`, `['a.b']`, `[0]`, `[-1]`, `[*]`, `.*`, `[a:b]`, `..name` and filters `[?(@.x == "v")]`
// (==, !=, <, <=, >, >= against string/number/boolean literals, or bare `[?(@.x)]` for existence).
// Evaluation returns every match in document order; a path that does not resolve yields [].

type Step =
  | { kind: 'field'; name: string }
  | { kind: 'wildcard' }
  | { kind: 'index'; index: number }
  | { kind: 'slice'; start?: number; end?: number }
  | { kind: 'recursive'; name: string }
  | { kind: 'filter'; path: Step[]; op?: string; literal?: unknown };

export class JsonPathError extends Error {}

export function compileJsonPath(expression: string): (root: unknown) => unknown[] {
  const steps = parse(stripBraces(expression.trim()));
  return (root) => evaluate(steps, [root]);
}

function stripBraces(expr: string): string {
  return expr.startsWith('{') && expr.endsWith('}') ? expr.slice(1, -1).trim() : expr;
}

function parse(expr: string): Step[] {
  let src = expr;
  if (src.startsWith('$')) src = src.slice(1);
  if (src.startsWith('@')) src = src.slice(1);
  const steps: Step[] = [];
  let i = 0;
  const identifier = (): string => {
    const m = /^(?:\\.|[^.[\]\\])+/.exec(src.slice(i));
    if (!m) throw new JsonPathError(`expected a field name at ${i} in ${expr}`);
    i += m[0].length;
    return m[0].replace(/\\(.)/g, '$1');
  };
  while (i < src.length) {
    if (src.startsWith('..', i)) {
      i += 2;
      steps.push({ kind: 'recursive', name: identifier() });
    } else if (src[i] === '.') {
      i += 1;
      if (src[i] === '*') {
        i += 1;
        steps.push({ kind: 'wildcard' });
      } else if (i < src.length) steps.push({ kind: 'field', name: identifier() });
    } else if (src[i] === '[') {
      const close = findClosingBracket(src, i);
      steps.push(parseBracket(src.slice(i + 1, close).trim(), expr));
      i = close + 1;
    } else if (i === 0) {
      steps.push({ kind: 'field', name: identifier() });
    } else {
      throw new JsonPathError(`unexpected "${src[i]}" at ${i} in ${expr}`);
    }
  }
  return steps;
}

function findClosingBracket(src: string, open: number): number {
  let quote: string | undefined;
  let depth = 0;
  for (let j = open; j < src.length; j++) {
    const c = src[j];
    if (quote) {
      if (c === '\\') j++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') {
      depth--;
      if (depth === 0 && c === ']') return j;
    }
  }
  throw new JsonPathError(`unclosed [ in ${src}`);
}

function parseBracket(inner: string, expr: string): Step {
  if (inner === '*') return { kind: 'wildcard' };
  if (/^-?\d+$/.test(inner)) return { kind: 'index', index: Number(inner) };
  const slice = /^(-?\d*):(-?\d*)$/.exec(inner);
  if (slice) {
    const step: Step = { kind: 'slice' };
    if (slice[1]) step.start = Number(slice[1]);
    if (slice[2]) step.end = Number(slice[2]);
    return step;
  }
  const quoted = /^(['"])(.*)\1$/.exec(inner);
  if (quoted) return { kind: 'field', name: quoted[2]! };
  const filter = /^\?\((.*)\)$/s.exec(inner);
  if (filter) return parseFilter(filter[1]!.trim(), expr);
  throw new JsonPathError(`unsupported subscript [${inner}] in ${expr}`);
}

function parseFilter(body: string, expr: string): Step {
  const m = /^(@[^\s=!<>]*)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(body);
  if (!m) {
    if (body.startsWith('@')) return { kind: 'filter', path: parse(body) };
    throw new JsonPathError(`unsupported filter ${body} in ${expr}`);
  }
  return { kind: 'filter', path: parse(m[1]!), op: m[2]!, literal: parseLiteral(m[3]!.trim(), expr) };
}

function parseLiteral(text: string, expr: string): unknown {
  const quoted = /^(['"])(.*)\1$/.exec(text);
  if (quoted) return quoted[2];
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null' || text === 'nil') return null;
  const n = Number(text);
  if (!Number.isNaN(n)) return n;
  throw new JsonPathError(`unsupported literal ${text} in ${expr}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isObject(value))
    return Object.keys(value)
      .sort()
      .map((k) => value[k]);
  return [];
}

function evaluate(steps: Step[], current: unknown[]): unknown[] {
  let values = current;
  for (const step of steps) values = values.flatMap((v) => apply(step, v));
  return values;
}

function apply(step: Step, value: unknown): unknown[] {
  switch (step.kind) {
    case 'field':
      return isObject(value) && step.name in value ? [value[step.name]] : [];
    case 'wildcard':
      return children(value);
    case 'index': {
      if (!Array.isArray(value)) return [];
      const at = step.index < 0 ? value.length + step.index : step.index;
      return at >= 0 && at < value.length ? [value[at]] : [];
    }
    case 'slice':
      return Array.isArray(value) ? value.slice(step.start ?? 0, step.end ?? value.length) : [];
    case 'recursive':
      return recursive(step.name, value);
    case 'filter':
      return (Array.isArray(value) ? value : isObject(value) ? children(value) : []).filter((item) =>
        matches(step, item),
      );
  }
}

function recursive(name: string, value: unknown): unknown[] {
  const out: unknown[] = [];
  if (isObject(value) && name in value) out.push(value[name]);
  for (const child of children(value)) out.push(...recursive(name, child));
  return out;
}

function matches(step: Extract<Step, { kind: 'filter' }>, item: unknown): boolean {
  const found = evaluate(step.path, [item]);
  if (step.op === undefined)
    return found.length > 0 && found[0] !== null && found[0] !== undefined && found[0] !== false;
  if (found.length === 0) return false;
  const left = found[0];
  const right = step.literal;
  switch (step.op) {
    case '==':
      return left === right || (typeof left === 'number' && typeof right === 'number' && left === right);
    case '!=':
      return left !== right;
    case '<':
      return typeof left === typeof right && (left as number) < (right as number);
    case '<=':
      return typeof left === typeof right && (left as number) <= (right as number);
    case '>':
      return typeof left === typeof right && (left as number) > (right as number);
    case '>=':
      return typeof left === typeof right && (left as number) >= (right as number);
    default:
      return false;
  }
}
