// The hot path: every POST goes straight from node's HTTP server to the protocol, without fastify's request and
// reply objects, content-type parsers and hooks. Those cost ~10 µs of a ~60 µs GetItem (see
// docs/performance.md), and a POST to any path is a DynamoDB operation anyway. GET routes (health) stay on fastify.
// Answers leave in bursts: those ready in one event-loop turn are written together at its end. Each socket write
// on loopback wakes the client, and a client woken per answer, only to sleep again before the next, costs the server
// more kernel time than the answer itself (perf: sock_def_readable → the wake-up IPI, 28 % of a Query at c=32).
// Writes were already answered in bursts (their group commit runs at the end of the turn); reads now are too.
// After a burst the loop busy-polls for a moment (busy-poll.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DynamoDBEngine } from '../engine.js';
import { answerOperation, internalErrorAnswer, MAX_REQUEST_BYTES, tooLargeAnswer, type Answer } from './protocol.js';
import type { BusyPoll } from './busy-poll.js';

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export function operationListener(
  engine: DynamoDBEngine,
  logError: (e: unknown) => void,
  poll: BusyPoll,
): RequestListener {
  const sendAtEndOfTurn = answerBurst(poll, logError);
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
        (answer) => sendAtEndOfTurn(res, answer),
        (e) => {
          logError(e);
          sendAtEndOfTurn(res, internalErrorAnswer());
        },
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

/** Queues answers and writes them all at the end of the event-loop turn (setImmediate: after the turn's reads). */
function answerBurst(poll: BusyPoll, logError: (e: unknown) => void): (res: ServerResponse, answer: Answer) => void {
  let queued: [ServerResponse, Answer][] = [];
  const flush = () => {
    const burst = queued;
    queued = [];
    for (const [res, answer] of burst) {
      try {
        send(res, answer);
      } catch (e) {
        // One broken socket must not cost the rest of the burst their answers.
        logError(e);
        res.destroy();
      }
    }
    poll.extend();
  };
  return (res, answer) => {
    if (queued.push([res, answer]) === 1) setImmediate(flush);
  };
}

function send(res: ServerResponse, answer: Answer) {
  if (res.destroyed) return answer.release?.(); // never handed to the socket
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
  // 'finish': the bytes are with the kernel. A response closed before that keeps its buffer out of the pool.
  if (answer.release) res.once('finish', answer.release);
}
