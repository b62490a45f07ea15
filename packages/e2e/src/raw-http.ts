// One raw HTTP request, for tests where the protocol itself is the subject (exact status codes, Status bodies,
// malformed input no client library would send). Shared by the kube hardening, fuzz and HTTP registry tests.
import { request } from 'undici';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: any;
}

export interface RawRequest {
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  /** Sent with a body (default application/json); '' sends an empty Content-Type header. */
  contentType?: string;
  headers?: Record<string, string>;
}

export async function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  req: RawRequest = {},
): Promise<RawAnswer> {
  const hasBody = req.body !== undefined;
  const res = await request(`${baseUrl}${path}`, {
    method: method as 'GET',
    headers: { ...(hasBody ? { 'content-type': req.contentType ?? 'application/json' } : {}), ...req.headers },
    ...(hasBody ? { body: typeof req.body === 'string' ? req.body : JSON.stringify(req.body) } : {}),
  });
  const text = await res.body.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, headers: res.headers, text, json };
}
