// The controller's writes carry the field manager the real ACK controller's do (`controller`, its binary's name,
// which the apiserver takes from the User-Agent), and its log lines give requeue delays as Go durations.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKubeApiServer } from '@ack-local/kube-apiserver';
import { CONTROLLER_FIELD_MANAGER, withFieldManager } from '../src/runtime/field-manager.js';
import { goDuration } from '../src/runtime/go-duration.js';

const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps' };

test('writes through withFieldManager are managed by "controller"; an explicit manager still wins', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'field-manager-'));
  const kube = await createKubeApiServer({ dataDir });
  try {
    const client = withFieldManager(kube.client);
    const created = await client.create(CONFIGMAPS, 'default', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'a' },
      data: { k: 'v' },
    });
    const managers = (created.metadata.managedFields as { manager: string }[]).map((m) => m.manager);
    assert.equal(managers, [CONTROLLER_FIELD_MANAGER]);
    const patched = await client.patch(
      CONFIGMAPS,
      'default',
      'a',
      'merge',
      { data: { x: 'y' } },
      { fieldManager: 'me' },
    );
    assert.ok((patched.metadata.managedFields as { manager: string }[]).some((m) => m.manager === 'me'));
  } finally {
    await kube.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('goDuration formats as Go time.Duration.String()', () => {
  assert.is(goDuration(36_000_000), '10h0m0s');
  assert.is(goDuration(10_000), '10s');
  assert.is(goDuration(90_000), '1m30s');
  assert.is(goDuration(500), '500ms');
  assert.is(goDuration(1_500), '1.5s');
  assert.is(goDuration(0), '0s');
});

test.run();
