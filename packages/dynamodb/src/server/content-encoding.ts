// Compressed bodies, both ways.
// Requests: clients compress large bodies (the SDKs' request compression sends `Content-Encoding: gzip`). DynamoDB
// answers a body it cannot decode, or an encoding it does not know, with a 500 (ScyllaDB's test_compressed_request.py,
// run against DynamoDB: garbage encoding, broken and empty gzip all 500). It accepts gzip only; we also accept
// deflate (zlib or raw), which costs nothing and which some HTTP clients send.
// Responses: DynamoDB compresses answers of 4 KB or more with gzip or deflate when the client's Accept-Encoding
// asks for one (test_compressed_response.py, run against DynamoDB: threshold, preference and the parsing of odd
// Accept-Encoding values below). Its x-amz-crc32 is of the compressed bytes (aws-sdk-swift#202, smithy-kotlin#158:
// "The CRC is computed on the response after the response is gziped").
import { deflateSync, gunzipSync, gzipSync, inflateRawSync, inflateSync } from 'node:zlib';

/** The smallest answer DynamoDB compresses. */
export const COMPRESS_FROM_BYTES = 4096;

export type ResponseEncoding = 'gzip' | 'deflate';

/** Thrown for a body whose Content-Encoding cannot be undone (DynamoDB: 500). */
export class UndecodableBody extends Error {}
/** Thrown when the decoded body exceeds the limit (we refuse it as too large; DynamoDB has no such limit). */
export class DecodedBodyTooLarge extends Error {}

/** The request body with its Content-Encoding undone; at most `maxBytes` once decoded. */
export function decodeBody(raw: Buffer, contentEncoding: string, maxBytes: number): Buffer {
  const encoding = contentEncoding.trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return raw;
  const options = { maxOutputLength: maxBytes };
  try {
    if (encoding === 'gzip') return gunzipSync(raw, options);
    if (encoding === 'deflate') return inflateDeflate(raw, options);
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new DecodedBodyTooLarge();
    throw new UndecodableBody(`Content-Encoding ${encoding}: ${(e as Error).message}`);
  }
  throw new UndecodableBody(`unknown Content-Encoding '${contentEncoding}'`);
}

/** "deflate" is zlib-wrapped by the standard, raw by some clients. */
function inflateDeflate(raw: Buffer, options: { maxOutputLength: number }): Buffer {
  try {
    return inflateSync(raw, options);
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw e;
    return inflateRawSync(raw, options);
  }
}

export function compress(body: Buffer | string, encoding: ResponseEncoding): Buffer {
  return encoding === 'gzip' ? gzipSync(body) : deflateSync(body);
}

const ENCODINGS: readonly ResponseEncoding[] = ['gzip', 'deflate'];

/**
 * The encoding an Accept-Encoding header chooses, as DynamoDB chooses it: entries split on ',', the name before
 * ';' compared without case (unknown names and malformed entries ignored, 'identity' never preferred), the first
 * q parameter of an entry counts (clamped to 0..1; an unparsable q leaves the default 1), q=0 refuses; the highest
 * q wins, the earlier entry on a tie, and '*' stands for any encoding not named (gzip first).
 */
export function chooseResponseEncoding(acceptEncoding: string): ResponseEncoding | undefined {
  const quality = new Map<ResponseEncoding | '*', number>();
  let best: ResponseEncoding | '*' | undefined;
  for (const entry of acceptEncoding.split(',')) {
    const [rawName, ...params] = entry.split(';');
    const name = rawName!.trim().toLowerCase();
    if (name !== '*' && name !== 'gzip' && name !== 'deflate') continue;
    const previous = quality.get(name);
    if (previous !== undefined && previous !== 0) continue; // an encoding counts once (unless refused before)
    const q = qualityOf(params);
    quality.set(name, q);
    const bestQ = best === undefined ? 0 : quality.get(best)!;
    // A named encoding takes the place of '*' at equal quality; otherwise only a higher one replaces the best.
    if (q > bestQ || (best === '*' && q > 0 && q >= bestQ)) best = name;
  }
  if (best !== '*') return best;
  const wildcard = quality.get('*')!;
  let chosen: ResponseEncoding | undefined;
  for (const encoding of ENCODINGS) {
    const q = quality.get(encoding) ?? wildcard;
    if (q > 0 && (chosen === undefined || q > (quality.get(chosen) ?? wildcard))) chosen = encoding;
  }
  return chosen;
}

function qualityOf(params: string[]): number {
  for (const param of params) {
    const m = /^\s*q\s*=\s*(.*?)\s*$/i.exec(param);
    if (!m) continue;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(m[1]!)) continue; // unparsable: look for another q, else default 1
    return Math.min(1, Math.max(0, Number(m[1])));
  }
  return 1;
}
