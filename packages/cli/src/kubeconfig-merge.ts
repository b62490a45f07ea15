// `--kubeconfig ~/.kube/config` merges, as kind, k3d and minikube do: the ack-local cluster, user and context
// are added or updated, everything else in the file is kept, and current-context is set to ours.
// `ack-local kubeconfig --remove` takes them out again. <data-dir>/kubeconfig stays a file of its own.
import { existsSync, readFileSync, realpathSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { kubeconfigYaml, type KubeconfigOptions } from '@ack-local/kube-apiserver';
import { StartupError } from './errors.js';

interface Named {
  name: string;
  [key: string]: unknown;
}

interface Kubeconfig {
  clusters?: Named[];
  contexts?: Named[];
  users?: Named[];
  'current-context'?: string;
  [key: string]: unknown;
}

const LISTS = ['clusters', 'contexts', 'users'] as const;
export const CONTEXT_NAME = 'ack-local';

/** Adds or updates ack-local's entries in the kubeconfig at `path` (created when missing) and makes it current. */
export function mergeKubeconfig(path: string, serverUrl: string, opts: KubeconfigOptions = {}): void {
  const ours = parse(kubeconfigYaml(serverUrl, opts)) as Kubeconfig;
  const config = readKubeconfig(path);
  for (const list of LISTS) {
    const entries = (config[list] ?? []).filter((e) => !ours[list]!.some((o) => o.name === e.name));
    config[list] = [...entries, ...ours[list]!];
  }
  config['current-context'] = ours['current-context'];
  writeKubeconfigFile(path, { apiVersion: 'v1', kind: 'Config', preferences: {}, ...config });
}

/** Takes ack-local's cluster, user and context out of the kubeconfig; what was current stays unless it was ours.
 *  Returns how many entries were removed. */
export function removeFromKubeconfig(path: string, name = CONTEXT_NAME): number {
  if (!existsSync(path)) return 0;
  const config = readKubeconfig(path);
  let removed = 0;
  for (const list of LISTS) {
    const kept = (config[list] ?? []).filter((e) => e.name !== name);
    removed += (config[list]?.length ?? 0) - kept.length;
    config[list] = kept;
  }
  // kubectl's own `config delete-context` leaves current-context pointing nowhere; an empty one is clearer.
  if (config['current-context'] === name) config['current-context'] = '';
  if (removed > 0) writeKubeconfigFile(path, config);
  return removed;
}

/** Where kubectl reads its config: the first file of $KUBECONFIG, else ~/.kube/config. */
export function defaultKubeconfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const first = env.KUBECONFIG?.split(delimiter).find(Boolean);
  return first ?? join(env.HOME ?? homedir(), '.kube', 'config');
}

function readKubeconfig(path: string): Kubeconfig {
  if (!existsSync(path)) return {};
  let parsed: unknown;
  try {
    parsed = parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new StartupError(
      `the kubeconfig ${path} is not valid YAML (${(e as Error).message.split('\n')[0]}); fix it, or choose another with --kubeconfig`,
    );
  }
  if (parsed === null || parsed === undefined) return {};
  const valid =
    typeof parsed === 'object' &&
    !Array.isArray(parsed) &&
    LISTS.every((l) => (parsed as Kubeconfig)[l] == null || Array.isArray((parsed as Kubeconfig)[l]));
  if (!valid) throw new StartupError(`${path} is not a kubeconfig; choose another with --kubeconfig`);
  const config = parsed as Kubeconfig;
  for (const list of LISTS) if (config[list] == null) delete config[list];
  return config;
}

/** Written next to the target and renamed over it: kubectl never reads half a file. Mode 0600 (it holds tokens). */
function writeKubeconfigFile(given: string, config: Kubeconfig): void {
  const path = existsSync(given) ? realpathSync(given) : given; // a symlinked ~/.kube/config stays a symlink
  try {
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.ack-local-${process.pid}.tmp`;
    writeFileSync(temporary, stringify(config), { mode: 0o600 });
    renameSync(temporary, path);
  } catch (e) {
    throw new StartupError(
      `cannot write the kubeconfig ${path} (${(e as NodeJS.ErrnoException).code ?? e}); choose another with --kubeconfig`,
    );
  }
}
