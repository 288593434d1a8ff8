#!/usr/bin/env bash
# Install the Node tools pinned in package.json / package-lock.json (eslint, prettier)
# into node_modules/ with `npm ci`. Needs Node.js 18.18 or newer with npm (eslint 9's range;
# the set-up is tested on Node 20) and the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null; then
  echo "convblocks needs Node.js 20 with npm (on Debian: sudo apt-get install nodejs npm)." >&2
  exit 1
fi
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number);
               process.exit(a > 18 || (a === 18 && b >= 18) ? 0 : 1)'; then
  echo "convblocks needs Node.js 18.18 or newer (20 recommended); this is $(node --version)." >&2
  exit 1
fi
npm ci --silent --no-fund --no-audit
touch node_modules/.installed
