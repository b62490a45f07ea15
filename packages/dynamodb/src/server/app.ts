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

export interface DynamoDBServerOptions {
  engine: DynamoDBEngine;
  /** A pino logger (the CLI's, shared by every component); none = silent. */
  logger?: FastifyBaseLogger | false;
  /** After answering, keep polling for the next request this long before sleeping (busy-poll.ts). Default 300; 0 = off. */
  busyPollUs?: number;
  /** Origins browsers may call from (cors.ts). Default '*', as DynamoDB Local's -cors; false = no CORS headers. */
  cors?: CorsOrigins | false;
}

export const DEFAULT_BUSY_POLL_US = 300;

export async function createDynamoDBServer(options: DynamoDBServerOptions): Promise<FastifyInstance> {
  const { engine } = options;
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
      );
      return createServer(
        withCors(options.cors ?? '*', (req, res) =>
          req.method === 'POST' ? onOperation(req, res) : fastifyHandler(req, res),
        ),
      );
    },
  });
  logError = (e) => app.log.error(e);
  // Bodies are read as strings and parsed by the protocol, so malformed JSON becomes a SerializationException.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  const healthy = `healthy: dynamodb.${engine.options.region}.amazonaws.com `;
  app.get('/', (_request, reply) => reply.type('text/plain').send(healthy));
  app.get('/healthz', (_request, reply) => reply.type('text/plain').send('ok'));

  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    const body = typeof request.body === 'string' ? request.body : '';
    return send(reply, await answerOperation(engine, request.headers, body, (e) => request.log.error(e)));
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
