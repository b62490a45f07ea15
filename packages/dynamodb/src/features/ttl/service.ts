// TTL for an engine: the expiry index (fed by the item write listener) and the sweeper. startTtl is idempotent
// per engine; openEngine starts it and close() stops it.
import type { DynamoDBEngine } from '../../engine.js';
import { TtlIndex } from './ttl-index.js';
import { TtlSweeper } from './sweeper.js';

export interface TtlService {
  readonly index: TtlIndex;
  readonly sweeper: TtlSweeper;
  stop(): Promise<void>;
}

const services = new WeakMap<DynamoDBEngine, TtlService>();
const DEFAULT_INTERVAL_MS = 1000;

/** Registers the index listener, rebuilds the index of TTL-enabled tables and starts the periodic sweep. */
export function startTtl(engine: DynamoDBEngine): TtlService {
  const existing = services.get(engine);
  if (existing) return existing;
  const index = new TtlIndex(engine);
  engine.storage.writeListeners.push(index.onWrite);
  const sweeper = new TtlSweeper(engine, index, engine.options.ttlSweepIntervalMs ?? DEFAULT_INTERVAL_MS);
  const service: TtlService = {
    index,
    sweeper,
    async stop() {
      await sweeper.stop();
      const at = engine.storage.writeListeners.indexOf(index.onWrite);
      if (at >= 0) engine.storage.writeListeners.splice(at, 1);
      services.delete(engine);
    },
  };
  services.set(engine, service);
  for (const table of engine.catalog.all()) if (table.TimeToLive?.Enabled) void index.rebuild(table);
  sweeper.start();
  return service;
}

/** The engine's TTL index (starting TTL if openEngine has not). */
export const ttlIndexFor = (engine: DynamoDBEngine): TtlIndex => startTtl(engine).index;
export const stopTtl = async (engine: DynamoDBEngine) => services.get(engine)?.stop();
