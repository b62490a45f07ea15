// Each statement text is parsed once, and planned once per table (and index) it runs against: a PartiQL read
// then costs what the JSON API request it stands for costs, plus a map lookup. Bounded: the oldest entries go
// first once MAX_STATEMENTS texts are held (applications reuse a handful of statements with `?` parameters).
import type { ParsedStatement } from './ast.js';
import { parseStatement } from './parser.js';
import { planStatement, type Plan, type TableShape } from './planner.js';

const MAX_STATEMENTS = 2000;

interface Entry {
  parsed: ParsedStatement;
  plans: Map<string, Plan>;
}

const entries = new Map<string, Entry>();

/** The parsed statement for a text (syntax errors are thrown each time, not cached). */
export function compileStatement(text: string): ParsedStatement {
  return entryFor(text).parsed;
}

/** The plan of a text against a table; `tableKey` identifies the table and index shape it was planned for. */
export function planFor(text: string, tableKey: string, table: TableShape): Plan {
  const entry = entryFor(text);
  let plan = entry.plans.get(tableKey);
  if (!plan) {
    plan = planStatement(entry.parsed.statement, table);
    entry.plans.set(tableKey, plan);
  }
  return plan;
}

function entryFor(text: string): Entry {
  let entry = entries.get(text);
  if (!entry) {
    entry = { parsed: parseStatement(text), plans: new Map() };
    if (entries.size >= MAX_STATEMENTS) entries.delete(entries.keys().next().value!);
    entries.set(text, entry);
  }
  return entry;
}
