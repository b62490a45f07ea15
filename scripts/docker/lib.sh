# Shared by scripts/docker/*. Sourced, not run.
# Finds a working Docker engine, a BuildKit-capable `docker build` and a compose command on machines that
# have anything from Docker Desktop to Debian's docker.io 20.10 with the Python docker-compose 1.29.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

log() { printf '› %s\n' "$*" >&2; }
die() { printf '✖ %s\n' "$*" >&2; exit 1; }

# The stand-in base image tag (see build-base-image): named after the host's Node.js major version.
standin_tag() {
  local major
  major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 20)"
  echo "ack-local/node-standin:${major}"
}

engine_running() { docker info >/dev/null 2>&1; }

# Makes sure an engine answers. On a user's machine that is all: tests never install or start system software,
# so without a running engine this fails (and the Docker test is skipped, loudly). Only with
# ACK_LOCAL_DOCKER_INSTALL=1 and as root (.ci/run sets it in CI) does it install Debian's docker.io when dockerd is
# missing and start dockerd (no systemd there). Returns non-zero with the reason on stderr when no engine can be had.
ensure_engine() {
  engine_running && return 0
  command -v docker >/dev/null 2>&1 || { echo "the docker client is not installed" >&2; return 1; }
  if [[ "${ACK_LOCAL_DOCKER_INSTALL:-0}" != 1 || "$(id -u)" != 0 ]]; then
    echo "no Docker engine is running; start yours (CI only: ACK_LOCAL_DOCKER_INSTALL=1 as root installs and starts one)" >&2
    return 1
  fi
  local logs
  # /tmp, not $TMPDIR: the daemon outlives the test file, and the test runner removes each file's TMPDIR after it.
  logs="$(mktemp -d /tmp/ack-local-dockerd.XXXXXX)"
  if ! command -v dockerd >/dev/null 2>&1; then
    command -v apt-get >/dev/null 2>&1 || { echo "dockerd is not installed and there is no apt-get to install it" >&2; return 1; }
    log "installing Debian's docker.io and docker-compose (ACK_LOCAL_DOCKER_INSTALL=1)"
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends docker.io docker-compose debootstrap; } \
      >"$logs/install.log" 2>&1 || { echo "apt-get install docker.io failed (see $logs/install.log)" >&2; return 1; }
  fi
  log "starting dockerd (log: $logs/dockerd.log)"
  # setsid: the daemon outlives this script and is not in its process group (test runners kill groups).
  # env -u TMPDIR: runc keeps each exec's state under the daemon's TMPDIR; inheriting a test file's TMPDIR would
  # break every `docker exec` (and health check) once the runner removed it.
  setsid env -u TMPDIR dockerd >"$logs/dockerd.log" 2>&1 < /dev/null &
  local i
  for i in $(seq 1 60); do
    engine_running && return 0
    sleep 0.5
  done
  echo "dockerd did not come up within 30 s (last lines of $logs/dockerd.log: $(tail -3 "$logs/dockerd.log" | tr '\n' ' '))" >&2
  return 1
}

# A `docker` whose `build` runs BuildKit (needed for RUN --mount=type=secret|cache). Docker >= 23 clients
# need the buildx plugin for that; a 20.10 client (Debian's docker.io, /usr/bin/docker) has BuildKit built in.
buildkit_docker() {
  if docker buildx version >/dev/null 2>&1; then
    echo docker
    return 0
  fi
  local candidate version
  for candidate in $(type -ap docker); do
    version="$("$candidate" version --format '{{.Client.Version}}' 2>/dev/null || true)"
    if [[ "$version" == 20.* || "$version" == 19.03* ]]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

# Runs `docker build` with BuildKit, whatever client is installed.
docker_build() {
  local client
  client="$(buildkit_docker)" || die "no BuildKit-capable docker client (install the buildx plugin, or Debian's docker.io)"
  if [[ "$client" == docker ]]; then
    docker buildx build --load "$@"
  else
    DOCKER_BUILDKIT=1 "$client" build "$@"
  fi
}

# `docker compose` (v2 plugin) or `docker-compose` (v1), whichever exists.
compose() {
  if docker compose version >/dev/null 2>&1; then
    docker compose "$@"
  elif command -v docker-compose >/dev/null 2>&1; then
    docker-compose "$@"
  else
    die "neither 'docker compose' nor 'docker-compose' is installed"
  fi
}
