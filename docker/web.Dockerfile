# syntax=docker/dockerfile:1
#
# Leitstand web image: nginx serving the Angular helpdesk build and proxying /api/ to the
# `api` service. Build from the repository root (compose does this):
#   docker build -f docker/web.Dockerfile -t leitstand/web .
ARG NODE_IMAGE=node:24-bookworm-slim
# Current stable nginx line on Alpine; pin a version (or digest) here for reproducible releases.
ARG NGINX_IMAGE=nginx:stable-alpine

# ---- build: full install + Angular production build (hashed file names) ---------------------
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
RUN npx nx build helpdesk

# ---- runtime ----------------------------------------------------------------------------------
FROM ${NGINX_IMAGE} AS runtime
LABEL org.opencontainers.image.title="leitstand-web" \
      org.opencontainers.image.description="Leitstand helpdesk UI (nginx) with /api/ proxy"
# Replaces the image's default server; the file is included inside nginx's http {} block.
COPY docker/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/dist/frontend/helpdesk/browser /usr/share/nginx/html
EXPOSE 80
# BusyBox wget ships with Alpine; 127.0.0.1 because nginx listens on IPv4 only.
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1/healthz || exit 1
