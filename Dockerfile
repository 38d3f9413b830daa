# Riktning's container image. No container engine runs where Riktning is built and tested, so this
# file only repeats what CI runs on the host: scripts/install-production.sh on a clean checkout
# (then scripts/production-smoke.mjs starts the result). See docs/deploy.md.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN scripts/install-production.sh

FROM node:24-bookworm-slim
# Debian's Chromium prints the annual report as PDF; without it the PDF answers 503.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build --chown=root:root /app /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 RIKTNING_DATA_DIR=/data CHROMIUM_PATH=/usr/bin/chromium
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "bin/riktning.js"]
CMD ["serve"]
