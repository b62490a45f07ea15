// Stream sequence numbers: one counter per data dir, so they grow within a shard, across a shard's roll-over and
// across restarts (the counter resumes above the highest number the streams sub-database holds). On the wire they
// are decimal digit strings, as DynamoDB's are (the API reference: 21 to 40 characters; some consumers compare
// them as big integers): a leading 1, then the counter on 20 digits.

const DIGITS = 20;
const WIRE = /^1\d{20}$/;

export const formatSequenceNumber = (seq: number): string => '1' + String(seq).padStart(DIGITS, '0');

/** The counter value of a wire sequence number; undefined when it is none of ours. */
export function parseSequenceNumber(text: string): number | undefined {
  if (!WIRE.test(text)) return undefined;
  const seq = Number(text.slice(1));
  return Number.isSafeInteger(seq) ? seq : undefined;
}
