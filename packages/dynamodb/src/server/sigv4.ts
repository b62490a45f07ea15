// Reads who is calling from a SigV4 Authorization header. Signatures are not verified (any secret works, as
// with DynamoDB Local); the credential scope gives the access key id and the region.
import { DynamoDBError } from '../errors.js';

export interface SigV4Identity {
  accessKeyId: string;
  region: string;
}

const incomplete = (message: string) => new DynamoDBError('IncompleteSignatureException', message);

/** Throws MissingAuthenticationToken / IncompleteSignature like DynamoDB's front end. */
export function parseAuthorization(authorization: string | undefined, date: string | undefined): SigV4Identity {
  if (!authorization || !authorization.trimStart().startsWith('AWS4-')) {
    throw new DynamoDBError('MissingAuthenticationTokenException', 'Request is missing Authentication Token');
  }
  const params = parseParams(authorization);
  let missing = '';
  for (const name of ['Credential', 'Signature', 'SignedHeaders']) {
    if (!params.has(name)) missing += `Authorization header requires '${name}' parameter. `;
  }
  if (!date) missing += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  if (missing) throw incomplete(`${missing}Authorization=${authorization}`);
  const credential = params.get('Credential')!.replace(/\/+$/, '');
  const scope = credential.split('/');
  if (scope.length !== 5) {
    throw incomplete(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    );
  }
  return { accessKeyId: scope[0]!, region: scope[2]! };
}

/** "AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=x;y, Signature=z" → Map of the key=value pairs. */
function parseParams(authorization: string): Map<string, string> {
  const params = new Map<string, string>();
  const space = authorization.indexOf(' ');
  if (space < 0) return params;
  for (const part of authorization.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return params;
}
