#!/usr/bin/env bash
# Installer test: builds the Debian packages with CPack, runs lintian (no
# errors allowed), installs them into a throw-away Debian 12 root, runs the
# installed programs there, reinstalls (an upgrade keeps data and settings),
# removes and purges, and checks that nothing is left.
#
# The base root (debootstrap minbase + every package the kiosk packages
# depend on) is made once from the Debian archive and kept as a tarball in
# $KIOSK_ROOTFS_CACHE (default /var/cache/customs-kiosk-tests), keyed by the
# dependency list; later runs unpack it in seconds.
#
# Usage: run.sh BUILD_DIR SOURCE_DIR
# Exit 77 (skipped) only where a chroot cannot run: not root, or no Debian
# archive to make the base root from. KIOSK_INSTALLER_TEST_ON_HOST=1 then
# installs on this machine with dpkg -i instead (it must have the
# dependencies; everything is purged at the end).
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
work="$build/installer-test"
cache="${KIOSK_ROOTFS_CACHE:-/var/cache/customs-kiosk-tests}"
suite=bookworm

say() { echo "== $*"; }
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
skip() {
  echo "SKIP: $*" >&2
  exit 77
}
elapsed() { echo "$((SECONDS - $1)) s"; }

[[ $(id -u) -eq 0 ]] || skip "needs root (chroot, dpkg -i); run as root or in CI"
for tool in cpack lintian dpkg-deb dpkg-shlibdeps zstd; do
  command -v "$tool" >/dev/null || fail "$tool is missing: run scripts/deps.sh test"
done

rm -rf "$work"
mkdir -p "$work/packages"

# ---- packages -----------------------------------------------------------------
t=$SECONDS
say "cpack -G DEB"
(cd "$build" && cpack -G DEB -B "$work/packages" >"$work/cpack.log" 2>&1) ||
  { tail -30 "$work/cpack.log"; fail "cpack failed"; }
kiosk_deb=$(ls "$work"/packages/customs-kiosk_*.deb 2>/dev/null | head -1)
server_deb=$(ls "$work"/packages/customs-kiosk-server_*.deb 2>/dev/null | head -1)
[[ -n "$kiosk_deb" ]] || fail "cpack made no customs-kiosk_*.deb"
debs=("$kiosk_deb")
[[ -n "$server_deb" ]] && debs+=("$server_deb")
for deb in "${debs[@]}"; do
  name=$(basename "$deb")
  [[ "$name" =~ ^[a-z-]+_[0-9][0-9.]*_[a-z0-9]+\.deb$ ]] || fail "$name is not NAME_VERSION_ARCH.deb"
  echo "$name: $(dpkg-deb -f "$deb" Depends)"
done
[[ -n "$server_deb" ]] || echo "note: no customs-kiosk-server package (kiosk-server not built)"
echo "cpack: $(elapsed $t)"

# ---- lintian ------------------------------------------------------------------
t=$SECONDS
say "lintian"
lintian --no-tag-display-limit "${debs[@]}" >"$work/lintian.log" 2>&1 || true
grep -E '^[EW]: ' "$work/lintian.log" || true
errors=$(grep -c '^E: ' "$work/lintian.log" || true)
warnings=$(grep -c '^W: ' "$work/lintian.log" || true)
echo "lintian: $errors errors, $warnings warnings ($(elapsed $t))"
[[ "$errors" -eq 0 ]] || fail "lintian reports errors"

# ---- the Debian 12 root ---------------------------------------------------------
# Every package the kiosk packages depend on, without versions or alternatives
# (the first of each), plus what the test itself runs there (systemd-analyze).
deps=$(for deb in "${debs[@]}"; do dpkg-deb -f "$deb" Depends | tr ',' '\n'; done |
  sed -e 's/|.*//' -e 's/(.*)//' -e 's/ //g' | grep -v '^$' | sort -u | tr '\n' ',')
include="${deps}systemd"
mirror="${KIOSK_DEBIAN_MIRROR:-}"
if [[ -z "$mirror" ]]; then
  mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources \
    2>/dev/null | grep -Eo 'https?://[^ ]*/debian/?( |$)' | grep -v security | head -1 | tr -d ' ' || true)
fi
mirror="${mirror:-http://deb.debian.org/debian}"
# Made again each month, so the root follows Debian 12's point releases.
key=$(echo "$suite $include" | sha256sum | cut -c1-16)
key="$(date +%Y-%m)-$key"
tarball="$cache/$suite-$key.tar.zst"
root="$work/root"
on_host=0

