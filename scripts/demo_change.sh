#!/usr/bin/env bash
# Changes one FAQ through the console's JSON API and publishes it, as a staff
# member would in the console: log in, save, submit, approve, publish.
# Usage: scripts/demo_change.sh STATE_DIR   (after scripts/demo_server.sh)
set -euo pipefail
state=$1
port=$(grep -o '127.0.0.1:[0-9]*' "$state/server.out" | head -1 | cut -d: -f2)
api() {  # METHOD PATH [JSON]
  curl -sS -f -b "$state/cookies" -c "$state/cookies" -X "$1" -H 'Content-Type: application/json' \
    -H "X-CSRF-Token: $(cat "$state/csrf")" ${3:+--data-binary "$3"} "http://127.0.0.1:$port/api/v1/console$2"
}
item=/items/faq-hang-cam-trong-hanh-ly/vi
# The object a GET gives, changed and sent back, is a valid save.
api GET "$item" \
  | sed -e 's/"title":"/"title":"(Cập nhật) /' \
        -e 's/"body":"/"body":"**Cập nhật:** nội dung này vừa được sửa và xuất bản từ bàn điều khiển của nhân viên.\\n\\n/' \
  >"$state/changed.json"
api PUT "$item" "$(cat "$state/changed.json")" >/dev/null
api POST "$item/submit" >/dev/null
api POST "$item/approve" >/dev/null
api POST /publish
echo
