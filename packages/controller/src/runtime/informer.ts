// List-then-watch for one resource type, with a local cache and controller-runtime's GenerationChangedPredicate:
// an object is handed to `onChange` when it appears or its metadata.generation changes (spec edits, and deletion,
// which the apiserver records by setting deletionTimestamp). Status- and annotation-only edits are ignored, which is
// also what stops the controller's own status writes from re-triggering it. The watch resumes from the list's
// resourceVersion; an ERROR event (410 Expired) or a failing watch leads to a fresh list.
import type { GroupVersionResource, KubeObject, ResourceClient, WatchEvent } from '@ack-local/kube-apiserver';

export interface InformerOptions {
  kube: ResourceClient;
  gvr: GroupVersionResource;
  onChange: (object: KubeObject) => void;
  onDelete?: (object: KubeObject) => void;
  logger?: { warn(...a: unknown[]): void };
  /** Delay before re-listing after a watch failure. */
  relistDelayMs?: number;
}

export const objectKey = (namespace: string | undefined, name: string) => (namespace ? `${namespace}/${name}` : name);
export const keyOf = (object: KubeObject) => objectKey(object.metadata.namespace, object.metadata.name!);

export class Informer {
  readonly cache = new Map<string, KubeObject>();
  private stopWatch: (() => void) | undefined;
  private stopped = false;
  private relistTimer: NodeJS.Timeout | undefined;
  private generationOfWatch = 0;

  constructor(private readonly options: InformerOptions) {}

  /** Lists everything (calling onChange for each object), then watches. Resolves after the first list. */
  async start(): Promise<void> {
    await this.listAndWatch();
  }

  stop(): void {
    this.stopped = true;
    this.stopWatch?.();
    if (this.relistTimer) clearTimeout(this.relistTimer);
  }

  private async listAndWatch(): Promise<void> {
    if (this.stopped) return;
    const { kube, gvr } = this.options;
    const list = await kube.list(gvr, undefined);
    const seen = new Set<string>();
    for (const object of list.items) {
      const key = keyOf(object);
      seen.add(key);
      this.observe(object);
    }
    for (const [key, object] of this.cache) {
      if (!seen.has(key)) {
        this.cache.delete(key);
        this.options.onDelete?.(object);
      }
    }
    const watchId = ++this.generationOfWatch;
    try {
      this.stopWatch = kube.watch(
        gvr,
        undefined,
        { resourceVersion: list.metadata.resourceVersion, allowBookmarks: true },
        (event) => {
          if (watchId === this.generationOfWatch) this.handle(event);
        },
      );
    } catch (error) {
      this.options.logger?.warn(`watch ${gvr.resource} failed, re-listing: ${(error as Error).message}`);
      this.scheduleRelist();
    }
  }

  private handle(event: WatchEvent): void {
    if (this.stopped) return;
    switch (event.type) {
      case 'ADDED':
      case 'MODIFIED':
        this.observe(event.object);
        break;
      case 'DELETED': {
        const key = keyOf(event.object);
        this.cache.delete(key);
        this.options.onDelete?.(event.object);
        break;
      }
      case 'ERROR':
        // 410 Expired (history compacted) or any other watch failure: start over from a fresh list.
        this.scheduleRelist();
        break;
      case 'BOOKMARK':
        break;
    }
  }

  /** Watch streams of HTTP-backed clients end; callers may report that here to trigger a re-list. */
  streamEnded(): void {
    this.scheduleRelist();
  }

  private scheduleRelist(): void {
    if (this.stopped) return;
    this.stopWatch?.();
    this.stopWatch = undefined;
    this.generationOfWatch++;
    if (this.relistTimer) return;
    this.relistTimer = setTimeout(() => {
      this.relistTimer = undefined;
      this.listAndWatch().catch((error) => {
        this.options.logger?.warn(`re-list ${this.options.gvr.resource} failed: ${(error as Error).message}`);
        this.scheduleRelist();
      });
    }, this.options.relistDelayMs ?? 100);
    this.relistTimer.unref?.();
  }

  private observe(object: KubeObject): void {
    const key = keyOf(object);
    const before = this.cache.get(key);
    this.cache.set(key, object);
    if (generationChanged(before, object)) this.options.onChange(object);
  }
}

/** controller-runtime's GenerationChangedPredicate, plus deletionTimestamp in case an apiserver forgets to bump generation. */
export function generationChanged(before: KubeObject | undefined, after: KubeObject): boolean {
  if (!before) return true;
  if (before.metadata.generation !== after.metadata.generation) return true;
  return !before.metadata.deletionTimestamp && !!after.metadata.deletionTimestamp;
}
