// Shared setup for the registry unit tests: a registry or server over a fresh LMDB directory and the real ACK
// Table CRD from fixtures/.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { KubeObject } from '../src/api.js';
import { Registry, type RegistryOptions } from '../src/registry/registry.js';
import { StatusError } from '../src/errors.js';

const fixtures = new URL('./fixtures/', import.meta.url).pathname;

export function loadFixture(file: string): KubeObject {
  return parse(readFileSync(join(fixtures, file), 'utf8')) as KubeObject;
}

export const tableCrd = (): KubeObject => loadFixture('dynamodb.services.k8s.aws_tables.yaml');

export const TABLES = { group: 'dynamodb.services.k8s.aws', version: 'v1alpha1', resource: 'tables' };

export function tableObject(name: string, namespace = 'default', spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'dynamodb.services.k8s.aws/v1alpha1',
    kind: 'Table',
    metadata: { name, namespace },
    spec: {
      tableName: name,
      keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
      ...spec,
    },
  };
}

const tempDirs = new Set<string>();

/** A fresh directory, removed when the test process exits at the latest (a failing test may skip its close). */
export function tempDir(prefix = 'kube-unit-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (tempDirs.size === 0)
    process.once('exit', () => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  tempDirs.add(dir);
  return dir;
}

export interface TestRegistry {
  registry: Registry;
  dir: string;
  close(): Promise<void>;
}

export function openRegistry(options: Partial<RegistryOptions> = {}, dir = tempDir()): TestRegistry {
  const registry = new Registry({ dataDir: dir, crds: [tableCrd()], ...options });
  return {
    registry,
    dir,
    async close() {
      await registry.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The StatusError a call throws (fails the test when it does not throw one). */
export function statusOf(fn: () => unknown): StatusError['status'] {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e.status;
    throw e;
  }
  throw new Error('expected a StatusError, call succeeded');
}

export async function statusOfAsync(p: Promise<unknown>): Promise<StatusError['status']> {
  try {
    await p;
  } catch (e) {
    if (e instanceof StatusError) return e.status;
    throw e;
  }
  throw new Error('expected a StatusError, call succeeded');
}

export const tick = (ms = 0): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await tick(20);
  }
  throw new Error('condition not met in time');
}
