#!/usr/bin/env bash
# Installs what is missing, builds, and starts the kiosk on the bundled demo content.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh demo

cmake --preset default >/dev/null
cmake --build --preset default -j "$(nproc)"

kiosk=./build/default/kiosk/app/customs-kiosk
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  echo "Starting the kiosk on the demo content (staff panel: tap the office name 5 times, PIN 2468)."
  exec "$kiosk" --demo --window "${KIOSK_WINDOW:-1920x1080}"
fi

# No screen here (a server, a container): run the kiosk in a virtual screen
# through every screen and leave the pictures.
out=build/demo/screens
rm -rf "$out"
tests/ui/run.sh "$(realpath "$kiosk")" "$(realpath build/default/kioskctl/kioskctl)" "$PWD" \
  "$PWD/tests/ui/every_screen.script" "$PWD/$out"
echo "No display to show the kiosk on: it ran in a virtual screen instead."
echo "Its screens are in $out/*.png; on a desktop, this command opens the kiosk itself."
