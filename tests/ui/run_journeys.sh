#!/usr/bin/env bash
# The visitor journeys (tests/ui/journeys/*.script): each script names the
# setups it runs in on a "# setups:" line, and runs in each through run.sh
# with a fresh content file. Fails when any run fails; names every failure.
# Usage: run_journeys.sh KIOSK KIOSKCTL SOURCE_DIR OUT_DIR [--first-setup] [SCRIPT...]
# --first-setup: each script in its first setup only (the sanitizer build,
# where a run costs three times as much).
set -uo pipefail
kiosk=$1 kioskctl=$2 src=$3 out=$4
shift 4
first_only=0
if [[ "${1:-}" == --first-setup ]]; then
  first_only=1
  shift
fi
scripts=("$@")
[[ ${#scripts[@]} -gt 0 ]] || scripts=("$src"/tests/ui/journeys/*.script)
rm -rf "$out"
mkdir -p "$out"
failed=()
runs=0
for script in "${scripts[@]}"; do
  name=$(basename "$script" .script)
  setups=$(sed -n 's/^# setups: *//p' "$script" | head -1)
  if [[ -z "$setups" ]]; then
    echo "$name: no \"# setups:\" line" >&2
    failed+=("$name")
    continue
  fi
  [[ $first_only -eq 1 ]] && setups=${setups%% *}
  for setup in $setups; do
    runs=$((runs + 1))
    if ! "$src/tests/ui/run.sh" "$kiosk" "$kioskctl" "$src" "$script" "$out/$name-$setup" "$setup" \
      >"$out/$name-$setup.log" 2>&1; then
      echo "FAILED: $name in $setup:" >&2
      sed 's/^/  /' "$out/$name-$setup.log" >&2
      failed+=("$name ($setup)")
    fi
  done
done
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "${#failed[@]} of $runs journey runs failed: ${failed[*]}" >&2
  exit 1
fi
echo "$runs journey runs passed"
