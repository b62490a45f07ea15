// Response bodies. Small ones stay text: node's HTTP layer encodes a string body straight into the socket write,
// together with the headers, so no JS buffer is made for it. Buffer.from would carve each from node's shared 8 KB
// slabs, and at ~1-5 KB per answer that is a fresh slab every few answers: in-process, GSI Query 10 spent 15 % of its
// time in Buffer.from, most of it making slabs (docs/performance.md). Larger ones are written piece by
// piece into a buffer reused from one answer to the next. Fresh memory is what costs: a fresh megabyte, whether a
// joined string (V8's large-object space) or a Buffer (malloc's mmap), is memory the kernel must fault in page by
// page, and on the VMs we measured each fault cost ~20 µs: ~5 ms per fresh megabyte, where the copy itself takes
// ~0.2 ms. In-process, a Query page of 50 1 KB items took 60 µs against 76, a 1 MB Scan page 0.9 ms against 9. A
// pooled buffer returns to the pool once the HTTP layer has handed its bytes to the kernel (the response's
// 'finish'); one never released is garbage collected.
import type { WireBody } from '../operations/wire-body.js';

/** Bodies shorter than this (in UTF-16 units) stay text. Node writes a string body of up to 16 KB together with the
 *  headers (one write); longer ones it encodes into a buffer of its own, which is what the pool avoids. */
export const POOLED_FROM_CHARS = 8 * 1024;
/** Pooled buffers come in powers of two from 128 KB; larger bodies than the largest class are not pooled. */
const MIN_CLASS_BITS = 17;
const MAX_CLASS_BITS = 25;
const COMMA = 0x2c;

export interface BodyBytes {
  /** Text (UTF-8 on the wire) or the exact bytes. */
  bytes: Buffer | string;
  /** Gives the buffer back to the pool: call once `bytes` is no longer referenced (sent, or never to be). */
  release?: () => void;
}

export class BodyBuffers {
  #free: Buffer[][] = Array.from({ length: MAX_CLASS_BITS + 1 }, () => []);
  #pooledBytes = 0;

  /** At most `maxPooledBytes` of idle buffers are kept. */
  constructor(private readonly maxPooledBytes = 32 * 1024 * 1024) {}

  /** Idle pooled bytes (for tests and diagnostics). */
  get pooledBytes(): number {
    return this.#pooledBytes;
  }

  encode(body: WireBody): BodyBytes {
    const chars = body.length;
    if (chars < POOLED_FROM_CHARS) return { bytes: body.text };
    let buffer = this.#acquire(chars + (chars >> 3));
    let end = 0;
    /** Room for `bytes` more: write() silently truncates what does not fit. */
    const reserve = (bytes: number) => {
      if (buffer.length - end >= bytes) return;
      const bigger = this.#acquire(2 * (end + bytes));
      buffer.copy(bigger, 0, 0, end);
      this.#release(buffer);
      buffer = bigger;
    };
    const append = (text: string) => {
      if (buffer.length - end < text.length * 3) reserve(Buffer.byteLength(text, 'utf8'));
      end += buffer.write(text, end, 'utf8');
    };
    for (const piece of body.pieces) {
      if (typeof piece === 'string') {
        append(piece);
        continue;
      }
      piece.forEach((item, i) => {
        if (i > 0) {
          reserve(1);
          buffer[end++] = COMMA;
        }
        append(item);
      });
    }
    const pooled = buffer;
    let released = false;
    const release = () => {
      // Twice would put the buffer in the pool twice, and two answers would share it.
      if (!released) this.#release(pooled);
      released = true;
    };
    return { bytes: pooled.subarray(0, end), release };
  }

  #acquire(minBytes: number): Buffer {
    const bits = Math.max(MIN_CLASS_BITS, Math.ceil(Math.log2(minBytes)));
    if (bits > MAX_CLASS_BITS) return Buffer.allocUnsafeSlow(minBytes);
    const reused = this.#free[bits]!.pop();
    if (reused) {
      this.#pooledBytes -= reused.length;
      return reused;
    }
    return Buffer.allocUnsafeSlow(2 ** bits);
  }

  #release(buffer: Buffer): void {
    const bits = Math.log2(buffer.length);
    if (!Number.isInteger(bits) || bits < MIN_CLASS_BITS || bits > MAX_CLASS_BITS) return;
    if (this.#pooledBytes + buffer.length > this.maxPooledBytes) return;
    this.#free[bits]!.push(buffer);
    this.#pooledBytes += buffer.length;
  }
}
