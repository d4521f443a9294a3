# syntax=docker/dockerfile:1
#
# Leitstand API image. Build from the repository root (compose does this):
#   docker build -f docker/api.Dockerfile -t leitstand/api .
# The same image runs the one-shot migration:
#   docker run --rm leitstand/api node --enable-source-maps dist/backend/api/migrate.js
#
# Build and runtime use the same Debian (glibc) base, so native addons that npm installed
# as prebuilt binaries in the deps stage load unchanged in the runtime stage.
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: full install + nx build --------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NX_DAEMON=false \
    NX_NO_CLOUD=true \
    NX_TUI=false \
    NG_CLI_ANALYTICS=false
COPY package.json package-lock.json ./
# --ignore-scripts: no dependency needs its install script (esbuild, swc, nx, lmdb find their
# prebuilt platform packages at run time), as under npm 11, which skips unapproved scripts.
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npx nx build api

# ---- prod-deps: production node_modules only (the bundle keeps node_modules external) -----
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
# Native addons (argon2 and the like) ship prebuilt binaries for linux-x64/arm64 glibc inside
# their npm packages and load them at run time, so no install script or compiler is needed.
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --omit=dev --no-audit --no-fund --ignore-scripts

# ---- runtime --------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="leitstand-api" \
      org.opencontainers.image.description="Leitstand HTTP API (NestJS); also runs the migrations"
ENV NODE_ENV=production \
    API_HOST=0.0.0.0 \
    API_PORT=3000
WORKDIR /app
# Code and dependencies stay owned by root: the `node` user can read them, not change them.
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist/backend/api ./dist/backend/api
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.API_PORT || 3000) + '/api/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/backend/api/main.js"]
