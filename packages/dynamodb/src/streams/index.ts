// DynamoDB Streams for one engine: registers the in-transaction change hook that writes stream records, and runs
// the maintenance (shard roll-over, 24-hour retention) on a timer. The operations live in streams/operations/.
import type { DynamoDBEngine } from '../engine.js';
import { TableStreams } from './table-streams.js';

/** DynamoDB rolls a stream's shards over about every four hours. */
export const DEFAULT_SHARD_ROLL_MS = 4 * 60 * 60 * 1000;
/** How often the maintenance looks for shards to roll and records to trim. */
const MAINTENANCE_INTERVAL_MS = 60_000;

interface Running {
  streams: TableStreams;
  timer: NodeJS.Timeout | undefined;
  maintaining: Promise<void> | undefined;
}

const running = new WeakMap<DynamoDBEngine, Running>();

export function startStreams(engine: DynamoDBEngine): void {
  if (running.has(engine)) return;
  const streams = new TableStreams(engine, engine.options.streamShardRollMs);
  streams.sync();
  engine.storage.changeHooks.push(streams.onChange);
  const state: Running = { streams, timer: undefined, maintaining: undefined };
  // A roll interval of 0 (or less) turns roll-over by age off; retention still runs.
  const every =
    streams.shardRollMs > 0 ? Math.min(MAINTENANCE_INTERVAL_MS, streams.shardRollMs) : MAINTENANCE_INTERVAL_MS;
  state.timer = setInterval(() => void maintainStreams(engine), every);
  state.timer.unref();
  running.set(engine, state);
}

export async function stopStreams(engine: DynamoDBEngine): Promise<void> {
  const state = running.get(engine);
  if (!state) return;
  clearInterval(state.timer);
  await state.maintaining?.catch(() => undefined);
  const hooks = engine.storage.changeHooks;
  const at = hooks.indexOf(state.streams.onChange);
  if (at >= 0) hooks.splice(at, 1);
  running.delete(engine);
}

/** The engine's streams (startStreams ran when the engine opened). */
export function streamsOf(engine: DynamoDBEngine): TableStreams {
  const state = running.get(engine);
  if (!state) throw new Error('DynamoDB Streams are not running on this engine');
  return state.streams;
}

/** One maintenance pass (shard roll-over by age, retention); never overlaps itself. For tests with a clock. */
export function maintainStreams(engine: DynamoDBEngine): Promise<void> {
  const state = running.get(engine);
  if (!state) return Promise.resolve();
  state.maintaining ??= state.streams.maintain().finally(() => (state.maintaining = undefined));
  return state.maintaining;
}

/** Rolls the open shard of the table's stream (or of every stream) over now: it closes, a child opens. */
export function rollStreamShards(engine: DynamoDBEngine, tableName?: string): number {
  return streamsOf(engine).roll((meta) => tableName === undefined || meta.tableName === tableName);
}

/** Brings stream metadata in line with a table change (CreateTable, UpdateTable, DeleteTable call it). */
export function syncStreams(engine: DynamoDBEngine): void {
  running.get(engine)?.streams.sync();
}

export { TableStreams, RETENTION_MS } from './table-streams.js';
