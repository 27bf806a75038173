#!/usr/bin/env bash
# Installs what is missing, builds, and shows the whole system on the demo
# content: the department server with its staff console, and a kiosk that
# syncs from it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh demo

cmake --preset default >/dev/null
cmake --build --preset default -j "$(nproc)"

build=build/default
kiosk=$build/kiosk/app/customs-kiosk
state=build/demo/server
scripts/demo_server.sh "$build" "$state"
stop_server() { kill "$(cat "$state/server.pid")" 2>/dev/null || true; }
trap stop_server EXIT

if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  echo "The department server and its staff console are running (see the line above)."
  echo "Open the console in a browser, change an FAQ, submit, approve and publish it:"
  echo "the kiosk shows it within a minute. Close the kiosk window to stop both."
  "$kiosk" --config "$state/kiosk.toml" --window "${KIOSK_WINDOW:-1920x1080}"
  exit 0
fi

# No screen here (a server, a container): the same loop in a virtual screen.
out=build/demo/screens
rm -rf "$out"
mkdir -p "$out"
run_kiosk() {  # SCRIPT_FILE
  xvfb-run -a -s "-screen 0 1920x1080x24" "$kiosk" --config "$state/kiosk.toml" \
    --window 1920x1080 --script "$1" 2>>"$out/kiosk.log"
}
faq_script() {  # VERSION PICTURE
  printf '%s\n' "wait-sync 60" "expect-sync version $1" "tap tile-faq" "tap cat-cat-hanh-ly" \
    "tap faq-faq-hang-cam-trong-hanh-ly" "screenshot $PWD/$out/$2" >"$out/$2.script"
  echo "$out/$2.script"
}
run_kiosk "$(faq_script 1 kiosk-before.png)"
echo "changed through the console's API: $(scripts/demo_change.sh "$state")"
run_kiosk "$(faq_script 2 kiosk-after.png)"

# Every screen of the kiosk, and every page of the console when a browser is here.
tests/ui/run.sh "$(realpath "$kiosk")" "$(realpath $build/kioskctl/kioskctl)" "$PWD" \
  "$PWD/tests/ui/every_screen.script" "$PWD/$out/kiosk"
if [[ -x tests/console/screenshots.sh ]]; then
  tests/console/screenshots.sh "http://127.0.0.1:${KIOSK_DEMO_PORT:-8080}" admin demo-admin-2468 \
    "$PWD/$out/console" || echo "console screenshots failed (see above)"
fi
echo "No display to show the kiosk on: it ran in a virtual screen instead."
echo "The kiosk before and after an FAQ was changed and published through the console:"
echo "  $out/kiosk-before.png  $out/kiosk-after.png"
echo "Every kiosk screen: $out/kiosk/*.png; the console's pages: $out/console/*.png"
