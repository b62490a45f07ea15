// The fastify app speaking DynamoDB's JSON 1.0 protocol: POST / with X-Amz-Target: DynamoDB_20120810.<Op>.
// A thin adapter over engine.dispatch(): read the body as a string, check content type, JSON, target and
// SigV4 credential scope in DynamoDB's order, then answer with the exact bytes, their CRC32 and a request id.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { crc32 } from 'node:zlib';
import type { DynamoDBEngine } from '../engine.js';
import { DynamoDBError, internal, isDynamoDBError, serialization } from '../errors.js';
import { operations } from '../operations/index.js';
import { nextRequestId } from './request-id.js';
import { parseAuthorization } from './sigv4.js';

export interface DynamoDBServerOptions {
  engine: DynamoDBEngine;
  /** fastify logger option (pino); false to silence. */
  /** A pino logger (the CLI's, shared by every component); none = silent. */
  logger?: FastifyBaseLogger | false;
}

/** DynamoDB refuses request bodies over 16 MB. */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

const TARGET_PREFIX = 'DynamoDB_20120810.';
const AMZ_JSON = 'application/x-amz-json-1.0';
const JSON_TYPE = 'application/json';
/** What DynamoDB answers for a request that is not a POST of JSON (dynalite recorded the same bytes). */
const NOT_AN_OPERATION = '<UnknownOperationException/>\n';

export async function createDynamoDBServer(options: DynamoDBServerOptions): Promise<FastifyInstance> {
  const { engine } = options;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : {}),
    // Per-request lines would drown a workshop terminal (and cost throughput); errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: MAX_REQUEST_BYTES,
  });
  // Bodies are read as strings and parsed here, so malformed JSON becomes a SerializationException.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  const healthy = `healthy: dynamodb.${engine.options.region}.amazonaws.com `;
  app.get('/', (_request, reply) => reply.type('text/plain').send(healthy));
  app.get('/healthz', (_request, reply) => reply.type('text/plain').send('ok'));

  const handle = (request: FastifyRequest, reply: FastifyReply) => handleOperation(engine, request, reply);
  app.post('/', handle);
  app.post('/*', handle); // DynamoDB ignores the path.

  app.setNotFoundHandler((_request, reply) => sendNotAnOperation(reply, nextRequestId()));
  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, request, reply) => {
    const requestId = nextRequestId();
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(reply, requestId, AMZ_JSON, new DynamoDBError('RequestEntityTooLarge', 'Request entity too large'));
    }
    request.log.error(error);
    return sendError(reply, requestId, AMZ_JSON, internal());
  });
  return app;
}

async function handleOperation(engine: DynamoDBEngine, request: FastifyRequest, reply: FastifyReply) {
  const requestId = nextRequestId();
  const body = typeof request.body === 'string' ? request.body : '';
  const contentType = mediaType(request.headers['content-type']);
  if (body !== '' && contentType !== AMZ_JSON && contentType !== JSON_TYPE) return sendNotAnOperation(reply, requestId);
  const responseType = contentType === AMZ_JSON ? AMZ_JSON : JSON_TYPE;
  try {
    const input = parseBody(body);
    const operation = operationOf(request.headers['x-amz-target']);
    const headers = request.headers;
    const identity = parseAuthorization(headers.authorization, (headers['x-amz-date'] ?? headers.date) as string | undefined);
    const ctx = engine.contextFor(identity, requestId);
    const result = await engine.dispatch(operation, input, ctx);
    return send(reply, 200, requestId, responseType, JSON.stringify(result ?? {}));
  } catch (e) {
    if (isDynamoDBError(e)) return sendError(reply, requestId, responseType, e);
    request.log.error(e);
    return sendError(reply, requestId, responseType, internal());
  }
}

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
  if (!operations.has(name)) throw new DynamoDBError('UnknownOperationException', '');
  return name;
}

const mediaType = (header: string | undefined) => {
  if (!header) return '';
  const semicolon = header.indexOf(';');
  return (semicolon < 0 ? header : header.slice(0, semicolon)).trim().toLowerCase();
};

/** The error body: {"__type": "<namespace>#<Name>", "message": "..."}; no message when DynamoDB sends none. */
function sendError(reply: FastifyReply, requestId: string, contentType: string, error: DynamoDBError) {
  const json = error.toJSON();
  if (json.message === '') delete json.message;
  return send(reply, error.status, requestId, contentType, JSON.stringify(json));
}

function sendNotAnOperation(reply: FastifyReply, requestId: string) {
  return send(reply, 404, requestId, 'text/plain', NOT_AN_OPERATION);
}

/** Sends exact bytes with their CRC32 (the SDKs verify x-amz-crc32 against what they receive). */
function send(reply: FastifyReply, status: number, requestId: string, contentType: string, text: string) {
  const bytes = Buffer.from(text, 'utf8');
  return reply
    .code(status)
    .headers({ 'content-type': contentType, 'x-amzn-requestid': requestId, 'x-amz-crc32': String(crc32(bytes)) })
    .send(bytes);
}
