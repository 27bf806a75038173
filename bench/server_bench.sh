#!/usr/bin/env bash
# kiosk-server throughput from a second process on loopback (wrk): a kiosk's
# "nothing new?" check, GET /manifest.signed answered 304, and feedback POSTs,
# each with a new Idempotency-Key (every one is stored, synchronous=FULL).
#
# Usage: bench/server_bench.sh KIOSK_SERVER [SECONDS] [CONNECTIONS]
# KIOSK_SERVER is a kiosk-server binary (build/default/server/kiosk-server, or
# an older build to compare). Needs wrk (Debian package wrk).
set -euo pipefail
server=$1 seconds=${2:-10} connections=${3:-16}
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 2; }

tmp=$(mktemp -d)
pid=""
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
mkdir -p "$tmp/repo"
head -c 1200 /dev/urandom >"$tmp/repo/manifest.signed"

# The rate limits are for hostile clients; one benchmarking address would
# meet them at once. Older servers have no such flags.
extra=()
if "$server" --help 2>&1 | grep -q -- --uploads-per-second; then
  extra=(--requests-per-second 100000000 --uploads-per-second 100000000
         --feedback-per-kiosk-per-day 100000000)
fi
"$server" serve --repo "$tmp/repo" --db "$tmp/uploads.db" --listen 127.0.0.1:0 "${extra[@]}" \
  >"$tmp/out" 2>/dev/null &
pid=$!
for _ in $(seq 100); do grep -q listening "$tmp/out" 2>/dev/null && break; sleep 0.05; done
port=$(sed -nE 's/^listening on .*:([0-9]+)$/\1/p' "$tmp/out")
url="http://127.0.0.1:$port"
etag=$(curl -sI "$url/manifest.signed" | tr -d '\r' | sed -nE 's/^[Ee][Tt]ag: (.*)$/\1/p')

cat >"$tmp/not_modified.lua" <<LUA
wrk.headers["If-None-Match"] = '$etag'
LUA
cat >"$tmp/feedback.lua" <<'LUA'
local n = 0
local prefix
function setup(thread) thread:set("id", math.random(0, 0xfffff)) end
function init() prefix = string.format("%05x", id) end
function request()
  n = n + 1
  local uuid = string.format("%s%03x-0000-4000-8000-%012x", prefix, n % 4096, n)
  local body = '{"uuid":"' .. uuid .. '","kiosk":"bench-1","rating":2,"service":"",' ..
               '"comment":"Nhân viên hướng dẫn tận tình","created":"2026-11-23T07:59:30Z"}'
  return wrk.format("POST", "/api/v1/feedback",
    {["Content-Type"] = "application/json", ["Idempotency-Key"] = uuid}, body)
end
function done(summary, latency, requests)
  io.write(string.format("non-2xx: %d\n", summary.errors.status))
end
LUA
run() {  # NAME SCRIPT PATH
  local out
  out=$(wrk -t 2 -c "$connections" -d "${seconds}s" -s "$2" "$url$3")
  printf '%-28s %10s req/s   p50 %s   non-2xx/3xx %s\n' "$1" \
    "$(sed -nE 's/^Requests\/sec: *([0-9.]+)/\1/p' <<<"$out")" \
    "$(sed -nE 's/^ *Latency *([0-9.]+[a-z]+).*/\1/p' <<<"$out")" \
    "$( (sed -nE 's/^ *Non-2xx or 3xx responses: *([0-9]+)/\1/p' <<<"$out"; echo 0) | head -1)"
}
echo "kiosk-server: $server; wrk -t 2 -c $connections -d ${seconds}s"
run "GET /manifest.signed (304)" "$tmp/not_modified.lua" /manifest.signed
run "POST /api/v1/feedback (201)" "$tmp/feedback.lua" /api/v1/feedback
