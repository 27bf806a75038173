#!/usr/bin/env bash
# `systemctl stop` ends the kiosk cleanly. systemd boots as PID 1 of a
# container over the installer test's Debian 12 root with the packages
# installed (through an overlay, so the root itself is left as it was) and
# runs the kiosk as customs-kiosk.service does: cage, Type=notify, the
# service user, and the unit's own ExecStop= and TimeoutStopSec= lines; on
# cage's headless output, since a container has no tty1, logind or GPU.
# Passes when `systemctl stop` returns well before TimeoutStopSec (no SIGKILL
# after the timeout), systemd reports Result=success and ExecMainStatus=0,
# and the app logged "stopping on SIGTERM".
# Usage: stop_under_systemd.sh ROOT WORK_DIR
# Exit 77 (skipped) where systemd cannot boot in a container here.
set -euo pipefail
root=$(cd "$1" && pwd)
work=$2
rm -rf "$work"
mkdir -p "$work/upper" "$work/overlay-work" "$work/merged"
work=$(cd "$work" && pwd)

skip() {
  echo "SKIP: $*" >&2
  exit 77
}
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# A cgroup of the container's own, as systemd-nspawn gives one: the named
# systemd hierarchy (cgroup v1 or hybrid) or a cgroup v2 subtree.
cgroup=""
cgroup_mount=""
if [[ -d /sys/fs/cgroup/systemd ]]; then
  cgroup=/sys/fs/cgroup/systemd/kiosk-stop-test-$$
  cgroup_mount=systemd
elif [[ $(stat -fc %T /sys/fs/cgroup) == cgroup2fs ]]; then
  cgroup=/sys/fs/cgroup/kiosk-stop-test-$$
fi
[[ -n "$cgroup" ]] && mkdir -p "$cgroup" 2>/dev/null || skip "no cgroup hierarchy to give a container"

leader="" pid1=""
cleanup() {
  # SIGKILL to the namespace's PID 1 ends every process in it.
  [[ -n "$pid1" ]] && kill -KILL "$pid1" 2>/dev/null || true
  if [[ -n "$leader" ]]; then
    kill -KILL "$leader" 2>/dev/null || true
    wait "$leader" 2>/dev/null || true
  fi
  # systemd made its slices and scopes below it: the deepest first.
  for _ in $(seq 50); do
    find "$cgroup" -depth -type d -exec rmdir {} + 2>/dev/null || true
    [[ -d "$cgroup" ]] || break
    sleep 0.1
  done
  rm -rf "$work/upper" "$work/overlay-work" || true
}
on_exit() {
  local rc=$?
  cleanup
  exit "$rc"
}
trap on_exit EXIT

# The cache the installer test synced, where the container's /tmp (a tmpfs
# of systemd's) does not hide it.
cp "$root/tmp/x.db" "$work/upper/kiosk-stop-test.db"

# The container: new PID, mount, UTS and IPC namespaces; the root through an
# overlay; /proc, /sys, /dev, /run of its own; systemd as PID 1.
m=$work/merged
unshare --pid --fork --mount --uts --ipc --propagation private bash -c "
set -e
mount -t overlay overlay -o lowerdir=$root,upperdir=$work/upper,workdir=$work/overlay-work $m
mount -t proc proc $m/proc
mount -t sysfs -o ro sysfs $m/sys
mount -t tmpfs -o mode=755 tmpfs $m/sys/fs/cgroup
if [ -n '$cgroup_mount' ]; then
  mkdir $m/sys/fs/cgroup/$cgroup_mount
  mount --bind $cgroup $m/sys/fs/cgroup/$cgroup_mount
else
  mount --bind $cgroup $m/sys/fs/cgroup
fi
mount -t tmpfs -o mode=755 tmpfs $m/run
mount -t tmpfs -o mode=755 tmpfs $m/dev
for n in null zero full random urandom tty; do touch $m/dev/\$n; mount --bind /dev/\$n $m/dev/\$n; done
mkdir -p $m/dev/pts $m/dev/shm
mount -t devpts -o newinstance,ptmxmode=0666 devpts $m/dev/pts
ln -sf pts/ptmx $m/dev/ptmx
mount -t tmpfs tmpfs $m/dev/shm
echo \$\$ >$cgroup/cgroup.procs
exec chroot $m /usr/bin/env container=other /lib/systemd/systemd --system --log-level=warning
" >"$work/boot.log" 2>&1 &
leader=$!

for _ in $(seq 100); do
  pid1=$(ps -o pid= --ppid "$leader" | tr -d ' ' | head -1)
  [[ -n "$pid1" ]] && break
  kill -0 "$leader" 2>/dev/null || break
  sleep 0.1
done
[[ -n "$pid1" ]] || skip "systemd did not start in a container: $(tail -5 "$work/boot.log")"
inside() { nsenter -t "$pid1" -m -u -i -p -r -w "$@"; }
state=""
for _ in $(seq 300); do
  state=$(inside systemctl is-system-running 2>/dev/null || true)
  [[ $state == running || $state == degraded ]] && break
  sleep 0.1
done
[[ $state == running || $state == degraded ]] ||
  skip "systemd in the container is '$state': $(tail -5 "$work/boot.log")"
echo "systemd booted in a container over the root ($state)"

# The kiosk as the shipped unit runs it, where a container allows.
shipped=/lib/systemd/system/customs-kiosk.service
stop_lines=$(grep -E '^(ExecStop|TimeoutStopSec|KillMode|KillSignal)=' "$root$shipped" || true)
timeout_s=$(grep -E '^TimeoutStopSec=' "$root$shipped" | cut -d= -f2)
timeout_s=${timeout_s:-90}
inside install -o customs-kiosk -g customs-kiosk -m 0640 /kiosk-stop-test.db \
  /var/lib/customs-kiosk/content.db
inside tee /etc/systemd/system/kiosk-stop-test.service >/dev/null <<EOF
[Service]
Type=notify
NotifyAccess=all
TimeoutStartSec=120
User=customs-kiosk
Group=customs-kiosk
RuntimeDirectory=kiosk-stop-test
RuntimeDirectoryMode=0700
Environment=XDG_RUNTIME_DIR=/run/kiosk-stop-test SDL_VIDEODRIVER=wayland WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1
ExecStart=/usr/bin/cage -- /usr/bin/customs-kiosk --db /var/lib/customs-kiosk/content.db
$stop_lines
EOF
inside systemctl daemon-reload
inside systemctl start kiosk-stop-test.service ||
  { inside journalctl -u kiosk-stop-test --no-pager | tail -20; fail "the kiosk did not start under systemd"; }
echo "ok: the kiosk is ready under systemd (READY=1)"

start=$(date +%s%3N)
inside systemctl stop kiosk-stop-test.service
took=$(($(date +%s%3N) - start))
show=$(inside systemctl show -p Result -p ExecMainStatus kiosk-stop-test.service | sort | tr '\n' ' ')
journal=$(inside journalctl -u kiosk-stop-test --no-pager)
grep -v Fontconfig <<<"$journal" | tail -8
[[ $show == "ExecMainStatus=0 Result=success " ]] ||
  fail "systemctl stop: $show(want Result=success, ExecMainStatus=0)"
((took < timeout_s * 1000 / 2)) || fail "systemctl stop took $took ms (TimeoutStopSec=$timeout_s)"
grep -q 'customs-kiosk: stopping on SIGTERM' <<<"$journal" || fail "the app did not log 'stopping on SIGTERM'"
echo "ok: systemctl stop took $took ms: $show(TimeoutStopSec=$timeout_s, no SIGKILL)"
