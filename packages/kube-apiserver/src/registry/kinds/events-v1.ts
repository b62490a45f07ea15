// events.k8s.io/v1 Event: the newer shape of the same events (one storage, as in the real server, where both
// APIs read and write the core/v1 objects). Field mapping from k8s.io/kubernetes pkg/apis/events/v1/conversion.go:
// regarding = involvedObject, note = message, reportingController = reportingComponent, and the core-only fields
// as deprecatedSource / deprecatedFirstTimestamp / deprecatedLastTimestamp / deprecatedCount.
import type { KubeObject } from '../../api.js';
import type { ResourceType } from '../../resource-type.js';
import { eventKind } from './event.js';
import { objectRoot, type ServedKind } from './served-kind.js';

type Fields = Record<string, unknown>;

/** [events.k8s.io/v1 field, core/v1 field], in the order the real server serialises the v1 object. */
const FIELD_MAP: [string, string][] = [
  ['eventTime', 'eventTime'],
  ['series', 'series'],
  ['reportingController', 'reportingComponent'],
  ['reportingInstance', 'reportingInstance'],
  ['action', 'action'],
  ['reason', 'reason'],
  ['regarding', 'involvedObject'],
  ['related', 'related'],
  ['note', 'message'],
  ['type', 'type'],
  ['deprecatedSource', 'source'],
  ['deprecatedFirstTimestamp', 'firstTimestamp'],
  ['deprecatedLastTimestamp', 'lastTimestamp'],
  ['deprecatedCount', 'count'],
];

function fromStored(object: KubeObject): KubeObject {
  const core = object as Fields;
  const out: Fields = { apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: object.metadata };
  for (const [v1, coreField] of FIELD_MAP) {
    if (core[coreField] !== undefined) out[v1] = core[coreField];
    else if (v1 === 'eventTime') out.eventTime = null; // required in v1, serialised as null when unset
  }
  return out as KubeObject;
}

function toStored(object: KubeObject): KubeObject {
  const v1 = object as Fields;
  const out: Fields = { apiVersion: 'v1', kind: 'Event', metadata: object.metadata };
  for (const [v1Field, coreField] of FIELD_MAP) if (v1[v1Field] !== undefined) out[coreField] = v1[v1Field];
  return out as KubeObject;
}

const objectReference = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

/** The core kind's resource (names, verbs, printer columns) in the events.k8s.io group, with the v1 schema. */
const type: ResourceType = {
  ...eventKind.type,
  group: 'events.k8s.io',
  schema: objectRoot({
    eventTime: { type: 'string', nullable: true },
    series: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    reportingController: { type: 'string' },
    reportingInstance: { type: 'string' },
    action: { type: 'string' },
    reason: { type: 'string' },
    regarding: objectReference,
    related: objectReference,
    note: { type: 'string' },
    type: { type: 'string' },
    deprecatedSource: { type: 'object', properties: { component: { type: 'string' }, host: { type: 'string' } } },
    deprecatedFirstTimestamp: { type: 'string', nullable: true },
    deprecatedLastTimestamp: { type: 'string', nullable: true },
    deprecatedCount: { type: 'integer' },
  }),
  storedAs: { group: '', resource: 'events', toStored, fromStored },
};

/** Served over the core/v1 events: the core kind's strategy (field selectors, validation) applies to both. */
export const eventsV1Kind: ServedKind = { type, strategy: eventKind.strategy };
