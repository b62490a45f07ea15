// The nesting bound (src/limits/nesting-depth.ts): a byte scan for JSON text and an explicit-stack walk for
// decoded values, both safe at any depth. The answer is Go's scanner error past its own bound
// ("invalid character '{' exceeded max depth", encoding/json scanner.go).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  excessiveJsonNesting,
  excessiveYamlNesting,
  MAX_NESTING_DEPTH,
  nestsDeeperThan,
  tooDeep,
} from '../../src/limits/nesting-depth.js';

const nested = (n: number, open = '{"a":', close = '}') => `${open.repeat(n)}1${close.repeat(n)}`;

test('JSON text: the limit itself passes, one more level is refused and names the bracket', () => {
  assert.is(excessiveJsonNesting(nested(MAX_NESTING_DEPTH)), undefined);
  assert.is(excessiveJsonNesting(nested(MAX_NESTING_DEPTH + 1)), '{');
  assert.is(excessiveJsonNesting(nested(MAX_NESTING_DEPTH + 1, '[', ']')), '[');
  assert.is(excessiveJsonNesting('['.repeat(3_000_000)), '[', 'a 3 MB body of brackets, no recursion');
});

test('brackets inside strings (escaped quotes included) do not count', () => {
  const text = JSON.stringify({ s: '{'.repeat(5_000) + '\\"[[[' + '['.repeat(5_000) });
  assert.is(excessiveJsonNesting(text), undefined);
});

test('decoded values: measured without recursion', () => {
  let deep: unknown = 'x';
  for (let i = 0; i < 100_000; i++) deep = [deep];
  assert.ok(nestsDeeperThan(deep));
  assert.not.ok(nestsDeeperThan(JSON.parse(nested(MAX_NESTING_DEPTH))));
  assert.ok(nestsDeeperThan(JSON.parse(nested(MAX_NESTING_DEPTH + 1))));
});

test('YAML text: flow brackets, indentation and compact indicators all count; quoted text does not', () => {
  const flow = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;
  assert.not.ok(excessiveYamlNesting(flow(MAX_NESTING_DEPTH)));
  assert.ok(excessiveYamlNesting(flow(MAX_NESTING_DEPTH + 1)));
  assert.ok(excessiveYamlNesting(`${'- '.repeat(MAX_NESTING_DEPTH + 1)}x`));
  assert.ok(excessiveYamlNesting(`a:\n${' '.repeat(MAX_NESTING_DEPTH + 1)}b: 1`));
  assert.ok(excessiveYamlNesting(`${'[\n'.repeat(MAX_NESTING_DEPTH + 1)}`), 'flow depth carries across lines');
  assert.not.ok(excessiveYamlNesting(`a: "${'['.repeat(5_000)}"\nb: '${'{'.repeat(5_000)}' # ${'['.repeat(5_000)}`));
  assert.not.ok(excessiveYamlNesting(`a: don't [x]\nb: [${'1, '.repeat(10_000)}2]`));
  // an ordinary manifest: 2-space indentation, 20 levels
  const manifest = Array.from({ length: 20 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' [1, {a: b}]';
  assert.not.ok(excessiveYamlNesting(manifest));
});

test('the answer: 400 BadRequest in the Go decoder words', () => {
  assert.equal(tooDeep('[').status, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: "couldn't get version/kind; json parse error: invalid character '[' exceeded max depth",
    reason: 'BadRequest',
    code: 400,
  });
});

test.run();
