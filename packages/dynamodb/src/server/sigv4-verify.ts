// Verifies a SigV4 signature (--auth): the checks and the words of DynamoDB's front end, in its order (dynalite
// recorded them against DynamoDB: date format, clock skew, 'Host' signed, algorithm, credential scope, key id, then
// the signature itself). Secrets come from --credentials. Signing keys are cached per key, day and region, so a
// verified request costs two SHA-256 and one HMAC beyond the parse.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { DynamoDBError } from '../errors.js';
import type { SigV4Signature } from './sigv4.js';

/** How far a request's date may be from the server's clock (AWS: 15 minutes). */
export const ALLOWED_SKEW_MS = 15 * 60 * 1000;
const ALGORITHM = 'AWS4-HMAC-SHA256';
const SERVICE = 'dynamodb';
const TERMINATOR = 'aws4_request';

export interface SignedRequest {
  method: string;
  /** The request target as sent: path and query. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The body bytes as sent (before any Content-Encoding is undone). */
  body: Buffer | string;
}

const invalid = (message: string) => new DynamoDBError('InvalidSignatureException', message);
const incomplete = (message: string) => new DynamoDBError('IncompleteSignatureException', message);

export class SigV4Verifier {
  readonly #secrets: ReadonlyMap<string, string>;
  readonly #signingKeys = new Map<string, Buffer>();

  constructor(
    secrets: ReadonlyMap<string, string>,
    private readonly now: () => number = Date.now,
  ) {
    this.#secrets = secrets;
  }

  /** Throws DynamoDB's error for anything but a correct, current signature by a known key. */
  verify(signature: SigV4Signature, request: SignedRequest): void {
    const time = parseAmzDate(signature.date);
    this.#checkClock(signature, time);
    const signedHeaders = signature.signedHeaders.toLowerCase().split(';');
    if (!signedHeaders.includes('host')) {
      throw invalid("'Host' must be a 'SignedHeader' in the AWS Authorization.");
    }
    if (signature.algorithm !== ALGORITHM) {
      throw incomplete(`Unsupported AWS 'algorithm': '${signature.algorithm}' (only ${ALGORITHM} for now). `);
    }
    checkScope(signature);
    const secret = this.#secrets.get(signature.accessKeyId);
    if (secret === undefined) {
      throw new DynamoDBError('UnrecognizedClientException', 'The security token included in the request is invalid.');
    }
    const expected = this.#sign(secret, signature, signedHeaders, request);
    const given = Buffer.from(signature.signature, 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      // The newer recorded answers carry only this sentence (older ones appended the canonical request).
      throw invalid(
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret ' +
          'Access Key and signing method. Consult the service documentation for details.',
      );
    }
  }

  #checkClock(signature: SigV4Signature, time: number): void {
    const now = this.now();
    const lifetimeMs = signature.presigned ? signature.presigned.expiresSeconds * 1000 : ALLOWED_SKEW_MS;
    const window = signature.presigned ? `${signature.presigned.expiresSeconds} sec.` : '15 min.';
    if (time < now - lifetimeMs) {
      throw invalid(
        `Signature expired: ${signature.date} is now earlier than ${amzDate(now - lifetimeMs)} (${amzDate(now)} - ${window})`,
      );
    }
    if (time > now + ALLOWED_SKEW_MS) {
      throw invalid(
        `Signature not yet current: ${signature.date} is still later than ${amzDate(now + ALLOWED_SKEW_MS)} ` +
          `(${amzDate(now)} + 15 min.)`,
      );
    }
  }

  #sign(secret: string, signature: SigV4Signature, signedHeaders: string[], request: SignedRequest): Buffer {
    const [, day, region] = signature.scope as [string, string, string, string, string];
    const canonical = canonicalRequest(signature, signedHeaders, request);
    const stringToSign = [ALGORITHM, signature.date, signature.scope.slice(1).join('/'), sha256Hex(canonical)].join(
      '\n',
    );
    const hex = createHmac('sha256', this.#signingKey(secret, day, region))
      .update(stringToSign)
      .digest('hex');
    return Buffer.from(hex, 'utf8');
  }

  #signingKey(secret: string, day: string, region: string): Buffer {
    const cacheKey = `${secret}\u0000${day}\u0000${region}`;
    let key = this.#signingKeys.get(cacheKey);
    if (!key) {
      const hmac = (k: string | Buffer, data: string) => createHmac('sha256', k).update(data).digest();
      key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), SERVICE), TERMINATOR);
      if (this.#signingKeys.size > 1000) this.#signingKeys.clear();
      this.#signingKeys.set(cacheKey, key);
    }
    return key;
  }
}

