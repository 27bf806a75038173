#!/usr/bin/env bash
# Installs the Debian packages a purpose needs, and only those missing.
# Usage: scripts/deps.sh build|test|demo
set -euo pipefail

# libmd4c-html0-dev: Debian's md4c CMake config refers to libmd4c-html, so
# find_package(md4c) fails without it.
build_pkgs=(
  g++ cmake ninja-build pkg-config doctest-dev
  libsqlite3-dev libcurl4-openssl-dev libsodium-dev nlohmann-json3-dev
  libmd4c-dev libmd4c-html0-dev libutf8proc-dev libtomlplusplus-dev libqrencode-dev
  libmicrohttpd-dev libcpp-httplib-dev libsdl2-dev libimgui-dev libstb-dev libgl-dev libsystemd-dev
  libfontconfig-dev fonts-noto-core
)
# The installer test (tests/installer/): cpack's dpkg-shlibdeps, lintian, a
# Debian 12 root made with debootstrap and kept as a zstd tarball, socat as
# systemd's notify socket. nginx: tests/nginx/ serves a repository with it.
# sqlite3: tests/ui/run_lifecycle.sh checks the cache after a signal.
test_pkgs=(clang libclang-rt-14-dev xvfb xauth libgl1-mesa-dri libglx-mesa0
  dpkg-dev lintian debootstrap zstd socat systemd nginx curl gzip sqlite3)
# chromium, node and npm: tests/console/ drives the staff console with
# playwright-core (pinned to a release that runs on Debian 12's nodejs 18), so
# node and npm are added only where they are missing.
test_pkgs+=(chromium)
command -v node >/dev/null 2>&1 || test_pkgs+=(nodejs)
command -v npm >/dev/null 2>&1 || test_pkgs+=(npm)
# The demo: curl drives the console's API; chromium and node take the
# console's screenshots when there is no display.
demo_pkgs=(xvfb xauth libgl1-mesa-dri libglx-mesa0 curl chromium)
command -v node >/dev/null 2>&1 || demo_pkgs+=(nodejs)
command -v npm >/dev/null 2>&1 || demo_pkgs+=(npm)

wanted=("${build_pkgs[@]}")
case "${1:-build}" in
  build) ;;
  test) wanted+=("${test_pkgs[@]}") ;;
  demo) wanted+=("${demo_pkgs[@]}") ;;
  *) echo "usage: $0 build|test|demo" >&2; exit 2 ;;
esac

missing=()
for p in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "installing: ${missing[*]}" >&2
SUDO=""
[[ $(id -u) -eq 0 ]] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists only when an install fails for want of them.
$SUDO apt-get install -y --no-install-recommends "${missing[@]}" \
  || { $SUDO apt-get update && $SUDO apt-get install -y --no-install-recommends "${missing[@]}"; }
