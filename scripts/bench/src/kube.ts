// Kube side: how fast the emulated apiserver takes writes and delivers watch events, and how long the
// workshop's `kubectl apply` → ACK.ResourceSynced takes for 100 Tables. ack-local runs as `ack-local up`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool, request } from 'undici';
import { freePort } from './ports.js';
import { percentile } from './loop.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.bench.ack-local.dev' },
  spec: {
    group: 'bench.ack-local.dev',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: { type: 'object', properties: { size: { type: 'integer' }, color: { type: 'string' } } },
              status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
            },
          },
        },
      },
    ],
  },
};

async function waitHttp(url: string, ms = 30_000) {
  const t0 = Date.now();
  for (;;) {
    try {
      const r = await request(url);
      await r.body.dump();
      if (r.statusCode === 200) return;
    } catch {
      /* not yet */
    }
    if (Date.now() - t0 > ms) throw new Error(`${url} not ready`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(2)} ms, p99 ${percentile(s, 99).toFixed(2)} ms`;
};

export async function kubeBench(opts: { count: number; tables: number; log: (s: string) => void }): Promise<string> {
  const { log } = opts;
  const [ddbPort, kubePort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'bench-kube-'));
  const child = spawn(
    process.execPath,
    [
      join(repoRoot, 'packages/cli/bin/ack-local.mjs'),
      'up',
      '--dynamodb-port',
      String(ddbPort),
      '--kube-port',
      String(kubePort),
      '--data-dir',
      dir,
      '--log-level',
      'warn',
      '--controller-time-scale',
      '0.1',
    ],
    { stdio: 'ignore' },
  );
  const base = `http://127.0.0.1:${kubePort}`;
  const out: string[] = ['## Kube side', ''];
  const pool = new Pool(base, { connections: 16 });
  try {
    await waitHttp(`${base}/readyz`);
    const json = async (method: string, path: string, body?: unknown, contentType = 'application/json') => {
      const r = await pool.request({
        method: method as 'GET',
        path,
        headers: { 'content-type': contentType },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.body.text();
      if (r.statusCode >= 300) throw new Error(`${method} ${path} → ${r.statusCode} ${text.slice(0, 200)}`);
      return JSON.parse(text);
    };
    await json('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', JSON.parse(JSON.stringify(CRD)));
    await new Promise((r) => setTimeout(r, 200));
    const coll = '/apis/bench.ack-local.dev/v1/namespaces/default/widgets';

    // A watch, opened before the writes, records when each event arrives.
    const seen = new Map<string, number>();
    const watchRes = await request(`${base}${coll}?watch=true&resourceVersion=`, { method: 'GET' });
    let buf = '';
    watchRes.body.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (!line.trim()) continue;
        const ev = JSON.parse(line);
        seen.set(`${ev.type}/${ev.object.metadata.name}`, performance.now());
      }
    });

    const createLat: number[] = [];
    const sent = new Map<string, number>();
    let t0 = performance.now();
    let next = 0;
    const worker = async (fn: (i: number) => Promise<void>) => {
      while (next < opts.count) await fn(next++);
    };
    await Promise.all(
      Array.from({ length: 16 }, () =>
        worker(async (i) => {
          const name = `w${i}`;
          const s = performance.now();
          sent.set(`ADDED/${name}`, s);
          await json('POST', coll, {
            apiVersion: 'bench.ack-local.dev/v1',
            kind: 'Widget',
            metadata: { name },
            spec: { size: i, color: 'red' },
          });
          createLat.push(performance.now() - s);
        }),
      ),
    );
    const createRate = (opts.count / (performance.now() - t0)) * 1000;
    const patchLat: number[] = [];
    next = 0;
    t0 = performance.now();
    await Promise.all(
      Array.from({ length: 16 }, () =>
        worker(async (i) => {
          const name = `w${i}`;
          const s = performance.now();
          sent.set(`MODIFIED/${name}`, s);
          await json('PATCH', `${coll}/${name}`, { spec: { color: 'blue' } }, 'application/merge-patch+json');
          patchLat.push(performance.now() - s);
        }),
      ),
    );
    const patchRate = (opts.count / (performance.now() - t0)) * 1000;
    await new Promise((r) => setTimeout(r, 500));
    watchRes.body.destroy();
    const eventLat = (type: string) =>
      [...sent]
        .filter(([k]) => k.startsWith(type))
        .map(([k, s]) => (seen.get(k) ?? NaN) - s)
        .filter(Number.isFinite);
    const added = eventLat('ADDED/');
    const modified = eventLat('MODIFIED/');
    out.push(
      `- ${opts.count} custom resources, 16 concurrent clients over HTTP:`,
      `  - create: ${createRate.toFixed(0)}/s, ${stats(createLat)}; watch ADDED delivered for ${added.length}/${opts.count}, ${stats(added)} after the POST was sent`,
      `  - merge patch: ${patchRate.toFixed(0)}/s, ${stats(patchLat)}; watch MODIFIED delivered for ${modified.length}/${opts.count}, ${stats(modified)}`,
    );
    log(out.slice(2).join('\n'));

    // kubectl apply of N Tables → all ACK.ResourceSynced.
    const kubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    if (kubectl.status !== 0) {
      out.push('- ⚠ SKIPPED LOUDLY: kubectl apply → Synced: kubectl is not installed');
    } else {
      const manifest = Array.from(
        { length: opts.tables },
        (_, i) => `apiVersion: dynamodb.services.k8s.aws/v1alpha1
kind: Table
metadata: {name: t${i}, namespace: default}
spec:
  tableName: bench-${i}
  billingMode: PAY_PER_REQUEST
  keySchema: [{attributeName: id, keyType: HASH}]
  attributeDefinitions: [{attributeName: id, attributeType: S}]`,
      ).join('\n---\n');
      const file = join(dir, 'tables.yaml');
      writeFileSync(file, manifest);
      const env = { PATH: process.env.PATH!, HOME: dir, KUBECONFIG: join(dir, 'kubeconfig') };
      const start = performance.now();
      const applied = spawnSync('kubectl', ['apply', '-f', file], { env, encoding: 'utf8' });
      const applyMs = performance.now() - start;
      if (applied.status !== 0) throw new Error(`kubectl apply failed: ${applied.stderr}`);
      let synced = 0;
      while (performance.now() - start < 120_000) {
        const list = await json('GET', '/apis/dynamodb.services.k8s.aws/v1alpha1/namespaces/default/tables');
        synced = list.items.filter((t: any) =>
          t.status?.conditions?.some((c: any) => c.type === 'ACK.ResourceSynced' && c.status === 'True'),
        ).length;
        if (synced === opts.tables) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      const total = performance.now() - start;
      out.push(
        `- \`kubectl apply\` of ${opts.tables} Tables: apply returned in ${applyMs.toFixed(0)} ms; ${synced}/${opts.tables} ACK.ResourceSynced=True after ${total.toFixed(0)} ms (controller time scale 0.1: ACK's 5 s requeue after CREATING is 0.5 s)`,
      );
      log(out[out.length - 1]!);
    }
  } finally {
    await pool.close();
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dir, { recursive: true, force: true });
  }
  return out.join('\n');
}
