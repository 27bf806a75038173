#!/usr/bin/env bash
# Lifecycle test: SIGTERM and SIGINT stop the kiosk cleanly in every mode.
# The app runs in a real X server (Xvfb), full screen and in a window, idle
# (asleep in SDL_WaitEventTimeout), driven by a script, on the demo, and in
# the middle of a sync with a server that accepts the connection and never
# answers. Each time it must exit with status 0 within 2 s of the signal,
# say why on stderr, and leave a cache that passes PRAGMA integrity_check.
# Usage: run_lifecycle.sh KIOSK KIOSKCTL SOURCE_DIR DEMO_REPO_DIR OUT_DIR
set -euo pipefail
kiosk=$1 kioskctl=$2 src=$3 demo_repo=$4 out=$5
for tool in Xvfb socat sqlite3; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing: run scripts/deps.sh test" >&2; exit 1; }
done
rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)
demo_repo=$(cd "$demo_repo" && pwd)
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"  # see run.sh

# The deadline the issue sets; no tighter timing is asserted. A sanitizer
# build runs two to three times slower (and checks everything on the way
# out), so it gets a wider one: the 2 s are a promise of the release build.
deadline_ms=2000
if ldd "$kiosk" 2>/dev/null | grep -q -e libasan -e libubsan; then
  deadline_ms=6000
fi

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

xvfb_pid="" server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null || true
}
trap cleanup EXIT

# One X server for every run, 1920x1080 like a lobby screen: the full-screen
# runs take all of it. -displayfd picks a free display.
Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp 3>"$out/display" >"$out/xvfb.log" 2>&1 &
xvfb_pid=$!
display=""
for _ in $(seq 100); do
  display=$(tr -d '\n' <"$out/display")
  [[ -n "$display" ]] && break
  sleep 0.1
done
[[ -n "$display" ]] || fail "Xvfb did not start: $(cat "$out/xvfb.log")"
export DISPLAY=":$display"

# A "server" that takes the connection and never answers: a sync against it
# is under way (curl waiting for the head) for as long as the test likes.
# Each connection is logged, so the test knows the sync has begun.
port=""
for _ in $(seq 20); do
  try=$((20000 + RANDOM % 40000))
  socat "TCP-LISTEN:$try,bind=127.0.0.1,reuseaddr,fork" \
    "SYSTEM:echo connected >>'$out/connections'; exec sleep 60" >"$out/server.log" 2>&1 &
  server_pid=$!
  sleep 0.3
  if kill -0 "$server_pid" 2>/dev/null; then
    port=$try
    break
  fi
  server_pid=""
done
[[ -n "$port" ]] || fail "could not start the stalled server: $(cat "$out/server.log")"

"$kioskctl" import "$src/assets/demo/content" --db "$out/content.db" >/dev/null

# A kiosk.toml as installed, syncing from the stalled server every minute
# (the first cycle starts 2 to 15 s after the start).
make_config() {
  local dir=$1
  mkdir -p "$dir"
  cp "$out/content.db" "$dir/content.db"
  cat >"$dir/kiosk.toml" <<EOF
[kiosk]
id = "lifecycle-test"
office_name = "Chi cục Hải quan kiểm thử"
[server]
url = "http://127.0.0.1:$port/"
trust = "$demo_repo/key/signing.pub"
sync_minutes = 1
[storage]
data_dir = "$dir"
EOF
}

now_ms() { date +%s%3N; }

