// The image's entrypoint: `ack-local` itself, after one check that `docker compose up` needs.
//
// Compose asks for a kubeconfig in a host folder (ACK_LOCAL_KUBECONFIG=/kubeconfig/kubeconfig). When that folder
// did not exist, Docker created it owned by root, and this non-root process cannot write there: rather than
// crash the whole stack, start without the host copy and say how to get it. The kubeconfig is always also
// written to <data-dir>/kubeconfig.
import { accessSync, constants } from 'node:fs';
import module from 'node:module';
import { dirname } from 'node:path';

const hostCopy = process.env.ACK_LOCAL_KUBECONFIG;
if (hostCopy) {
  try {
    accessSync(dirname(hostCopy), constants.W_OK);
  } catch {
    const uid = process.getuid?.();
    console.error(
      `⚠ ack-local: cannot write the kubeconfig to ${hostCopy}: its folder is not writable by uid ${uid} ` +
        '(Docker creates a missing bind-mount folder owned by root). Fix: `sudo chown "$(id -u):$(id -g)" .ack-local` ' +
        '(or create the folder yourself before `docker compose up`), set ACK_LOCAL_UID/ACK_LOCAL_GID if your uid is not ' +
        '1000, and restart. Meanwhile the kubeconfig is in the container: `docker cp <container>:/data/kubeconfig .`',
    );
    delete process.env.ACK_LOCAL_KUBECONFIG;
  }
}

// The esbuild bundle, as scripts/up runs it, with V8's on-disk code cache where Node has one (>= 22.1).
module.enableCompileCache?.();
await import('./dist/bundle/ack-local.mjs');
