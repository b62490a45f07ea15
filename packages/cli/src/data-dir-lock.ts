// One ack-local per data dir. LMDB lets several processes open one store, so two instances on one data dir would
// both start: two controllers reconciling the same objects, and the second rewriting the kubeconfig to its own
// port. The first to start writes <data-dir>/ack-local.pid (its pid and, once listening, its URLs); a second
// refuses with one line naming the data dir and the running instance. A file left by a process that is gone
// (kill -9, a machine crash, a container restarted with the same pid) is taken over.
import { mkdir, open, readFile, unlink, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { StartupError } from './errors.js';

export interface InstanceInfo {
  pid: number;
  hostname: string;
  startedAt: string;
  dynamodbUrl?: string;
  kubeUrl?: string;
}

export interface DataDirLock {
  readonly path: string;
  /** Adds the URLs once the servers listen, so that a second instance can say where the first one is. */
  update(urls: { dynamodbUrl?: string; kubeUrl?: string }): Promise<void>;
  release(): Promise<void>;
}

export const LOCK_FILE = 'ack-local.pid';

/** Creates the data dir if needed and claims it; a StartupError (one line) when it is not writable or in use. */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true }).catch(async (e) => {
    throw notWritable(dataDir, await trueMkdirError(dataDir, e));
  });
  const path = join(dataDir, LOCK_FILE);
  const info: InstanceInfo = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      const file = await open(path, 'wx', 0o644);
      await file.writeFile(JSON.stringify(info) + '\n');
      await file.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw notWritable(dataDir, e);
      const holder = await readHolder(path);
      if (holder && isRunning(holder)) throw inUse(dataDir, holder);
      await unlink(path).catch(() => {}); // stale: its process is gone
    }
  }
  let current = info;
  return {
    path,
    async update(urls) {
      current = { ...current, ...urls };
      await writeFile(path, JSON.stringify(current) + '\n');
    },
    async release() {
      const holder = await readHolder(path);
      if (holder?.pid === process.pid) await unlink(path).catch(() => {});
    },
  };
}

/** A recursive mkdir on a read-only file system fails with ENOENT; the first missing folder's own mkdir says why. */
async function trueMkdirError(dataDir: string, e: unknown): Promise<unknown> {
  if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return e;
  let missing = dataDir;
  while (!existsSync(dirname(missing)) && dirname(missing) !== missing) missing = dirname(missing);
  return mkdir(missing).then(
    () => e,
    (first: unknown) => first,
  );
}

async function readHolder(path: string): Promise<InstanceInfo | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as InstanceInfo;
    return Number.isInteger(parsed.pid) ? parsed : undefined;
  } catch {
    return undefined; // unreadable or half-written: treated as stale
  }
}

/** Alive, on this machine, not us (a restarted container reuses pid 1), and a Node.js process (pids get reused). */
function isRunning(holder: InstanceInfo): boolean {
  if (holder.pid === process.pid || holder.hostname !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false; // EPERM: alive, another user's
  }
  try {
    return /node|ack-local/.test(readFileSync(`/proc/${holder.pid}/cmdline`, 'utf8'));
  } catch {
    return true; // no /proc (macOS): alive is the best we know
  }
}

function inUse(dataDir: string, holder: InstanceInfo): StartupError {
  const where = [holder.dynamodbUrl && `DynamoDB ${holder.dynamodbUrl}`, holder.kubeUrl && `kube ${holder.kubeUrl}`]
    .filter(Boolean)
    .join(', ');
  return new StartupError(
    `data dir ${dataDir} is in use by another ack-local (pid ${holder.pid}${where ? `, ${where}` : ''}, ` +
      `started ${holder.startedAt}); stop that one first, or give this one another --data-dir (or --in-memory)`,
  );
}

/** The data dir (or its lock file) cannot be created or written: read-only mount, permissions, a file in the way. */
export function notWritable(dataDir: string, e: unknown): StartupError {
  const err = e as NodeJS.ErrnoException;
  const reason = err.code
    ? `${err.code}: ${err.message.replace(/^\w+: /, '').replace(/, \w+ '.*'$/, '')}`
    : err.message;
  return new StartupError(
    `data dir ${dataDir} is not writable (${reason}); choose a writable one with --data-dir, or --in-memory`,
  );
}
