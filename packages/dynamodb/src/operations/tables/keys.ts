// Key schema helpers shared by CreateTable and UpdateTable.
import type { AttributeDefinition, KeySchemaElement, KeyShape, ScalarKeyType } from '../../model/index.js';
import type { Projection } from '../../storage/types.js';
import { validation } from '../../errors.js';
import { javaHashSetOrder } from './java-order.js';

export const invalid = (detail: string) => validation(`One or more parameter values were invalid: ${detail}`);

/** The resolved key shape of a (validated) key schema. */
export function keyShape(keySchema: KeySchemaElement[], definitions: AttributeDefinition[]): KeyShape {
  const typeOf = (name: string): ScalarKeyType => definitions.find((d) => d.AttributeName === name)!.AttributeType;
  const hash = keySchema[0]!.AttributeName;
  const range = keySchema[1]?.AttributeName;
  return range === undefined
    ? { hash: { name: hash, type: typeOf(hash) } }
    : { hash: { name: hash, type: typeOf(hash) }, range: { name: range, type: typeOf(range) } };
}

/** "Some index key attributes are not defined in AttributeDefinitions. Keys: [..], AttributeDefinitions: [..]" */
export function assertKeysDefined(keySchema: KeySchemaElement[], definitions: AttributeDefinition[]) {
  const defined = new Set(definitions.map((d) => d.AttributeName));
  const keys = keySchema.map((k) => k.AttributeName);
  if (keys.some((k) => !defined.has(k))) {
    throw invalid(
      `Some index key attributes are not defined in AttributeDefinitions. Keys: [${javaHashSetOrder(keys).join(', ')}], ` +
        `AttributeDefinitions: [${javaHashSetOrder(defined).join(', ')}]`,
    );
  }
}

/** Index key order rules (same texts for the table key, GSIs and LSIs). */
export function assertKeyOrder(keySchema: KeySchemaElement[]) {
  if (keySchema.length === 2 && keySchema[0]!.AttributeName === keySchema[1]!.AttributeName) {
    throw validation('Both the Hash Key and the Range Key element in the KeySchema have the same name');
  }
  if (keySchema[0]!.KeyType !== 'HASH')
    throw validation('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
  if (keySchema.length === 2 && keySchema[1]!.KeyType !== 'RANGE') {
    throw validation('Invalid KeySchema: The second KeySchemaElement is not a RANGE key type');
  }
}

/** Projection rules; returns the projection as stored (NonKeyAttributes sorted, as DescribeTable shows them). */
export function checkProjection(projection: { ProjectionType?: string; NonKeyAttributes?: string[] }): Projection {
  const type = projection.ProjectionType;
  if (type === undefined) throw invalid('Unknown ProjectionType: null');
  const nonKey = projection.NonKeyAttributes;
  if (nonKey && type !== 'INCLUDE') throw invalid(`ProjectionType is ${type}, but NonKeyAttributes is specified`);
  if (type === 'INCLUDE') {
    if (!nonKey) throw invalid('ProjectionType is INCLUDE, but NonKeyAttributes is not specified');
    const seen = new Set<string>();
    for (const name of nonKey) {
      if (seen.has(name)) throw invalid(`Duplicate element in NonKeyAttributes: ${name}`);
      seen.add(name);
    }
    return { ProjectionType: 'INCLUDE', NonKeyAttributes: [...nonKey].sort() };
  }
  return { ProjectionType: type as Projection['ProjectionType'] };
}

export const sortedDefinitions = (definitions: AttributeDefinition[]) =>
  [...definitions].sort((a, b) => (a.AttributeName < b.AttributeName ? -1 : a.AttributeName > b.AttributeName ? 1 : 0));
