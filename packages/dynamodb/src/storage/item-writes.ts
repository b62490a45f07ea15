// The write path of PutItem, UpdateItem, DeleteItem, BatchWriteItem and TransactWriteItems: read, check, compute
// and write in one LMDB transaction (running the change hooks inside it), then notify the write listeners.
// Operations say what (a WriteIntent per item); this says how. Every check happens before any write, so a failed
// condition never leaves a half-done write to roll back.
import { conditionalCheckFailed, DynamoDBError, isDynamoDBError } from '../errors.js';
import type { CompiledCondition } from '../expressions/index.js';
import { type Item } from '../model/index.js';
import { itemSize } from '../model/index.js';
import { notifyWriteListeners, runChangeHooks, type ItemChange } from './change-hooks.js';
import { decodeStored, storedSize, type StoredItem } from './item-codec.js';
import { keyOf } from './items-keys.js';
import { applyItemWrite, StatsDelta, type IndexWriteUnits, type ItemWrite } from './items-write.js';
import type { Storage } from './storage.js';
import type { TableMeta } from './types.js';

export interface WriteIntent {
  table: TableMeta;
  /** Storage key of the item. */
  key: Buffer;
  condition?: CompiledCondition;
  /** ReturnValuesOnConditionCheckFailure ALL_OLD. */
  returnOldOnFailure?: boolean;
  /** The item after the write (undefined deletes it); null for a pure condition check. May throw ValidationException. */
  next(old: Item | undefined): Item | undefined | null;
  /** Set when the action was refused before it ran: the transaction cancels with this ValidationError reason. */
  refusal?: string;
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
  /** The old item's stored text, read only when the table's stream is on (see readOld). */
  oldText: StoredItem | undefined;
  newItem: Item | undefined | null;
}

interface OldItem {
  oldItem: Item | undefined;
  oldText: StoredItem | undefined;
}

/** The item before the write. With the table's stream on, read as stored text and decoded once, so the stream
 *  record reuses the text and its size header; with it off, the plain decoding read (no extra work). */
function readOld(storage: Storage, intent: WriteIntent): OldItem {
  const { store } = storage;
  if (!intent.table.StreamSpecification?.StreamEnabled)
    return { oldItem: store.items.get(intent.key), oldText: undefined };
  const oldText = store.rawItems.get(intent.key);
  return { oldItem: oldText === undefined ? undefined : decodeStored(oldText), oldText };
}

const plan = (intent: WriteIntent, { oldItem, oldText }: OldItem): Planned => ({
  intent,
  oldItem,
  oldText,
  newItem: intent.next(oldItem),
});

/** Writes the plans (inside the transaction) and runs the change hooks of each change written. */
function commit(storage: Storage, plans: Planned[]): { results: WriteResult[]; committed: ItemChange[] } {
  const { store } = storage;
  const stats = new StatsDelta();
  const results: WriteResult[] = [];
  const committed: ItemChange[] = [];
  for (const { intent, oldItem, oldText, newItem } of plans) {
    const oldSize = oldText !== undefined ? storedSize(oldText) : oldItem ? itemSize(oldItem) : 0;
    if (newItem === null) {
      results.push({ oldItem, newItem: oldItem, oldSize, newSize: oldSize, indexUnits: undefined });
      continue;
    }
    const newSize = newItem ? itemSize(newItem) : 0;
    let indexUnits: IndexWriteUnits | undefined;
    if (oldItem || newItem) {
      const { table } = intent;
      const write: ItemWrite = { key: intent.key, oldItem, newItem, oldSize, newSize };
      indexUnits = applyItemWrite(store, table, write, stats);
      const key = keyOf(table, (newItem ?? oldItem)!);
      const change: ItemChange = { table, key, oldItem, newItem, cause: 'user', oldText, newText: write.newText };
      runChangeHooks(storage, change);
      committed.push(change);
    }
    results.push({ oldItem, newItem, oldSize, newSize, indexUnits });
  }
  stats.flush(store);
  return { results, committed };
}

/** One conditional write (PutItem, UpdateItem, DeleteItem). Throws ConditionalCheckFailedException. */
export async function executeWrite(storage: Storage, intent: WriteIntent): Promise<WriteResult> {
  const { store } = storage;
  const { results, committed } = await store.writes.run(() => {
    const old = readOld(storage, intent);
    if (intent.condition && !intent.condition.evaluate(old.oldItem)) {
      throw conditionalCheckFailed(intent.returnOldOnFailure ? old.oldItem : undefined);
    }
    return commit(storage, [plan(intent, old)]);
  });
  notifyWriteListeners(storage, committed);
  return results[0]!;
}

/** Unconditional writes committed together (BatchWriteItem). */
export async function executeWrites(storage: Storage, intents: WriteIntent[]): Promise<WriteResult[]> {
  const { store } = storage;
  const { results, committed } = await store.writes.run(() => {
    const plans: Planned[] = [];
    for (const intent of intents) plans.push(plan(intent, readOld(storage, intent)));
    return commit(storage, plans);
  });
  notifyWriteListeners(storage, committed);
  return results;
}

export interface CancellationReason {
  Code: string;
  Message?: string;
  Item?: Item;
}

/** All-or-nothing writes (TransactWriteItems): every condition is checked before anything is written. */
export async function executeTransaction(storage: Storage, intents: WriteIntent[]): Promise<WriteResult[]> {
  const { store } = storage;
  const { results, committed } = await store.writes.run(() => {
    const plans: Planned[] = [];
    const reasons: CancellationReason[] = [];
    let failed = false;
    for (const intent of intents) {
      if (intent.refusal !== undefined) {
        failed = true;
        reasons.push({ Code: 'ValidationError', Message: intent.refusal });
        continue;
      }
      const old = readOld(storage, intent);
      const { oldItem } = old;
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
        plans.push(plan(intent, old));
        reasons.push({ Code: 'None' });
      } catch (e) {
        if (!isDynamoDBError(e) || e.code !== 'ValidationException') throw e;
        failed = true;
        reasons.push({ Code: 'ValidationError', Message: e.message });
      }
    }
    if (failed) throw transactionCanceled(reasons);
    return commit(storage, plans);
  });
  notifyWriteListeners(storage, committed);
  return results;
}

export function transactionCanceled(reasons: CancellationReason[]): DynamoDBError {
  return new DynamoDBError(
    'TransactionCanceledException',
    `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
    { CancellationReasons: reasons },
  );
}
