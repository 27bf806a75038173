#!/usr/bin/env bash
# UI test of the sync worker: the demo in a real window under Xvfb, with a
# fresh demo cache, syncs from the build's file:// repository before the first
# frame, then again when staff tap "sync now".
# Usage: run_sync.sh KIOSK SCRIPT OUT_DIR
set -euo pipefail
kiosk=$1 script=$2 out=$3
rm -rf "$out"
mkdir -p "$out/runtime"
chmod 700 "$out/runtime"
cd "$out"
export XDG_RUNTIME_DIR="$out/runtime"  # the demo cache lives here: a first sync every time
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"  # see run.sh
xvfb-run -a -s "-screen 0 1920x1080x24" "$kiosk" --demo --window 1920x1080 --script "$script" \
  2>"$out/stderr.log" || { cat "$out/stderr.log" >&2; exit 1; }
cat "$out/stderr.log"
grep -q "sync: installed version" "$out/stderr.log" || { echo "no first sync logged" >&2; exit 1; }
[[ -s "$out/staff-synced-vi.png" ]] || { echo "no screenshot" >&2; exit 1; }