make_base() {
  local tmp="$cache/tmp-$key"
  rm -rf "$tmp"
  say "debootstrap --variant=minbase $suite from $mirror (once; cached as $tarball)"
  local t=$SECONDS
  # --cache-dir keeps the downloaded packages: a changed dependency list
  # downloads only what is new.
  mkdir -p "$cache/debs"
  if ! debootstrap --variant=minbase --cache-dir="$cache/debs" --include="$include" "$suite" "$tmp" "$mirror" \
    >"$work/debootstrap.log" 2>&1; then
    tail -15 "$work/debootstrap.log" >&2
    rm -rf "$tmp"
    return 1
  fi
  # No daemons start inside the throw-away root.
  printf '#!/bin/sh\nexit 101\n' >"$tmp/usr/sbin/policy-rc.d"
  chmod 0755 "$tmp/usr/sbin/policy-rc.d"
  rm -rf "$tmp"/var/cache/apt/archives/*.deb "$tmp"/var/lib/apt/lists/*_Packages
  tar -C "$tmp" -cf - . | zstd -q -T0 -3 -o "$tarball.part"
  mv "$tarball.part" "$tarball"
  find "$cache" -maxdepth 1 -name "$suite-*.tar.zst" ! -path "$tarball" -delete  # older roots
  rm -rf "$tmp"
  echo "debootstrap: $(elapsed $t)"
}

t=$SECONDS
if command -v debootstrap >/dev/null && mkdir -p "$cache" 2>/dev/null; then
  exec 9>"$cache/.lock"
  flock 9
  [[ -f "$tarball" ]] || make_base || true
  flock -u 9
fi
if [[ -f "$tarball" ]]; then
  mkdir -p "$root"
  zstd -q -dc "$tarball" | tar -C "$root" -xf -
  chroot "$root" /bin/true || skip "chroot into the Debian 12 root does not run here"
  echo "root unpacked from the cache: $(elapsed $t)"
elif [[ "${KIOSK_INSTALLER_TEST_ON_HOST:-0}" == 1 ]]; then
  say "no Debian 12 root: installing on this machine (KIOSK_INSTALLER_TEST_ON_HOST=1)"
  on_host=1
  root=""
else
  skip "cannot make a Debian 12 root (no debootstrap or no archive at $mirror); KIOSK_INSTALLER_TEST_ON_HOST=1 installs on this machine instead"
fi

# Runs a command in the root (or here, on the host).
in_root() {
  if [[ $on_host == 1 ]]; then "$@"; else chroot "$root" "$@"; fi
}
as_user() {
  local user=$1
  shift
  if [[ $on_host == 1 ]]; then setpriv --reuid="$user" --regid="$user" --init-groups "$@"; else
    chroot --userspec="$user:$user" "$root" "$@"
  fi
}
path() { echo "${root}$1"; }

# What the root holds before the packages: compared after the purge.
snapshot() {
  in_root find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /tmp -o -path /run \
    -o -path /var/lib/dpkg -o -path /var/log -o -path /var/cache/debconf -o -path /var/cache/ldconfig \
    -o -path /root -o -path /etc/ld.so.cache \) -prune -o -printf '%p %u %g %m\n' 2>/dev/null |
    grep -Ev '^/etc/(passwd|group|shadow|gshadow|subuid|subgid)-? ' | sort
}
[[ $on_host == 1 ]] || snapshot >"$work/before.txt"

cleanup() {
  if [[ $on_host == 1 ]]; then
    dpkg --purge customs-kiosk customs-kiosk-server >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

# ---- install --------------------------------------------------------------------
t=$SECONDS
say "dpkg -i ${debs[*]##*/}"
mkdir -p "$(path /tmp)/debs"
cp "${debs[@]}" "$(path /tmp)/debs/"
in_root sh -c 'dpkg -i /tmp/debs/*.deb' </dev/null >"$work/install.log" 2>&1 ||
  { cat "$work/install.log"; fail "dpkg -i failed"; }
echo "install: $(elapsed $t)"

check() {
  local what=$1
  shift
  if "$@"; then echo "ok: $what"; else fail "$what"; fi
}
quiet() { "$@" >/dev/null; }
owner_mode() { in_root stat -c '%U:%G %a' "$1"; }

