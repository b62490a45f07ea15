// DynamoDB's JSON 1.0 protocol, independent of the HTTP stack: from the request's headers and body bytes to the
// exact answer (status, content type, body). Checks run in DynamoDB's order (dynalite's connection tests, recorded
// against DynamoDB): content type, the body's encoding and JSON (a body that is not JSON is refused before anything
// else), target, SigV4 (format always; the signature itself under --auth), an empty body, then the operation. So a
// request without Authorization is MissingAuthenticationTokenException even with an empty body. Both HTTP entry
// points (the raw listener and the fastify route) use it.
import { crc32 } from 'node:zlib';
import type { DynamoDBEngine } from '../engine.js';
import { DynamoDBError, internal, isDynamoDBError, serialization } from '../errors.js';
import { operations } from '../operations/index.js';
import type { WireBody } from '../operations/wire-body.js';
import { BodyBuffers } from './body-bytes.js';
import {
  chooseResponseEncoding,
  compress,
  COMPRESS_FROM_BYTES,
  decodeBody,
  DecodedBodyTooLarge,
  UndecodableBody,
} from './content-encoding.js';
import { nextRequestId } from './request-id.js';
import { readSignature } from './sigv4.js';
import type { SigV4Verifier } from './sigv4-verify.js';
import { STREAMS_OPERATION_PREFIX } from '../streams/operations/index.js';
import { unknownOperation } from './unsupported-operation.js';

/** DynamoDB refuses request bodies over 16 MB. */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

const TARGET_PREFIX = 'DynamoDB_20120810.';
/** DynamoDB Streams' target, on the same port (as DynamoDB Local serves it): its operations' registry names. */
const STREAMS_TARGET_PREFIX = 'DynamoDBStreams_20120810.';
const AMZ_JSON = 'application/x-amz-json-1.0';
const JSON_TYPE = 'application/json';
/** What DynamoDB answers for a request that is not a POST of JSON (dynalite recorded the same bytes). */
const NOT_AN_OPERATION = '<UnknownOperationException/>\n';
/** DynamoDB's answers carry a Server header (ScyllaDB's test_http_headers.py checks it is there on AWS). */
const SERVER = 'Server';

/** The request headers the protocol reads (node's lower-cased header object fits). */
export interface OperationHeaders {
  'content-type'?: string;
  'content-encoding'?: string;
  'accept-encoding'?: string;
  'x-amz-target'?: string | string[];
  authorization?: string;
  'x-amz-date'?: string | string[];
  date?: string;
  host?: string;
  [name: string]: string | string[] | undefined;
}

/** What else the protocol may know of the request. */
export interface RequestDetails {
  /** Method and target as sent (default POST /): presigned requests carry their signature in the query. */
  method?: string;
  url?: string;
  /** Verifies signatures (--auth); without one any signature of the right form is accepted. */
  verifier?: SigV4Verifier;
}

export interface Answer {
  status: number;
  headers: Record<string, string | number>;
  /** Small bodies are text (send it as UTF-8: content-length and x-amz-crc32 are of its UTF-8 bytes), large ones bytes. */
  body: Buffer | string;
  /** Large bodies live in a reused buffer: call this once `body` has been handed to the kernel ('finish'). */
  release?: () => void;
}

/** One pool for every server in the process: it only holds idle buffers (body-bytes.ts). */
const bodyBuffers = new BodyBuffers();

/** Answers one operation; never throws (an unexpected error becomes InternalServerError, passed to onError). */
export async function answerOperation(
  engine: DynamoDBEngine,
  headers: OperationHeaders,
  body: Buffer | string,
  onError: (e: unknown) => void,
  details: RequestDetails = {},
): Promise<Answer> {
  const requestId = nextRequestId();
  const contentType = mediaType(headers['content-type']);
  if (body.length !== 0 && contentType !== AMZ_JSON && contentType !== JSON_TYPE) return notAnOperation(requestId);
  const responseType = contentType === AMZ_JSON ? AMZ_JSON : JSON_TYPE;
  const acceptEncoding = headers['accept-encoding'];
  try {
    const text = bodyText(body, headers['content-encoding']);
    const input = text === '' ? undefined : parseJson(text);
    const operation = operationOf(headers['x-amz-target']);
    const date = headers['x-amz-date'] ?? headers.date;
    const signature = readSignature(headers.authorization, typeof date === 'string' ? date : undefined, details.url);
    details.verifier?.verify(signature, { method: details.method ?? 'POST', url: details.url ?? '/', headers, body });
    if (input === undefined) throw serialization('');
    if (input === null || typeof input !== 'object') throw serialization('Unexpected field type');
    const ctx = engine.contextFor(signature, requestId);
    if (headers.host) ctx.endpoint = headers.host;
    const result = await engine.dispatchWire(operation, input, ctx);
    return encodeFor(acceptEncoding, answer(200, requestId, responseType, result));
  } catch (e) {
    if (isDynamoDBError(e)) return encodeFor(acceptEncoding, errorAnswer(requestId, responseType, e));
    if (e instanceof DecodedBodyTooLarge) return tooLargeAnswer();
    // DynamoDB answers a body it cannot decode with a 500 (content-encoding.ts); it is the client's fault, not ours.
    if (!(e instanceof UndecodableBody)) onError(e);
    return errorAnswer(requestId, responseType, internal());
  }
}

