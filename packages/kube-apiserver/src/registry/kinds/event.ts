// core/v1 Event: what `kubectl describe` lists with involvedObject.* field selectors.
import type { Strategy } from '../strategy.js';
import { ALL_VERBS, objectRoot, type ServedKind } from './served-kind.js';

const INVOLVED = ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'];

const objectReference = {
  type: 'object',
  properties: Object.fromEntries(INVOLVED.map((f) => [f, { type: 'string' }])),
};
const freeForm = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

const strategy: Strategy = {
  tracksGeneration: false,
  nameRule: 'subdomain',
  fieldLabels: [...INVOLVED.map((f) => `involvedObject.${f}`), 'reason', 'reportingComponent', 'source', 'type'],
  returnDeletedObject: false,
  fields(o) {
    const involved = (o.involvedObject ?? {}) as Record<string, unknown>;
    const source = (o.source ?? {}) as Record<string, unknown>;
    return {
      ...Object.fromEntries(INVOLVED.map((f) => [`involvedObject.${f}`, String(involved[f] ?? '')])),
      reason: String(o.reason ?? ''),
      reportingComponent: String(o.reportingComponent ?? ''),
      source: String(source.component ?? o.reportingComponent ?? ''),
      type: String(o.type ?? ''),
    };
  },
};

export const eventKind: ServedKind = {
  type: {
    group: '',
    version: 'v1',
    resource: 'events',
    singular: 'event',
    kind: 'Event',
    listKind: 'EventList',
    namespaced: true,
    shortNames: ['ev'],
    verbs: ALL_VERBS,
    statusSubresource: false,
    builtin: true,
    schema: objectRoot({
      involvedObject: objectReference,
      related: objectReference,
      reason: { type: 'string' },
      message: { type: 'string' },
      type: { type: 'string' },
      action: { type: 'string' },
      source: { type: 'object', properties: { component: { type: 'string' }, host: { type: 'string' } } },
      firstTimestamp: { type: 'string', nullable: true },
      lastTimestamp: { type: 'string', nullable: true },
      eventTime: { type: 'string', nullable: true },
      count: { type: 'integer' },
      series: freeForm,
      reportingComponent: { type: 'string' },
      reportingInstance: { type: 'string' },
    }),
    printerColumns: [
      { name: 'Type', type: 'string', jsonPath: '.type' },
      { name: 'Reason', type: 'string', jsonPath: '.reason' },
      { name: 'Object', type: 'string', jsonPath: '.involvedObject.name' },
      { name: 'Message', type: 'string', jsonPath: '.message' },
    ],
  },
  strategy,
};
