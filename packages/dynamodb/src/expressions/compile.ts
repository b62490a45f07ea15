import type { KeySchemaElement, AttributeDefinition } from '../model/index.js';
import type { ExpressionScope, CompiledCondition, CompiledProjection, CompiledUpdate, CompiledKeyCondition } from './index.js';
export type ExpressionKind = 'ConditionExpression' | 'FilterExpression';
export function parseCondition(expr: string, scope: ExpressionScope, kind: ExpressionKind): CompiledCondition { throw new Error('not implemented'); }
export function parseProjection(expr: string, scope: ExpressionScope): CompiledProjection { throw new Error('not implemented'); }
export function parseUpdate(expr: string, scope: ExpressionScope): CompiledUpdate { throw new Error('not implemented'); }
export function parseKeyCondition(expr: string, scope: ExpressionScope, keySchema: KeySchemaElement[], attributeDefinitions: AttributeDefinition[]): CompiledKeyCondition { throw new Error('not implemented'); }
