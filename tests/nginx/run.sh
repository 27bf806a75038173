#!/usr/bin/env bash
# A kiosk syncing from a real nginx that serves a published repository with
# the configuration docs/server.md gives (without TLS, on a loopback port),
# run as the current user in a private directory.
#
# Checks: the edge limits the document sets (body size, header size, a
# client that stops sending its headers, the request rate); the headers the
# document promises; a first sync installs; a second
# costs one request under 1 KB; a one-FAQ change costs under 16 KB; a queued
# feedback stays in the outbox with a warning (nginx answers POST with 405)
# while the sync succeeds; an object tampered with on the server is refused
# and the installed version is kept.
#
# Usage: run.sh KIOSKCTL SOURCE_DIR
# Exit 0 passed, 1 failed, 77 skipped (nginx missing or unable to listen).
# NGINX=/path/to/nginx picks another binary.
set -euo pipefail
kioskctl=$1 src=$2
nginx=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}

if [[ ! -x "$nginx" ]]; then
  echo "SKIP: nginx cannot run here: $nginx not found (Debian package nginx)"
  exit 77
fi

tmp=$(mktemp -d)
tmp=$(realpath "$tmp")
nginx_pid=""
cleanup() {
  if [[ -n "$nginx_pid" ]]; then
    kill "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  if [[ -s "$tmp/nginx/error.log" ]]; then
    echo "--- nginx error.log" >&2
    tail -n 20 "$tmp/nginx/error.log" >&2
  fi
  exit 1
}
step() { echo "== $*"; }

# ---- the department: a key, the demo tree published as version 1 ------------
"$kioskctl" keygen --out "$tmp/key" >/dev/null
repo="$tmp/repo"
"$kioskctl" publish "$src/assets/demo/content" --repo "$repo" --key "$tmp/key/signing.key" \
  >/dev/null || fail "publish of the demo tree"
# A secret key left in the repository by mistake must not be served.
echo "not served" >"$repo/signing.key"

# ---- nginx with docs/server.md's server block, as this user -------------------
mkdir -p "$tmp/nginx"
write_config() {
  local port=$1 user_line=""
  # Workers run as the master's user when it is not root; as root they would
  # drop to nobody, who cannot read this private directory.
  [[ $(id -u) -eq 0 ]] && user_line="user root;"
  cat >"$tmp/nginx/nginx.conf" <<EOF
$user_line
daemon off;
master_process on;
worker_processes 1;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log info;
events { worker_connections 64; }
http {
    access_log $tmp/nginx/access.log;
    client_body_temp_path $tmp/nginx/client_body;
    proxy_temp_path $tmp/nginx/proxy;
    fastcgi_temp_path $tmp/nginx/fastcgi;
    uwsgi_temp_path $tmp/nginx/uwsgi;
    scgi_temp_path $tmp/nginx/scgi;

    # From docs/server.md: the http block's two lines for the edge limits.
    limit_conn_zone \$binary_remote_addr zone=kiosk_conn:10m;
    limit_req_zone \$binary_remote_addr zone=kiosk_req:10m rate=100r/s;

    # From docs/server.md, with "listen 443 ssl" and the certificates replaced.
    server {
        listen 127.0.0.1:$port;
        server_name kiosk.haiquan.example;

        limit_conn kiosk_conn 32;
        limit_req zone=kiosk_req burst=5000 nodelay;
        limit_conn_status 429;
        limit_req_status 429;
        client_header_timeout 10s;
        client_body_timeout 10s;
        send_timeout 30s;
        keepalive_timeout 15s;
        keepalive_requests 10000;
        client_header_buffer_size 1k;
        large_client_header_buffers 4 8k;
        client_max_body_size 64k;

        root $repo;
        etag on;
        gzip on;
        gzip_types application/octet-stream;
        disable_symlinks on from=\$document_root;
        types { }
        default_type application/octet-stream;

        location = /manifest.signed {
            add_header Cache-Control "no-cache" always;
        }
        location ~ "^/manifests/[1-9][0-9]{0,17}\.signed$" {
            add_header Cache-Control "public, max-age=31536000, immutable" always;
        }
        location ~ "^/objects/[0-9a-f]{2}/[0-9a-f]{64}$" {
            add_header Cache-Control "public, max-age=31536000, immutable" always;
        }
        location ~ "^/keys/[0-9a-f]{16}\.signed$" {
            add_header Cache-Control "no-cache" always;
        }
        location /api/ {
            return 405;
        }
        location / {
            return 404;
        }
    }
}
EOF
}

