// UpdateExpression: checks with DynamoDB's messages, then a compiled form that applies SET/REMOVE/ADD/DELETE to a
// copy of an item. Semantics follow DynamoDB: every SET value is computed from the item as it was before the
// update; list elements removed by index refer to the original positions; SET past the end of a list appends; a
// set emptied by DELETE disappears; containers are copied on write so the input item is never modified.
import { attributeOf, setAttribute } from '../model/attribute-map.js';
import type { AttributeValue, Item } from '../model/index.js';
import { typeOf, addNumbers, subtractNumbers } from '../model/index.js';
import { validation } from '../errors.js';
import type { OperandAst, UpdateSectionAst, ValueAst } from './ast.js';
import type { CompiledUpdate, DocumentPath } from './index.js';
import { Resolver, type ErrorCategory } from './resolve.js';
import { checkPathsDisjoint, getPath } from './paths.js';

const ORDER: readonly ErrorCategory[] = [
  'reserved',
  'unknownFunction',
  'section',
  'attrName',
  'attrValue',
  'pathOverlap',
  'operand',
  'function',
];

const TYPE_NAMES: Record<string, string> = {
  S: 'STRING',
  N: 'NUMBER',
  B: 'BINARY',
  NULL: 'NULL',
  BOOL: 'BOOLEAN',
  L: 'LIST',
  M: 'MAP',
  SS: 'STRING_SET',
  NS: 'NUMBER_SET',
  BS: 'BINARY_SET',
};
const FUNCTION_ARITY: Record<string, number> = { if_not_exists: 2, list_append: 2 };

const invalidPath = () => validation('The document path provided in the update expression is invalid for update');
const wrongType = () => validation('An operand in the update expression has an incorrect data type');

/** Computes a SET value from the original item. */
type ValueFn = (original: Item | undefined) => AttributeValue;

type Action =
  | { type: 'SET'; path: DocumentPath; value: ValueFn }
  | { type: 'REMOVE'; path: DocumentPath }
  | { type: 'ADD' | 'DELETE'; path: DocumentPath; value: AttributeValue };

class UpdateCompiler {
  constructor(private readonly r: Resolver) {}

  /** Static type of a SET operand where known: literal values only (as DynamoDB checks them). */
  private literalType(op: OperandAst): string | undefined {
    if (op.kind !== 'value') return undefined;
    const v = this.r.scope.values?.[op.name];
    return v === undefined ? undefined : typeOf(v);
  }

  operand(ast: OperandAst): ValueFn {
    switch (ast.kind) {
      case 'value': {
        const v = this.r.value(ast);
        return () => v!;
      }
      case 'path': {
        const path = this.r.path(ast);
        return (item) => {
          const v = getPath(item, path);
          if (v === undefined)
            throw validation('The provided expression refers to an attribute that does not exist in the item');
          return v;
        };
      }
      case 'arithmetic': {
        const left = this.operand(ast.left);
        const right = this.operand(ast.right);
        for (const side of [ast.left, ast.right]) {
          const t = this.literalType(side);
          if (t !== undefined && t !== 'N') {
            this.r.report(
              'function',
              `Incorrect operand type for operator or function; operator or function: ${ast.op}, operand type: ${t}`,
            );
          }
        }
        const combine = ast.op === '+' ? addNumbers : subtractNumbers;
        return (item) => {
          const a = left(item);
          const b = right(item);
          if (!('N' in a) || !('N' in b)) throw wrongType();
          return { N: combine(a.N, b.N) };
        };
      }
      case 'function':
        return this.functionCall(ast.name, ast.args);
    }
  }

