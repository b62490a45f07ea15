// @test-timeout-seconds 1500
// The Docker packaging, for real: scripts/docker/test-compose builds the image (cached between runs), runs
// `docker compose up` with the kubeconfig bind folder missing (as on a fresh clone: Docker creates it owned by
// root), waits for the healthcheck, checks the kubeconfig landed on the host owned by the compose file's owner,
// and drives the eks-workshop lab from the host with the real kubectl and AWS CLI through the published ports,
// then tears everything down. Without a running Docker engine it skips LOUDLY.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { skipLoudly } from '../../src/tools.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
/**
 * A cold run builds the stand-in base image and the app image from nothing: minutes on a busy 2-core machine.
 * Stop a little before scripts/run-tests.mjs would kill this file (TEST_FILE_TIMEOUT_MS), so that test-compose
 * still tears its containers down and the failure says why.
 */
const timeoutMs = Number(
  process.env.ACK_LOCAL_DOCKER_TEST_TIMEOUT_MS ?? Number(process.env.TEST_FILE_TIMEOUT_MS ?? 300_000) - 20_000,
);
const NO_ENGINE = 3;

function run(script: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(script, [], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    // Progress lines go out as they come: a runner that kills a slow file still shows how far it got.
    const collect = (d: Buffer) => {
      output += d;
      process.stdout.write(d);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    // SIGTERM, not SIGKILL: test-compose's trap then still runs `docker compose down -v`.
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut)
        output += `\n✖ stopped after ${timeoutMs / 1000} s (TEST_FILE_TIMEOUT_MS / ACK_LOCAL_DOCKER_TEST_TIMEOUT_MS raise it)\n`;
      resolve({ code, output });
    });
  });
}

// Tests never install or start system software on a user's machine: without a running Docker engine this test
// skips loudly. CI opts in (.ci/run sets ACK_LOCAL_DOCKER_INSTALL=1 as root: install docker.io, start dockerd).
const engine = spawnSync('scripts/docker/ensure-engine', [], { cwd: repoRoot, encoding: 'utf8', timeout: 300_000 });
if (engine.status !== 0) {
  skipLoudly('docker compose packaging', (engine.stderr || engine.error?.message || 'no Docker engine').trim());
} else {
  test('docker compose up with ./.ack-local missing: healthy, kubeconfig on the host, workshop flow with kubectl and aws, data kept across restart', async () => {
    const r = await run('scripts/docker/test-compose');
    if (r.code === NO_ENGINE) {
      skipLoudly('docker compose packaging', r.output.trim().split('\n').pop() ?? 'the Docker engine went away');
      return;
    }
    assert.is(r.code, 0, r.output.slice(-6000));
    assert.match(r.output, '✔ docker compose test passed');
  });
}

test.run();
