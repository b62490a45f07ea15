// When an item expires under TTL: its TTL attribute must be a Number holding epoch seconds (DynamoDB ignores
// any other type, and items whose expiry is more than five years in the past).
import type { Item } from '../../model/index.js';
import { attributeOf } from '../../model/attribute-map.js';

export const FIVE_YEARS_SECONDS = 5 * 365 * 24 * 3600;

/** The whole epoch second from which the item counts as expired, or undefined if it never expires. */
export function expiryOf(item: Item | undefined, attributeName: string): number | undefined {
  const value = item && attributeOf(item, attributeName);
  if (!value || !('N' in value)) return undefined;
  const seconds = Number(value.N);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 1e15) return undefined;
  return Math.ceil(seconds);
}

/** Expired at `nowSeconds`, and recent enough for DynamoDB's five-year rule. */
export const isExpired = (expiry: number, nowSeconds: number) =>
  expiry <= nowSeconds && expiry >= nowSeconds - FIVE_YEARS_SECONDS;
