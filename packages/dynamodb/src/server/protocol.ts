// DynamoDB's JSON 1.0 protocol, independent of the HTTP stack: from the request's headers and body text to the
// exact answer (status, content type, body). Checks run in DynamoDB's order: content type, JSON, target, SigV4
// credential scope, then the operation. Both HTTP entry points (the raw listener and the fastify route) use it.
import { crc32 } from 'node:zlib';
import type { DynamoDBEngine } from '../engine.js';
import { DynamoDBError, internal, isDynamoDBError, serialization } from '../errors.js';
import { operations } from '../operations/index.js';
import type { WireBody } from '../operations/wire-body.js';
import { BodyBuffers } from './body-bytes.js';
import { nextRequestId } from './request-id.js';
import { parseAuthorization } from './sigv4.js';
import { unknownOperation } from './unsupported-operation.js';

/** DynamoDB refuses request bodies over 16 MB. */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

const TARGET_PREFIX = 'DynamoDB_20120810.';
const AMZ_JSON = 'application/x-amz-json-1.0';
const JSON_TYPE = 'application/json';
/** What DynamoDB answers for a request that is not a POST of JSON (dynalite recorded the same bytes). */
const NOT_AN_OPERATION = '<UnknownOperationException/>\n';

/** The request headers the protocol reads (node's lower-cased header object fits). */
export interface OperationHeaders {
  'content-type'?: string;
  'x-amz-target'?: string | string[];
  authorization?: string;
  'x-amz-date'?: string | string[];
  date?: string;
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
  body: string,
  onError: (e: unknown) => void,
): Promise<Answer> {
  const requestId = nextRequestId();
  const contentType = mediaType(headers['content-type']);
  if (body !== '' && contentType !== AMZ_JSON && contentType !== JSON_TYPE) return notAnOperation(requestId);
  const responseType = contentType === AMZ_JSON ? AMZ_JSON : JSON_TYPE;
  try {
    const input = parseBody(body);
    const operation = operationOf(headers['x-amz-target']);
    const identity = parseAuthorization(
      headers.authorization,
      (headers['x-amz-date'] ?? headers.date) as string | undefined,
    );
    const ctx = engine.contextFor(identity, requestId);
    return answer(200, requestId, responseType, await engine.dispatchWire(operation, input, ctx));
  } catch (e) {
    if (isDynamoDBError(e)) return errorAnswer(requestId, responseType, e);
    onError(e);
    return errorAnswer(requestId, responseType, internal());
  }
}

/** The answer to a body over MAX_REQUEST_BYTES. */
export const tooLargeAnswer = (): Answer =>
  errorAnswer(nextRequestId(), AMZ_JSON, new DynamoDBError('RequestEntityTooLarge', 'Request entity too large'));

/** The answer to an error outside any operation (a broken connection, a bug in the HTTP layer). */
export const internalErrorAnswer = (): Answer => errorAnswer(nextRequestId(), AMZ_JSON, internal());

/** The answer to anything that is not a POST of JSON. */
export const notAnOperation = (requestId = nextRequestId()): Answer =>
  answer(404, requestId, 'text/plain', NOT_AN_OPERATION);

function parseBody(body: string): unknown {
  if (body === '') throw serialization('Could not parse request body into json: the body is empty');
  try {
    return JSON.parse(body);
  } catch (e) {
    throw serialization(`Could not parse request body into json: ${(e as Error).message}`);
  }
}

function operationOf(target: string | string[] | undefined): string {
  const name = typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  if (!operations.has(name)) throw unknownOperation(name);
  return name;
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
    },
    body,
    ...(release && { release }),
  };
}
