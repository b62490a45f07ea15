// How Go's encoding/json names a JSON value's type in its decode errors ("json: cannot unmarshal <type> into Go
// ..."), which the apiserver passes on in 400 and 422 answers.
export function goJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}
