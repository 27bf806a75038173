#!/usr/bin/env bash
# The staff console in a real browser: Debian's chromium driven by
# playwright-core (pinned in package-lock.json) against a real kiosk-server
# over a copy of the demo tree, with a fresh signing key and one account per
# role. Builds nothing; installs nothing (scripts/test.sh runs `npm ci`).
#
# The repository starts as `kioskctl publish` of the demo tree (version 1), as
# at a department that published by hand before it had the console; the
# scenarios (scenarios.test.mjs) then edit, review, publish and roll back
# through the pages, and `kioskctl sync --once` / `kioskctl search` check
# what a kiosk gets.
#
# Usage: run.sh KIOSK_SERVER KIOSKCTL [SCREENS_DIR]
#   SCREENS_DIR: where console-*.png go (docs/screens/ has copies); none when
#   left out.
# Exit 0 passed, 1 failed, 77 skipped (node or chromium missing).
# NODE=..., CHROMIUM=... pick other binaries; CONSOLE_DIR=... other pages;
# KEEP=1 keeps the temp directory.
set -euo pipefail
server=$(realpath "$1") kioskctl=$(realpath "$2") screens=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
node=${NODE:-$(command -v node || echo /usr/bin/node)}
chromium=${CHROMIUM:-/usr/bin/chromium}

if [[ ! -x "$node" ]]; then
  echo "SKIP: node not found (Debian package nodejs; scripts/deps.sh test installs it)"
  exit 77
fi
if [[ ! -x "$chromium" ]]; then
  echo "SKIP: $chromium not found (Debian package chromium; scripts/deps.sh test installs it)"
  exit 77
fi
node_major=$("$node" -p 'process.versions.node.split(".")[0]')
if (( node_major < 18 )); then
  echo "FAIL: node $("$node" --version) is too old: playwright-core needs 18 or later" >&2
  exit 1
fi
locked=$("$node" -p "require('$here/package-lock.json').packages['node_modules/playwright-core'].version")
installed=$("$node" -p "try { require('$here/node_modules/playwright-core/package.json').version } catch { '' }")
if [[ "$installed" != "$locked" ]]; then
  echo "FAIL: playwright-core ${installed:-is not installed} in tests/console/node_modules; the lock pins $locked." >&2
  echo "      Run: (cd tests/console && npm ci)   (scripts/test.sh does)" >&2
  exit 1
fi

tmp=$(mktemp -d)
tmp=$(realpath "$tmp")
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ "${KEEP:-0}" == 1 ]]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  if [[ -s "$tmp/server.log" ]]; then
    echo "--- kiosk-server's log (last 40 lines)" >&2
    tail -n 40 "$tmp/server.log" >&2
  fi
  exit 1
}

# ---- the department: a tree, a key, version 1, an account per role ---------
cp -r "$src/assets/demo/content" "$tmp/content"
keygen=$("$kioskctl" keygen --out "$tmp/key") || fail "kioskctl keygen"
key_id=$(sed -n 's/^key \([0-9a-zA-Z:_-]*\):.*/\1/p' <<<"$keygen")
"$kioskctl" publish "$tmp/content" --repo "$tmp/repo" --key "$tmp/key/signing.key" >/dev/null \
  || fail "kioskctl publish of the demo tree"
password="console-test-password-1"
for account in admin:admin editor:editor editor2:editor publisher:publisher viewer:viewer; do
  printf '%s\n' "$password" | "$server" user add "${account%%:*}" --role "${account#*:}" --password-stdin \
    --db "$tmp/server.db" >/dev/null || fail "kiosk-server user add ${account%%:*}"
done

# ---- the server, on a free loopback port --------------------------------------
"$server" serve --repo "$tmp/repo" --db "$tmp/server.db" --content "$tmp/content" \
  --key "$tmp/key/signing.key" --listen 127.0.0.1:0 --console-dir "${CONSOLE_DIR:-$src/server/console}" \
  >"$tmp/server.out" 2>"$tmp/server.log" &
server_pid=$!
address=""
for _ in $(seq 100); do
  address=$(sed -n 's/.*listening on \([0-9.]*:[0-9]*\).*/\1/p' "$tmp/server.out" | head -n 1)
  [[ -n "$address" ]] && break
  kill -0 "$server_pid" 2>/dev/null || fail "kiosk-server serve exited: $(cat "$tmp/server.out")"
  sleep 0.1
done
[[ -n "$address" ]] || fail "kiosk-server did not print \"listening on HOST:PORT\" within 10 s"
echo "== kiosk-server at http://$address/console/ (key $key_id)"

# ---- the scenarios -------------------------------------------------------------
export CONSOLE_URL="http://$address" CONSOLE_PASSWORD="$password" CONSOLE_KEY_ID="$key_id"
export CONSOLE_TRUST="$tmp/key/signing.pub" CONSOLE_WORK="$tmp" KIOSKCTL="$kioskctl"
export CHROMIUM="$chromium" SCREENS_DIR="${screens:+$(realpath -m "$screens")}"
cd "$here"
if ! "$node" --test --test-reporter=spec scenarios.test.mjs; then
  fail "a console scenario failed (above)"
fi

# The server stops cleanly; under ASan/UBSan its log holds no report.
kill -TERM "$server_pid"
server_rc=0
wait "$server_pid" || server_rc=$?
server_pid=""
if (( server_rc != 0 )); then
  fail "kiosk-server exited with status $server_rc after SIGTERM"
fi
if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$tmp/server.log"; then
  fail "kiosk-server's log has a sanitizer report"
fi
echo "== all console scenarios passed"
