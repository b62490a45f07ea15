// `--seed FILE`: load tables and items, or Kubernetes manifests, when the system starts.
//   *.jsonl        a dump written by `ack-local export` (header line + one {"Item": ...} per line)
//   *.json         {"tables": [{ ...CreateTable input, "Items": [DynamoDB JSON items] }]} (or just the array)
//   *.yaml / *.yml Kubernetes manifests (multi-document), created or replaced through the kube API
import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import type { DynamoDBClient } from '@ack-local/controller';
import type { ResourceClient, KubeObject, GroupVersionResource } from '@ack-local/kube-apiserver';
import { ensureTable, writeItems, type Target } from './dynamodb-json.js';
import { Progress } from './progress.js';

export interface SeedContext {
  dynamodb: DynamoDBClient;
  kube: ResourceClient;
  target: Target;
  log: (msg: string) => void;
}

export async function seed(file: string, ctx: SeedContext): Promise<void> {
  if (/\.ya?ml$/i.test(file)) return seedManifests(file, ctx);
  const text = await readFile(file, 'utf8');
  if (/\.jsonl$/i.test(file)) {
    await seedDump(text, file, ctx);
    return;
  }
  const parsed = JSON.parse(text);
  const tables: any[] = Array.isArray(parsed) ? parsed : (parsed.tables ?? parsed.Tables ?? []);
  for (const { Items = [], ...input } of tables) await loadTable(input, Items, ctx);
}

export async function seedDump(text: string, file: string, ctx: SeedContext, rename?: string): Promise<number> {
  const lines = text.split('\n').filter((l) => l.trim());
  if (lines.length === 0) throw new Error(`${file}: empty`);
  const header = JSON.parse(lines[0]!);
  if (!header.Table) throw new Error(`${file}: the first line must be a {"Table": <CreateTable input>} header`);
  const items = lines.slice(1).map((l, i) => {
    const parsed = JSON.parse(l);
    if (!parsed.Item) throw new Error(`${file}:${i + 2}: expected {"Item": {...}}`);
    return parsed.Item;
  });
  await loadTable({ ...header.Table, ...(rename ? { TableName: rename } : {}) }, items, ctx);
  return items.length;
}

async function loadTable(
  input: Record<string, unknown>,
  items: Record<string, unknown>[],
  ctx: SeedContext,
): Promise<void> {
  await ensureTable(ctx.dynamodb, input, ctx.target);
  const name = String(input.TableName);
  const progress = items.length >= 1000 ? new Progress(`seeding ${name}`, items.length) : undefined;
  await writeItems(ctx.dynamodb, name, items, ctx.target, (n) => progress?.update(n));
  progress?.done(items.length);
  ctx.log(`seeded table ${name} with ${items.length} item(s)`);
}

const BUILTIN: Record<string, GroupVersionResource> = {
  'v1/Namespace': { group: '', version: 'v1', resource: 'namespaces' },
  'v1/ConfigMap': { group: '', version: 'v1', resource: 'configmaps' },
  'v1/Secret': { group: '', version: 'v1', resource: 'secrets' },
  'v1/Event': { group: '', version: 'v1', resource: 'events' },
  'apiextensions.k8s.io/v1/CustomResourceDefinition': {
    group: 'apiextensions.k8s.io',
    version: 'v1',
    resource: 'customresourcedefinitions',
  },
};

/** Resolves apiVersion+kind to a resource, through the CRDs for custom kinds. */
async function resolve(
  kube: ResourceClient,
  obj: KubeObject,
): Promise<{ gvr: GroupVersionResource; namespaced: boolean }> {
  const builtin = BUILTIN[`${obj.apiVersion}/${obj.kind}`];
  if (builtin)
    return { gvr: builtin, namespaced: !['namespaces', 'customresourcedefinitions'].includes(builtin.resource) };
  const [group, version] = obj.apiVersion.split('/');
  const crds = await kube.list(BUILTIN['apiextensions.k8s.io/v1/CustomResourceDefinition']!, undefined);
  const crd: any = crds.items.find((c: any) => c.spec?.group === group && c.spec?.names?.kind === obj.kind);
  if (!crd) throw new Error(`no resource type for ${obj.apiVersion} ${obj.kind}`);
  return {
    gvr: { group: group!, version: version!, resource: crd.spec.names.plural },
    namespaced: crd.spec.scope === 'Namespaced',
  };
}

async function seedManifests(file: string, ctx: SeedContext): Promise<void> {
  const docs = parseAllDocuments(await readFile(file, 'utf8'))
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => Boolean(o?.kind));
  // Namespaces and CRDs first, so the objects that live in or depend on them can be created.
  const rank = (o: KubeObject) => (o.kind === 'Namespace' ? 0 : o.kind === 'CustomResourceDefinition' ? 1 : 2);
  docs.sort((a, b) => rank(a) - rank(b));
  for (const obj of docs) {
    const { gvr, namespaced } = await resolve(ctx.kube, obj);
    const ns = namespaced ? (obj.metadata.namespace ?? 'default') : undefined;
    try {
      await ctx.kube.create(gvr, ns, { ...obj, metadata: { ...obj.metadata, ...(ns ? { namespace: ns } : {}) } });
      ctx.log(`seeded ${obj.kind} ${ns ? `${ns}/` : ''}${obj.metadata.name}`);
    } catch (e) {
      if ((e as { code?: number }).code !== 409) throw e;
      ctx.log(`${obj.kind} ${ns ? `${ns}/` : ''}${obj.metadata.name} already exists; left as is`);
    }
  }
}
