// A restore cut short by a restart is finished at the next start; a deleted table's feature records are reclaimed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openFakeEngine, type FakeEngine } from './support/fake-engine.js';
import { allItems, putItems } from '../../src/storage/items.js';
import { restoredTableMeta, resumeRestores } from '../../src/features/backups/restore.js';
import { forgetTableFeatures } from '../../src/operations/features/support/forget-table.js';
import { META, prefixEnd } from '../../src/storage/metadata/keys.js';
import { stopTtl } from '../../src/features/ttl/service.js';

let engine: FakeEngine;
test.before.each(() => {
  engine = openFakeEngine();
});
test.after.each(async () => {
  await stopTtl(engine);
  await engine.close();
});

test('resumeRestores copies the backup into a table left CREATING and lets it settle', async () => {
  const source = engine.addTable('src');
  const items = Array.from({ length: 1200 }, (_, i) => ({ id: { S: `k${i}` }, n: { N: String(i) } }));
  await putItems(engine.storage, source, items, 'user');
  const backup = await engine.storage.metadata.backups.snapshot(source, `${source.TableArn}/backup/1`, 'b1', 0);
  assert.is(backup.ItemCount, 1200);
  assert.is(backup.chunks, 3);

  const ctx = engine.ctx();
  const target = restoredTableMeta(ctx, backup, 'dst', {});
  engine.catalog.put(target);
  await engine.storage.metadata.tableSettings.putRestoreSummary(target.id, {
    SourceBackupArn: backup.BackupArn,
    SourceTableArn: source.TableArn,
    RestoreDateTime: 0,
    RestoreInProgress: true,
  });
  assert.is(engine.catalog.get(ctx.namespace, 'dst')!.settlesAt, Number.MAX_SAFE_INTEGER, 'never settles on its own');

  await resumeRestores(engine);
  const restored = engine.catalog.get(ctx.namespace, 'dst')!;
  assert.ok(restored.settlesAt! <= engine.now());
  assert.is([...allItems(engine.storage.store, restored)].length, 1200);
  assert.is(engine.storage.metadata.tableSettings.restoreSummary(target.id)?.RestoreInProgress, false);
});

test('forgetTableFeatures removes a table’s insights, PITR, restore and TTL records', async () => {
  const table = engine.addTable('gone', 'us-west-2', { TimeToLive: { AttributeName: 'exp', Enabled: true } });
  const ctx = engine.ctx();
  await engine.dispatch('UpdateContributorInsights', { TableName: 'gone', ContributorInsightsAction: 'ENABLE' }, ctx);
  await engine.dispatch(
    'UpdateContinuousBackups',
    {
      TableName: 'gone',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 7 },
    },
    ctx,
  );
  await putItems(engine.storage, table, [{ id: { S: 'a' }, exp: { N: '1' } }], 'user');
  await engine.storage.store.writes.settled();
  const ownKeys = () =>
    [...engine.storage.store.meta.getKeys({ start: 'f:', end: prefixEnd('f:') })].filter(
      (k) => !String(k).startsWith(META.backup),
    );
  assert.ok(ownKeys().length >= 2);
  await forgetTableFeatures(engine, table);
  await engine.storage.store.writes.settled();
  assert.equal(ownKeys(), []);
});

test.run();