/** Parses "--credentials KEY:SECRET[,KEY:SECRET…]". Throws a plain Error naming the bad entry. */
export function parseCredentials(list: string): Map<string, string> {
  const secrets = new Map<string, string>();
  for (const entry of list.split(',')) {
    const colon = entry.indexOf(':');
    if (colon <= 0 || colon === entry.length - 1) {
      throw new Error(`--credentials: expected KEY:SECRET, got '${entry}'`);
    }
    secrets.set(entry.slice(0, colon).trim(), entry.slice(colon + 1).trim());
  }
  return secrets;
}

/** The credential scope must name the request's day, the dynamodb service and the aws4_request terminator. */
function checkScope(signature: SigV4Signature): void {
  const [, day, region, service, terminator] = signature.scope as [string, string, string, string, string];
  let problems = '';
  if (!region) problems += `Credential should be scoped to a valid region, not '${region}'. `;
  if (service !== SERVICE) problems += `Credential should be scoped to correct service: '${SERVICE}'. `;
  if (terminator !== TERMINATOR) {
    problems += `Credential should be scoped with a valid terminator: '${TERMINATOR}', not '${terminator}'. `;
  }
  const dateDay = signature.date.slice(0, 8);
  if (day !== dateDay) {
    problems +=
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: ` +
      `'${day}' != '${dateDay}', from '${signature.date}'.`;
  }
  if (problems) throw invalid(problems.trimEnd());
}

const BASIC_FORMAT = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

function parseAmzDate(date: string): number {
  const m = BASIC_FORMAT.exec(date);
  const time = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : NaN;
  if (!Number.isFinite(time)) {
    throw incomplete(
      `Date must be in ISO-8601 'basic format'. Got '${date}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  return time;
}

/** epoch ms → "20240101T000000Z" */
const amzDate = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

function canonicalRequest(signature: SigV4Signature, signedHeaders: string[], request: SignedRequest): string {
  const q = request.url.indexOf('?');
  const path = q < 0 ? request.url : request.url.slice(0, q);
  const query = signature.presigned?.query ?? (q < 0 ? [] : rawQueryPairs(request.url.slice(q + 1)));
  const headers = signedHeaders.map((name) => `${name}:${headerValue(request.headers[name])}\n`).join('');
  return [
    request.method,
    canonicalPath(path),
    canonicalQuery(query),
    headers,
    signedHeaders.join(';'),
    sha256Hex(request.body),
  ].join('\n');
}

/** Every segment URI-encoded once more (SigV4 for services other than S3 encodes the path as sent again). */
const canonicalPath = (path: string) => (path === '' ? '/' : path.split('/').map(uriEncode).join('/'));

function canonicalQuery(pairs: [string, string][]): string {
  return pairs
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function rawQueryPairs(query: string): [string, string][] {
  return query
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      const decode = (s: string) => {
        try {
          return decodeURIComponent(s);
        } catch {
          return s;
        }
      };
      return eq < 0 ? [decode(part), ''] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))];
    });
}

/** RFC 3986 unreserved characters stay; everything else is percent-encoded (what every AWS signer does). */
const uriEncode = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function headerValue(value: string | string[] | undefined): string {
  const values = Array.isArray(value) ? value : [value ?? ''];
  return values.map((v) => v.trim().replace(/\s+/g, ' ')).join(',');
}
