// The item-operation tests' view of the shared DynamoDB harness (startDynamoDB): SDK clients plus raw JSON posts.
import * as assert from 'uvu/assert';
import { CreateTableCommand, DynamoDBClient, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBEngine } from '@ack-local/dynamodb';
import { startDynamoDB } from '../../src/dynamodb.js';

export interface ItemsServer {
  url: string;
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  engine: DynamoDBEngine;
  /** POSTs a raw JSON 1.0 body (string or object) and returns status and parsed body. */
  raw(target: string, body: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startItemsServer(): Promise<ItemsServer> {
  const ddb = await startDynamoDB({ ttlSweepIntervalMs: 0 });
  const url = ddb.endpoint;
  return {
    url,
    client: ddb.client,
    doc: ddb.docClient,
    engine: ddb.engine,
    async raw(target, body) {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `DynamoDB_20120810.${target}`,
          authorization:
            'AWS4-HMAC-SHA256 Credential=dummy/20250101/us-west-2/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000',
          'x-amz-date': '20250101T000000Z',
        },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed };
    },
    close: () => ddb.close(),
  };
}

export async function createTable(
  client: DynamoDBClient,
  input: Partial<CreateTableCommandInput> &
    Pick<CreateTableCommandInput, 'TableName' | 'KeySchema' | 'AttributeDefinitions'>,
): Promise<void> {
  await client.send(new CreateTableCommand({ BillingMode: 'PAY_PER_REQUEST', ...input }));
}

/** Awaits a rejection and checks the SDK error's name and (exact) message. Returns the error. */
export async function rejects(promise: Promise<unknown>, name: string, message?: string | RegExp): Promise<any> {
  let error: any;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  assert.ok(error, `expected ${name}${message ? `: ${message}` : ''}, but the call succeeded`);
  assert.is(error.name, name, `error name (message: ${error.message})`);
  if (typeof message === 'string') assert.is(error.message, message);
  else if (message) assert.match(error.message, message);
  return error;
}
