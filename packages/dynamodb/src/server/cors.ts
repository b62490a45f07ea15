// CORS, as DynamoDB Local's `-cors` gives it (on by default with `*`): browser code (the AWS SDK in a page,
// web-based table viewers) may call the server from another origin. A request without an Origin header gets no
// CORS header at all; one with an allowed Origin gets Access-Control-Allow-Origin and DynamoDB's list of exposed
// headers; a preflight (OPTIONS with an Origin) is answered here, echoing the method and headers asked for.
// Evidence for the headers: ScyllaDB Alternator's test/alternator/test_cors.py (run against DynamoDB too) and
// its handle_CORS() in alternator/server.cc, whose Expose-Headers value is noted there as "the list that DynamoDB
// returns". The Max-Age value is not verified against DynamoDB (AWS does not document it); browsers cap it anyway.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Origins allowed: any ('*'), or these exact ones (scheme://host[:port], as browsers send them). */
export type CorsOrigins = '*' | readonly string[];

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

export const CORS_EXPOSE_HEADERS = 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date';
const PREFLIGHT_MAX_AGE_SECONDS = '172800';

/** The listener with CORS in front; `false` leaves it as it is. */
export function withCors(origins: CorsOrigins | false, listener: Listener): Listener {
  if (origins === false) return listener;
  return (req, res) => {
    const allowed = allowedOrigin(origins, req.headers.origin);
    if (allowed === undefined) return listener(req, res);
    res.setHeader('access-control-allow-origin', allowed);
    if (allowed !== '*') res.setHeader('vary', 'Origin'); // the answer depends on who asks
    res.setHeader('access-control-expose-headers', CORS_EXPOSE_HEADERS);
    if (req.method === 'OPTIONS') return answerPreflight(req, res);
    listener(req, res);
  };
}

function allowedOrigin(origins: CorsOrigins, origin: string | undefined): string | undefined {
  if (!origin) return undefined;
  if (origins === '*') return '*';
  return origins.includes(origin) ? origin : undefined;
}

function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  const method = req.headers['access-control-request-method'];
  const headers = req.headers['access-control-request-headers'];
  if (method) res.setHeader('access-control-allow-methods', method);
  if (headers) res.setHeader('access-control-allow-headers', headers);
  res.setHeader('access-control-max-age', PREFLIGHT_MAX_AGE_SECONDS);
  res.writeHead(200, { 'content-length': 0 });
  res.end();
  req.resume(); // a preflight has no body; drain whatever came so the connection stays usable
}
