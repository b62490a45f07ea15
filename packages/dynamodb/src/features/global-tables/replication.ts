// Global-table replication for an engine. startReplication is idempotent per engine; openEngine starts it and
// close() stops it.
import type { DynamoDBEngine } from '../../engine.js';
import { Replicator } from './replicator.js';

export interface ReplicationService {
  readonly replicator: Replicator;
  stop(): Promise<void>;
}

const services = new WeakMap<DynamoDBEngine, ReplicationService>();

export function startReplication(engine: DynamoDBEngine): ReplicationService {
  const existing = services.get(engine);
  if (existing) return existing;
  const replicator = new Replicator(engine);
  engine.storage.writeListeners.push(replicator.onWrite);
  const service: ReplicationService = {
    replicator,
    async stop() {
      const at = engine.storage.writeListeners.indexOf(replicator.onWrite);
      if (at >= 0) engine.storage.writeListeners.splice(at, 1);
      await replicator.idle();
      services.delete(engine);
    },
  };
  services.set(engine, service);
  return service;
}

export const replicatorFor = (engine: DynamoDBEngine): Replicator => startReplication(engine).replicator;
export const stopReplication = async (engine: DynamoDBEngine) => services.get(engine)?.stop();
