// DynamoDB's request-validation texts (coral's constraint validator), as the service prints them.

/** Java-style rendering of a member value inside "Value '<v>' at ...". */
export function renderValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(renderValue).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${renderValue(v)}`)
      .join(',')}}`;
  }
  return String(value);
}

export const notNull = (path: string) =>
  `Value null at '${path}' failed to satisfy constraint: Member must not be null`;

export const constraint = (value: unknown, path: string, rule: string) =>
  `Value '${renderValue(value)}' at '${path}' failed to satisfy constraint: ${rule}`;

export const rules = {
  minLength: (n: number) => `Member must have length greater than or equal to ${n}`,
  maxLength: (n: number) => `Member must have length less than or equal to ${n}`,
  minimum: (n: number) => `Member must have value greater than or equal to ${n}`,
  maximum: (n: number) => `Member must have value less than or equal to ${n}`,
  pattern: (p: string) => `Member must satisfy regular expression pattern: ${p}`,
  enumSet: (values: readonly unknown[]) => `Member must satisfy enum value set: [${values.join(', ')}]`,
};

/** "1 validation error detected: a" / "3 validation errors detected: a; b; c". */
export const summary = (errors: string[]) =>
  `${errors.length} validation error${errors.length === 1 ? '' : 's'} detected: ${errors.join('; ')}`;

/** DynamoDB reports at most this many constraint violations per request. */
export const MAX_REPORTED_ERRORS = 10;
