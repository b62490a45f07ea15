// DynamoDB expressions, parsed once into a compiled form.
// Every parse* call records which #names and :values it used in the shared ExpressionScope, so that a request's
// operation can finally call scope.assertAllUsed() and get DynamoDB's "unused in expressions" errors.
// All errors are ValidationException with DynamoDB's messages, e.g.
//   Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "= "
//   Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: size
//   Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}
import type { AttributeValue, Item, KeySchemaElement, AttributeDefinition } from '../model/index.js';

export type PathElement = string | number; // attribute name or list index
export type DocumentPath = PathElement[];

export interface ExpressionScope {
  readonly names: Record<string, string> | undefined;
  readonly values: Record<string, AttributeValue> | undefined;
  /** Throws the ValidationException DynamoDB sends for unused names/values. Call once, after all parses. */
  assertAllUsed(): void;
}

/** A condition or filter expression. evaluate(undefined) means "no item" (attribute_not_exists holds). */
export interface CompiledCondition {
  evaluate(item: Item | undefined): boolean;
}

export interface CompiledProjection {
  readonly paths: DocumentPath[];
  /** The projected item (nested paths and list indexes as DynamoDB projects them). */
  apply(item: Item): Item;
}

export interface CompiledUpdate {
  /** Applies SET/REMOVE/ADD/DELETE to a copy of item (undefined = new item). Throws ValidationException on
   *  type errors ("An operand in the update expression has an incorrect data type", ...).
   *  For an item that does not exist yet, pass its Key as the item (DynamoDB starts from the key attributes,
   *  so "SET b = a" with key a works). The input is never modified. */
  apply(item: Item | undefined): Item;
  /** Top-level attribute names the update touches (for ReturnValues UPDATED_OLD/UPDATED_NEW and key checks). */
  readonly updatedAttributes: ReadonlySet<string>;
  /** The paths updated, for UPDATED_OLD/UPDATED_NEW projection. */
  readonly updatedPaths: DocumentPath[];
  /** Every action only takes data away (REMOVE, DELETE): on a missing item DynamoDB then creates nothing. */
  readonly onlyRemoves?: boolean;
}

export type RangeCondition =
  | { op: '=' | '<' | '<=' | '>' | '>='; value: AttributeValue }
  | { op: 'BETWEEN'; low: AttributeValue; high: AttributeValue }
  | { op: 'begins_with'; prefix: AttributeValue };

export interface CompiledKeyCondition {
  hash: { name: string; value: AttributeValue };
  range?: { name: string } & RangeCondition;
}

export { createScope } from './scope.js';
export { parseCondition, parseProjection, parseUpdate, parseKeyCondition, bindKeyCondition } from './compile.js';
export type { KeyConditionTerms } from './compile.js';
export type { ExpressionKind } from './compile.js';
/** Projects an item onto document paths (e.g. CompiledUpdate.updatedPaths for UPDATED_OLD / UPDATED_NEW). */
export { projectPaths, getPath } from './paths.js';

// Signatures (see compile.ts):
//   createScope(names, values): ExpressionScope
//   parseCondition(expr, scope, kind: 'ConditionExpression' | 'FilterExpression'): CompiledCondition
//   parseProjection(expr, scope): CompiledProjection
//   parseUpdate(expr, scope): CompiledUpdate
//   parseKeyCondition(expr, scope): KeyConditionTerms (no table needed)
//   bindKeyCondition(terms, keySchema, attributeDefinitions): CompiledKeyCondition
export type { KeySchemaElement, AttributeDefinition };
