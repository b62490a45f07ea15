// Test harness for the kube-apiserver alone: a server on 127.0.0.1:<random port> over a fresh LMDB directory,
// a kubeconfig (cluster/context/user "ack-local", insecure-skip-tls-verify so client-node accepts http://) and
// a fresh HOME so kubectl's discovery cache never leaks between tests.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import {
  createKubeApiServer,
  generateServingCertificate,
  type KubeApiServer,
  type KubeApiServerOptions,
} from '@ack-local/kube-apiserver';
import { removeScratch, scratchDir } from './scratch.js';

/** A namespaced CRD of group example.com, version v1, for tests of the apiserver itself. Without `specSchema` its
 *  `spec` keeps any fields. */
export function exampleCrd(plural: string, kind: string, specSchema?: Record<string, unknown>) {
  const singular = kind.toLowerCase();
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.example.com` },
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { plural, singular, kind, listKind: `${kind}List` },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: { spec: specSchema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
            },
          },
        },
      ],
    },
  };
}

export interface StartKubeOptions extends Partial<KubeApiServerOptions> {
  /** Listen port (default 0: random). */
  port?: number;
  /** Keep the data directory on close (restart tests reuse it via options.dataDir); it still goes at exit. */
  keepDataDir?: boolean;
}

export interface KubeHarness {
  /** http://127.0.0.1:PORT */
  url: string;
  server: KubeApiServer;
  dataDir: string;
  kubeconfigPath: string;
  /** A fresh HOME for kubectl (its discovery cache lives there). */
  home: string;
  /** Environment for running kubectl against this server (PATH, HOME, KUBECONFIG). */
  kubectlEnv: Record<string, string>;
  close(): Promise<void>;
}

export function kubeconfigFor(url: string, namespace?: string, token = 'ack-local'): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'ack-local', cluster: { server: url, 'insecure-skip-tls-verify': true } }],
    contexts: [
      { name: 'ack-local', context: { cluster: 'ack-local', user: 'ack-local', ...(namespace ? { namespace } : {}) } },
    ],
    'current-context': 'ack-local',
    users: [{ name: 'ack-local', user: { token } }],
    preferences: {},
  });
}

export async function startKube(options: StartKubeOptions = {}): Promise<KubeHarness> {
  const { port = 0, keepDataDir = false, ...serverOptions } = options;
  const ownDataDir = !serverOptions.dataDir;
  const dataDir = serverOptions.dataDir ?? scratchDir('ack-kube-data-');
  const scratch = scratchDir('ack-kube-home-');
  const home = join(scratch, 'home');
  mkdirSync(home);
  // a server that requires a token serves HTTPS: kubectl sends tokens over TLS only (see src/tls in the server)
  const tls =
    serverOptions.bearerToken !== undefined
      ? (serverOptions.tls ?? (await generateServingCertificate()))
      : serverOptions.tls;
  const server = await createKubeApiServer({ ...serverOptions, dataDir, ...(tls ? { tls } : {}) });
  const listening = (await server.app.listen({ port, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
  const url = tls ? listening.replace(/^http:/, 'https:') : listening;
  const kubeconfigPath = join(scratch, 'kubeconfig');
  writeFileSync(kubeconfigPath, kubeconfigFor(url, undefined, serverOptions.bearerToken), { mode: 0o600 });
  return {
    url,
    server,
    dataDir,
    kubeconfigPath,
    home,
    kubectlEnv: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, KUBECONFIG: kubeconfigPath },
    async close() {
      try {
        await server.close();
      } finally {
        removeScratch(scratch);
        if (ownDataDir && !keepDataDir) removeScratch(dataDir);
      }
    },
  };
}
