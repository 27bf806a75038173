#!/usr/bin/env bash
# The department side of the demo: kiosk-server with its staff console on
# 127.0.0.1 over a copy of the demo tree, a fresh signing key, a demo admin,
# and a first version published through the console's API. Writes the
# kiosk's settings (build/demo/kiosk.toml) to sync from it.
#
# Usage: scripts/demo_server.sh BUILD_DIR STATE_DIR   (prints "console: URL")
# Leaves the server running; its pid is in STATE_DIR/server.pid.
set -euo pipefail
build=$1 state=$2
server=$build/server/kiosk-server kioskctl=$build/kioskctl/kioskctl
port=${KIOSK_DEMO_PORT:-8080}
user=admin password=demo-admin-2468

[[ -f "$state/server.pid" ]] && kill "$(cat "$state/server.pid")" 2>/dev/null || true
rm -rf "$state"
mkdir -p "$state/repo" "$state/kiosk"
cp -r assets/demo/content "$state/content"
"$kioskctl" keygen --out "$state/key" >/dev/null
echo "$password" | "$server" user add "$user" --role admin --password-stdin --db "$state/server.db" >/dev/null

# One person runs the demo, so they may approve their own changes.
"$server" serve --repo "$state/repo" --db "$state/server.db" --content "$state/content" \
  --key "$state/key/signing.key" --allow-self-approval --listen "127.0.0.1:$port" \
  >"$state/server.out" 2>"$state/server.log" &
echo $! >"$state/server.pid"
for _ in $(seq 100); do grep -q listening "$state/server.out" 2>/dev/null && break; sleep 0.1; done
grep -q listening "$state/server.out" || { cat "$state/server.log" >&2; echo "kiosk-server did not start (is port $port taken? set KIOSK_DEMO_PORT)" >&2; exit 1; }
base="http://127.0.0.1:$port"

# The first version, published the way staff would: log in, publish.
api() {  # METHOD PATH [JSON]
  curl -sS -b "$state/cookies" -c "$state/cookies" -X "$1" -H 'Content-Type: application/json' \
    -H "X-CSRF-Token: $(cat "$state/csrf" 2>/dev/null)" ${3:+--data-binary "$3"} "$base/api/v1/console$2"
}
api POST /session "{\"user\":\"$user\",\"password\":\"$password\"}" \
  | grep -o '"csrf":"[^"]*"' | cut -d'"' -f4 >"$state/csrf"
api POST /publish >/dev/null

cat >"$state/kiosk.toml" <<TOML
[kiosk]
id = "demo-kiosk-1"
office_name = "Chi cục Hải quan (demo)"
[server]
url = "$base/"
trust = "$PWD/$state/key/signing.pub"
sync_minutes = 1
[storage]
data_dir = "$PWD/$state/kiosk"
TOML
echo "console: $base/console/   user: $user   password: $password"
