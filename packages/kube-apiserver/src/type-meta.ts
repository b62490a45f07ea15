// TypeMeta (apiVersion, kind) as Go declares it: two strings. Shared by every decoder of request bodies
// (writes and apply patches).
import { badRequest } from './errors.js';
import { goJsonType } from './go-json.js';

/** apiVersion and kind are Go strings: anything else fails the decoder that reads them first (before the kind
 *  is known), in its words. Never String() them: an object whose own `toString` is data would throw. */
export function checkTypeMetaTypes(object: Record<string, unknown>): void {
  for (const field of ['apiVersion', 'kind']) {
    const value = object[field];
    if (value !== undefined && value !== null && typeof value !== 'string')
      throw badRequest(
        `couldn't get version/kind; json parse error: json: cannot unmarshal ${goJsonType(value)} into Go struct field .${field} of type string`,
      );
  }
}
