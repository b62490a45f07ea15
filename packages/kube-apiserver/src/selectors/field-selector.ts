// Field selectors: `a=b`, `a==b`, `a!=b`, comma-separated and ANDed, over the field labels each kind supports
// (metadata.name and metadata.namespace for all; involvedObject.* etc. for events). An unsupported label is a
// 400 like the real server's "field label not supported".
import type { KubeObject } from '../api.js';
import { badRequest } from '../errors.js';

export interface FieldRequirement {
  field: string;
  value: string;
  negate: boolean;
}

export type FieldSelector = FieldRequirement[];

/** Computes the selectable fields of an object (the real server's GetAttrs/ToSelectableFields). */
export type FieldExtractor = (object: KubeObject) => Record<string, string>;

export function parseFieldSelector(input: string | undefined): FieldSelector {
  if (!input || !input.trim()) return [];
  return input
    .split(',')
    .map((term) => term.trim())
    .filter(Boolean)
    .map((term) => {
      const m = /^([^=!]+?)\s*(==|!=|=)\s*(.*)$/.exec(term);
      if (!m) throw badRequest(`invalid selector: '${input}'; can't understand '${term}'`);
      return { field: m[1]!.trim(), value: m[3]!.trim(), negate: m[2] === '!=' };
    });
}

/** Rejects labels the kind does not support, the way the real server does before listing. */
export function checkFieldSelector(selector: FieldSelector, supported: readonly string[], kind: string): void {
  for (const req of selector) {
    if (!supported.includes(req.field)) throw badRequest(`field label not supported: ${req.field}`);
  }
  void kind;
}

export function matchesFields(selector: FieldSelector, fields: Record<string, string>): boolean {
  return selector.every((req) => ((fields[req.field] ?? '') === req.value) !== req.negate);
}
