// Watchers that stop reading are ended once too much is queued for them, alone or together
// (kube-apiserver src/watch/watch-backlog.ts), while a watcher that keeps reading gets every event. The real
// apiserver terminates a watcher whose buffer is full ("Forcing ... watcher close due to unresponsiveness",
// k8s.io/apiserver storage/cacher/cache_watcher.go): the stream ends without an ERROR event and the client
// re-watches from its last resourceVersion. Small limits here; the defaults are 32 MiB per watch, 128 MiB in all.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { connect, type Socket } from 'node:net';
import { request } from 'undici';
import { startKube, type KubeHarness } from '../../src/kube.js';

const CM = '/api/v1/namespaces/default/configmaps';
const MiB = 1024 * 1024;

let kube: KubeHarness;
test.before(async () => {
  // one watch may queue 64 MiB (never reached here); all of them together 2 MiB
  kube = await startKube({ watchBacklog: { perWatch: 64 * MiB, total: 2 * MiB } });
});
test.after(async () => {
  await kube.close();
});

/**
 * A watch over a raw socket that stops reading (its kernel buffers fill, then the server's). `received` counts
 * the bytes it reads once resumed; `closed` settles when the server's end of the stream reaches it.
 */
function stalledWatch(): Promise<{ socket: Socket; closed: Promise<void>; received: () => number }> {
  const { port } = new URL(kube.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(`GET ${CM}?watch=true HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
      // read the status line, then stop reading for good
      socket.once('data', (chunk) => {
        if (!chunk.toString('latin1').startsWith('HTTP/1.1 200')) return reject(new Error(chunk.toString()));
        socket.pause();
        socket.on('data', (more: Buffer) => (received += more.length));
        resolve({ socket, closed, received: () => received });
      });
    });
    let received = 0;
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('error', () => {}); // the server destroys the connection: ECONNRESET is expected
  });
}

/** A watch that reads everything: counts ADDED events until it has seen `count` of them. */
async function readingWatch(count: number): Promise<{ seen: Promise<number> }> {
  const res = await request(`${kube.url}${CM}?watch=true&resourceVersion=0`);
  assert.is(res.statusCode, 200);
  const seen = (async () => {
    let seen = 0;
    let pending = '';
    for await (const chunk of res.body) {
      pending += chunk.toString();
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (JSON.parse(line).type === 'ADDED') seen++;
      }
      if (seen >= count) {
        res.body.destroy();
        break;
      }
    }
    return seen;
  })();
  return { seen };
}

test('stalled watches are ended once their backlogs together pass the bound; a reading watch gets everything', async () => {
  const stalled = await Promise.all([stalledWatch(), stalledWatch(), stalledWatch()]);
  const N = 40;
  const reader = await readingWatch(N);
  const big = 'x'.repeat(900_000);
  // ~36 MB for each stalled watch: far more than loopback socket buffers hold, so Node has to queue the rest
  for (let i = 0; i < N; i++) {
    const res = await request(`${kube.url}${CM}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ metadata: { name: `big-${i}` }, data: { v: big } }),
    });
    assert.is(res.statusCode, 201);
    await res.body.dump();
  }
  const failAfter = (ms: number) =>
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('stalled watch not ended')), ms).unref());
  // a stalled client learns of the end only when it reads again: it finds the stream cut short
  for (const s of stalled) s.socket.resume();
  await Promise.race([Promise.all(stalled.map((s) => s.closed)), failAfter(60_000)]);
  for (const s of stalled) assert.ok(s.received() < (N / 2) * big.length, `cut short: ${s.received()} bytes`);
  assert.is(await reader.seen, N, 'the reading watch saw every object');
  // the server is fine: lists, and a new watch starts
  const list = await request(`${kube.url}${CM}?limit=1`);
  assert.is(list.statusCode, 200);
  await list.body.dump();
  const again = await readingWatch(1);
  assert.is(await again.seen, 1);
});

test.run();
