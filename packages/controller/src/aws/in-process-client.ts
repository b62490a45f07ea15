// DynamoDBClient over the in-process engine: no HTTP, no signing; the target picks the account/region namespace.
import type { DynamoDBEngine } from '@ack-local/dynamodb';
import { DynamoDBCallError, type DynamoDBClient } from './client.js';

export interface InProcessClientOptions {
  /** The access key the controller acts as; matters only under the engine's access-key isolation, where it must
   *  be the key users sign with to see the controller's tables. Default: the target's account id. */
  accessKeyId?: string;
}

export function createInProcessDynamoDBClient(
  engine: DynamoDBEngine,
  options: InProcessClientOptions = {},
): DynamoDBClient {
  return {
    async call<T>(
      operation: string,
      input: Record<string, unknown>,
      target: { region: string; accountId: string },
    ): Promise<T> {
      const accessKeyId = options.accessKeyId ?? target.accountId;
      const ctx = engine.contextFor({ region: target.region, accountId: target.accountId, accessKeyId });
      try {
        // The engine may keep references to its input; hand it a copy so later edits of ours cannot leak in.
        return (await engine.dispatch(operation, structuredClone(input), ctx)) as T;
      } catch (error) {
        const e = error as { code?: unknown; message?: unknown };
        if (typeof e?.code === 'string') throw new DynamoDBCallError(e.code, String(e.message ?? ''));
        throw error;
      }
    },
  };
}
