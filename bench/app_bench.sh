#!/usr/bin/env bash
# Touch app benchmark on a store of 10,000 documents and 20,000 FAQs:
# start to first frame, peak RSS, idle CPU over 30 s, frame times while
# fling-scrolling a 50-page document, all at 1920x1080 under Xvfb (llvmpipe).
# Usage: bench/app_bench.sh [BUILD_DIR]   (default build/default)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/default}
kiosk=$build/kiosk/app/customs-kiosk
store=/tmp/kiosk-app-bench
if [[ ! -f $store/content.db ]]; then
  "$build/bench/content_bench" --keep "$store" >/dev/null
fi
db=$store/content.db
"$build/kioskctl/kioskctl" stats --db "$db" | sed -n '4,5p'

export KIOSK_REPORT_TIMING=1
run() { xvfb-run -a -s "-screen 0 1920x1080x24" "$@"; }

echo "== start to first frame, peak RSS (5 runs)"
for i in 1 2 3 4 5; do
  run /usr/bin/time -f "rss %M KB" "$kiosk" --db "$db" --assets assets --window 1920x1080 \
    --screenshot /tmp/kiosk-bench.png 2>&1 | grep -E "first frame [0-9.]+ ms|^rss" | tr '\n' ' '
  echo
done

echo "== idle CPU over 30 s"
xvfb-run -a -s "-screen 0 1920x1080x24" bash -c '
  "$0" --db "$1" --assets assets --window 1920x1080 2>/dev/null &
  pid=$!
  sleep 5
  ticks() { awk "{print \$14 + \$15}" /proc/$pid/stat; }
  a=$(ticks); sleep 30; b=$(ticks)
  hz=$(getconf CLK_TCK)
  echo "cpu: $(( b - a )) ticks in 30 s = $(awk -v t=$(( b - a )) -v hz=$hz "BEGIN{printf \"%.2f\", 100*t/hz/30}") % of one core"
  echo "rss: $(awk "/VmRSS/{print \$2, \$3}" /proc/$pid/status)"
  kill $pid' "$kiosk" "$db"

echo "== frame times while fling-scrolling a 50-page document"
run "$kiosk" --db "$db" --assets assets --window 1920x1080 --script bench/fling.script 2>&1 \
  | grep "timing: [0-9]* frames"
