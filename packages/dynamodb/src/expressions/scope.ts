import type { AttributeValue } from '../model/index.js';
import type { ExpressionScope } from './index.js';
export function createScope(names: Record<string, string> | undefined, values: Record<string, AttributeValue> | undefined): ExpressionScope {
  throw new Error('not implemented: createScope');
}