  private functionCall(name: string, argAsts: OperandAst[]): ValueFn {
    const args = argAsts.map((a) => this.operand(a));
    const arity = FUNCTION_ARITY[name];
    if (arity === undefined) {
      this.r.report('unknownFunction', `Invalid function name; function: ${name}`);
      return () => ({ NULL: true });
    }
    if (args.length !== arity) {
      this.r.report(
        'function',
        `Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${args.length}`,
      );
      return () => ({ NULL: true });
    }
    if (name === 'if_not_exists') {
      const first = argAsts[0]!;
      if (first.kind !== 'path') {
        this.r.report('function', `Operator or function requires a document path; operator or function: ${name}`);
        return () => ({ NULL: true });
      }
      const path = this.r.path(first);
      const fallback = args[1]!;
      return (item) => getPath(item, path) ?? fallback(item);
    }
    // list_append
    for (const a of argAsts) {
      const t = this.literalType(a);
      if (t !== undefined && t !== 'L') {
        this.r.report(
          'function',
          `Incorrect operand type for operator or function; operator or function: ${name}, operand type: ${t}`,
        );
        break;
      }
    }
    const [first, second] = args as [ValueFn, ValueFn];
    return (item) => {
      const a = first(item);
      const b = second(item);
      if (!('L' in a) || !('L' in b)) throw wrongType();
      return { L: [...a.L, ...b.L] };
    };
  }

  private operatorValue(type: 'ADD' | 'DELETE', ast: ValueAst): AttributeValue {
    const v = this.r.value(ast);
    if (v === undefined) return { NULL: true };
    const t = typeOf(v);
    const ok =
      type === 'ADD' ? t === 'N' || t === 'SS' || t === 'NS' || t === 'BS' : t === 'SS' || t === 'NS' || t === 'BS';
    if (!ok)
      this.r.report(
        'operand',
        `Incorrect operand type for operator or function; operator: ${type}, operand type: ${TYPE_NAMES[t]}`,
      );
    return v;
  }

  compile(sections: UpdateSectionAst[]): Action[] {
    const seen = new Set<string>();
    const actions: Action[] = [];
    for (const section of sections) {
      if (seen.has(section.type))
        this.r.report('section', `The "${section.type}" section can only be used once in an update expression;`);
      seen.add(section.type);
      for (const a of section.actions) {
        const path = this.r.path(a.path);
        if (a.type === 'SET') actions.push({ type: 'SET', path, value: this.operand(a.value) });
        else if (a.type === 'REMOVE') actions.push({ type: 'REMOVE', path });
        else actions.push({ type: a.type, path, value: this.operatorValue(a.type, a.value) });
      }
    }
    return actions;
  }
}

// ---- application ----

/** Copy-on-write access to an item under update. */
class Writer {
  readonly root: Item;
  private readonly fresh = new Set<object>();

  constructor(item: Item | undefined) {
    this.root = item ? { ...item } : {};
  }

  private own(container: Item, key: string): AttributeValue | undefined;
  private own(container: AttributeValue[], key: number): AttributeValue | undefined;
  private own(container: Item | AttributeValue[], key: string | number): AttributeValue | undefined {
    const v = Array.isArray(container) ? container[key as number] : attributeOf(container, key as string);
    if (v === undefined || this.fresh.has(v)) return v;
    let copy: AttributeValue;
    if ('M' in v) copy = { M: { ...v.M } };
    else if ('L' in v) copy = { L: [...v.L] };
    else return v;
    this.fresh.add(copy);
    if (Array.isArray(container)) container[key as number] = copy;
    else setAttribute<AttributeValue>(container, key as string, copy);
    return copy;
  }

  /** The (writable) container holding the last element of path, or undefined when the path leads nowhere. */
  parentOf(path: DocumentPath): Item | AttributeValue[] | undefined {
    let container: Item | AttributeValue[] = this.root;
    for (let i = 0; i < path.length - 1; i++) {
      const el = path[i]!;
      let v: AttributeValue | undefined;
      if (typeof el === 'number') {
        if (!Array.isArray(container)) return undefined;
        v = this.own(container, el);
      } else {
        if (Array.isArray(container)) return undefined;
        v = this.own(container, el);
      }
      if (v === undefined) return undefined;
      if ('M' in v) container = v.M;
      else if ('L' in v) container = v.L;
      else return undefined;
    }
    return container;
  }
}

type Container = Item | AttributeValue[];

/** Checks that the last path element fits its container (a name in a map, an index in a list). */
function checkedParent(parent: Container | undefined, key: string | number): Container {
  if (parent === undefined || Array.isArray(parent) !== (typeof key === 'number')) throw invalidPath();
  return parent;
}

function getIn(parent: Container, key: string | number): AttributeValue | undefined {
  return Array.isArray(parent) ? parent[key as number] : attributeOf(parent, key as string);
}