# 0 when nginx accepts connections on $port; 2 when the port is taken; 3 when
# it runs but nothing reaches it there; 1 when it stopped for another reason.
start_nginx() {
  local port=$1
  : >"$tmp/nginx/error.log"
  write_config "$port"
  "$nginx" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/error.log" \
    2>>"$tmp/nginx/stderr.log" &
  nginx_pid=$!
  for _ in $(seq 100); do
    if ! kill -0 "$nginx_pid" 2>/dev/null; then
      wait "$nginx_pid" 2>/dev/null || true
      nginx_pid=""
      grep -q "Address already in use" "$tmp/nginx/error.log" "$tmp/nginx/stderr.log" && return 2
      return 1
    fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  kill "$nginx_pid" 2>/dev/null || true
  wait "$nginx_pid" 2>/dev/null || true
  nginx_pid=""
  return 3
}

port=""
for _ in $(seq 20); do
  candidate=$((20000 + RANDOM % 30000))
  rc=0
  start_nginx "$candidate" || rc=$?
  if [[ $rc -eq 0 ]]; then
    port=$candidate
    break
  fi
  [[ $rc -eq 2 ]] && continue
  if [[ $rc -eq 3 ]]; then
    echo "SKIP: nginx cannot run here: it started but 127.0.0.1:$candidate accepts no connection"
    exit 77
  fi
  reason=$(cat "$tmp/nginx/stderr.log" "$tmp/nginx/error.log" | grep -E "emerg|alert|crit" |
    tail -n 1 || true)
  if grep -qE "bind\(\)|Permission denied|Cannot assign requested address" <<<"$reason"; then
    echo "SKIP: nginx cannot run here: ${reason:-it did not start}"
    exit 77
  fi
  fail "nginx did not start with the configuration of docs/server.md: ${reason:-no reason logged}"
done
[[ -n "$port" ]] || {
  echo "SKIP: nginx cannot run here: no free port found in 20 tries"
  exit 77
}
url="http://127.0.0.1:$port/"
echo "nginx $("$nginx" -v 2>&1 | sed 's/^nginx version: //') on $url"

# ---- what nginx answers, by a raw HTTP/1.1 request ------------------------------
# Prints the status line and headers (no CR), lower-casing header names.
http_headers() {
  local method=$1 path=$2
  shift 2
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  {
    printf '%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n' "$method" "$path"
    for h in "$@"; do printf '%s\r\n' "$h"; done
    [[ "$method" == POST ]] && printf 'Content-Type: application/json\r\nContent-Length: 2\r\n'
    printf '\r\n'
    [[ "$method" == POST ]] && printf '{}'
  } >&3
  LC_ALL=C sed -n '/^\r*$/q; s/\r$//; s/^\([^:]*\):/\L\1:/; p' <&3 || true
  exec 3<&- 3>&-
}
expect_header() {  # NAME HEADERS PATTERN
  grep -qiE "$3" <<<"$2" || fail "$1: expected /$3/ in:"$'\n'"$2"
}

