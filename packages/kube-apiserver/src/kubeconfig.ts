// A kubeconfig pointing kubectl and @kubernetes/client-node at this apiserver over plain http.
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

export interface KubeconfigOptions {
  contextName?: string;
  namespace?: string;
}

export function kubeconfigYaml(serverUrl: string, opts: KubeconfigOptions = {}): string {
  const name = opts.contextName ?? 'ack-local';
  const context: Record<string, string> = { cluster: name, user: name };
  if (opts.namespace) context.namespace = opts.namespace;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    // client-node 1.x refuses http:// servers unless TLS verification is explicitly skipped.
    clusters: [{ name, cluster: { server: serverUrl, 'insecure-skip-tls-verify': true } }],
    contexts: [{ name, context }],
    'current-context': name,
    // The apiserver does no authentication; a token keeps clients from prompting for credentials.
    users: [{ name, user: { token: 'ack-local' } }],
    preferences: {},
  });
}

export function writeKubeconfig(path: string, serverUrl: string, opts: KubeconfigOptions = {}): void {
  writeFileSync(path, kubeconfigYaml(serverUrl, opts), { mode: 0o600 });
}
