// Summarises a V8 .cpuprofile (node --cpu-prof): self time by function and by file, largest first.
//   node --import tsx scripts/bench/src/profile-summary.ts <file.cpuprofile> [top=40]
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
const top = Number(topArg ?? 40);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const shortUrl = (u: string) =>
  u
    .replace(/^file:\/\//, '')
    .replace(/.*\/node_modules\/\.pnpm\/[^/]+\/node_modules\//, 'npm:')
    .replace(/.*\/work\/main\//, '');
function sum(key: (n: Node) => string): [string, number][] {
  const m = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const k = key(byId.get(id)!);
    m.set(k, (m.get(k) ?? 0) + us);
  }
  return [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
}
const pct = (us: number) => ((us / total) * 100).toFixed(1).padStart(5) + '%';
console.log(`total sampled ${(total / 1000).toFixed(0)} ms`);
console.log('\n— self time by function');
for (const [k, us] of sum(
  (n) => `${n.callFrame.functionName || '(anonymous)'}  ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`,
))
  console.log(`${pct(us)}  ${k}`);
console.log('\n— self time by file');
for (const [k, us] of sum((n) => shortUrl(n.callFrame.url) || n.callFrame.functionName))
  console.log(`${pct(us)}  ${k}`);

// Where the time goes per request: each sample goes to the first (leaf-most) frame that names a stage.
const parentOf = new Map<number, number>();
for (const n of profile.nodes as (Node & { children?: number[] })[])
  for (const c of n.children ?? []) parentOf.set(c, n.id);
const stages: [string, (url: string, fn: string) => boolean][] = [
  ['bench client (scripts/bench --engine)', (u) => u.includes('scripts/bench/')],
  ['JSON.parse of the request', (u, f) => u.endsWith('server/protocol.js') && f === 'parseBody'],
  [
    'response: serialisation + CRC32 + headers',
    (u, f) =>
      (u.endsWith('server/protocol.js') && (f === 'answer' || f === 'errorAnswer')) ||
      u.endsWith('operations/wire-body.js') ||
      (u.endsWith('engine-impl.js') && f === 'dispatchWire') ||
      (u.endsWith('server/operation-listener.js') && f === 'send'),
  ],
  ['validation (TypeBox)', (u) => /dynamodb\/dist\/validation\/|typebox/.test(u)],
  ['expressions (parse + evaluate)', (u) => u.includes('dynamodb/dist/expressions/')],
  [
    'LMDB + item codec (storage)',
    (u) => /npm:lmdb|npm:msgpackr|weak-lru-cache|dynamodb\/dist\/storage\/item-codec/.test(u),
  ],
  ['key encoding + item model (sizes)', (u) => /dynamodb\/dist\/(model|storage)\//.test(u)],
  ['operation logic', (u) => u.includes('dynamodb/dist/operations/')],
  ['request adapter (SigV4 scope, dispatch, context)', (u) => /dynamodb\/dist\/(server|engine-impl)/.test(u)],
  ['fastify (routing, reply, hooks)', (u) => /npm:(fastify|find-my-way|avvio|toad-cache|light-my-request)/.test(u)],
  [
    'Node HTTP + sockets',
    (u) =>
      /node:(_http|net|internal\/streams|internal\/stream_base|events|internal\/http|internal\/process\/task_queues|internal\/timers|timers)/.test(
        u,
      ),
  ],
  [
    'module loading (start-up)',
    (u) => /node:internal\/(modules|bootstrap)|node:fs|node:path|node:internal\/url/.test(u),
  ],
];
const staged = new Map<string, number>();
profile.samples.forEach((leaf, i) => {
  const us = profile.timeDeltas[i] ?? 0;
  const leafNode = byId.get(leaf)!;
  let stage = ['(idle)', '(garbage collector)', '(program)'].includes(leafNode.callFrame.functionName)
    ? leafNode.callFrame.functionName
    : 'other';
  for (let id: number | undefined = leaf; stage === 'other' && id !== undefined; id = parentOf.get(id)) {
    const { url, functionName } = byId.get(id)!.callFrame;
    const hit = stages.find(([, match]) => match(shortUrl(url), functionName));
    if (hit) stage = hit[0];
  }
  staged.set(stage, (staged.get(stage) ?? 0) + us);
});
const excluded = ['(idle)', 'module loading (start-up)', 'bench client (scripts/bench --engine)'];
const busy = total - excluded.reduce((sum, k) => sum + (staged.get(k) ?? 0), 0);
console.log('\n— by stage (share of busy time, start-up and idle excluded)');
for (const [k, us] of [...staged].sort((a, b) => b[1] - a[1])) {
  if (excluded.includes(k)) console.log(`   —    ${k} (${(us / 1000).toFixed(0)} ms)`);
  else console.log(`${((us / busy) * 100).toFixed(1).padStart(5)}%  ${k}`);
}
