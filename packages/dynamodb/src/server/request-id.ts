// Request ids shaped like DynamoDB's: 52 characters of [A-Z0-9]. A random per-process prefix plus a counter
// keeps them unique without per-request entropy (the request path stays cheap).
import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const prefix = [...randomBytes(40)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
let counter = 0;

export function nextRequestId(): string {
  counter = (counter + 1) % 0x7fffffff;
  return prefix + counter.toString(36).toUpperCase().padStart(12, '0');
}
