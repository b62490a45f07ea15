// DynamoDBClient over HTTP (JSON 1.0 + SigV4) for any DynamoDB-compatible endpoint. When no access key is given, the
// target's 12-digit account id is used as the access key id: ack-local's server namespaces tables by such keys
// (as DynamoDB Local does by key), so each account the controller serves gets its own tables.
import aws4 from 'aws4';
import { request } from 'undici';
import { DynamoDBCallError, type DynamoDBClient } from './client.js';

export interface HttpDynamoDBClientOptions {
  endpoint: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** X-Amz-Target prefix: DynamoDB's by default; 'DynamoDBStreams_20120810.' calls DynamoDB Streams. */
  targetPrefix?: string;
}

export function createHttpDynamoDBClient(options: HttpDynamoDBClientOptions): DynamoDBClient {
  const url = new URL(options.endpoint);
  const targetPrefix = options.targetPrefix ?? 'DynamoDB_20120810.';
  return {
    async call<T>(
      operation: string,
      input: Record<string, unknown>,
      target: { region: string; accountId: string },
    ): Promise<T> {
      const body = JSON.stringify(input);
      const signed = aws4.sign(
        {
          host: url.host,
          path: url.pathname || '/',
          method: 'POST',
          service: 'dynamodb',
          region: target.region,
          body,
          headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `${targetPrefix}${operation}` },
        },
        {
          accessKeyId: accessKeyFor(options.accessKeyId, target.accountId),
          secretAccessKey: options.secretAccessKey ?? 'ack-local',
        },
      );
      const response = await request(new URL(url.pathname || '/', url), {
        method: 'POST',
        headers: signed.headers as Record<string, string>,
        body,
      });
      const text = await response.body.text();
      const parsed = parseBody(text);
      if (response.statusCode >= 300) {
        const type = String(parsed.__type ?? `HTTP${response.statusCode}`);
        const message = String(parsed.message ?? parsed.Message ?? text);
        throw new DynamoDBCallError(type.slice(type.lastIndexOf('#') + 1), message);
      }
      return parsed as T;
    },
  };
}

/** DynamoDB answers JSON; a proxy or a wrong endpoint may not. Such bodies surface as the error message. */
function parseBody(text: string): Record<string, unknown> {
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { message: text.slice(0, 500) };
  }
}

function accessKeyFor(configured: string | undefined, accountId: string): string {
  if (configured) return configured;
  return /^\d{12}$/.test(accountId) ? accountId : 'ack-local';
}
