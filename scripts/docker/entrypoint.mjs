// The image's entrypoint: `ack-local` itself, after making the folders `docker compose up` mounts writable.
//
// Compose asks for a kubeconfig in a host folder (ACK_LOCAL_KUBECONFIG=/kubeconfig/kubeconfig, bind-mounted from
// ./.ack-local). On Linux, Docker creates a missing bind folder owned by root, which no unprivileged process can
// write. So compose starts this entrypoint as root (`user: root`), and it:
//   1. picks the uid:gid to run as: ACK_LOCAL_UID/ACK_LOCAL_GID when set, else the owner of the compose file
//      (mounted read-only at /etc/ack-local/compose-file: whoever checked the project out, i.e. the host user),
//      else the image's `node` (1000:1000); never root (a root-owned checkout also gets 1000:1000);
//   2. hands the kubeconfig folder (and the data volume) to that uid, so the kubeconfig on the host is the host
//      user's own file, with no `chown` or `mkdir` step before `compose up`;
//   3. drops root for good (setgroups/setgid/setuid) before loading any of ack-local.
// Started as non-root (`docker run` of the image, testcontainers), it skips straight to the check below.
import { accessSync, chownSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import module from 'node:module';
import { dirname, join } from 'node:path';

const IMAGE_USER = { uid: 1000, gid: 1000 };
const COMPOSE_FILE_PROBE = '/etc/ack-local/compose-file';
const hostCopy = process.env.ACK_LOCAL_KUBECONFIG;

function targetUser() {
  const fromEnv = (name) => (/^\d+$/.test(process.env[name] ?? '') ? Number(process.env[name]) : undefined);
  let uid = fromEnv('ACK_LOCAL_UID');
  let gid = fromEnv('ACK_LOCAL_GID');
  if (uid === undefined && existsSync(COMPOSE_FILE_PROBE)) {
    const owner = statSync(COMPOSE_FILE_PROBE);
    uid = owner.uid;
    gid ??= owner.gid;
  }
  if (!uid) return IMAGE_USER; // unset, or root: the container never runs ack-local as root
  return { uid, gid: gid || uid };
}

/** chown -R, for the data volume (a handful of LMDB files) after the uid changed between runs. */
function chownTree(path, { uid, gid }) {
  const stat = statSync(path);
  if (stat.uid !== uid || stat.gid !== gid) chownSync(path, uid, gid);
  if (stat.isDirectory()) for (const entry of readdirSync(path)) chownTree(join(path, entry), { uid, gid });
}

if (process.getuid?.() === 0) {
  const user = targetUser();
  const folders = [hostCopy && dirname(hostCopy), process.env.ACK_LOCAL_DATA_DIR].filter(Boolean);
  for (const folder of folders) if (existsSync(folder)) chownTree(folder, user);
  process.setgroups([]);
  process.setgid(user.gid);
  process.setuid(user.uid);
  if (user.uid !== IMAGE_USER.uid) process.env.HOME = '/tmp';
}

if (hostCopy) {
  try {
    accessSync(dirname(hostCopy), constants.W_OK);
  } catch {
    // Only when started without root and given a folder this uid cannot write (e.g. `docker run -v` by hand).
    console.error(
      `⚠ ack-local: cannot write the kubeconfig to ${hostCopy}: its folder is not writable by uid ${process.getuid?.()}. ` +
        'Run the container as root (it drops to ACK_LOCAL_UID, or the owner of the compose file, by itself), or ' +
        'make the folder writable. Meanwhile the kubeconfig is in the container: `docker cp <container>:/data/kubeconfig .`',
    );
    delete process.env.ACK_LOCAL_KUBECONFIG;
  }
}

// The esbuild bundle, as scripts/up runs it, with V8's on-disk code cache where Node has one (>= 22.1).
module.enableCompileCache?.();
await import('./dist/bundle/ack-local.mjs');