# run NAME SIGNAL WAIT_FOR DB -- ARGS...: starts the kiosk with ARGS, waits
# until WAIT_FOR happened (first-frame: it has drawn and sleeps; sync: the
# stalled server has a connection from it), sends SIGNAL and checks the exit
# and the cache DB (a pattern: the demo names its cache after its key).
runs=0
run() {
  local name=$1 sig=$2 wait_for=$3 db=$4
  shift 5
  local log="$out/$name.log"
  : >"$out/connections"
  # A non-interactive shell starts background jobs with SIGINT ignored; the
  # app takes it back (kiosk/app/stop_signals.hpp), as it must for Ctrl-C.
  KIOSK_REPORT_TIMING=1 "$kiosk" "$@" 2>"$log" &
  local pid=$!
  local ready=""
  for _ in $(seq 600); do
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; fail "$name: the kiosk ended before the signal"; }
    case $wait_for in
      first-frame) grep -q 'timing: first frame' "$log" && ready=1 ;;
      sync) grep -q 'timing: first frame' "$log" && [[ -s "$out/connections" ]] && ready=1 ;;
    esac
    [[ -n "$ready" ]] && break
    sleep 0.05
  done
  [[ -n "$ready" ]] || { kill -KILL "$pid"; cat "$log" >&2; fail "$name: not $wait_for within 30 s"; }
  [[ $wait_for != first-frame ]] || sleep 0.5  # well asleep in SDL_WaitEventTimeout
  local start
  start=$(now_ms)
  kill "-$sig" "$pid"
  local ended=""
  while (($(now_ms) - start < 10000)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      ended=$(now_ms)
      break
    fi
    sleep 0.02
  done
  if [[ -z "$ended" ]]; then
    kill -KILL "$pid" 2>/dev/null || true
    cat "$log" >&2
    fail "$name: still running 10 s after SIG$sig"
  fi
  local rc=0
  wait "$pid" || rc=$?
  local took=$((ended - start))
  [[ $rc -eq 0 ]] || { cat "$log" >&2; fail "$name: exit status $rc after SIG$sig"; }
  ((took <= deadline_ms)) || { cat "$log" >&2; fail "$name: took $took ms after SIG$sig (at most $deadline_ms)"; }
  grep -q "stopping on SIG$sig" "$log" || { cat "$log" >&2; fail "$name: no 'stopping on SIG$sig' line"; }
  local check
  db=$(compgen -G "$db" | head -1) || fail "$name: no cache at $4"
  check=$(sqlite3 "$db" 'PRAGMA integrity_check;' 2>&1)
  [[ "$check" == ok ]] || fail "$name: integrity_check says: $check"
  echo "ok: $name: SIG$sig, exit 0 after $took ms, integrity_check ok"
  runs=$((runs + 1))
}

assets=(--assets "$src/assets")
pin=(--staff-pin-hash-file "$src/assets/demo/staff-pin.hash")

# Idle, with --db: in a window and full screen (no --window).
for sig in TERM INT; do
  run "db-window-idle-$sig" "$sig" first-frame "$out/content.db" -- \
    --db "$out/content.db" "${assets[@]}" "${pin[@]}" --window 1280x800
  run "db-fullscreen-idle-$sig" "$sig" first-frame "$out/content.db" -- \
    --db "$out/content.db" "${assets[@]}" "${pin[@]}"
done

# Driven by a script (the loop never sleeps; the wait, in frames, outlasts the
# signal).
printf 'expect home\nwait 1000000\n' >"$out/wait.script"
run "script-window-TERM" TERM first-frame "$out/content.db" -- \
  --db "$out/content.db" "${assets[@]}" --window 1280x800 --script "$out/wait.script"

# The demo: its first sync from file:// is done, its worker waits.
mkdir -p "$out/runtime"
chmod 700 "$out/runtime"
XDG_RUNTIME_DIR="$out/runtime" run "demo-fullscreen-INT" INT first-frame \
  "$out/runtime/customs-kiosk-demo-*/content-*.db" -- --demo "${assets[@]}"

# --config, in the middle of a sync: the worker is waiting on the server.
for sig in TERM INT; do
  make_config "$out/config-fullscreen-$sig"
  run "config-fullscreen-syncing-$sig" "$sig" sync "$out/config-fullscreen-$sig/content.db" -- \
    --config "$out/config-fullscreen-$sig/kiosk.toml" "${assets[@]}"
  make_config "$out/config-window-$sig"
  run "config-window-syncing-$sig" "$sig" sync "$out/config-window-$sig/content.db" -- \
    --config "$out/config-window-$sig/kiosk.toml" "${assets[@]}" --window 1280x800
done

echo "$runs runs stopped cleanly (exit 0 within $deadline_ms ms, cache intact)"
