// Test harness: a DynamoDB server on 127.0.0.1:<random port> over a fresh data dir, with real AWS SDK v3
// clients pointed at it. Stable API, reused by every e2e test that needs DynamoDB:
//   const ddb = await startDynamoDB({ tableDelayMs: 50 });
//   await ddb.client.send(new CreateTableCommand(...));   // DynamoDBClient (region us-west-2, dummy keys)
//   await ddb.docClient.send(new PutCommand(...));        // DynamoDBDocumentClient over the same client
//   const other = ddb.clientFor({ region: 'eu-west-1', accessKeyId: '123456789012' });
//   await ddb.close();                                    // clients, server, engine, temp dir
import { removeScratch, scratchDir } from './scratch.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  createDynamoDBServer,
  openEngine,
  type DynamoDBEngine,
  type DynamoDBServerOptions,
  type EngineOptions,
} from '@ack-local/dynamodb';

export interface StartDynamoDBOptions extends Partial<EngineOptions> {
  /** Reuse a data dir (restart tests). A dir passed here is never deleted by close(). */
  dataDir?: string;
  /** A pino logger for the server; default silent. */
  logger?: DynamoDBServerOptions['logger'];
  /** Region and access key of the default client. Defaults us-west-2 / 'dummy'. */
  clientRegion?: string;
  clientAccessKeyId?: string;
  /** SDK attempts per call for the default client (SDK default 3; 1 = no retries, e.g. of LimitExceeded). */
  clientMaxAttempts?: number;
  /** --auth: the server verifies signatures against these keys and secrets (clients sign with `clientSecret`). */
  credentials?: ReadonlyMap<string, string>;
  /** Secret of the default client (default 'dummy'). */
  clientSecret?: string;
}

export interface ClientIdentity {
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  maxAttempts?: number;
}

export interface DynamoDBHarness {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  port: number;
  dataDir: string;
  engine: DynamoDBEngine;
  app: Awaited<ReturnType<typeof createDynamoDBServer>>;
  client: DynamoDBClient;
  docClient: DynamoDBDocumentClient;
  /** A further client for another region / access key (closed by close()). */
  clientFor(identity: ClientIdentity): DynamoDBClient;
  /** Closes clients, the server and the engine; removes the data dir unless it was passed in. */
  close(): Promise<void>;
}

export async function startDynamoDB(options: StartDynamoDBOptions = {}): Promise<DynamoDBHarness> {
  const {
    dataDir: givenDir,
    logger,
    clientRegion,
    clientAccessKeyId,
    clientMaxAttempts,
    credentials,
    clientSecret,
    ...engineOptions
  } = options;
  const dataDir = givenDir ?? scratchDir('ack-local-ddb-');
  const engine = await openEngine({ sync: 'never', ...engineOptions, dataDir });
  const app = await createDynamoDBServer({ engine, logger: logger ?? false, ...(credentials && { credentials }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const endpoint = `http://127.0.0.1:${port}`;
  const clients: DynamoDBClient[] = [];
  const clientFor = (identity: ClientIdentity) => {
    const client = new DynamoDBClient({
      endpoint,
      region: identity.region ?? 'us-west-2',
      credentials: {
        accessKeyId: identity.accessKeyId ?? 'dummy',
        secretAccessKey: identity.secretAccessKey ?? 'dummy',
      },
      ...(identity.maxAttempts !== undefined ? { maxAttempts: identity.maxAttempts } : {}),
    });
    clients.push(client);
    return client;
  };
  const client = clientFor({
    region: clientRegion,
    accessKeyId: clientAccessKeyId,
    secretAccessKey: clientSecret,
    maxAttempts: clientMaxAttempts,
  });
  const docClient = DynamoDBDocumentClient.from(client);
  let closing: Promise<void> | undefined;
  return {
    endpoint,
    port,
    dataDir,
    engine,
    app,
    client,
    docClient,
    clientFor,
    close() {
      closing ??= (async () => {
        try {
          for (const c of clients) c.destroy();
          await app.close();
          await engine.close();
        } finally {
          if (!givenDir) removeScratch(dataDir);
        }
      })();
      return closing;
    },
  };
}
