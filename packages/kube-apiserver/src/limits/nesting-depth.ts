// How deeply request bodies and patched objects may nest. The real apiserver decodes JSON with Go's scanner,
// which refuses more than 10,000 levels ("exceeded max depth", encoding/json scanner.go maxNestingDepth). This
// server handles objects with recursive JavaScript (schema pruning, patch engines, managedFields, LMDB's
// encoder, structuredClone, JSON.stringify), whose stack runs out between roughly 1,900 and 4,000 levels, and
// the managedFields bookkeeping costs time in proportion to the depth squared (every field path is as long as
// the object is deep). 512 levels keeps the worst request well under a second on a busy 2-core machine while
// staying far above real objects (the ACK CRDs nest 18 levels; pod templates about 20). Deeper bodies are
// refused before any recursive code runs, in the words the real server uses past its own bound.
import { StatusError } from '../errors.js';

export const MAX_NESTING_DEPTH = 512;

/**
 * The first container opening ('{' or '[') past MAX_NESTING_DEPTH in JSON text, or undefined. A byte scan:
 * no parse, no recursion, strings skipped (brackets inside them do not count).
 */
export function excessiveJsonNesting(text: string, limit = MAX_NESTING_DEPTH): '{' | '[' | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c /* \ */) i++;
        else if (s === 0x22) break;
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > limit) return c === 0x7b ? '{' : '[';
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return undefined;
}

/** Whether a decoded value nests deeper than the limit (an explicit stack, so any depth is safe to measure). */
export function nestsDeeperThan(value: unknown, limit = MAX_NESTING_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Go's scanner error for too deep a document, as the apiserver reports a body it cannot decode (400). */
export function tooDeep(
  opening: '{' | '[' = '{',
  prefix = "couldn't get version/kind; json parse error: ",
): StatusError {
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `${prefix}invalid character '${opening}' exceeded max depth`,
    reason: 'BadRequest',
    code: 400,
  });
}
