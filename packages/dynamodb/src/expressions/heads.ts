// The top-level attribute names a condition reads, e.g. for Query's rule that a filter may not name a key attribute.
import type { ConditionAst, OperandAst } from './ast.js';

function operandHeads(op: OperandAst, names: Record<string, string> | undefined, out: Set<string>): void {
  switch (op.kind) {
    case 'path': {
      const head = op.elements[0];
      if (head?.type === 'name') out.add(head.name);
      else if (head?.type === 'alias') out.add(names?.[head.name] ?? head.name);
      return;
    }
    case 'function':
      for (const a of op.args) operandHeads(a, names, out);
      return;
    case 'arithmetic':
      operandHeads(op.left, names, out);
      operandHeads(op.right, names, out);
      return;
    case 'value':
      return;
  }
}

/** Top-level attribute names (aliases resolved through `names`) that the condition reads. */
export function conditionHeads(ast: ConditionAst, names: Record<string, string> | undefined): Set<string> {
  const out = new Set<string>();
  const visit = (c: ConditionAst): void => {
    switch (c.kind) {
      case 'and':
      case 'or':
        visit(c.left);
        visit(c.right);
        return;
      case 'not':
        visit(c.arg);
        return;
      case 'compare':
        operandHeads(c.left, names, out);
        operandHeads(c.right, names, out);
        return;
      case 'between':
        for (const o of [c.arg, c.low, c.high]) operandHeads(o, names, out);
        return;
      case 'in':
        for (const o of [c.arg, ...c.list]) operandHeads(o, names, out);
        return;
      case 'call':
        operandHeads(c.call, names, out);
        return;
    }
  };
  visit(ast);
  return out;
}
