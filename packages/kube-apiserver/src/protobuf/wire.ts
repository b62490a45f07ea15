// Minimal protocol-buffers wire-format reader: just enough to walk the messages kubectl's typed clients send.
// Unknown fields are kept so callers can ignore them; malformed input throws WireError.

import { setOwn } from '../own-keys.js';

export class WireError extends Error {}

export type WireValue =
  | { field: number; wireType: 0; value: bigint }
  | { field: number; wireType: 1 | 5; value: Buffer }
  | { field: number; wireType: 2; value: Buffer };

const MAX_VARINT_BYTES = 10;

function readVarint(buf: Buffer, start: number): { value: bigint; next: number } {
  let result = 0n;
  let shift = 0n;
  for (let i = 0; i < MAX_VARINT_BYTES; i++) {
    const at = start + i;
    if (at >= buf.length) throw new WireError('truncated varint');
    const byte = buf[at]!;
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return { value: result, next: at + 1 };
    shift += 7n;
  }
  throw new WireError('varint too long');
}

function take(buf: Buffer, at: number, length: number): Buffer {
  if (length < 0 || at + length > buf.length) throw new WireError('truncated field');
  return buf.subarray(at, at + length);
}

/** Splits one message into its top-level fields, in wire order. */
export function readFields(buf: Buffer): WireValue[] {
  const fields: WireValue[] = [];
  let at = 0;
  while (at < buf.length) {
    const key = readVarint(buf, at);
    at = key.next;
    const field = Number(key.value >> 3n);
    const wireType = Number(key.value & 7n);
    if (field === 0) throw new WireError('field number 0');
    switch (wireType) {
      case 0: {
        const v = readVarint(buf, at);
        fields.push({ field, wireType, value: v.value });
        at = v.next;
        break;
      }
      case 1:
      case 5: {
        const size = wireType === 1 ? 8 : 4;
        fields.push({ field, wireType, value: take(buf, at, size) });
        at += size;
        break;
      }
      case 2: {
        const len = readVarint(buf, at);
        const length = Number(len.value);
        fields.push({ field, wireType, value: take(buf, len.next, length) });
        at = len.next + length;
        break;
      }
      default:
        throw new WireError(`unsupported wire type ${wireType}`);
    }
  }
  return fields;
}

/** A decoded message as field number → values (repeated fields keep every occurrence). */
export class Message {
  private readonly byField = new Map<number, WireValue[]>();

  constructor(buf: Buffer) {
    for (const f of readFields(buf)) {
      const list = this.byField.get(f.field) ?? [];
      list.push(f);
      this.byField.set(f.field, list);
    }
  }

  private bytesValues(field: number): Buffer[] {
    return (this.byField.get(field) ?? []).map((f) => {
      if (f.wireType !== 2) throw new WireError(`field ${field}: expected length-delimited`);
      return f.value;
    });
  }

  bytes(field: number): Buffer | undefined {
    return this.bytesValues(field).at(-1);
  }

  string(field: number): string | undefined {
    return this.bytes(field)?.toString('utf8');
  }

  strings(field: number): string[] {
    return this.bytesValues(field).map((b) => b.toString('utf8'));
  }

  message(field: number): Message | undefined {
    const b = this.bytes(field);
    return b === undefined ? undefined : new Message(b);
  }

  messages(field: number): Message[] {
    return this.bytesValues(field).map((b) => new Message(b));
  }

  varint(field: number): bigint | undefined {
    const f = (this.byField.get(field) ?? []).at(-1);
    if (f === undefined) return undefined;
    if (f.wireType !== 0) throw new WireError(`field ${field}: expected varint`);
    return f.value;
  }

  /** map<string, string> / map<string, bytes>: repeated entries {1: key, 2: value}. */
  map<V>(field: number, value: (entry: Message) => V): Record<string, V> {
    const out: Record<string, V> = {};
    // keys are user keys (labels, data): `__proto__` is stored as one
    for (const entry of this.messages(field)) setOwn(out, entry.string(1) ?? '', value(entry));
    return out;
  }
}
