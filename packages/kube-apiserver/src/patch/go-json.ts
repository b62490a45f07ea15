// JSON encoded the way Go's encoding/json does for unstructured objects: map keys sorted, HTML-sensitive
// characters escaped. kubectl compares last-applied-configuration annotations byte for byte.

export function goJson(value: unknown): string {
  if (value === undefined) return 'undefined';
  return JSON.stringify(sortDeep(value)).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortDeep((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
