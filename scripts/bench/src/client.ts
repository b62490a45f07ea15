// A lean DynamoDB wire client on undici: the same bytes go to every target, so differences are the servers'.
import { Pool, type Dispatcher } from 'undici';

export interface WireResponse {
  status: number;
  body: any;
}

// Servers parse but do not verify signatures; dynalite requires X-Amz-Date with an Authorization header.
const AUTH =
  'AWS4-HMAC-SHA256 Credential=AKIDBENCHMARK/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=' +
  '0'.repeat(64);

/** The headers of every benchmark request: the same for every target and for the in-process engine (engine.ts).
 *  `operation` is a DynamoDB operation, or a whole target (`DynamoDBStreams_20120810.GetRecords`). */
export const requestHeaders = (operation: string) => ({
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': operation.includes('.') ? operation : `DynamoDB_20120810.${operation}`,
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

// The client shares the machine with the servers, and its cost per answer lowers every ratio: it should cost as
// little as it can. undici's body.text() joins a large answer's chunks into a fresh Buffer each time, and on VMs a
// fresh megabyte is ~250 page faults (~4 ms here); one scratch buffer, reused, avoids that (~30 % less client time
// per 1 MB Scan page). Decoding is synchronous, so concurrent calls never share the scratch buffer.
let scratch = Buffer.alloc(0);
function utf8Text(chunks: Buffer[], size: number): string {
  if (chunks.length === 1) return chunks[0]!.toString('utf8');
  if (scratch.length < size) scratch = Buffer.allocUnsafeSlow(2 ** Math.ceil(Math.log2(size)));
  let end = 0;
  for (const chunk of chunks) end += chunk.copy(scratch, end);
  return scratch.toString('utf8', 0, end);
}

/** requestHeaders as the flat name, value list undici takes as is, made once per operation. */
const flatHeaders = new Map<string, string[]>();
function wireHeaders(operation: string): string[] {
  let flat = flatHeaders.get(operation);
  if (!flat) {
    flat = Object.entries(requestHeaders(operation)).flat();
    flatHeaders.set(operation, flat);
  }
  return flat;
}

function parseAnswer(text: string): any {
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return { raw: text };
  }
}

export class WireClient extends BenchClient {
  readonly pool: Pool;
  constructor(
    readonly url: string,
    connections = 64,
  ) {
    super();
    this.pool = new Pool(url, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
  }

  // undici's dispatch with a handler of its own: request() wraps every answer in a Readable stream, an async
  // iterator and a headers object, which the benchmark never looks at (status and body text are all it reads).
  // At c=32 against the fastify ceiling this cut the client's CPU from 61–75 to 50–55 µs per request (four
  // alternated rounds). The handler is undici's classic one (onHeaders with raw headers), which its HTTP/1
  // client calls as is; the newer onResponseStart style would be wrapped and given a parsed headers object.
  call(operation: string, payload: string | object): Promise<WireResponse> {
    const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let status = 0;
      this.pool.dispatch({ origin: this.url, path: '/', method: 'POST', headers: wireHeaders(operation), body }, {
        onConnect() {},
        onHeaders(statusCode: number) {
          status = statusCode;
          return true;
        },
        onData(chunk: Buffer) {
          chunks.push(chunk);
          size += chunk.length;
          return true;
        },
        onComplete() {
          resolve({ status, body: parseAnswer(utf8Text(chunks, size)) });
        },
        onError: reject,
      } as Dispatcher.DispatchHandler);
    });
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
