// Reads who is calling from a SigV4 signature: the Authorization header, or the X-Amz-* query-string parameters of
// a presigned request. Only the format is checked here, with DynamoDB's front-end errors (messages recorded by
// dynalite's connection tests against DynamoDB); whether the signature is right is sigv4-verify.ts's business, and
// only under --auth (without it any secret works, as with DynamoDB Local).
import { DynamoDBError } from '../errors.js';

export interface SigV4Identity {
  accessKeyId: string;
  region: string;
}

/** Everything a verifier needs from a well-formed signature. */
export interface SigV4Signature extends SigV4Identity {
  algorithm: string;
  /** The credential scope's five elements: key id, date, region, service, terminator. */
  scope: string[];
  /** As sent: "host;x-amz-date" (split by the verifier only; the usual request never needs it). */
  signedHeaders: string;
  signature: string;
  /** X-Amz-Date (or Date) as sent. */
  date: string;
  /** Query-string (presigned) requests: the signature's lifetime in seconds, and the query without the signature. */
  presigned?: { expiresSeconds: number; query: [string, string][] };
}

const incomplete = (message: string) => new DynamoDBError('IncompleteSignatureException', message);
const missingToken = () =>
  new DynamoDBError('MissingAuthenticationTokenException', 'Request is missing Authentication Token');

const QUERY_PARAMS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date'];

/** The signature of a request, from its Authorization header or its query string. Throws as DynamoDB's front end. */
export function readSignature(
  authorization: string | undefined,
  date: string | undefined,
  url: string | undefined,
): SigV4Signature {
  const q = url === undefined ? -1 : url.indexOf('?');
  const query = q < 0 ? undefined : parseQuery(url!.slice(q + 1));
  if (query?.has('X-Amz-Algorithm')) {
    if (authorization !== undefined) {
      throw new DynamoDBError(
        'InvalidSignatureException',
        "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
      );
    }
    return fromQuery(query);
  }
  return fromHeader(authorization, date);
}

/** The Authorization header form only (kept for callers that have no URL). */
export function parseAuthorization(authorization: string | undefined, date: string | undefined): SigV4Identity {
  const { accessKeyId, region } = fromHeader(authorization, date);
  return { accessKeyId, region };
}

function fromHeader(authorization: string | undefined, date: string | undefined): SigV4Signature {
  if (!authorization || !authorization.trimStart().startsWith('AWS4-')) throw missingToken();
  const params = parseParams(authorization);
  let missing = '';
  for (const name of ['Credential', 'Signature', 'SignedHeaders']) {
    if (!params.has(name)) missing += `Authorization header requires '${name}' parameter. `;
  }
  if (!date) missing += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  if (missing) throw incomplete(`${missing}Authorization=${authorization}`);
  const scope = credentialScope(params.get('Credential')!);
  return {
    accessKeyId: scope[0]!,
    region: scope[2]!,
    algorithm: algorithmOf(authorization),
    scope,
    signedHeaders: params.get('SignedHeaders')!,
    signature: params.get('Signature')!,
    date: date!,
  };
}

function fromQuery(query: Map<string, string>): SigV4Signature {
  let missing = '';
  for (const name of QUERY_PARAMS) {
    if (!query.get(name)) missing += `AWS query-string parameters must include '${name}'. `;
  }
  if (missing) throw incomplete(`${missing}Re-examine the query-string parameters.`);
  const scope = credentialScope(query.get('X-Amz-Credential')!);
  const expires = Number(query.get('X-Amz-Expires') ?? 900);
  return {
    accessKeyId: scope[0]!,
    region: scope[2]!,
    algorithm: query.get('X-Amz-Algorithm')!,
    scope,
    signedHeaders: query.get('X-Amz-SignedHeaders')!,
    signature: query.get('X-Amz-Signature')!,
    date: query.get('X-Amz-Date')!,
    presigned: {
      expiresSeconds: Number.isFinite(expires) ? expires : 900,
      query: [...query].filter(([k]) => k !== 'X-Amz-Signature'),
    },
  };
}

/** "AWS4-HMAC-SHA256 Credential=…" → "AWS4-HMAC-SHA256". */
function algorithmOf(authorization: string): string {
  const trimmed = authorization.trimStart();
  const space = trimmed.search(/\s/);
  return space < 0 ? trimmed : trimmed.slice(0, space);
}

/** "keyid/date/region/service/term" (trailing slashes ignored) → its five elements. */
function credentialScope(credential: string): string[] {
  const trimmed = credential.replace(/\/+$/, '');
  const scope = trimmed.split('/');
  if (scope.length !== 5) {
    throw incomplete(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${trimmed}'`,
    );
  }
  return scope;
}

/** "AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=x;y, Signature=z" → Map of the key=value pairs. */
function parseParams(authorization: string): Map<string, string> {
  const params = new Map<string, string>();
  const space = authorization.indexOf(' ');
  if (space < 0) return params;
  // Commas or white space separate the pairs (clients use either).
  for (const part of authorization.slice(space + 1).split(/[,\s]+/)) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return params;
}

/** The query string's parameters, decoded; a key without '=' has the value ''. */
function parseQuery(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    params.set(decodeQueryPart(key), eq < 0 ? '' : decodeQueryPart(part.slice(eq + 1)));
  }
  return params;
}

function decodeQueryPart(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a stray '%': the signature check will fail on it, not the parser
  }
}
