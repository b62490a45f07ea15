import type { Operation } from '../types.js';
import { putItem } from './put-item.js';
import { getItem } from './get-item.js';
import { deleteItem } from './delete-item.js';
import { updateItem } from './update-item.js';
import { query } from './query.js';
import { scan } from './scan.js';
import { batchGetItem } from './batch-get-item.js';
import { batchWriteItem } from './batch-write-item.js';
import { transactWriteItems } from './transact-write-items.js';
import { transactGetItems } from './transact-get-items.js';

// One import per operation module of this group.
export const itemOperations: Operation<any>[] = [
  putItem,
  getItem,
  deleteItem,
  updateItem,
  query,
  scan,
  batchGetItem,
  batchWriteItem,
  transactWriteItems,
  transactGetItems,
];
