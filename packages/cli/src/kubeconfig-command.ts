// `ack-local kubeconfig --remove [--kubeconfig PATH]`: undoes what `up --kubeconfig PATH` merged in.
import { parseArgs } from 'node:util';
import { ConfigError } from './errors.js';
import { CONTEXT_NAME, defaultKubeconfigPath, removeFromKubeconfig } from './kubeconfig-merge.js';

const USAGE =
  'Usage: ack-local kubeconfig --remove [--kubeconfig PATH]\n\n' +
  "Removes ack-local's cluster, user and context from a kubeconfig (default: $KUBECONFIG, else ~/.kube/config),\n" +
  'keeping everything else. `ack-local up --kubeconfig PATH` is what merged them in.';

export function kubeconfigCommand(argv: string[]): void {
  let values: { remove?: boolean; kubeconfig?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { remove: { type: 'boolean' }, kubeconfig: { type: 'string' }, help: { type: 'boolean' } },
    }));
  } catch (e) {
    throw new ConfigError(`${(e as Error).message.split('.')[0]}; \`ack-local kubeconfig --help\` lists the flags`);
  }
  if (values.help) return console.log(USAGE);
  if (!values.remove) throw new ConfigError('kubeconfig: say --remove (`ack-local kubeconfig --help`)');
  const path = values.kubeconfig ?? defaultKubeconfigPath();
  const removed = removeFromKubeconfig(path);
  console.log(
    removed > 0
      ? `removed the ${CONTEXT_NAME} cluster, user and context from ${path}`
      : `${path} has no ${CONTEXT_NAME} entries; nothing to remove`,
  );
}
