// Run at image build time: the deployed tree's native dependency (lmdb, prebuilt for linux-x64 glibc, chosen by
// its install script, which pnpm 10 runs only because the workspace allows it) must load and store a value.
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// realpath: pnpm links the package from its virtual store, where its own dependencies sit beside it.
const fromDynamodb = createRequire(
  realpathSync(new URL('./node_modules/@ack-local/dynamodb/package.json', import.meta.url)),
);
const entry = fromDynamodb.resolve('lmdb');
const lmdb = await import(entry);
const { version } = JSON.parse(readFileSync(entry.replace(/(node_modules\/lmdb\/).*$/, '$1package.json'), 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'lmdb-check-'));
try {
  const db = lmdb.open({ path: dir });
  await db.put('k', { ok: 1 });
  if (db.get('k')?.ok !== 1) throw new Error('lmdb read back the wrong value');
  await db.close();
  console.log(`lmdb ${version} loads and works (${process.platform}-${process.arch})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
