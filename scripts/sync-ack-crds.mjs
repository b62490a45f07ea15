#!/usr/bin/env node
// Regenerates packages/controller/src/api/upstream/crds.json from the upstream ACK CRD files kept in
// fixtures/ack-dynamodb-crds/ (Apache-2.0): the CRDs ack-local installs are those files, unchanged, so that
// `kubectl diff -f` of an upstream file shows nothing and a server-side apply of it meets no conflict.
// Run after updating the fixtures: `node scripts/sync-ack-crds.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../packages/controller/package.json', import.meta.url));
const { parse } = require('yaml');
const SHIPPED = [
  'dynamodb.services.k8s.aws_tables.yaml',
  'dynamodb.services.k8s.aws_globaltables.yaml',
  'dynamodb.services.k8s.aws_backups.yaml',
  'services.k8s.aws_fieldexports.yaml',
  'services.k8s.aws_iamroleselectors.yaml',
];
const dir = new URL('../fixtures/ack-dynamodb-crds/', import.meta.url);
const crds = SHIPPED.map((file) => parse(readFileSync(new URL(file, dir), 'utf8')));
writeFileSync(
  new URL('../packages/controller/src/api/upstream/crds.json', import.meta.url),
  `${JSON.stringify(crds, null, 1)}\n`,
);
console.log(`wrote ${crds.length} CRDs`);
