// How deeply request bodies and patched objects may nest. The real apiserver decodes JSON with Go's scanner,
// which refuses more than 10,000 levels ("exceeded max depth", encoding/json scanner.go maxNestingDepth). This
// server handles objects with recursive JavaScript (schema pruning, patch engines, managedFields, LMDB's
// encoder, structuredClone, JSON.stringify), whose stack runs out between roughly 1,900 and 4,000 levels, and
// the managedFields bookkeeping costs time in proportion to the depth squared (every field path is as long as
// the object is deep). 512 levels keeps the worst request well under a second on a busy 2-core machine while
// staying far above real objects (the ACK CRDs nest 18 levels; pod templates about 20). Deeper bodies are
// refused before any recursive code runs, in the words the real server uses past its own bound.
import { badRequest, type StatusError } from '../errors.js';

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
  return badRequest(`${prefix}invalid character '${opening}' exceeded max depth`);
}

/**
 * Whether YAML text might nest deeper than the limit: an upper bound from a line scan, before the YAML parser
 * runs. The parser (package `yaml`) recurses once per level and runs out of stack between 700 and 1,000 levels.
 * Its own RangeError would be caught, but when the stack runs out while V8 compiles one of the parser's regular
 * expressions, V8 ends the whole process ("FATAL ERROR: RegExpCompiler Allocation failed - process out of
 * memory": the compiler's stack check reports itself as an out-of-memory). So the depth is bounded first.
 * Every block level takes at least one more column (indentation, or a compact `- `/`? `/`: ` indicator) and every
 * flow level one unclosed `[` or `{` outside quotes, so columns + open brackets bounds the depth.
 */
export function excessiveYamlNesting(text: string, limit = MAX_NESTING_DEPTH): boolean {
  let flowDepth = 0;
  for (const line of text.split('\n')) {
    if (flowDepth + blockColumns(line) > limit) return true;
    flowDepth = deepestBracket(line, flowDepth, limit);
    if (flowDepth > limit) return true;
  }
  return false;
}

/** Columns of leading indentation and compact indicators ("- - - x" nests three sequences on one line). */
function blockColumns(line: string): number {
  let i = 0;
  for (;;) {
    const c = line.charCodeAt(i);
    if (c === 0x20 /* space */ || c === 0x09 /* tab */) i++;
    else if ((c === 0x2d /* - */ || c === 0x3f /* ? */ || c === 0x3a) /* : */ && isBlank(line.charCodeAt(i + 1)))
      i += 2;
    else return i;
  }
}

const isBlank = (c: number) => c === 0x20 || c === 0x09;
/** A quote opens a quoted scalar only where a scalar starts (after an indicator or at the start of a line);
 *  elsewhere (`don't`, `[a "[[`) it is plain text, and the brackets after it count. */
const QUOTE_MAY_FOLLOW = new Set(['', '[', '{', ',', ':', '-', '?']);

/** The flow depth at the end of a line, or past the limit as soon as it goes there (quoted scalars and
 *  comments skipped). */
function deepestBracket(line: string, depth: number, limit: number): number {
  let previous = ''; // the last character before i that is not blank
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if ((c === '"' || c === "'") && QUOTE_MAY_FOLLOW.has(previous)) {
      const end = closingQuote(line, i);
      // a quoted scalar left open continues on the next line: count this line's brackets (an overestimate)
      if (end > 0) {
        i = end;
        previous = c;
        continue;
      }
    }
    if (c !== ' ' && c !== '\t') previous = c;
    if (c === '#' && (i === 0 || line[i - 1] === ' ')) return depth;
    else if (c === '[' || c === '{') {
      if (++depth > limit) return depth;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return depth;
}

/** Where the quoted scalar opened at `start` closes on this line, or -1. */
function closingQuote(line: string, start: number): number {
  const quote = line[start];
  for (let i = start + 1; i < line.length; i++) {
    if (quote === '"' && line[i] === '\\') i++;
    else if (line[i] === quote) return i;
  }
  return -1;
}
