// A watch as an HTTP response: 200 with headers flushed at once (client-node's informer waits for them),
// one JSON event per line, bookmarks when allowed (periodically and at timeout), closed after timeoutSeconds.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KubeObject, WatchEvent } from '../api.js';
import type { ServedKind } from '../registry/kinds/served-kind.js';
import type { Registry } from '../registry/registry.js';
import { WatchBacklog } from '../watch/watch-backlog.js';
import { startWatch, type ActiveWatch, type WatchSpec } from '../watch/watcher.js';
import { toTable, type TableOptions } from '../table/index.js';

export interface WatchStreamOptions {
  spec: WatchSpec;
  allowBookmarks: boolean;
  timeoutSeconds?: number;
  bookmarkIntervalMs: number;
  /** as=Table: objects are wrapped in Tables, column definitions only in the first event. */
  table?: Omit<TableOptions, 'resourceVersion' | 'now'>;
}

export class WatchStreams {
  private readonly open = new Set<() => void>();

  constructor(
    private readonly registry: Registry,
    /** Bytes queued for slow watchers, bounded per watch and in total (watch/watch-backlog.ts). */
    readonly backlog: WatchBacklog = new WatchBacklog(),
  ) {}

  serve(request: FastifyRequest, reply: FastifyReply, kind: ServedKind, options: WatchStreamOptions): void {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
      'Transfer-Encoding': 'chunked',
    });
    res.flushHeaders();
    let firstTable = true;
    const encode = (event: WatchEvent): WatchEvent => {
      if (!options.table || event.type === 'BOOKMARK' || event.type === 'ERROR') return event;
      const table = toTable(kind.type, [event.object], {
        ...options.table,
        resourceVersion: event.object.metadata.resourceVersion ?? '',
        now: new Date(),
      }) as Record<string, unknown>;
      if (!firstTable) table.columnDefinitions = [];
      firstTable = false;
      return { type: event.type, object: table as unknown as KubeObject };
    };
    let closed = false;
    let watch: ActiveWatch | undefined;
    const timers: NodeJS.Timeout[] = [];
    // `abandon`: the watcher fell too far behind (watch-backlog.ts); destroying the socket frees what was queued
    const close = (abandon = false): void => {
      if (closed) return;
      closed = true;
      watch?.stop();
      timers.forEach((t) => clearTimeout(t));
      this.open.delete(close);
      this.backlog.forget(res);
      if (abandon) res.destroy();
      else res.end();
    };
    const write = (event: WatchEvent): void => {
      if (closed) return;
      res.write(`${JSON.stringify(encode(event))}\n`);
      this.backlog.afterWrite(res, () => close(true));
    };
    // the watched CRD was deleted: end the stream (clients re-list and get 404), deferred out of the delivery
    const active = startWatch(this.registry, options.spec, write, () => setImmediate(() => close()));
    watch = active;
    if (closed) return active.stop(); // abandoned while sending the initial events, before `watch` was assigned
    this.open.add(close);
    request.raw.on('close', () => close());
    res.on('close', () => close());
    if (active.finished) return close();
    if (options.allowBookmarks) timers.push(setInterval(() => active.bookmark(), options.bookmarkIntervalMs));
    // without timeoutSeconds the real server picks a random timeout between 30 and 60 minutes
    const timeout = options.timeoutSeconds || 1800 + Math.floor(Math.random() * 1800);
    timers.push(
      setTimeout(() => {
        if (options.allowBookmarks) active.bookmark();
        close();
      }, timeout * 1000),
    );
  }

  closeAll(): void {
    for (const close of [...this.open]) close();
  }
}
