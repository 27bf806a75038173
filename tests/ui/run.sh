#!/usr/bin/env bash
# UI test: a real window under Xvfb, driven by a script through every screen in
# both languages. Fails on a failed step, a blank frame, a missing glyph, a
# crash, or a screenshot that was not written.
# Usage: run.sh KIOSK KIOSKCTL SOURCE_DIR SCRIPT OUT_DIR
set -euo pipefail
kiosk=$1 kioskctl=$2 src=$3 script=$4 out=$5
rm -rf "$out"
mkdir -p "$out"
"$kioskctl" import "$src/assets/demo/content" --db "$out/content.db" >/dev/null
cd "$out"
# Under the sanitizer build, leak checking is off for the window process only:
# Mesa's and SDL's dlopen'd libraries keep allocations for the process's life
# that no stack can attribute. ASan and UBSan stay on; the app's logic runs
# under LeakSanitizer in content_tests.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
xvfb-run -a -s "-screen 0 1920x1080x24" \
  "$kiosk" --db "$out/content.db" --assets "$src/assets" --window 1920x1080 \
  --staff-pin-hash-file "$src/assets/demo/staff-pin.hash" --script "$script"
expected=$(grep -c '^screenshot ' "$script")
written=$(ls "$out"/*.png | wc -l)
if [[ "$written" -ne "$expected" ]]; then
  echo "expected $expected screenshots, found $written" >&2
  exit 1
fi
echo "$written screenshots in $out"
