// CRD `pattern`s as RegExps. The real apiserver runs them with Go's RE2, whose matching time is linear in the
// input; JavaScript's backtracking engine can take exponential time on a pattern such as `^(a+)+$`, and one such
// request would stall both servers (they share the process). V8 has a linear-time engine for RegExps created with
// the `l` flag once `--enable-experimental-regexp-engine` is set, so every pattern it can run goes there. It has no
// Unicode mode: a pattern using `\p{…}` / `\P{…}` classes (RE2 has them) keeps the backtracking engine with `u`.
// The linear engine also refuses large counted repeats (`{1,253}`); those patterns keep the backtracking engine too,
// which stays fast unless such a repeat is itself repeated. Patterns RE2 refuses (backreferences, lookaround) fail
// validation as before.
import { setFlagsFromString } from 'node:v8';

let linearEngine: boolean | undefined;

/** Turns V8's linear engine on once; false when this Node's V8 no longer knows the `l` flag. */
function linearEngineAvailable(): boolean {
  if (linearEngine === undefined) {
    setFlagsFromString('--enable-experimental-regexp-engine');
    try {
      new RegExp('a', LINEAR);
      linearEngine = true;
    } catch {
      linearEngine = false;
    }
  }
  return linearEngine;
}

/** V8's linear-engine flag (ESLint's RegExp check does not know it). */
const LINEAR = 'l';
const UNICODE_CLASS = /\\[pP]\{/;
const MAX_CACHED = 1000;
const compiled = new Map<string, RegExp | undefined>();

function compile(pattern: string): RegExp | undefined {
  if (linearEngineAvailable() && !UNICODE_CLASS.test(pattern)) {
    try {
      return new RegExp(pattern, LINEAR);
    } catch {
      /* not linear-time (e.g. lookaround): the Unicode engine decides below */
    }
  }
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}

/** The RegExp for a CRD `pattern` (undefined: not a valid pattern), compiled once per pattern. */
export function patternRegExp(pattern: string): RegExp | undefined {
  if (compiled.has(pattern)) return compiled.get(pattern);
  if (compiled.size >= MAX_CACHED) compiled.clear();
  const re = compile(pattern);
  compiled.set(pattern, re);
  return re;
}
