// The Docker packaging, for real: scripts/docker/test-compose builds the image (cached between runs), runs
// `docker compose up`, waits for the healthcheck and drives the eks-workshop lab from the host with the real
// kubectl and AWS CLI through the published ports, then tears everything down. Without a Docker engine (none
// installed, or not root to start dockerd) it skips LOUDLY.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { skipLoudly } from '../../src/tools.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
/** A cold run builds the stand-in base image and the app image from nothing: a few minutes on 2 cores. */
const timeoutMs = Number(process.env.ACK_LOCAL_DOCKER_TEST_TIMEOUT_MS ?? 15 * 60_000);
const NO_ENGINE = 3;

function run(script: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(script, [], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    // SIGTERM, not SIGKILL: test-compose's trap then still runs `docker compose down -v`.
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const engine = spawnSync('scripts/docker/ensure-engine', [], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
if (engine.status !== 0) {
  skipLoudly('docker compose packaging', (engine.stderr || engine.error?.message || 'no Docker engine').trim());
} else {
  test('docker compose up: healthy, kubeconfig on the host, workshop flow with kubectl and aws, data kept across restart', async () => {
    const r = await run('scripts/docker/test-compose');
    if (r.code === NO_ENGINE) {
      skipLoudly('docker compose packaging', r.output.trim().split('\n').pop() ?? 'the Docker engine went away');
      return;
    }
    console.log(r.output.split('\n').filter((l) => /^ {2}\S|SKIPPED LOUDLY|✔|✖/.test(l)).join('\n'));
    assert.is(r.code, 0, r.output.slice(-6000));
    assert.match(r.output, '✔ docker compose test passed');
  });
}

test.run();
