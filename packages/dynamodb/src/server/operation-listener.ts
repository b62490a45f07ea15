// The hot path: every POST goes straight from node's HTTP server to the protocol, without fastify's request and
// reply objects, content-type parsers and hooks. Those cost ~10 µs of a ~60 µs GetItem (see README
// "Performance"), and a POST to any path is a DynamoDB operation anyway. GET routes (health) stay on fastify.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DynamoDBEngine } from '../engine.js';
import { answerOperation, internalErrorAnswer, MAX_REQUEST_BYTES, tooLargeAnswer, type Answer } from './protocol.js';

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export function operationListener(engine: DynamoDBEngine, logError: (e: unknown) => void): RequestListener {
  return (req, res) => {
    const declared = Number(req.headers['content-length']);
    if (declared > MAX_REQUEST_BYTES) return refuseTooLarge(req, res);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) return refuseTooLarge(req, res); // a chunked body that grew too big
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (res.headersSent) return;
      const body = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8');
      answerOperation(engine, req.headers, body, logError).then(
        (answer) => send(res, answer),
        (e) => { logError(e); send(res, internalErrorAnswer()); },
      );
    });
    req.on('error', () => res.destroy()); // the client went away: nobody to answer
  };
}

/** Answers 413 at once and drains what the client still sends, so it reads the answer instead of a reset. */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse) {
  req.removeAllListeners('data');
  req.resume();
  if (!res.headersSent) send(res, tooLargeAnswer());
}

function send(res: ServerResponse, answer: Answer) {
  if (res.destroyed) return;
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}
