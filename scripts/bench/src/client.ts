// A lean DynamoDB wire client on undici: the same bytes go to every target, so differences are the servers'.
import { Pool } from 'undici';

export interface WireResponse {
  status: number;
  body: any;
}

// Servers parse but do not verify signatures; dynalite requires X-Amz-Date with an Authorization header.
const AUTH =
  'AWS4-HMAC-SHA256 Credential=AKIDBENCHMARK/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=' +
  '0'.repeat(64);

/** The headers of every benchmark request: the same for every target and for the in-process engine (engine.ts). */
export const requestHeaders = (operation: string) => ({
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': `DynamoDB_20120810.${operation}`,
  'x-amz-date': '20260101T000000Z',
  authorization: AUTH,
});

/** What workloads and the load loop need of a client: the wire client, or the in-process one (engine.ts). */
export abstract class BenchClient {
  abstract call(operation: string, payload: string | object): Promise<WireResponse>;

  /** Like call, but throws on a non-200 answer (setup steps). */
  async must(operation: string, payload: object): Promise<any> {
    const r = await this.call(operation, payload);
    if (r.status !== 200) throw new Error(`${operation} → ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    return r.body;
  }
}

export class WireClient extends BenchClient {
  readonly pool: Pool;
  constructor(readonly url: string, connections = 64) {
    super();
    this.pool = new Pool(url, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
  }

  async call(operation: string, payload: string | object): Promise<WireResponse> {
    const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const res = await this.pool.request({
      path: '/',
      method: 'POST',
      headers: requestHeaders(operation),
      body,
    });
    const text = await res.body.text();
    let parsed: any;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = { raw: text };
    }
    return { status: res.statusCode, body: parsed };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
