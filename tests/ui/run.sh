#!/usr/bin/env bash
# UI test: a real window under Xvfb, driven by a script through the screens.
# Fails on a failed step, a blank frame, a missing glyph, a crash, or a
# screenshot that was not written, and (in the app, see kiosk/app/script.hpp)
# on a label clipped by its box or a theme colour pair below the contrast bar.
# Usage: run.sh KIOSK KIOSKCTL SOURCE_DIR SCRIPT OUT_DIR [SETUP]
# SETUP: landscape (1920x1080, the default) or portrait (1080x1920), each
# optionally followed by "-large": large text and high contrast from the start
# and after every idle reset.
set -euo pipefail
kiosk=$1 kioskctl=$2 src=$3 script=$4 out=$5 setup=${6:-landscape}
case "$setup" in
  landscape) size=1920x1080; extra=() ;;
  portrait) size=1080x1920; extra=() ;;
  landscape-large) size=1920x1080; extra=(--large-text --high-contrast) ;;
  portrait-large) size=1080x1920; extra=(--large-text --high-contrast) ;;
  *) echo "unknown setup $setup" >&2; exit 2 ;;
esac
rm -rf "$out"
mkdir -p "$out"
"$kioskctl" import "$src/assets/demo/content" --db "$out/content.db" >/dev/null
cd "$out"
# Under the sanitizer build, leak checking is off for the window process only:
# Mesa's and SDL's dlopen'd libraries keep allocations for the process's life
# that no stack can attribute. ASan and UBSan stay on; the app's logic runs
# under LeakSanitizer in content_tests.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
xvfb-run -a -s "-screen 0 ${size}x24" \
  "$kiosk" --db "$out/content.db" --assets "$src/assets" --window "$size" "${extra[@]}" \
  --staff-pin-hash-file "$src/assets/demo/staff-pin.hash" --script "$script"
expected=$(grep -c '^screenshot ' "$script" || true)
written=$(find "$out" -maxdepth 1 -name "*.png" | wc -l)
if [[ "$written" -ne "$expected" ]]; then
  echo "expected $expected screenshots, found $written" >&2
  exit 1
fi
echo "$written screenshots in $out"
