# Shared by scripts/up and scripts/test. Sourced, not run.
# Finds a pnpm 10 without corepack (broken on some machines) and installs the workspace when needed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

# `node --version` answers before V8 starts: a few ms, where `node -e` costs a whole start-up on every scripts/up.
node_ok() {
  local version major minor
  version="$(node --version)" || return 1
  IFS=. read -r major minor _ <<<"${version#v}"
  ((major > 20 || (major == 20 && minor >= 19)))
}
if ! command -v node >/dev/null || ! node_ok; then
  echo "ack-local needs Node.js >= 20.19 (found: $(node -v 2>/dev/null || echo none))" >&2
  exit 1
fi

pnpm_cmd() {
  if command -v pnpm >/dev/null 2>&1 && [[ "$(pnpm --version 2>/dev/null)" == 10.* ]]; then
    pnpm "$@"
  else
    npx --yes pnpm@10 "$@"
  fi
}

# Install only when the lockfile or a manifest is newer than the last install.
ensure_installed() {
  local stamp="node_modules/.ack-local-installed"
  if [[ -f "$stamp" ]] && [[ -z "$(find package.json pnpm-lock.yaml packages/*/package.json -newer "$stamp" 2>/dev/null)" ]]; then
    return 0
  fi
  echo "› installing dependencies (pnpm 10)" >&2
  # CI installs exactly the lockfile and fails on drift; a developer's tree re-resolves when a manifest changed.
  if [[ -n "${CI:-}" ]]; then
    pnpm_cmd install --frozen-lockfile --reporter=silent >&2
  else
    pnpm_cmd install --frozen-lockfile --reporter=silent >&2 || pnpm_cmd install --reporter=silent >&2
  fi
  touch "$stamp"
}

# True when no source, manifest or build setting is newer than the last bundle.
bundle_fresh() {
  local bundle="packages/cli/dist/bundle/ack-local.mjs"
  [[ -f "$bundle" ]] && [[ -z "$(find packages/*/src packages/*/package.json packages/*/tsconfig*.json \
    tsconfig.base.json packages/cli/bundle.mjs pnpm-lock.yaml -newer "$bundle" -print -quit 2>/dev/null)" ]]
}

# What scripts/up runs: the esbuild bundle, built straight from the sources (the ack-local-source condition), in
# seconds. No tsc: type-checking is scripts/test's job, and on a fresh clone `tsc -b` was most of the wait. Nothing
# is rebuilt when the bundle is fresh: a warm `scripts/up` goes straight to starting.
ensure_bundle() {
  bundle_fresh && return 0
  echo "› bundling" >&2
  node packages/cli/bundle.mjs >&2
}

# tsc emits every package's dist/ (type-checked, what scripts/bench imports), then the bundle.
ensure_built() {
  echo "› building" >&2
  pnpm_cmd exec tsc -b packages/cli/tsconfig.build.json >&2
  node packages/cli/bundle.mjs >&2
}
