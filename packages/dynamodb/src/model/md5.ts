// MD5 (RFC 1321) in plain JavaScript, answering only the first 32-bit word of the digest: the placement hash
// (key-hash.ts) keeps just its first 3 bytes. For the short inputs of keys this is about twice as fast as a call
// into node:crypto (no native call, no string or Buffer conversion of the digest); key-hash.ts hands longer inputs
// to node:crypto. test/model/md5.test.ts checks it against node:crypto.
const SHIFTS = [
  7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 4,
  11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
];
const CONSTANTS = Int32Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);
const words = new Int32Array(16);
let padded = new Uint8Array(256);

/** The first digest word of MD5(bytes[0, length)), i.e. digest bytes 0..3 read little-endian. */
export function md5FirstWord(bytes: Uint8Array, length: number): number {
  const blocks = ((length + 8) >> 6) + 1;
  const end = blocks * 64;
  if (padded.length < end) padded = new Uint8Array(end);
  padded.set(bytes.subarray(0, length), 0);
  padded[length] = 0x80;
  padded.fill(0, length + 1, end);
  const bits = length * 8; // inputs are far below 2^29 bytes: the high length word stays 0
  padded[end - 8] = bits & 0xff;
  padded[end - 7] = (bits >>> 8) & 0xff;
  padded[end - 6] = (bits >>> 16) & 0xff;
  padded[end - 5] = (bits >>> 24) & 0xff;
  let a0 = 0x67452301;
  let b0 = 0xefcdab89 | 0;
  let c0 = 0x98badcfe | 0;
  let d0 = 0x10325476;
  for (let offset = 0; offset < end; offset += 64) {
    for (let i = 0; i < 16; i++) {
      const o = offset + 4 * i;
      words[i] = padded[o]! | (padded[o + 1]! << 8) | (padded[o + 2]! << 16) | (padded[o + 3]! << 24);
    }
    let a = a0;
    let b = b0;
    let c = c0;
    let d = d0;
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) & 15;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) & 15;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) & 15;
      }
      const t = (a + f + CONSTANTS[i]! + words[g]!) | 0;
      a = d;
      d = c;
      c = b;
      const s = SHIFTS[i]!;
      b = (b + ((t << s) | (t >>> (32 - s)))) | 0;
    }
    a0 = (a0 + a) | 0;
    b0 = (b0 + b) | 0;
    c0 = (c0 + c) | 0;
    d0 = (d0 + d) | 0;
  }
  return a0 >>> 0;
}