version=$(dpkg-deb -f "$kiosk_deb" Version)
out=$(in_root customs-kiosk --version)
check "customs-kiosk --version says $version ($out)" test "$out" = "customs-kiosk $version"
in_root customs-kiosk --help >/dev/null
in_root kioskctl --help >/dev/null
check "service user customs-kiosk, no login shell" \
  test "$(in_root getent passwd customs-kiosk | cut -d: -f7)" = /usr/sbin/nologin
groups=$(in_root id -nG customs-kiosk)
check "customs-kiosk is in group video ($groups)" grep -qw video <<<"$groups"
check "/var/lib/customs-kiosk is 0750 and the user's" \
  test "$(owner_mode /var/lib/customs-kiosk)" = "customs-kiosk:customs-kiosk 750"
check "/etc/customs-kiosk/kiosk.toml installed" test -f "$(path /etc/customs-kiosk/kiosk.toml)"
check "kiosk.toml is a conffile" \
  grep -q '^ /etc/customs-kiosk/kiosk.toml ' <<<"$(in_root dpkg-query -W -f='${Conffiles}\n' customs-kiosk)"
check "the kiosk unit is enabled for boot" \
  test -L "$(path /etc/systemd/system/graphical.target.wants/customs-kiosk.service)"
check "man pages installed" test -f "$(path /usr/share/man/man1/customs-kiosk.1.gz)" -a \
  -f "$(path /usr/share/man/man1/kioskctl.1.gz)"
check "demo content in /usr/share/customs-kiosk/assets" \
  test -d "$(path /usr/share/customs-kiosk/assets/demo/content)" -a -d "$(path /usr/share/customs-kiosk/assets/i18n)"

# The shipped configuration, read by the service user as ExecStartPre does.
out=$(as_user customs-kiosk /usr/bin/customs-kiosk --check-config /etc/customs-kiosk/kiosk.toml 2>&1) ||
  fail "the shipped kiosk.toml is refused: $out"
check "shipped kiosk.toml passes --check-config ($out)" grep -q ': ok$' <<<"$out"
# A broken one: exit 1 and the setting named.
sed 's/^idle_timeout_seconds = .*/idle_timeout_seconds = 2/' "$(path /etc/customs-kiosk/kiosk.toml)" \
  >"$(path /tmp/broken.toml)"
set +e
out=$(in_root customs-kiosk --check-config /tmp/broken.toml 2>&1)
rc=$?
set -e
check "a broken kiosk.toml exits 1 (it did $rc)" test "$rc" -eq 1
check "the message names idle_timeout_seconds ($out)" grep -q 'idle_timeout_seconds' <<<"$out"

# The packaged demo repository: synced as a kiosk does (signature, hashes),
# then searched in Vietnamese.
check "the demo repository's public key is shipped, its secret key is not" \
  test -f "$(path /usr/share/customs-kiosk/demo-repo/key/signing.pub)" -a \
  ! -e "$(path /usr/share/customs-kiosk/demo-repo/key/signing.key)"
out=$(in_root kioskctl sync --once --db /tmp/x.db --server file:///usr/share/customs-kiosk/demo-repo/repo \
  --trust /usr/share/customs-kiosk/demo-repo/key/signing.pub 2>&1) || fail "sync from the demo repository: $out"
check "kioskctl sync installs the packaged demo repository ($out)" grep -q '^updated: installed version' <<<"$out"
out=$(in_root kioskctl search "tờ khai" --db /tmp/x.db)
hits=$(grep -c '^[a-z]' <<<"$out" || true)
check "kioskctl search \"tờ khai\" finds the demo FAQ ($hits hits)" grep -q '^faq-huy-to-khai ' <<<"$out"

# The app as the unit runs it: under cage, as the service user, a Wayland
# client; here on cage's headless output (no GPU, no tty), drawing one frame
# into a picture. Proves the dependencies are complete on a clean Debian 12.
mkdir -p "$(path /tmp/kiosk-run)"
in_root chown customs-kiosk:customs-kiosk /tmp/kiosk-run
in_root chmod 0700 /tmp/kiosk-run
as_user customs-kiosk cp /tmp/x.db /tmp/kiosk-run/content.db
set +e
as_user customs-kiosk env HOME=/tmp/kiosk-run XDG_RUNTIME_DIR=/tmp/kiosk-run SDL_VIDEODRIVER=wayland \
  WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 \
  timeout 120 cage -- customs-kiosk --db /tmp/kiosk-run/content.db --screenshot /tmp/kiosk-run/first.png \
  >"$work/cage.log" 2>&1
