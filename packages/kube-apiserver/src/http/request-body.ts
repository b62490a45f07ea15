// Request bodies by Content-Type: JSON (and the JSON patch flavours), YAML (apply patches, plain writes) and
// kubectl's protobuf envelope. Malformed bodies are 400 BadRequest; unknown media types 415. Bodies nesting
// deeper than limits/nesting-depth.ts allows are refused here, before any recursive code sees them.
import { parse as parseYaml } from 'yaml';
import type { PatchType } from '../api.js';
import { StatusError, badRequest, unsupportedMediaType } from '../errors.js';
import { excessiveJsonNesting, excessiveYamlNesting, nestsDeeperThan, tooDeep } from '../limits/nesting-depth.js';
import { decodeProtobufObject } from '../protobuf/index.js';

const PATCH_TYPES: Record<string, PatchType> = {
  'application/merge-patch+json': 'merge',
  'application/json-patch+json': 'json',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
  'application/apply-patch+cbor': 'apply',
};

export const mediaType = (contentType: string | undefined): string =>
  (contentType ?? '').split(';')[0]!.trim().toLowerCase();

export const patchTypeOf = (contentType: string | undefined): PatchType | undefined =>
  PATCH_TYPES[mediaType(contentType)];

function parseJson(text: string): unknown {
  const opening = excessiveJsonNesting(text);
  if (opening) throw tooDeep(opening);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(e as Error).message}`);
  }
}

function parseYamlBody(text: string): unknown {
  if (excessiveYamlNesting(text)) throw tooDeep('{', 'error converting YAML to JSON: ');
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (e) {
    // the YAML parser recurses per nesting level: a deep enough document runs out of stack
    if (e instanceof RangeError) throw tooDeep('{', 'error converting YAML to JSON: ');
    throw badRequest(`error converting YAML to JSON: ${(e as Error).message}`);
  }
  if (nestsDeeperThan(parsed)) throw tooDeep();
  return parsed;
}

/** The body of a create/update (POST/PUT). */
export function decodeObjectBody(contentType: string | undefined, body: Buffer | undefined): unknown {
  const type = mediaType(contentType);
  const raw = body ?? Buffer.alloc(0);
  if (raw.length === 0) throw badRequest('the body of the request was empty');
  if (type === 'application/json' || type === '') return parseJson(raw.toString('utf8'));
  if (type === 'application/yaml' || type === 'application/x-yaml' || type === 'text/yaml')
    return parseYamlBody(raw.toString('utf8'));
  if (type === 'application/vnd.kubernetes.protobuf') {
    try {
      const decoded = decodeProtobufObject(raw);
      if (nestsDeeperThan(decoded)) throw tooDeep();
      return decoded;
    } catch (e) {
      if (e instanceof StatusError) throw e;
      throw badRequest(`the body of the request could not be decoded as protobuf: ${(e as Error).message}`);
    }
  }
  throw unsupportedMediaType(
    `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`,
  );
}

/** The body of a PATCH, by patch type (apply patches may be YAML or JSON). */
export function decodePatchBody(patchType: PatchType, body: Buffer | undefined): unknown {
  const text = (body ?? Buffer.alloc(0)).toString('utf8');
  if (!text.trim()) throw badRequest('the body of the request was empty');
  if (patchType !== 'apply') return parseJson(text);
  // JSON is YAML: an apply body in JSON (what most clients send) takes the JSON parser, which has no stack limit
  return /^\s*\{/.test(text) && isJson(text) ? parseJson(text) : parseYamlBody(text);
}

function isJson(text: string): boolean {
  if (excessiveJsonNesting(text)) return true; // parseJson refuses it in Go's words
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
