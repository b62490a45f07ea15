// A small seeded PRNG (mulberry32) so property tests are reproducible.
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/** A random in-range DynamoDB number text, canonical or not. */
export function randomNumberText(r: () => number): string {
  const kind = r();
  if (kind < 0.05) return '0';
  const digits = int(r, 1, 38);
  let d = String(int(r, 1, 9));
  for (let i = 1; i < digits; i++) d += String(int(r, 0, 9));
  // Mostly small exponents (lots of collisions in the interesting region), sometimes extremes.
  const exp = r() < 0.8 ? int(r, -5, 5) : int(r, -130, 125 - 0);
  const sign = r() < 0.5 ? '-' : '';
  return `${sign}${d[0]}.${d.slice(1)}e${exp}`.replace('.e', 'e');
}

export function randomString(r: () => number, alphabet: string[]): string {
  const len = int(r, 0, 6);
  let s = '';
  for (let i = 0; i < len; i++) s += alphabet[int(r, 0, alphabet.length - 1)];
  return s;
}
