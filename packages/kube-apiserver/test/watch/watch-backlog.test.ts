// Bytes queued for slow watchers (src/watch/watch-backlog.ts): each watch and all watches together are
// bounded; past a bound the watches furthest behind are ended, as the real apiserver's cacher terminates a
// watcher whose buffer is full ("Forcing ... watcher close due to unresponsiveness", cache_watcher.go).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WatchBacklog } from '../../src/watch/watch-backlog.js';

class FakeStream {
  writableLength = 0;
  ended = false;
  write(bytes: number, backlog: WatchBacklog): void {
    this.writableLength += bytes;
    backlog.afterWrite(this, () => (this.ended = true));
  }
}
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

test('a watch past its own bound is ended; others are not', async () => {
  const backlog = new WatchBacklog({ perWatch: 100, total: 1_000 });
  const slow = new FakeStream();
  const fine = new FakeStream();
  slow.write(60, backlog);
  fine.write(60, backlog);
  slow.write(60, backlog);
  assert.not.ok(slow.ended, 'nothing is decided before the writes had a chance to leave');
  await nextTurn();
  assert.ok(slow.ended);
  assert.not.ok(fine.ended);
  assert.is(backlog.bufferedBytes, 60);
});

test('past the total bound, the watches furthest behind are ended until the rest fits', async () => {
  const backlog = new WatchBacklog({ perWatch: 100, total: 200 });
  const streams = [new FakeStream(), new FakeStream(), new FakeStream()];
  streams[0]!.write(90, backlog);
  streams[1]!.write(50, backlog);
  streams[2]!.write(70, backlog); // 210 > 200: the one 90 behind goes
  await nextTurn();
  assert.equal(
    streams.map((s) => s.ended),
    [true, false, false],
  );
  assert.is(backlog.bufferedBytes, 120);
});

test('a burst that readers take in time ends nobody; only what is still queued counts', async () => {
  const backlog = new WatchBacklog({ perWatch: 100, total: 150 });
  const readers = [new FakeStream(), new FakeStream(), new FakeStream()];
  for (const r of readers) r.write(90, backlog); // 270 queued for a moment
  for (const r of readers) r.writableLength = 0; // handed to the sockets before the check
  await nextTurn();
  assert.equal(
    readers.map((s) => s.ended),
    [false, false, false],
  );
  assert.is(backlog.bufferedBytes, 0);
});

test.run();
