// Column definitions and cell values of meta.k8s.io/v1 Tables, per kind, as the real apiserver prints them.
import type { KubeObject } from '../api.js';
import type { PrinterColumn, ResourceType } from '../resource-type.js';
import { ageOf } from './human-duration.js';
import { compileJsonPath } from './jsonpath.js';

export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

/** A table layout: its columns and how to compute one row's cells. */
export interface Printer {
  columns: ColumnDefinition[];
  cells(object: KubeObject, now: Date): unknown[];
}

const NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
const CREATION_DESCRIPTION =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

const column = (name: string, type: string, description = '', priority = 0, format = ''): ColumnDefinition => ({
  name,
  type,
  format,
  description,
  priority,
});
const nameColumn = column('Name', 'string', NAME_DESCRIPTION, 0, 'name');
const ageColumn = column('Age', 'string', CREATION_DESCRIPTION);

const field = (obj: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), obj);
const countKeys = (v: unknown): number => (v && typeof v === 'object' ? Object.keys(v).length : 0);

/** The generic apiserver printer (rest.NewDefaultTableConvertor): what `kubectl get crd` shows. */
const defaultPrinter: Printer = {
  columns: [nameColumn, column('Created At', 'date', CREATION_DESCRIPTION)],
  cells: (o) => [
    o.metadata.name,
    o.metadata.creationTimestamp
      ? new Date(o.metadata.creationTimestamp).toISOString().replace(/\.\d{3}Z$/, 'Z')
      : null,
  ],
};

