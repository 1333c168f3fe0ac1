#!/usr/bin/env bash
# Screenshot of the real Kith window on a database, under a private Xvfb:
#   scripts/screenshot.sh DB OUT.png [SEARCH]
# Creates the demo workspace in DB if DB does not exist. With SEARCH, types it into the
# global search box (Ctrl+K) before the shot, to show results. Stops all it started.
set -euo pipefail
cd "$(dirname "$0")/.."

db=${1:?usage: scripts/screenshot.sh DB OUT.png [SEARCH]}
shot=${2:?usage: scripts/screenshot.sh DB OUT.png [SEARCH]}
search=${3:-}
app=target/debug/kith-desktop
settle=${SCREENSHOT_SETTLE:-6}

[[ -x $app && -x target/debug/kith ]] || { echo "run 'make build' first" >&2; exit 1; }
if [[ ! -s $db ]]; then
  mkdir -p "$(dirname "$db")"
  target/debug/kith --db "$db" demo --contacts "${DEMO_CONTACTS:-2000}"
fi

tmp=$(mktemp -d)
pids=()
# shellcheck source=kill-tree.sh
source scripts/kill-tree.sh
cleanup() {
  local rc=$?
  set +e
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill_tree "${pids[i]}"; wait "${pids[i]}" 2>/dev/null; done
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT

Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$tmp/display" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 100); do [[ -s $tmp/display ]] && break; sleep 0.1; done
export DISPLAY=":$(head -n1 "$tmp/display")"

session=()
command -v dbus-run-session >/dev/null && session=(dbus-run-session --)
# A desktop user's locale (dates and numbers as in the README), whatever this shell has.
LANG=${SCREENSHOT_LANG:-en_US.UTF-8} KITH_DB=$db NO_AT_BRIDGE=1 "${session[@]}" "$app" >"$tmp/app.log" 2>&1 &
pids+=($!)
for _ in $(seq 120); do
  xdotool search --onlyvisible --name '^Kith$' >/dev/null 2>&1 && break
  sleep 0.5
done
sleep "$settle"
if [[ -n $search ]]; then
  xdotool key --clearmodifiers ctrl+k
  sleep 0.5
  xdotool type --delay 120 "$search"
  sleep 3
fi
mkdir -p "$(dirname "$shot")"
import -window root "$shot"
echo "screenshot: $shot"