rc=$?
set -e
[[ $rc -eq 0 && -s "$(path /tmp/kiosk-run/first.png)" ]] ||
  { grep -v 'swapchain\|damage output' "$work/cage.log" | tail -20; fail "the app under cage exited $rc with no picture"; }
cp "$(path /tmp/kiosk-run/first.png)" "$work/first-frame-under-cage.png"
echo "ok: the app drew its first frame under cage as customs-kiosk ($work/first-frame-under-cage.png)"

# systemctl stop ends the kiosk cleanly, under a real systemd (a container
# over this root; the root is not changed).
if [[ $on_host == 0 ]]; then
  set +e
  "$src/tests/installer/stop_under_systemd.sh" "$root" "$work/systemd-stop"
  rc=$?
  set -e
  [[ $rc -eq 0 || $rc -eq 77 ]] || fail "systemctl stop does not end the kiosk cleanly"
  [[ $rc -eq 0 ]] || echo "note: systemctl stop not tested: systemd cannot boot in a container here"
fi

# The units, as systemd reads them (every referenced binary must exist). The
# root has no man-db: lintian has checked the man pages.
units=(/lib/systemd/system/customs-kiosk.service /lib/systemd/system/customs-kiosk-held.service)
if [[ -n "$server_deb" ]]; then
  units+=(/lib/systemd/system/customs-kiosk-server.service)
  check "service user customs-kiosk-server" quiet in_root getent passwd customs-kiosk-server
  check "/var/lib/customs-kiosk-server is 0750 and the user's" \
    test "$(owner_mode /var/lib/customs-kiosk-server)" = "customs-kiosk-server:customs-kiosk-server 750"
  check "the server unit is enabled" \
    test -L "$(path /etc/systemd/system/multi-user.target.wants/customs-kiosk-server.service)"
  in_root kiosk-server --help >/dev/null
fi
out=$(in_root systemd-analyze verify --man=no "${units[@]}" 2>&1) || fail "systemd-analyze verify: $out"
[[ -z "$out" ]] || fail "systemd-analyze verify warns: $out"
echo "ok: systemd-analyze verify ${units[*]##*/}"

# ---- upgrade (reinstall) keeps the cache, the outbox and the settings -----------
say "reinstall over an edited configuration and existing data"
echo "# kept" >>"$(path /etc/customs-kiosk/kiosk.toml)"
as_user customs-kiosk cp /tmp/x.db /var/lib/customs-kiosk/content.db
in_root sh -c 'dpkg -i /tmp/debs/*.deb' </dev/null >"$work/upgrade.log" 2>&1 ||
  { cat "$work/upgrade.log"; fail "reinstall failed"; }
check "the edited kiosk.toml is kept" grep -q '^# kept$' "$(path /etc/customs-kiosk/kiosk.toml)"
check "the content cache is kept" test -s "$(path /var/lib/customs-kiosk/content.db)"

# ---- remove, then purge -------------------------------------------------------------
say "dpkg --remove, then --purge"
in_root dpkg --remove customs-kiosk ${server_deb:+customs-kiosk-server} >"$work/remove.log" 2>&1 ||
  { cat "$work/remove.log"; fail "dpkg --remove failed"; }
check "remove keeps the data" test -s "$(path /var/lib/customs-kiosk/content.db)"
check "remove keeps the settings" test -f "$(path /etc/customs-kiosk/kiosk.toml)"
check "remove keeps the user" quiet in_root getent passwd customs-kiosk
check "the programs are gone" test ! -e "$(path /usr/bin/customs-kiosk)"
in_root dpkg --purge customs-kiosk ${server_deb:+customs-kiosk-server} >"$work/purge.log" 2>&1 ||
  { cat "$work/purge.log"; fail "dpkg --purge failed"; }
for gone in /etc/customs-kiosk /var/lib/customs-kiosk /var/cache/customs-kiosk \
  /etc/default/customs-kiosk-server /var/lib/customs-kiosk-server; do
  check "purge removes $gone" test ! -e "$(path $gone)"
done
for user in customs-kiosk customs-kiosk-server; do
  check "purge removes the user and group $user" \
    test -z "$(in_root getent passwd "$user")$(in_root getent group "$user")"
done
if [[ $on_host == 0 ]]; then
  snapshot >"$work/after.txt"
  if ! diff "$work/before.txt" "$work/after.txt" >"$work/left.diff"; then
    cat "$work/left.diff" >&2
    fail "the purge left something behind (or removed something): see above"
  fi
  echo "ok: the root is as it was before the install"
  rm -rf "$root"
fi
echo "installer test passed in $SECONDS s"
