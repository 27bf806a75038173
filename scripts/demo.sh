#!/usr/bin/env bash
# Installs what is missing, builds, and starts the kiosk on the bundled demo content.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh demo

cmake --preset default >/dev/null
cmake --build --preset default -j "$(nproc)"

db=build/demo/content.db
mkdir -p build/demo
./build/default/kioskctl/kioskctl import assets/demo/content --db "$db"
./build/default/kioskctl/kioskctl stats --db "$db"

# Until the touch app lands, the demo is a search prompt over the demo content.
echo
echo "Search the demo content (Vietnamese or English; an empty line ends):"
while IFS= read -r -p "search> " query && [[ -n "$query" ]]; do
  lang=vi
  [[ "$query" == en:* ]] && { lang=en; query=${query#en:}; }
  ./build/default/kioskctl/kioskctl search "$query" --db "$db" --lang "$lang" --limit 5
done
