// A deleted 2019.11.21 member leaves its group: the others stop listing it; the last one becomes regional.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openFakeEngine, type FakeEngine } from './support/fake-engine.js';
import { detachDeletedMember } from '../../src/features/global-tables/replica-updates.js';
import { stopReplication } from '../../src/features/global-tables/replication.js';
import type { TableMeta } from '../../src/storage/types.js';

let engine: FakeEngine;
const REGIONS = ['us-west-2', 'eu-west-1', 'us-east-1'];
test.before.each(async () => {
  engine = openFakeEngine();
  for (const region of REGIONS) {
    engine.addTable('carts', region, {
      GlobalTableName: 'carts',
      GlobalTableVersion: '2019.11.21',
      Replicas: REGIONS.filter((r) => r !== region).map((RegionName) => ({ RegionName, ReplicaStatus: 'ACTIVE' })),
    });
  }
  await engine.storage.metadata.globalTables.put({
    GlobalTableName: 'carts',
    accountId: '123456789012',
    GlobalTableArn: 'arn:aws:dynamodb::123456789012:global-table/carts',
    CreationDateTime: 0,
    version: '2019.11.21',
    regions: REGIONS,
  });
});
test.after.each(async () => {
  await stopReplication(engine);
  await engine.close();
});

const table = (region: string) => engine.catalog.get(engine.ctx(region).namespace, 'carts')!;
const remove = (t: TableMeta) => engine.catalog.remove(t);

test('deleting one of three members', async () => {
  const eu = table('eu-west-1');
  remove(eu);
  await detachDeletedMember(engine.ctx('eu-west-1'), eu);
  assert.equal(engine.storage.metadata.globalTables.get('123456789012', 'carts')!.regions, ['us-west-2', 'us-east-1']);
  assert.equal(table('us-west-2').Replicas, [{ RegionName: 'us-east-1', ReplicaStatus: 'ACTIVE' }]);
  assert.equal(table('us-east-1').Replicas, [{ RegionName: 'us-west-2', ReplicaStatus: 'ACTIVE' }]);
});

test('deleting down to one member makes it regional', async () => {
  for (const region of ['eu-west-1', 'us-east-1']) {
    const t = table(region);
    remove(t);
    await detachDeletedMember(engine.ctx(region), t);
  }
  assert.is(engine.storage.metadata.globalTables.get('123456789012', 'carts'), undefined);
  const last = table('us-west-2');
  assert.is(last.Replicas, undefined);
  assert.is(last.GlobalTableVersion, undefined);
  assert.is(last.GlobalTableName, undefined);
});

test.run();