/** The body as text, its Content-Encoding undone. */
function bodyText(body: Buffer | string, contentEncoding: string | undefined): string {
  if (typeof body === 'string') return body;
  const decoded = contentEncoding ? decodeBody(body, contentEncoding, MAX_REQUEST_BYTES) : body;
  return decoded.toString('utf8');
}

/** The answer to a body over MAX_REQUEST_BYTES. */
export const tooLargeAnswer = (): Answer =>
  errorAnswer(nextRequestId(), AMZ_JSON, new DynamoDBError('RequestEntityTooLarge', 'Request entity too large'));

/** The answer to an error outside any operation (a broken connection, a bug in the HTTP layer). */
export const internalErrorAnswer = (): Answer => errorAnswer(nextRequestId(), AMZ_JSON, internal());

/** The answer to anything that is not a POST of JSON. */
export const notAnOperation = (requestId = nextRequestId()): Answer =>
  answer(404, requestId, 'text/plain', NOT_AN_OPERATION);

/** DynamoDB answers a body that is not JSON with a bare SerializationException (no message; dynalite recorded it). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw serialization('');
  }
}

function operationOf(target: string | string[] | undefined): string {
  const name = typeof target !== 'string' ? '' : registryName(target);
  if (!operations.has(name)) throw unknownOperation(name);
  return name;
}

function registryName(target: string): string {
  if (target.startsWith(TARGET_PREFIX)) return target.slice(TARGET_PREFIX.length);
  if (target.startsWith(STREAMS_TARGET_PREFIX)) {
    return STREAMS_OPERATION_PREFIX + target.slice(STREAMS_TARGET_PREFIX.length);
  }
  return '';
}

const mediaType = (header: string | undefined) => {
  if (!header) return '';
  const semicolon = header.indexOf(';');
  return (semicolon < 0 ? header : header.slice(0, semicolon)).trim().toLowerCase();
};

/** The error body: {"__type": "<namespace>#<Name>", "message": "..."}; no message when DynamoDB sends none. */
function errorAnswer(requestId: string, contentType: string, error: DynamoDBError): Answer {
  const json = error.toJSON();
  if (json.message === '') delete json.message;
  if (json.Message === '') delete json.Message;
  return answer(error.status, requestId, contentType, JSON.stringify(json));
}

/** The body with its length and CRC32 in UTF-8 bytes (the SDKs verify x-amz-crc32 against what they receive). */
function answer(status: number, requestId: string, contentType: string, content: string | WireBody): Answer {
  const { bytes: body, release } =
    typeof content === 'string' ? { bytes: content, release: undefined } : bodyBuffers.encode(content);
  const length = typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length;
  return {
    status,
    headers: {
      'content-type': contentType,
      'content-length': length,
      'x-amzn-requestid': requestId,
      'x-amz-crc32': crc32(body),
      server: SERVER,
    },
    body,
    ...(release && { release }),
  };
}

/** The answer compressed when the client accepts it and it is large enough, as DynamoDB does (content-encoding.ts). */
function encodeFor(acceptEncoding: string | undefined, plain: Answer): Answer {
  if (!acceptEncoding) return plain;
  const length = plain.headers['content-length'] as number;
  const encoding = length >= COMPRESS_FROM_BYTES ? chooseResponseEncoding(acceptEncoding) : undefined;
  if (!encoding) return plain;
  const body = compress(plain.body, encoding);
  plain.release?.();
  return {
    status: plain.status,
    headers: {
      ...plain.headers,
      'content-encoding': encoding,
      'content-length': body.length,
      'x-amz-crc32': crc32(body), // of the bytes sent, as DynamoDB's
    },
    body,
  };
}
