// Kubernetes Events for what the controller does, so `kubectl describe` shows them. Repeats of the same
// reason+message for the same object are folded into one Event with a count, as client-go's recorder does.
import type { KubeObject, ResourceClient } from '@ack-local/kube-apiserver';

export const EVENT_SOURCE = 'ack-dynamodb-controller';
const EVENTS = { group: '', version: 'v1', resource: 'events' };

export type EventType = 'Normal' | 'Warning';

export class EventRecorder {
  private readonly recent = new Map<string, { name: string; count: number; firstTimestamp: string }>();

  constructor(
    private readonly kube: ResourceClient,
    private readonly logger?: { warn(...a: unknown[]): void },
  ) {}

  async record(object: KubeObject, type: EventType, reason: string, message: string): Promise<void> {
    const namespace = object.metadata.namespace ?? 'default';
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const foldKey = `${object.metadata.uid}|${type}|${reason}|${message}`;
    const seen = this.recent.get(foldKey);
    try {
      if (seen) {
        seen.count++;
        await this.kube.patch(EVENTS, namespace, seen.name, 'merge', { count: seen.count, lastTimestamp: now });
        return;
      }
    } catch {
      // The earlier Event is gone (expired or deleted): fall through and create a new one.
    }
    const name = `${object.metadata.name}.${Date.now().toString(16)}${Math.floor(Math.random() * 0xffff).toString(16)}`;
    const event: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        apiVersion: object.apiVersion,
        kind: object.kind,
        name: object.metadata.name,
        namespace: object.metadata.namespace,
        uid: object.metadata.uid,
        resourceVersion: object.metadata.resourceVersion,
      },
      reason,
      message,
      type,
      source: { component: EVENT_SOURCE },
      reportingComponent: EVENT_SOURCE,
      reportingInstance: EVENT_SOURCE,
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
    };
    try {
      await this.kube.create(EVENTS, namespace, event);
      this.recent.set(foldKey, { name, count: 1, firstTimestamp: now });
      if (this.recent.size > 5000) this.recent.delete(this.recent.keys().next().value!);
    } catch (error) {
      // Events are best effort: a missing events resource must never fail a reconcile.
      this.logger?.warn(
        `event ${reason} for ${namespace}/${object.metadata.name} not recorded: ${(error as Error).message}`,
      );
    }
  }
}
