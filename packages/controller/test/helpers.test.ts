// Small pieces: merge-patch generation (status writes), FieldExport paths, CRD schema normalisation, HTTP client
// signing and error mapping.
import { createServer } from 'node:http';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Type } from 'typebox';
import { createMergePatch } from '../src/runtime/merge-patch.js';
import { readFieldPath, stringifyFieldValue } from '../src/resources/field-export/field-path.js';
import { toStructuralSchema } from '../src/api/crd.js';
import { createHttpDynamoDBClient } from '../src/index.js';

test('merge patch: nulls for removed keys, recursion into objects, whole arrays, undefined when equal', () => {
  assert.equal(createMergePatch({ a: 1, b: { c: 1, d: 2 }, e: [1] }, { a: 1, b: { c: 2 }, e: [1, 2] }), {
    b: { c: 2, d: null },
    e: [1, 2],
  });
  assert.equal(createMergePatch({ a: 1, b: [{ x: 1 }] }, { a: 1, b: [{ x: 1 }] }), undefined);
  assert.equal(createMergePatch({}, { a: { b: 1 } }), { a: { b: 1 } });
});

test('field paths: dotted, indexed and quoted segments; missing fields are undefined', () => {
  const o = {
    spec: { tableName: 't' },
    status: { conditions: [{ status: 'True' }], itemCount: 3 },
    metadata: { annotations: { 'a/b': 'x' } },
  };
  assert.equal(readFieldPath(o, '.spec.tableName'), 't');
  assert.equal(readFieldPath(o, '.status.conditions[0].status'), 'True');
  assert.equal(readFieldPath(o, ".metadata.annotations['a/b']"), 'x');
  assert.equal(readFieldPath(o, '{.status.itemCount}'), 3);
  assert.equal(readFieldPath(o, '.status.nope.deeper'), undefined);
  assert.throws(() => readFieldPath(o, 'status..x'), /unsupported field path/);
  assert.equal(stringifyFieldValue(3), '3');
  assert.equal(stringifyFieldValue('x'), 'x');
});

test('TypeBox → structural schema: literal unions become enum, records additionalProperties, empty required dropped', () => {
  const schema = toStructuralSchema(
    Type.Object({
      kind: Type.Union([Type.Literal('configmap'), Type.Literal('secret')]),
      labels: Type.Optional(Type.Record(Type.String(), Type.String())),
      nested: Type.Optional(Type.Object({ x: Type.Optional(Type.String()) })),
    }),
  );
  assert.equal(schema, {
    type: 'object',
    required: ['kind'],
    properties: {
      kind: { type: 'string', enum: ['configmap', 'secret'] },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
      nested: { type: 'object', properties: { x: { type: 'string' } } },
    },
  });
});

test('HTTP client: JSON 1.0 + SigV4 with the 12-digit account as access key; errors keep the short code', async () => {
  const seen: { headers: Record<string, unknown>; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      if (req.headers['x-amz-target'] === 'DynamoDB_20120810.DescribeTable') {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(
          JSON.stringify({
            __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
            message: 'Requested resource not found',
          }),
        );
      } else {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ TableNames: [] }));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const client = createHttpDynamoDBClient({ endpoint: `http://127.0.0.1:${port}` });
  assert.equal(await client.call('ListTables', {}, { region: 'eu-west-1', accountId: '123456789012' }), {
    TableNames: [],
  });
  const h = seen[0]!.headers;
  assert.equal(h['content-type'], 'application/x-amz-json-1.0');
  assert.match(
    String(h.authorization),
    /^AWS4-HMAC-SHA256 Credential=123456789012\/\d{8}\/eu-west-1\/dynamodb\/aws4_request, SignedHeaders=/,
  );
  assert.ok(h['x-amz-date']);
  try {
    await client.call('DescribeTable', { TableName: 'x' }, { region: 'eu-west-1', accountId: '123456789012' });
    assert.unreachable();
  } catch (e: any) {
    assert.equal([e.code, e.message], ['ResourceNotFoundException', 'Requested resource not found']);
  }
  const keyed = createHttpDynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 's',
  });
  await keyed.call('ListTables', {}, { region: 'us-west-2', accountId: '123456789012' });
  assert.match(String(seen.at(-1)!.headers.authorization), /Credential=AKIDEXAMPLE\//);
  await new Promise((r) => server.close(r));
});

test.run();
