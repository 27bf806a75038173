#!/usr/bin/env bash
# Service notification test: the app run as systemd would (NOTIFY_SOCKET and
# WATCHDOG_USEC set) sends READY=1 with a STATUS= line once its first frame
# is drawn, and WATCHDOG=1 pings; without NOTIFY_SOCKET it runs as before.
# A real window under Xvfb; socat stands in for systemd's notify socket.
# Usage: notify.sh KIOSK KIOSKCTL SOURCE_DIR OUT_DIR
set -euo pipefail
kiosk=$1 kioskctl=$2 src=$3 out=$4
for tool in socat xvfb-run; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing: run scripts/deps.sh test" >&2; exit 1; }
done
rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)  # NOTIFY_SOCKET must be an absolute path
"$kioskctl" import "$src/assets/demo/content" --db "$out/content.db" >/dev/null
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

socket="$out/notify.sock"
socat -u "UNIX-RECV:$socket" "OPEN:$out/messages,creat,append" &
listener=$!
trap 'kill "$listener" 2>/dev/null || true' EXIT
for _ in $(seq 50); do [[ -S "$socket" ]] && break; sleep 0.1; done
[[ -S "$socket" ]] || { echo "FAIL: socat made no socket" >&2; exit 1; }

# A watchdog of 2 microseconds: every turn of the loop is due for a ping, so
# the count does not depend on how fast frames are drawn.
printf 'wait 5\n' >"$out/wait.script"
# Only the app gets the socket: Xvfb would announce itself on it too.
xvfb-run -a -s "-screen 0 1280x800x24" \
  env NOTIFY_SOCKET="$socket" WATCHDOG_USEC=2 "$kiosk" --db "$out/content.db" --assets "$src/assets" --window 1280x800 \
  --script "$out/wait.script" 2>"$out/stderr"
sleep 0.5  # let socat write the last datagram
messages=$(tr '\n' ' ' <"$out/messages")
echo "received: ${messages:0:300}"
grep -q 'READY=1' "$out/messages" || { echo "FAIL: no READY=1" >&2; exit 1; }
grep -q 'STATUS=kiosk .* ready, content ' "$out/messages" || { echo "FAIL: no STATUS= line" >&2; exit 1; }
pings=$(grep -o 'WATCHDOG=1' "$out/messages" | wc -l)
[[ "$pings" -ge 2 ]] || { echo "FAIL: $pings WATCHDOG=1 pings, expected at least 2" >&2; exit 1; }
grep -q '^customs-kiosk: kiosk .* ready, content ' "$out/stderr" ||
  { echo "FAIL: no ready line on stderr (the journal)" >&2; cat "$out/stderr" >&2; exit 1; }
# READY=1 comes once.
[[ $(grep -o 'READY=1' "$out/messages" | wc -l) -eq 1 ]] || { echo "FAIL: READY=1 more than once" >&2; exit 1; }

# Not under systemd: nothing is sent and nothing is printed.
: >"$out/messages"
xvfb-run -a -s "-screen 0 1280x800x24" \
  "$kiosk" --db "$out/content.db" --assets "$src/assets" --window 1280x800 \
  --script "$out/wait.script" 2>"$out/stderr"
sleep 0.3
[[ ! -s "$out/messages" ]] || { echo "FAIL: sent without NOTIFY_SOCKET" >&2; exit 1; }
if grep -q 'ready, content' "$out/stderr"; then echo "FAIL: ready line without systemd" >&2; exit 1; fi
echo "READY=1 once, $pings watchdog pings; nothing without NOTIFY_SOCKET"
