// Ports checked before anything starts, so that a taken port is one line and nothing half-started (not a DynamoDB
// "ready" line followed by a stack trace from the kube-apiserver's listen).
import { createServer } from 'node:net';
import { StartupError } from './errors.js';

export interface WantedPort {
  port: number;
  /** The flag that sets it, for the message. */
  flag: string;
  what: string;
}

/** Throws a StartupError for the first wanted port that cannot be listened on (0 = any free port: always fine). */
export async function ensurePortsFree(host: string, wanted: readonly WantedPort[]): Promise<void> {
  for (const w of wanted) {
    if (w.port === 0) continue;
    const error = await tryListen(host, w.port);
    if (error) throw portError(host, w, error);
  }
}

function tryListen(host: string, port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (e) => resolve(e as NodeJS.ErrnoException));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

/** The one line for a listen error; other errors pass through unchanged. */
export function portError(host: string, w: WantedPort, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException).code;
  const fix = `pick another with ${w.flag} (0 = any free port)`;
  if (code === 'EADDRINUSE') return new StartupError(`${w.what} port ${w.port} on ${host} is already in use; ${fix}`);
  if (code === 'EACCES') return new StartupError(`${w.what} port ${w.port} on ${host}: permission denied; ${fix}`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return new StartupError(`cannot listen on ${host}: no such local address; check --host`);
  return e;
}
