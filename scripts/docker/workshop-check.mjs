// `docker compose --profile workshop run --rm workshop`: the eks-workshop ACK DynamoDB lab as plain HTTP, from
// inside the compose network, for machines where no kubectl or aws-cli image can be pulled (see docker-compose.yml).
//
//   node workshop-check.mjs <kustomization dir>
//
// The steps, and the commands of the lab they stand for:
//   1. kubectl kustomize <dir> | envsubst | kubectl apply -f -      create each resource (existing ones are left as they are)
//   2. kubectl wait ... --for=condition=ACK.ResourceSynced           poll until the condition is True
//   3. kubectl get ... -o jsonpath='{.status.tableStatus}'          ACTIVE
//   4. aws dynamodb describe-table --query Table.TableStatus         ACTIVE (SigV4-signed, as the CLI sends it)
// Only `resources:` of the kustomization is read: that is all the lab's kustomization uses.
// Exit 0 when every step passes, 1 otherwise.
import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseAllDocuments, parse } from 'yaml';

// realpath: pnpm links the package from its virtual store, where its own dependencies (aws4) sit beside it.
const fromController = createRequire(
  realpathSync(new URL('./node_modules/@ack-local/controller/package.json', import.meta.url)),
);
const aws4 = fromController('aws4');

const dir = process.argv[2] ?? '/workshop';
const kubeUrl = process.env.ACK_LOCAL_KUBE_URL ?? 'http://127.0.0.1:6443';
const dynamodbUrl = process.env.ACK_LOCAL_DYNAMODB_URL ?? 'http://127.0.0.1:8000';
const region = process.env.AWS_REGION ?? 'us-west-2';
const timeoutMs = Number(process.env.ACK_LOCAL_WORKSHOP_TIMEOUT_MS ?? 120_000);

const say = (line) => console.log(line);
class StepFailed extends Error {}

/** envsubst: $VAR and ${VAR} from the environment, unset ones become empty, as GNU envsubst does. */
const envsubst = (text) =>
  text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, a, b) => process.env[a ?? b] ?? '');

function kustomize(folder) {
  const kustomization = parse(readFileSync(join(folder, 'kustomization.yaml'), 'utf8'));
  return (kustomization.resources ?? []).flatMap((file) =>
    parseAllDocuments(envsubst(readFileSync(join(folder, file), 'utf8')))
      .map((doc) => doc.toJS())
      .filter(Boolean),
  );
}

async function kube(method, path, body) {
  const res = await fetch(kubeUrl + path, {
    method,
    headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => ({}));
  return { status: res.status, json };
}

/** The collection path of a kind, found through discovery as kubectl does. */
async function collectionPath(obj) {
  const base = obj.apiVersion.includes('/') ? `/apis/${obj.apiVersion}` : `/api/${obj.apiVersion}`;
  const { status, json } = await kube('GET', base);
  if (status !== 200) throw new StepFailed(`discovery of ${obj.apiVersion} answered ${status}`);
  const resource = json.resources.find((r) => r.kind === obj.kind && !r.name.includes('/'));
  if (!resource) throw new StepFailed(`the server does not know ${obj.kind}.${obj.apiVersion}`);
  const ns = resource.namespaced ? `/namespaces/${obj.metadata.namespace ?? 'default'}` : '';
  const group = obj.apiVersion.includes('/') ? `.${obj.apiVersion.split('/')[0]}` : '';
  return {
    path: `${base}${ns}/${resource.name}`,
    display: `${resource.singularName || obj.kind.toLowerCase()}${group}`,
  };
}

async function apply(obj) {
  const { path, display } = await collectionPath(obj);
  const created = await kube('POST', path, obj);
  if (created.status === 201) say(`${display}/${obj.metadata.name} created`);
  else if (created.status === 409) say(`${display}/${obj.metadata.name} unchanged (exists)`);
  else throw new StepFailed(`create ${display}/${obj.metadata.name}: ${created.status} ${created.json.message ?? ''}`);
  return { url: `${path}/${obj.metadata.name}`, display: `${display}/${obj.metadata.name}` };
}

async function waitForSynced({ url, display }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status, json } = await kube('GET', url);
    const synced = json.status?.conditions?.find((c) => c.type === 'ACK.ResourceSynced');
    if (status === 200 && synced?.status === 'True') {
      say(`${display} condition met`);
      return json;
    }
    if (Date.now() > deadline) {
      throw new StepFailed(
        `${display}: ACK.ResourceSynced not True after ${timeoutMs} ms (${JSON.stringify(synced ?? null)})`,
      );
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function describeTable(tableName) {
  const url = new URL(dynamodbUrl);
  const request = aws4.sign(
    {
      host: url.host,
      path: '/',
      method: 'POST',
      service: 'dynamodb',
      region,
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.DescribeTable' },
      body: JSON.stringify({ TableName: tableName }),
    },
    {
      accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'dummy',
      secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'dummy',
    },
  );
  const res = await fetch(new URL('/', url), { method: 'POST', headers: request.headers, body: request.body });
  const json = await res.json();
  if (res.status !== 200)
    throw new StepFailed(`DescribeTable ${tableName}: ${res.status} ${json.__type ?? ''} ${json.message ?? ''}`);
  return json.Table;
}

async function main() {
  say(`› workshop flow against ${kubeUrl} and ${dynamodbUrl} (manifests: ${dir})`);
  const objects = kustomize(dir);
  const tables = [];
  for (const obj of objects) {
    const applied = await apply(obj);
    if (obj.kind === 'Table') tables.push({ ...applied, tableName: obj.spec.tableName });
  }
  if (tables.length === 0) throw new StepFailed(`no Table in ${dir}`);
  for (const table of tables) {
    const synced = await waitForSynced(table);
    if (synced.status?.tableStatus !== 'ACTIVE')
      throw new StepFailed(`${table.display}: .status.tableStatus is ${synced.status?.tableStatus}`);
    say(`${table.display} .status.tableStatus: ACTIVE`);
    const described = await describeTable(table.tableName);
    if (described.TableStatus !== 'ACTIVE')
      throw new StepFailed(`DescribeTable ${table.tableName}: TableStatus ${described.TableStatus}`);
    say(`DescribeTable ${table.tableName}: ACTIVE`);
  }
  say('✔ workshop flow passed');
}

main().catch((e) => {
  console.error(`✖ workshop flow failed: ${e instanceof StepFailed ? e.message : (e.stack ?? e)}`);
  process.exit(1);
});
