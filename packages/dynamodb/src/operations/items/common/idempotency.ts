// ClientRequestToken idempotency of TransactWriteItems: within 10 minutes, the same token with the same request
// answers as the first call did; with a different request it is IdempotentParameterMismatchException.
import type { DynamoDBEngine } from '../../../engine.js';
import { DynamoDBError } from '../../../errors.js';

const WINDOW_MS = 10 * 60 * 1000;

interface Entry {
  request: string;
  expiresAt: number;
  answer: Promise<unknown>;
}

const byEngine = new WeakMap<DynamoDBEngine, Map<string, Entry>>();

function tokens(engine: DynamoDBEngine): Map<string, Entry> {
  let m = byEngine.get(engine);
  if (!m) byEngine.set(engine, (m = new Map()));
  return m;
}

/** Runs `run` once per (namespace, token, request) within the window; later calls get its answer (or error) again,
 *  marked `replay` so the caller can report what a replay costs. */
export async function idempotent<T>(
  engine: DynamoDBEngine,
  namespace: string,
  token: string,
  request: unknown,
  run: () => Promise<T>,
): Promise<{ answer: T; replay: boolean }> {
  const now = engine.now();
  const map = tokens(engine);
  for (const [k, e] of map) {
    if (e.expiresAt > now) break; // insertion order = expiry order
    map.delete(k);
  }
  const id = `${namespace}\u0000${token}`;
  const serialized = JSON.stringify(request);
  const existing = map.get(id);
  if (existing && existing.expiresAt > now) {
    if (existing.request !== serialized) {
      throw new DynamoDBError(
        'IdempotentParameterMismatchException',
        'Specified idempotent token was used with different request parameters within the last 10 minutes',
      );
    }
    return { answer: (await existing.answer) as T, replay: true };
  }
  const answer = run();
  map.delete(id); // re-inserted last, keeping the map in expiry order
  map.set(id, { request: serialized, expiresAt: now + WINDOW_MS, answer });
  // A failed transaction did not happen: a retry with the same token runs again.
  answer.catch(() => {
    if (map.get(id)?.answer === answer) map.delete(id);
  });
  return { answer: await answer, replay: false };
}
