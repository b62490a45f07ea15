import type { Operation } from '../types.js';
import { batchExecuteStatement } from './batch-execute-statement.js';
import { executeStatement } from './execute-statement.js';
import { executeTransaction } from './execute-transaction.js';

// One import per operation module of this group: DynamoDB's PartiQL (src/partiql/ compiles the statements).
export const partiqlOperations: Operation<any>[] = [executeStatement, batchExecuteStatement, executeTransaction];
