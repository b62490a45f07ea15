// Conditional item writes: read, check, compute and write in one LMDB transaction, then notify listeners.
// Every check happens before any write, so a failed condition never leaves a half-done write to roll back.
import type { DynamoDBEngine } from '../../../engine.js';
import { conditionalCheckFailed, DynamoDBError, isDynamoDBError } from '../../../errors.js';
import type { CompiledCondition } from '../../../expressions/index.js';
import { type Item } from '../../../model/index.js';
import { itemSize } from '../../../model/index.js';
import { notifyWriteListeners, type CommittedWrite } from '../../../storage/items.js';
import { applyItemWrite, StatsDelta, type IndexWriteUnits } from '../../../storage/items-write.js';
import type { TableMeta } from '../../../storage/types.js';

export const MAX_ITEM_BYTES = 400 * 1024;

export interface WriteIntent {
  table: TableMeta;
  /** Storage key of the item. */
  key: Buffer;
  condition?: CompiledCondition;
  /** ReturnValuesOnConditionCheckFailure ALL_OLD. */
  returnOldOnFailure?: boolean;
  /** The item after the write (undefined deletes it); null for a pure condition check. May throw ValidationException. */
  next(old: Item | undefined): Item | undefined | null;
}

export interface WriteResult {
  oldItem: Item | undefined;
  newItem: Item | undefined;
  oldSize: number;
  newSize: number;
  indexUnits: IndexWriteUnits | undefined;
}

interface Planned {
  intent: WriteIntent;
  oldItem: Item | undefined;
  newItem: Item | undefined | null;
}

function commit(engine: DynamoDBEngine, plans: Planned[]): { results: WriteResult[]; committed: CommittedWrite[] } {
  const { store } = engine;
  const stats = new StatsDelta();
  const results: WriteResult[] = [];
  const committed: CommittedWrite[] = [];
  for (const { intent, oldItem, newItem } of plans) {
    const oldSize = oldItem ? itemSize(oldItem) : 0;
    if (newItem === null) {
      results.push({ oldItem, newItem: oldItem, oldSize, newSize: oldSize, indexUnits: undefined });
      continue;
    }
    const newSize = newItem ? itemSize(newItem) : 0;
    let indexUnits: IndexWriteUnits | undefined;
    if (oldItem || newItem) {
      indexUnits = applyItemWrite(store, intent.table, { key: intent.key, oldItem, newItem, oldSize, newSize }, stats);
      committed.push({ table: intent.table, oldItem, newItem });
    }
    results.push({ oldItem, newItem, oldSize, newSize, indexUnits });
  }
  stats.flush(store);
  return { results, committed };
}

/** One conditional write (PutItem, UpdateItem, DeleteItem). Throws ConditionalCheckFailedException. */
export async function executeWrite(engine: DynamoDBEngine, intent: WriteIntent): Promise<WriteResult> {
  const { store } = engine;
  const { results, committed } = await store.writes.run(() => {
    const oldItem = store.items.get(intent.key);
    if (intent.condition && !intent.condition.evaluate(oldItem)) {
      throw conditionalCheckFailed(intent.returnOldOnFailure ? oldItem : undefined);
    }
    return commit(engine, [{ intent, oldItem, newItem: intent.next(oldItem) }]);
  });
  notifyWriteListeners(engine, committed);
  return results[0]!;
}

/** Unconditional writes committed together (BatchWriteItem). */
export async function executeWrites(engine: DynamoDBEngine, intents: WriteIntent[]): Promise<WriteResult[]> {
  const { store } = engine;
  const { results, committed } = await store.writes.run(() => {
    const plans: Planned[] = [];
    for (const intent of intents) {
      const oldItem = store.items.get(intent.key);
      plans.push({ intent, oldItem, newItem: intent.next(oldItem) });
    }
    return commit(engine, plans);
  });
  notifyWriteListeners(engine, committed);
  return results;
}

export interface CancellationReason {
  Code: string;
  Message?: string;
  Item?: Item;
}

/** All-or-nothing writes (TransactWriteItems): every condition is checked before anything is written. */
export async function executeTransaction(engine: DynamoDBEngine, intents: WriteIntent[]): Promise<WriteResult[]> {
  const { store } = engine;
  const { results, committed } = await store.writes.run(() => {
    const plans: Planned[] = [];
    const reasons: CancellationReason[] = [];
    let failed = false;
    for (const intent of intents) {
      const oldItem = store.items.get(intent.key);
      if (intent.condition && !intent.condition.evaluate(oldItem)) {
        failed = true;
        const reason: CancellationReason = {
          Code: 'ConditionalCheckFailed',
          Message: 'The conditional request failed',
        };
        if (intent.returnOldOnFailure && oldItem) reason.Item = oldItem;
        reasons.push(reason);
        continue;
      }
      try {
        plans.push({ intent, oldItem, newItem: intent.next(oldItem) });
        reasons.push({ Code: 'None' });
      } catch (e) {
        if (!isDynamoDBError(e) || e.code !== 'ValidationException') throw e;
        failed = true;
        reasons.push({ Code: 'ValidationError', Message: e.message });
      }
    }
    if (failed) throw transactionCanceled(reasons);
    return commit(engine, plans);
  });
  notifyWriteListeners(engine, committed);
  return results;
}

export function transactionCanceled(reasons: CancellationReason[]): DynamoDBError {
  return new DynamoDBError(
    'TransactionCanceledException',
    `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
    { CancellationReasons: reasons },
  );
}