step "headers as docs/server.md promises"
object=$(cd "$repo" && find objects -type f | sort | sed -n 1p)
h=$(http_headers GET /manifest.signed "Accept-Encoding: gzip")
expect_header "GET /manifest.signed" "$h" '^HTTP/1.1 200'
expect_header "GET /manifest.signed" "$h" '^cache-control: no-cache$'
expect_header "GET /manifest.signed" "$h" '^content-type: application/octet-stream'
expect_header "GET /manifest.signed (gzip)" "$h" '^content-encoding: gzip'
etag=$(sed -n 's/^etag: //p' <<<"$h")
[[ -n "$etag" ]] || fail "GET /manifest.signed: no ETag"
h=$(http_headers GET /manifest.signed "Accept-Encoding: gzip" "If-None-Match: $etag")
expect_header "GET /manifest.signed with If-None-Match: $etag" "$h" '^HTTP/1.1 304'
h=$(http_headers GET "/$object" "Accept-Encoding: gzip")
expect_header "GET /$object" "$h" '^HTTP/1.1 200'
expect_header "GET /$object" "$h" '^cache-control: public, max-age=31536000, immutable$'
h=$(http_headers GET /manifests/1.signed)
expect_header "GET /manifests/1.signed" "$h" '^HTTP/1.1 200'
expect_header "GET /manifests/1.signed" "$h" 'immutable'
upper="/${object%/*}/$(tr a-f A-F <<<"${object##*/}")"
for path in /signing.key /objects/ "$upper" /manifests/01.signed /objects/../signing.key; do
  h=$(http_headers GET "$path")
  expect_header "GET $path" "$h" '^HTTP/1.1 (400|404)'
done
h=$(http_headers POST /api/v1/feedback)
expect_header "POST /api/v1/feedback" "$h" '^HTTP/1.1 405'

# ---- a kiosk --------------------------------------------------------------------
db="$tmp/kiosk/content.db"
mkdir -p "$tmp/kiosk"
sync_once() {  # runs one sync (more options in "$@"); $out, $err and $rc hold what it did
  rc=0
  "$kioskctl" sync --once --db "$db" --server "$url" --trust "$tmp/key/signing.pub" "$@" \
    >"$tmp/out" 2>"$tmp/err" || rc=$?
  out=$(cat "$tmp/out") err=$(cat "$tmp/err")
  echo "   exit $rc: $out${err:+ | stderr: $err}"
}
traffic() {  # sets requests, received and sent from the last sync's report line
  local re='.*; ([0-9]+) requests, ([0-9]+) bytes received, ([0-9]+) sent$'
  requests=$(sed -nE "s/$re/\\1/p" <<<"$out")
  received=$(sed -nE "s/$re/\\2/p" <<<"$out")
  sent=$(sed -nE "s/$re/\\3/p" <<<"$out")
  [[ -n "$requests" && -n "$received" && -n "$sent" ]] ||
    fail "no 'N requests, N bytes received, N sent' in: $out"
}
installed_version() {
  "$kioskctl" stats --db "$db" --json | sed -nE 's/.*"content_version": *([0-9]+).*/\1/p'
}

step "first sync installs version 1"
sync_once
[[ $rc -eq 0 ]] || fail "first sync exited $rc"
grep -q '^updated: installed version 1' <<<"$out" || fail "first sync: $out"
[[ $(installed_version) == 1 ]] || fail "installed version is $(installed_version), not 1"
hits=$("$kioskctl" search "tờ khai" --db "$db" --json)
grep -q '"id"' <<<"$hits" || fail "search \"tờ khai\" found nothing after the first sync"

step "second sync: unchanged, one request under 1 KB"
sync_once
[[ $rc -eq 0 ]] || fail "second sync exited $rc"
grep -q '^unchanged:' <<<"$out" || fail "second sync: $out"
traffic
[[ $requests -eq 1 ]] || fail "second sync made $requests requests, not 1"
[[ $((received + sent)) -lt 1024 ]] ||
  fail "second sync: $received bytes received + $sent sent, not under 1024"

step "one FAQ changed: version 2 costs under 16 KB"
tree="$tmp/tree"
cp -r "$src/assets/demo/content" "$tree"
faq=$(grep -rl '^type = "faq"' "$tree" --include='*.vi.md' | sort | sed -n 1p)
printf '\nCập nhật: nay nhận hồ sơ tại quầy số 7, tầng trệt.\n' >>"$faq"
# nginx's ETag is the file's mtime (in seconds) and length: publish gives a
# new head a later mtime, so publishing within the same second still shows.
"$kioskctl" publish "$tree" --repo "$repo" --key "$tmp/key/signing.key" >/dev/null ||
  fail "publish of version 2"
sync_once
[[ $rc -eq 0 ]] || fail "sync of version 2 exited $rc"
grep -q '^updated: installed version 2' <<<"$out" || fail "sync of version 2: $out"
traffic
[[ $received -lt 16384 ]] || fail "one-FAQ change received $received bytes, not under 16384"
hits=$("$kioskctl" search "tầng trệt" --db "$db" --json)
grep -q "\"$(sed -nE 's/^id = "(.*)"/\1/p' "$faq")\"" <<<"$hits" ||
  fail "the changed FAQ is not found by its new words after version 2"

step "feedback queued: nginx answers 405, it stays in the outbox, the sync succeeds"
"$kioskctl" feedback add --db "$db" --rating 1 --comment "Nhân viên hướng dẫn tận tình" \
  >/dev/null || fail "feedback add"
sync_once --kiosk-id nginx-test  # without a kiosk id no feedback is offered at all
[[ $rc -eq 0 ]] || fail "sync with a queued feedback exited $rc"
grep -q 'waiting 1;' <<<"$out" || fail "the feedback is not still waiting: $out"
grep -q 'warning: feedback upload: .*405' <<<"$err" || fail "no warning naming HTTP 405: $err"

step "an object tampered with on the server is refused; version 2 stays"
printf '\nCập nhật lần ba (v3).\n' >>"$faq"
before=$(cd "$repo" && find objects -type f | sort)
"$kioskctl" publish "$tree" --repo "$repo" --key "$tmp/key/signing.key" >/dev/null ||
  fail "publish of version 3"
new_objects=$(cd "$repo" && find objects -type f | sort | comm -13 <(echo "$before") -)
tampered=""
for o in $new_objects; do
  if grep -qF "(v3)" "$repo/$o"; then tampered=$o; fi
done
[[ -n "$tampered" ]] || fail "version 3 has no new object holding the changed FAQ"
# Other bytes of the same length: only the hash can tell.
sed -i 's/(v3)/(v9)/' "$repo/$tampered"
sync_once
[[ $rc -eq 1 ]] || fail "sync of a tampered version 3 exited $rc, not 1"
grep -q "$tampered is not the object the manifest pins" <<<"$err" ||
  fail "the refusal does not name the tampered object: $err"
[[ $(installed_version) == 2 ]] || fail "installed version is $(installed_version), not 2"
hits=$("$kioskctl" search "tầng trệt" --db "$db" --json)
grep -q '"id"' <<<"$hits" || fail "version 2's content is gone after the refused sync"

step "edge limits: body and header size, a stalled client, the request rate"
# http_headers adds its own Content-Length for a POST; send this one raw.
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'POST /api/v1/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n' >&3
status=$(head -c 12 <&3 | tr -d '\r' || true)
exec 3<&- 3>&-
[[ "$status" == "HTTP/1.1 413" ]] || fail "a 100000-byte body: '$status', not 413"
h=$(http_headers GET /manifest.signed "X-Big: $(head -c 9000 /dev/zero | tr '\0' a)")
expect_header "a 9000-byte header" "$h" '^HTTP/1.1 (400|414|494)'
start=$(date +%s)
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /manifest.signed HTTP/1.1\r\nHost: 127.0.0.1\r\n' >&3
cat <&3 >/dev/null || true  # returns when nginx closes the connection
exec 3<&- 3>&-
waited=$(($(date +%s) - start))
[[ $waited -ge 8 && $waited -le 20 ]] ||
  fail "a client that stopped mid-headers was cut off after $waited s, not about 10"
urls=()
for _ in $(seq 6000); do urls+=(-o /dev/null "${url}manifest.signed"); done
codes=$(curl -s -w '%{http_code}\n' "${urls[@]}" | sort | uniq -c)
echo "   6000 GETs at once:" $codes
grep -qE '[0-9]+ 429$' <<<"$codes" || fail "6000 GETs at once were not rate limited: $codes"
grep -qE '[0-9]+ 200$' <<<"$codes" || fail "6000 GETs at once: none answered 200: $codes"

echo "PASS: a kiosk syncs from nginx as docs/server.md configures it"