const builtinPrinters: Record<string, Printer> = {
  Namespace: {
    columns: [nameColumn, column('Status', 'string', 'The status of the namespace'), ageColumn],
    cells: (o, now) => [o.metadata.name, field(o, 'status', 'phase') ?? '', ageOf(o.metadata.creationTimestamp, now)],
  },
  ConfigMap: {
    columns: [nameColumn, column('Data', 'string', 'Data contains the configuration data.'), ageColumn],
    cells: (o, now) => [
      o.metadata.name,
      countKeys(o.data) + countKeys(o.binaryData),
      ageOf(o.metadata.creationTimestamp, now),
    ],
  },
  Secret: {
    columns: [
      nameColumn,
      column('Type', 'string', 'Used to facilitate programmatic handling of secret data.'),
      column('Data', 'string', 'Data contains the secret data.'),
      ageColumn,
    ],
    cells: (o, now) => [
      o.metadata.name,
      o.type ?? 'Opaque',
      countKeys(o.data),
      ageOf(o.metadata.creationTimestamp, now),
    ],
  },
  Service: {
    columns: [
      nameColumn,
      column('Type', 'string', 'The type of the service.'),
      column('Cluster-IP', 'string', 'The IP address of the service.'),
      column('External-IP', 'string', 'The external IP addresses of the service.'),
      column('Port(s)', 'string', 'The ports of the service.'),
      ageColumn,
      column('Selector', 'string', 'The selector of the service.', 1),
    ],
    cells: (o, now) => [
      o.metadata.name,
      field(o, 'spec', 'type') ?? 'ClusterIP',
      field(o, 'spec', 'clusterIP') ?? '<none>',
      '<none>',
      servicePorts(field(o, 'spec', 'ports')),
      ageOf(o.metadata.creationTimestamp, now),
      '<none>',
    ],
  },
  Pod: {
    columns: [
      nameColumn,
      column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
      column('Status', 'string', 'The aggregate status of the containers in this pod.'),
      column('Restarts', 'string', 'The number of times the containers in this pod have been restarted.'),
      ageColumn,
    ],
    cells: (o, now) => [o.metadata.name, '0/0', 'Pending', '0', ageOf(o.metadata.creationTimestamp, now)],
  },
  Event: {
    columns: [
      column('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
      column('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
      column(
        'Reason',
        'string',
        "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
      ),
      column('Object', 'string', 'The object that this event is about.'),
      column(
        'Subobject',
        'string',
        'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement.',
        1,
      ),
      column(
        'Source',
        'string',
        'The component reporting this event. Should be a short machine understandable string.',
        1,
      ),
      column('Message', 'string', 'A human-readable description of the status of this operation.'),
      column(
        'First Seen',
        'string',
        'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)',
        1,
      ),
      column('Count', 'string', 'The number of times this event has occurred.', 1),
      { ...nameColumn, priority: 1 },
    ],
    cells: eventCells,
  },
};

function eventCells(o: KubeObject, now: Date): unknown[] {
  const first = (field(o, 'firstTimestamp') ?? field(o, 'eventTime') ?? o.metadata.creationTimestamp) as
    string | undefined;
  const last = (field(o, 'lastTimestamp') ?? field(o, 'eventTime') ?? first) as string | undefined;
  const count = Number(field(o, 'count') ?? 1);
  const lastSeen = count > 1 ? `${ageOf(last, now)} (x${count} over ${ageOf(first, now)})` : ageOf(last, now);
  const involved = (field(o, 'involvedObject') ?? {}) as Record<string, string>;
  const source = [field(o, 'source', 'component'), field(o, 'source', 'host')].filter(Boolean).join(', ');
  return [
    lastSeen,
    field(o, 'type') ?? '',
    field(o, 'reason') ?? '',
    `${(involved.kind ?? '').toLowerCase()}/${involved.name ?? ''}`,
    involved.fieldPath ?? '',
    source,
    String(field(o, 'message') ?? '').trim(),
    ageOf(first, now),
    String(count),
    o.metadata.name,
  ];
}

/** `443/TCP,80:30080/TCP` as kubectl shows a Service's ports. */
function servicePorts(ports: unknown): string {
  if (!Array.isArray(ports) || ports.length === 0) return '<none>';
  return ports
    .map(
      (p: Record<string, unknown>) =>
        `${String(p.port)}${p.nodePort ? `:${String(p.nodePort)}` : ''}/${String(p.protocol ?? 'TCP')}`,
    )
    .join(',');
}

/** The CRD printer: Name then additionalPrinterColumns (apiextensions tableconvertor). */
function customPrinter(columns: PrinterColumn[]): Printer {
  const paths = columns.map((c) => {
    try {
      return compileJsonPath(c.jsonPath);
    } catch {
      return () => [];
    }
  });
  return {
    columns: [
      nameColumn,
      ...columns.map((c) =>
        column(
          c.name,
          c.type,
          c.description || `Custom resource definition column (in JSONPath format): ${c.jsonPath}`,
          c.priority ?? 0,
          c.format ?? '',
        ),
      ),
    ],
    cells: (o, now) => [o.metadata.name, ...columns.map((c, i) => customCell(c, paths[i]!(o), now))],
  };
}

function customCell(column: PrinterColumn, found: unknown[], now: Date): unknown {
  // Only the first match counts; an unresolved path is a null cell (kubectl prints it blank).
  if (found.length === 0 || found[0] === undefined || found[0] === null) return null;
  const value = found[0];
  switch (column.type) {
    case 'string':
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date':
      return typeof value === 'string' ? ageOf(value, now) : null;
    default:
      return value;
  }
}

// A CRD version without additionalPrinterColumns gets an Age column from CRD defaulting.
const crdDefaultColumns: PrinterColumn[] = [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }];

const printerCache = new WeakMap<ResourceType, Printer>();

export function printerFor(type: ResourceType): Printer {
  let printer = printerCache.get(type);
  if (!printer) {
    // Built-in kinds print like the real server's hand-written printers, whatever columns the registry declares.
    const builtinPrinter = type.builtin && type.group === '' ? builtinPrinters[type.kind] : undefined;
    if (builtinPrinter) printer = builtinPrinter;
    else if (type.printerColumns && type.printerColumns.length > 0) printer = customPrinter(type.printerColumns);
    else if (type.builtin) printer = defaultPrinter;
    else printer = customPrinter(crdDefaultColumns);
    printerCache.set(type, printer);
  }
  return printer;
}
