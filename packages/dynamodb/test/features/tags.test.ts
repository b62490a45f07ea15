import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { errorOf, openFakeEngine, type FakeEngine } from './support/fake-engine.js';

let engine: FakeEngine;
let arn: string;
test.before.each(() => {
  engine = openFakeEngine();
  arn = engine.addTable('orders').TableArn;
});
test.after.each(async () => engine.close());

const call = (op: string, input: unknown, region = 'us-west-2') => engine.dispatch(op, input, engine.ctx(region));

test('tags are added, overwritten in place, listed and removed', async () => {
  await call('TagResource', {
    ResourceArn: arn,
    Tags: [
      { Key: 'env', Value: 'dev' },
      { Key: 'team', Value: 'a' },
    ],
  });
  await call('TagResource', { ResourceArn: arn, Tags: [{ Key: 'env', Value: 'prod' }] });
  assert.equal(await call('ListTagsOfResource', { ResourceArn: arn }), {
    Tags: [
      { Key: 'env', Value: 'prod' },
      { Key: 'team', Value: 'a' },
    ],
  });
  await call('UntagResource', { ResourceArn: arn, TagKeys: ['env', 'absent'] });
  assert.equal(await call('ListTagsOfResource', { ResourceArn: arn }), { Tags: [{ Key: 'team', Value: 'a' }] });
});

test('tag validation messages, checked before the table lookup', async () => {
  const missingArn = arn.replace('orders', 'missing');
  const cases: [unknown, string][] = [
    [{ Tags: [] }, 'Invalid TableArn'],
    [{ ResourceArn: missingArn, Tags: [] }, 'Atleast one Tag needs to be provided as Input.'],
    [{ ResourceArn: missingArn, Tags: [{ Key: '', Value: 'v' }] }, 'The Tag Key provided is invalid, Key: '],
    [
      { ResourceArn: arn, Tags: [{ Key: 'k'.repeat(129), Value: 'v' }] },
      `The Tag Key provided is invalid, Key: ${'k'.repeat(129)}`,
    ],
    [{ ResourceArn: arn, Tags: [{ Key: 'k' }] }, 'The Tag Value provided is invalid, Value: null'],
    [
      { ResourceArn: arn, Tags: [{ Key: 'k', Value: 'v'.repeat(257) }] },
      `The Tag Value provided is invalid, Value: ${'v'.repeat(257)}`,
    ],
    [{ ResourceArn: arn, Tags: [{ Key: 'aws:x', Value: 'v' }] }, 'Tag Key cannot be prefixed with aws:, Key: aws:x'],
    [
      {
        ResourceArn: arn,
        Tags: [
          { Key: 'd', Value: '1' },
          { Key: 'd', Value: '2' },
        ],
      },
      'Duplicate Tag Keys provided as input: Duplicate Tag Key found d',
    ],
    [
      { ResourceArn: 'orders', Tags: [{ Key: 'k', Value: 'v' }] },
      "One or more parameter values were invalid: ARNs must start with 'arn:': orders",
    ],
    [
      { ResourceArn: arn.replace('us-west-2', 'eu-west-1'), Tags: [{ Key: 'k', Value: 'v' }] },
      `Invalid TableArn: Invalid ResourceArn provided as input ${arn.replace('us-west-2', 'eu-west-1')}`,
    ],
    [
      { ResourceArn: `${arn}/index/gsi`, Tags: [{ Key: 'k', Value: 'v' }] },
      `One or more parameter values were invalid: Invalid resource arn provided, only table or stream is accepted. Provided resource arn: ${arn}/index/gsi`,
    ],
  ];
  for (const [input, message] of cases) {
    const err = await errorOf(() => call('TagResource', input));
    assert.is(err.code, 'ValidationException', message);
    assert.is(err.message, message);
  }
});

test('a missing table is ResourceNotFoundException naming the ARN', async () => {
  const missingArn = arn.replace('orders', 'missing');
  for (const [op, input] of [
    ['TagResource', { ResourceArn: missingArn, Tags: [{ Key: 'k', Value: 'v' }] }],
    ['UntagResource', { ResourceArn: missingArn, TagKeys: ['k'] }],
    ['ListTagsOfResource', { ResourceArn: missingArn }],
  ] as const) {
    const err = await errorOf(() => call(op, input));
    assert.is(err.code, 'ResourceNotFoundException');
    assert.is(err.message, `Requested resource not found: ResourceArn: ${missingArn} not found`);
  }
});

test('a CREATING table cannot be tagged yet', async () => {
  const creating = engine.addTable('fresh', 'us-west-2', { TableStatus: 'CREATING' });
  const err = await errorOf(() =>
    call('TagResource', { ResourceArn: creating.TableArn, Tags: [{ Key: 'k', Value: 'v' }] }),
  );
  assert.is(err.code, 'ResourceNotFoundException');
});

test('at most 50 tags per resource, counting the existing ones', async () => {
  const tags = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ Key: `k${i + from}`, Value: 'v' }));
  await call('TagResource', { ResourceArn: arn, Tags: tags(50) });
  const err = await errorOf(() => call('TagResource', { ResourceArn: arn, Tags: tags(1, 50) }));
  assert.is(err.message, 'Number of Tags exceed the current limit for the provided ResourceArn');
  await call('TagResource', { ResourceArn: arn, Tags: [{ Key: 'k0', Value: 'overwritten' }] });
  const listed = (await call('ListTagsOfResource', { ResourceArn: arn })) as { Tags: unknown[]; NextToken?: string };
  assert.is(listed.Tags.length, 50);
  assert.is(listed.NextToken, undefined);
  const untag = await errorOf(() => call('UntagResource', { ResourceArn: arn, TagKeys: tags(51).map((t) => t.Key) }));
  assert.is(untag.message, 'Number of Tags exceed the current limit for the provided ResourceArn');
  const empty = await errorOf(() => call('UntagResource', { ResourceArn: arn, TagKeys: [] }));
  assert.is(empty.message, 'Atleast one Tag Key needs to be provided as Input.');
});

test('tables of another region are invisible through a same-name ARN of this region', async () => {
  const other = engine.addTable('elsewhere', 'eu-west-1');
  const sameNameHere = other.TableArn.replace('eu-west-1', 'us-west-2');
  const err = await errorOf(() => call('ListTagsOfResource', { ResourceArn: sameNameHere }));
  assert.is(err.code, 'ResourceNotFoundException');
  assert.equal(await call('ListTagsOfResource', { ResourceArn: other.TableArn }, 'eu-west-1'), { Tags: [] });
});

test.run();
