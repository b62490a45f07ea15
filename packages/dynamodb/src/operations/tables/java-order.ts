// Some DynamoDB messages list names out of a java.util.HashSet, so their order is Java's bucket order.
// Reproducing it keeps messages byte-identical (e.g. "keys used: [a, sk, pk]").

function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** The iteration order of `new HashSet<>(names)` (default capacity 16, load factor 0.75). */
export function javaHashSetOrder(names: Iterable<string>): string[] {
  const unique = [...new Set(names)];
  let capacity = 16;
  while (unique.length > capacity * 0.75) capacity *= 2;
  const bucketOf = (name: string) => {
    const h = javaStringHash(name);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return unique
    .map((name, insertion) => ({ name, bucket: bucketOf(name), insertion }))
    .sort((a, b) => a.bucket - b.bucket || a.insertion - b.insertion)
    .map((e) => e.name);
}
