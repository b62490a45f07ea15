// Binding a statement's values to a request: literals as written, `?` from Parameters, lists, maps and bags
// (`<<...>>`: a string set or a number set, as DynamoDB reads them).
import { validation } from '../errors.js';
import { validateAttributeValue, type AttributeValue, type Item } from '../model/index.js';
import type { Value } from './ast.js';
import { MESSAGES } from './errors.js';
import { setAttribute } from '../model/attribute-map.js';

export function bindValue(value: Value, params: readonly AttributeValue[]): AttributeValue {
  switch (value.kind) {
    case 'literal':
      return value.value;
    case 'param': {
      const bound = params[value.index];
      if (!bound) throw validation(MESSAGES.parameterCount);
      return bound;
    }
    case 'list':
      return { L: value.items.filter((v) => v.kind !== 'missing').map((v) => bindValue(v, params)) };
    case 'map':
      return { M: bindMap(value, params) };
    case 'bag':
      return bindBag(value.items.map((v) => bindValue(v, params)));
    case 'missing':
      throw validation(MESSAGES.missingCompare);
  }
}

/** A map literal's members; a member whose value is MISSING is left out, as PartiQL defines MISSING. */
export function bindMap(value: Extract<Value, { kind: 'map' }>, params: readonly AttributeValue[]): Item {
  const item: Item = {};
  for (const [name, member] of value.entries) {
    if (member.kind !== 'missing') setAttribute(item, name, bindValue(member, params));
  }
  return item;
}

/** A bag as a set, checked as the set it is: a repeated member gets the set rule's own message, not an expression
 *  value's (paritysuite tier3/error-messages/partiqlFunctions.test.ts, October 2026). */
function bindBag(members: AttributeValue[]): AttributeValue {
  if (members.length === 0) throw validation(MESSAGES.emptyBag);
  return validateAttributeValue(bagAsSet(members));
}

function bagAsSet(members: AttributeValue[]): AttributeValue {
  if (members.every((m) => 'S' in m)) return { SS: members.map((m) => (m as { S: string }).S) };
  if (members.every((m) => 'N' in m)) return { NS: members.map((m) => (m as { N: string }).N) };
  if (members.every((m) => 'B' in m)) return { BS: members.map((m) => (m as { B: string }).B) };
  throw validation(MESSAGES.bagType);
}
