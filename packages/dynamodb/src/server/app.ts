// The fastify app speaking DynamoDB's JSON 1.0 protocol: POST / with X-Amz-Target: DynamoDB_20120810.<Op>.
// POSTs take the raw operation listener (operation-listener.ts) in front of fastify's router, through fastify's
// serverFactory; fastify serves the rest (health checks, 404s) and owns listen/close. The fastify POST route
// answers the same way, for app.inject() and any caller that bypasses the server.
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { crc32 } from 'node:zlib';
import type { DynamoDBEngine } from '../engine.js';
import { operationListener } from './operation-listener.js';
import { busyPoll } from './busy-poll.js';
import { withCors, type CorsOrigins } from './cors.js';
import {
  answerOperation,
  internalErrorAnswer,
  MAX_REQUEST_BYTES,
  notAnOperation,
  tooLargeAnswer,
  type Answer,
} from './protocol.js';
import { logInternalFailure } from './internal-failure.js';
import { nextRequestId } from './request-id.js';
import { SigV4Verifier } from './sigv4-verify.js';

export interface DynamoDBServerOptions {
  engine: DynamoDBEngine;
  /** A pino logger (the CLI's, shared by every component); none = silent. */
  logger?: FastifyBaseLogger | false;
  /** After answering, keep polling for the next request this long before sleeping (busy-poll.ts). Default 300; 0 = off. */
  busyPollUs?: number;
  /** --auth: verify SigV4 signatures against these access key ids and secrets. Default: not verified. */
  credentials?: ReadonlyMap<string, string>;
  /** Origins browsers may call from (cors.ts). Default '*', as DynamoDB Local's -cors; false = no CORS headers. */
  cors?: CorsOrigins | false;
}

export const DEFAULT_BUSY_POLL_US = 300;

export async function createDynamoDBServer(options: DynamoDBServerOptions): Promise<FastifyInstance> {
  const { engine } = options;
  const verifier = options.credentials ? new SigV4Verifier(options.credentials, () => engine.now()) : undefined;
  let logError = (_e: unknown) => {};
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : {}),
    // Per-request lines would drown a workshop terminal (and cost throughput); errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: MAX_REQUEST_BYTES,
    serverFactory(fastifyHandler) {
      const onOperation = operationListener(
        engine,
        (e) => logError(e),
        busyPoll(options.busyPollUs ?? DEFAULT_BUSY_POLL_US),
        verifier,
      );
      return createServer(
        withCors(options.cors ?? '*', (req, res) =>
          req.method === 'POST' ? onOperation(req, res) : fastifyHandler(req, res),
        ),
      );
    },
    clientErrorHandler: answerClientError,
  });
  logError = (e) => logInternalFailure(app.log, e, engine.options.dataDir);
  // Bodies are read as bytes and decoded and parsed by the protocol (malformed JSON is a SerializationException).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  // DynamoDB's health check names the host the request addressed (ScyllaDB's test_health.py, dynalite's
  // connection tests: "healthy: dynamodb.<region>.amazonaws.com "), with a request id and CRC32 as every answer.
  app.get('/', (request, reply) => {
    const healthy = `healthy: ${request.headers.host ?? `dynamodb.${engine.options.region}.amazonaws.com`} `;
    return reply
      .type('text/plain')
      .headers({ 'x-amzn-requestid': nextRequestId(), 'x-amz-crc32': crc32(healthy), server: 'Server' })
      .send(healthy);
  });
  app.get('/healthz', (_request, reply) => reply.type('text/plain').send('ok'));

  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    const body = Buffer.isBuffer(request.body) ? request.body : '';
    const details = { method: 'POST', url: request.url, ...(verifier && { verifier }) };
    const onError = (e: unknown) => logInternalFailure(request.log, e, engine.options.dataDir);
    return send(reply, await answerOperation(engine, request.headers, body, onError, details));
  };
  app.post('/', handle);
  app.post('/*', handle); // DynamoDB ignores the path.

  app.setNotFoundHandler((_request, reply) => send(reply, notAnOperation()));
  app.setErrorHandler((error: Error & { code?: string }, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(reply, tooLargeAnswer());
    request.log.error(error);
    return send(reply, internalErrorAnswer());
  });
  return app;
}

function send(reply: FastifyReply, answer: Answer) {
  if (answer.release) reply.raw.once('finish', answer.release); // see operation-listener.ts send()
  return reply.code(answer.status).headers(answer.headers).send(answer.body);
}

/** DynamoDB answers a request line or header block over 16 KB with a plain 400 (ScyllaDB PR #23442, whose tests
 *  pass against DynamoDB); node's own limit is the same 16 KB, but it would answer 431. Other garbage: 400 too. */
function answerClientError(_error: Error, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
}
