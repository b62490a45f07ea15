// Shard iterators: `<stream ARN>|1|<base64 of shard id, position, issue time>`, the shape DynamoDB's iterators have
// (the ARN, a version, an opaque part). They are stateless: the position is the next sequence number to read, so an
// iterator survives restarts, and its issue time makes it expire 15 minutes later (API reference, GetShardIterator).
import { validation } from '../errors.js';

export const ITERATOR_LIFETIME_MS = 15 * 60 * 1000;

export interface ShardPosition {
  arn: string;
  shardId: string;
  /** The next sequence number to read. */
  position: number;
  /** Epoch ms. */
  issuedAt: number;
}

const VERSION = '|1|';
const PAYLOAD = /^(shardId-\d{20}-[0-9a-f]{8})\|(\d{1,16})\|(\d{1,16})$/;

export const encodeIterator = (p: ShardPosition): string =>
  p.arn + VERSION + Buffer.from(`${p.shardId}|${p.position}|${p.issuedAt}`).toString('base64');

/** No recorded wording of DynamoDB's answer to an iterator it did not issue: a ValidationException (as
 *  ScyllaDB Alternator's test_get_records_nonexistent_iterator, run against AWS, expects) with our words. */
export function decodeIterator(text: string): ShardPosition {
  const at = text.lastIndexOf(VERSION);
  const payload = at > 0 ? PAYLOAD.exec(Buffer.from(text.slice(at + VERSION.length), 'base64').toString()) : null;
  if (!payload) throw validation('Invalid ShardIterator');
  return {
    arn: text.slice(0, at),
    shardId: payload[1]!,
    position: Number(payload[2]),
    issuedAt: Number(payload[3]),
  };
}
