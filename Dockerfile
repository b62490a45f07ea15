# ack-local: DynamoDB + kube-apiserver + ACK DynamoDB controller in one container.
#
#   docker compose up                       (see docker-compose.yml: ports, volume, kubeconfig on the host)
#   docker build -t ack-local .             (needs BuildKit: Docker >= 23, or DOCKER_BUILDKIT=1)
#
# Build arguments:
#   NODE_IMAGE   base image of both stages (default node:22-bookworm-slim). Offline machines pass a stand-in
#                built by scripts/docker/build-base-image.
# Build secrets (optional, never stored in the image):
#   npm_ca       a CA bundle for the npm registry, for networks that intercept TLS
#                (`--secret id=npm_ca,src=/etc/ssl/certs/ca-certificates.crt`; scripts/docker/test-compose does it).
#
# No `# syntax=` line on purpose: it would make BuildKit pull the Dockerfile frontend from a registry; the
# built-in frontend (Docker >= 20.10) has everything used here.

ARG NODE_IMAGE=node:22-bookworm-slim

# ---- build: install the workspace with pnpm 10, compile with tsc, bundle with esbuild (what `scripts/up` runs:
# a few modules load far faster than the few hundred tsc emits), deploy the CLI with production deps only ----
FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV CI=true \
    PNPM_STORE_DIR=/pnpm/store \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false

# pnpm 10 through npm, not corepack (corepack's signature check and download fail on some machines).
# The npm_ca secret, when given, is trusted for this step only.
RUN --mount=type=secret,id=npm_ca,required=false \
    if [ -s /run/secrets/npm_ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/npm_ca; fi; \
    npm install --global --no-audit --no-fund pnpm@10 \
    && pnpm --version

# Every package of the lockfile into the store: this layer is rebuilt only when the lockfile changes.
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json ./
RUN --mount=type=secret,id=npm_ca,required=false \
    if [ -s /run/secrets/npm_ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/npm_ca; fi; \
    pnpm fetch --store-dir "$PNPM_STORE_DIR" --reporter=append-only

# Sources only (not `COPY . .`): edits to the container scripts or docs keep this stage cached.
COPY tsconfig.base.json tsconfig.json ./
COPY packages ./packages
# Offline from here: everything is in the store. pnpm 10 runs install scripts only for onlyBuiltDependencies
# (lmdb, msgpackr-extract: they pick their prebuilt linux-x64 binaries).
# `deploy` with injected workspace packages installs @ack-local/cli's production closure into /out from the
# workspace lockfile (same versions as development); the legacy deploy would resolve versions afresh.
# tsc -b is incremental: the previous build's outputs (dist/ and tsconfig.build.tsbuildinfo of each package) come
# from a BuildKit cache mount, so only the packages whose sources changed are compiled again. Every input is
# touched first: tsc -b then compares all of them by content hash with what the cached outputs were built from
# (by mtime alone, a checkout older than the cache would pass for up to date).
RUN --mount=type=cache,id=ack-local-tsc-outputs,target=/tsc-cache \
    pnpm install --offline --frozen-lockfile --store-dir "$PNPM_STORE_DIR" --reporter=append-only \
    && for p in packages/*/; do n="$(basename "$p")"; \
         if [ -d "/tsc-cache/$n" ]; then cp -a "/tsc-cache/$n/." "$p"; fi; done \
    && find packages tsconfig.base.json -type f \( -name '*.ts' -o -name '*.json' \) \
         -not -path '*/node_modules/*' -not -path '*/dist/*' -exec touch {} + \
    && pnpm exec tsc -b packages/cli/tsconfig.build.json \
    && node packages/cli/bundle.mjs \
    && for p in packages/*/; do n="$(basename "$p")"; rm -rf "/tsc-cache/$n" && mkdir -p "/tsc-cache/$n" \
         && if [ -d "$p/dist" ]; then cp -a "$p/dist" "$p"/*.tsbuildinfo "/tsc-cache/$n/"; fi; done \
    && pnpm --config.inject-workspace-packages=true --filter @ack-local/cli \
         deploy --prod --offline --store-dir "$PNPM_STORE_DIR" /out

# ---- runtime: Node.js, the compiled CLI and its production dependencies, nothing else ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    ACK_LOCAL_HOST=0.0.0.0 \
    ACK_LOCAL_DATA_DIR=/data
WORKDIR /app
# Owned by root and read-only for the user that runs it.
COPY --from=build /out /app
COPY scripts/docker/entrypoint.mjs scripts/docker/healthcheck.mjs scripts/docker/check-native.mjs \
     scripts/docker/workshop-check.mjs /app/
# check-native fails the build unless lmdb's native binding (prebuilt, linux-x64 glibc) loads and works here.
# /data and /kubeconfig: sticky and world-writable, so the container may run under the host user's uid
# (compose's `user:`), which makes the files it writes to bind mounts (the kubeconfig) the host user's own.
RUN mkdir -p /data /kubeconfig && chmod 1777 /data /kubeconfig \
    && node /app/check-native.mjs
VOLUME /data
EXPOSE 8000 6443
USER node
HEALTHCHECK --interval=5s --timeout=10s --start-period=30s --retries=5 CMD ["node", "/app/healthcheck.mjs"]
ENTRYPOINT ["node", "/app/entrypoint.mjs"]
CMD ["up", "--host", "0.0.0.0", "--data-dir", "/data"]
