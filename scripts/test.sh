#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the normal build, the
# sanitizer build (ASan + UBSan) and a short run of each fuzz target.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test

# The console's browser tests (tests/console/) use playwright-core exactly as
# package-lock.json pins it. `npm ci` only when node_modules was not made from
# this lock, so a second run needs no network.
console_lock=tests/console/package-lock.json
console_stamp=tests/console/node_modules/.lock-sha256
want=$(sha256sum "$console_lock" | cut -d' ' -f1)
if [[ "$(cat "$console_stamp" 2>/dev/null || true)" != "$want" ]]; then
  echo "== npm ci in tests/console"
  (cd tests/console && npm ci --no-audit --no-fund)
  echo "$want" >"$console_stamp"
fi

jobs=$(nproc)
for preset in default asan; do
  echo "== build and test: $preset"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  ctest --preset "$preset" -j "$jobs"
done

echo "== fuzz targets (${KIOSK_FUZZ_SECONDS:=12} s each)"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$jobs"
for target in build/fuzz/fuzz/fuzz_*; do
  [[ -x "$target" ]] || continue
  name=$(basename "$target")
  corpus="build/fuzz/corpus/$name"
  mkdir -p "$corpus"
  "$target" -max_total_time="$KIOSK_FUZZ_SECONDS" -rss_limit_mb=2048 -print_final_stats=1 "$corpus" "fuzz/seeds/${name#fuzz_}" \
    >"build/fuzz/$name.log" 2>&1 || { tail -40 "build/fuzz/$name.log"; echo "$name found a crash" >&2; exit 1; }
  echo "$name: $(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "build/fuzz/$name.log" | grep -Eo '[0-9]+' || echo '?') runs, no crash"
done
echo "== all tests passed"
