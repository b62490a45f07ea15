// The small JSONPath subset FieldExport paths use: `.status.tableStatus`, `.spec.tableName`,
// `.status.conditions[0].status`, `.metadata.annotations['a/b']`.
export function readFieldPath(object: unknown, path: string): unknown {
  const segments: (string | number)[] = [];
  const re = /\.([A-Za-z0-9_\-$]+)|\[(\d+)\]|\[['"]([^'"]+)['"]\]/gy;
  const text = path
    .trim()
    .replace(/^\{|\}$/g, '')
    .replace(/^\$/, '');
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = re.exec(text)) !== null) {
    segments.push(match[1] ?? (match[2] !== undefined ? Number(match[2]) : match[3]!));
    consumed = re.lastIndex;
  }
  if (consumed !== text.length || segments.length === 0)
    throw new Error(`unsupported field path ${JSON.stringify(path)}`);
  let value: unknown = object;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** How a field value is written into a ConfigMap/Secret: strings verbatim, everything else as JSON. */
export const stringifyFieldValue = (value: unknown): string =>
  typeof value === 'string' ? value : JSON.stringify(value);
