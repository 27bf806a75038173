#!/usr/bin/env bash
# Screenshots of every console page: screenshots.sh URL USER PASSWORD OUT_DIR.
# Needs node, Debian's chromium and playwright-core (npm ci here); says so and
# exits 0 when they are missing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v node >/dev/null || [[ ! -x /usr/bin/chromium ]]; then
  echo "console screenshots skipped: node or chromium is missing (apt-get install nodejs chromium)"
  exit 0
fi
if [[ ! -d "$here/node_modules/playwright-core" ]]; then
  (cd "$here" && npm ci --no-audit --no-fund >/dev/null) || {
    echo "console screenshots skipped: npm ci failed"; exit 0; }
fi
exec node "$here/screenshots.mjs" "$@"
