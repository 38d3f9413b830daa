#!/usr/bin/env bash
# The production install: builds Riktning from this checkout with the development packages, then
# replaces node_modules with the run-time packages only. The result runs `bin/riktning.js serve`
# and the rest of the `riktning` command; docs/deploy.md walks through it and CI runs it on a
# clean checkout (.ci/run).
#
#   scripts/install-production.sh            # in the checkout to install
#
# Needs Node.js 20.19 or newer (24 LTS recommended) and npm. The annual-report PDF also needs
# Debian's chromium (apt-get install -y chromium); without it the PDF answers 503 with a message.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[install] %s\n' "$*"; }

node -e '
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`[install] Node.js ${process.versions.node} är för gammal: Riktning kräver 20.19 eller senare (24 LTS rekommenderas). / Node.js 20.19 or newer is required.`);
  process.exit(1);
}'

say "installerar byggverktygen / installing the build tools (npm ci)"
npm ci --no-audit --no-fund --loglevel=error
say "bygger / building (npm run build)"
npm run build --silent
say "behåller bara körpaketen / keeping only the run-time packages (npm ci --omit=dev)"
npm ci --omit=dev --no-audit --no-fund --loglevel=error
say "klart / done: $(du -sh node_modules | cut -f1) in node_modules; start with: node bin/riktning.js serve"
