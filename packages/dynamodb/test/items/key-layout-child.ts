// Child process of key-layout.test.ts: opens a layout-1 data dir with a tiny migration chunk, reports each committed
// chunk on stdout and, after the chunk given as argv[3], blocks until the parent kills it with SIGKILL (a crash in
// the middle of the migration, between two commits).
import { openStore } from '../../src/storage/store.js';

const [storePath, stopAfter] = [process.argv[2]!, Number(process.argv[3])];
openStore({
  path: storePath,
  sync: 'always',
  keyLayout: {
    chunk: 3,
    afterChunk(copied) {
      process.stdout.write(`copied ${copied}\n`);
      if (copied >= stopAfter) {
        process.stdout.write('waiting for the kill\n');
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
      }
    },
  },
});
process.stdout.write('finished without being killed\n');
