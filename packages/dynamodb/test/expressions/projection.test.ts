import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseProjection, projectPaths } from '../../src/expressions/index.js';
import type { Item } from '../../src/model/index.js';
import { throwsValidation, scope } from './helpers.js';

const item: Item = {
  id: { S: 'x' },
  a: {
    M: { b: { S: 'ab' }, c: { L: [{ N: '0' }, { M: { d: { S: 'd1' }, e: { S: 'e1' } } }, { N: '2' }, { N: '3' }] } },
  },
  l: { L: [{ S: 'l0' }, { S: 'l1' }, { S: 'l2' }] },
  'x.y': { S: 'dotted' },
};

const project = (expr: string, names?: Record<string, string>) =>
  parseProjection(expr, scope(undefined, names)).apply(item);

test('top-level and nested paths, list indexes close up, missing left out', () => {
  assert.equal(project('id'), { id: { S: 'x' } });
  assert.equal(project('id, nope'), { id: { S: 'x' } });
  assert.equal(project('a.b'), { a: { M: { b: { S: 'ab' } } } });
  assert.equal(project('l[2], l[0]'), { l: { L: [{ S: 'l0' }, { S: 'l2' }] } });
  assert.equal(project('l[7]'), {});
  assert.equal(project('a.c[1].e, a.c[3], a.b'), {
    a: { M: { c: { L: [{ M: { e: { S: 'e1' } } }, { N: '3' }] }, b: { S: 'ab' } } },
  });
  assert.equal(project('a.nope, a.c[1].nope'), {});
  assert.equal(project('#xy', { '#xy': 'x.y' }), { 'x.y': { S: 'dotted' } });
  assert.equal(project('a[0], l.x'), {});
  const compiled = parseProjection('#a.b, id', scope(undefined, { '#a': 'a' }));
  assert.equal(compiled.paths, [['a', 'b'], ['id']]);
});

test('overlapping and conflicting paths', () => {
  throwsValidation(
    () => project('b[1], b.a, #a.b, a', { '#a': 'a' }),
    'Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a]',
  );
  throwsValidation(
    () => project('a, #a[1]', { '#a': 'a' }),
    'Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, [1]]',
  );
  throwsValidation(
    () => project('id, id'),
    'Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [id], path two: [id]',
  );
  throwsValidation(
    () => project('a.b, #a[1], #b', { '#a': 'a', '#b': '[3]' }),
    'Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [1]]',
  );
  throwsValidation(
    () => project('a.b[1], #a[1], #b', { '#a': 'a', '#b': '[3]' }),
    'Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b, [1]], path two: [a, [1]]',
  );
  throwsValidation(
    () => project('a[3].b, #a.#b.b', { '#a': 'a', '#b': '[3]' }),
    'Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, [3], b], path two: [a, [3], b]',
  );
});

test('projectPaths helper (for UPDATED_OLD / UPDATED_NEW)', () => {
  assert.equal(
    projectPaths(item, [
      ['a', 'b'],
      ['l', 1],
    ]),
    { a: { M: { b: { S: 'ab' } } }, l: { L: [{ S: 'l1' }] } },
  );
});

test.run();