function setIn(parent: Container, key: string | number, v: AttributeValue): void {
  // Past the end of a list, SET appends.
  if (Array.isArray(parent) && (key as number) >= parent.length) parent.push(v);
  else if (Array.isArray(parent)) parent[key as number] = v;
  else setAttribute(parent, key as string, v);
}

function removeIn(parent: Container, key: string): void {
  delete (parent as Item)[key];
}

function union(existing: AttributeValue, add: AttributeValue): AttributeValue {
  if ('NS' in existing && 'NS' in add) {
    // Set members are canonical numbers, so equal numbers have equal text.
    return { NS: [...new Set([...existing.NS, ...add.NS])] };
  }
  if ('SS' in existing && 'SS' in add) return { SS: [...new Set([...existing.SS, ...add.SS])] };
  if ('BS' in existing && 'BS' in add) return { BS: [...new Set([...existing.BS, ...add.BS])] };
  throw wrongType();
}

function difference(existing: AttributeValue, remove: AttributeValue): AttributeValue | undefined {
  let out: string[];
  const without = (members: string[], gone: string[]) => {
    const drop = new Set(gone);
    return members.filter((m) => !drop.has(m));
  };
  // Set members are canonical (numbers normalised), so text equality is value equality.
  if ('NS' in existing && 'NS' in remove) out = without(existing.NS, remove.NS);
  else if ('SS' in existing && 'SS' in remove) out = without(existing.SS, remove.SS);
  else if ('BS' in existing && 'BS' in remove) out = without(existing.BS, remove.BS);
  else throw wrongType();
  if (out.length === 0) return undefined;
  return 'NS' in existing ? { NS: out } : 'SS' in existing ? { SS: out } : { BS: out };
}

function applyActions(actions: Action[], item: Item | undefined): Item {
  // Every SET value is computed against the item as it was.
  const setValues: (AttributeValue | undefined)[] = new Array(actions.length);
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i]!;
    if (a.type === 'SET') setValues[i] = a.value(item);
  }
  const w = new Writer(item);
  let listRemovals: { list: AttributeValue[]; index: number }[] | undefined;
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i]!;
    const key = a.path[a.path.length - 1]!;
    const parent = checkedParent(w.parentOf(a.path), key);
    switch (a.type) {
      case 'SET':
        setIn(parent, key, setValues[i]!);
        break;
      case 'REMOVE':
        if (typeof key === 'number') (listRemovals ??= []).push({ list: parent as AttributeValue[], index: key });
        else removeIn(parent, key);
        break;
      case 'ADD': {
        const existing = getIn(parent, key);
        if (existing === undefined) {
          setIn(parent, key, a.value);
        } else if ('N' in a.value) {
          if (!('N' in existing)) throw wrongType();
          setIn(parent, key, { N: addNumbers(existing.N, a.value.N) });
        } else {
          setIn(parent, key, union(existing, a.value));
        }
        break;
      }
      case 'DELETE': {
        const existing = getIn(parent, key);
        if (existing === undefined) break;
        const rest = difference(existing, a.value);
        if (rest !== undefined) setIn(parent, key, rest);
        else if (typeof key === 'number') (listRemovals ??= []).push({ list: parent as AttributeValue[], index: key });
        else removeIn(parent, key);
        break;
      }
    }
  }
  if (listRemovals) {
    // Removals by index refer to original positions: apply the highest first.
    listRemovals.sort((x, y) => y.index - x.index);
    for (const { list, index } of listRemovals) if (index < list.length) list.splice(index, 1);
  }
  return w.root;
}

export function compileUpdate(sections: UpdateSectionAst[], r: Resolver): CompiledUpdate {
  const compiler = new UpdateCompiler(r);
  const actions = compiler.compile(sections);
  r.throwFirst(ORDER.slice(0, ORDER.indexOf('pathOverlap')));
  checkPathsDisjoint(
    r.kind,
    actions.map((a) => a.path),
  );
  r.throwFirst(ORDER.slice(ORDER.indexOf('operand')));
  const updatedPaths = actions.map((a) => a.path);
  return {
    apply: (item) => applyActions(actions, item),
    updatedAttributes: new Set(updatedPaths.map((p) => p[0] as string)),
    updatedPaths,
    onlyRemoves: actions.every((a) => a.type === 'REMOVE' || a.type === 'DELETE'),
  };
}
