// Bytes queued for slow watchers (src/watch/watch-backlog.ts): each watch and all watches together are
// bounded; past a bound the watches furthest behind are ended, as the real apiserver's cacher terminates a
// watcher whose buffer is full ("Forcing ... watcher close due to unresponsiveness", cache_watcher.go).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EventEmitter } from 'node:events';
import { WatchBacklog } from '../../src/watch/watch-backlog.js';

class FakeStream extends EventEmitter {
  writableLength = 0;
  ended = false;
  write(bytes: number, backlog: WatchBacklog): void {
    this.writableLength += bytes;
    backlog.afterWrite(this, () => (this.ended = true));
  }
  drain(): void {
    this.writableLength = 0;
    this.emit('drain');
  }
}

test('a watch past its own bound is ended; others are not', () => {
  const backlog = new WatchBacklog({ perWatch: 100, total: 1_000 });
  const slow = new FakeStream();
  const fine = new FakeStream();
  slow.write(60, backlog);
  fine.write(60, backlog);
  assert.not.ok(slow.ended);
  slow.write(60, backlog);
  assert.ok(slow.ended);
  assert.not.ok(fine.ended);
  assert.is(backlog.bufferedBytes, 60);
});

test('past the total bound, the watches furthest behind are ended until the rest fits', () => {
  const backlog = new WatchBacklog({ perWatch: 100, total: 200 });
  const streams = [new FakeStream(), new FakeStream(), new FakeStream()];
  streams[0]!.write(90, backlog);
  streams[1]!.write(50, backlog);
  streams[2]!.write(70, backlog); // 210 > 200: the one 90 behind goes
  assert.equal(
    streams.map((s) => s.ended),
    [true, false, false],
  );
  assert.is(backlog.bufferedBytes, 120);
});

test('a watch that caught up (drain) no longer counts; bytes flushed since are recounted before shedding', () => {
  const backlog = new WatchBacklog({ perWatch: 100, total: 150 });
  const a = new FakeStream();
  const b = new FakeStream();
  a.write(90, backlog);
  a.drain();
  assert.is(backlog.bufferedBytes, 0);
  a.write(80, backlog);
  a.writableLength = 10; // partly flushed, no drain yet
  b.write(80, backlog); // 80 + 80 known > 150, but the recount finds 90: nobody is ended
  assert.not.ok(a.ended);
  assert.not.ok(b.ended);
  assert.is(backlog.bufferedBytes, 90);
});

test.run();
