#!/usr/bin/env bash
# Startup benchmark of the release app: cold start to the first interactive screen on the demo
# workspace, idle memory, and the size of what ships. `make bench-start` (and `make bench`)
# build the .deb and the CLI first.
#
#   cold start   a new process each run, on a fresh copy of the demo workspace, under a private
#                Xvfb: from just before the shell spawns the app to the line it prints when the
#                UI says its first screen (the dashboard with its figures) is drawn and takes
#                input (`kith-ready MS`, printed only with KITH_REPORT_READY set; MS is the app's
#                own count since main). Median, min and max against the goal of 1 s. The process
#                is cold, the file cache is not (the runs before read the same files). A fresh
#                copy has no backups beside it, so every start is a day's first: the daily
#                backup runs meanwhile, on its own connection, as it does for a user.
#   baseline     the same app started as often, in turns with the demo runs, on a database that
#                does not exist yet: its first screen is the welcome screen, with no records to
#                read, so it measures what the window and the webview cost by themselves. The
#                ratio says what Kith's data adds.
#   idle memory  once the last demo run's window has gone idle (its processes used under 2 % of
#                a core for 2 s; the dashboard draws its charts after its figures are up):
#                resident memory of the app and its WebKit processes, by process and in all
#                (RSS, which counts shared libraries in every process, and PSS, which shares them
#                out).
#   size         the release binary and the .deb.
#
# Env: BENCH_START_RUNS (default 5), BENCH_START_CONTACTS (the demo's size, default 2000),
# BENCH_START_APP (default target/release/kith-desktop), BENCH_START_CLI (the CLI that makes
# the demo workspace, default target/release/kith, else target/debug/kith), BENCH_START_TIMEOUT
# (seconds one start may take, default 60). The demo workspace is kept in target/bench-data/.
# Times are reported, never asserted: a FAIL is a figure to look at, and the exit status is 0.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${BENCH_START_RUNS:-5}
contacts=${BENCH_START_CONTACTS:-2000}
app=${BENCH_START_APP:-target/release/kith-desktop}
timeout_secs=${BENCH_START_TIMEOUT:-60}
goal_ms=1000

say() { printf 'startup bench: %s\n' "$*" >&2; }
die() { printf 'startup bench: error: %s\n' "$*" >&2; exit 1; }

[[ -x $app ]] || die "no release app at $app: run 'make package' first"
cli=${BENCH_START_CLI:-}
if [[ -z $cli ]]; then
  for candidate in target/release/kith target/debug/kith; do
    [[ -x $candidate ]] && { cli=$candidate; break; }
  done
fi
[[ -n $cli && -x $cli ]] || die "no kith CLI to make the demo workspace: run 'make cli'"
for tool in Xvfb dbus-daemon; do
  command -v "$tool" >/dev/null || die "$tool is missing: run 'make deps'"
done

demo=target/bench-data/startup-demo-$contacts.db
if [[ ! -s $demo ]]; then
  say "writing the demo workspace ($contacts contacts) to $demo with $cli"
  mkdir -p "$(dirname "$demo")"
  rm -f "$demo.part"*
  "$cli" --db "$demo.part" demo --contacts "$contacts" >/dev/null 2>&1 ||
    die "$cli could not write the demo workspace to $demo.part"
  # A whole file only: a later run would otherwise take a half-written one for the demo.
  mv "$demo.part" "$demo"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kith-bench-start.XXXXXX")
pids=()
# shellcheck source=kill-tree.sh
source scripts/kill-tree.sh
cleanup() {
  local rc=$?
  set +e
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill_tree "${pids[i]}"
    wait "${pids[i]}" 2>/dev/null
  done
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A display, and a session bus that every run shares (a desktop has one before any app starts;
# starting one per run would time D-Bus, not Kith).
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
pids+=($!)
dbus-daemon --session --nofork --print-address=4 4>"$tmp/bus" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 100); do [[ -s $tmp/display && -s $tmp/bus ]] && break; sleep 0.1; done
[[ -s $tmp/display ]] || die "Xvfb did not start: $(cat "$tmp/xvfb.log")"
[[ -s $tmp/bus ]] || die "dbus-daemon did not start"
DISPLAY=":$(head -n1 "$tmp/display")"
DBUS_SESSION_BUS_ADDRESS=$(head -n1 "$tmp/bus")
export DISPLAY DBUS_SESSION_BUS_ADDRESS NO_AT_BRIDGE=1

# The process and its descendants (the WebKit web and network processes).
tree() {
  local child
  echo "$1"
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do tree "$child"; done
}

# CPU ticks (user + system) the tree has used so far.
ticks() {
  local pid total=0 t
  for pid in $(tree "$1"); do
    # The fields after the command name: utime and stime are the 12th and 13th.
    t=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{ print $12 + $13 }') || continue
    total=$((total + ${t:-0}))
  done
  echo "$total"
}

# One line per process of the tree: its program's name, RSS kB, PSS kB.
memory() {
  local pid
  for pid in $(tree "$1"); do
    [[ -r /proc/$pid/status ]] || continue
    # The program's whole name (comm is cut at 15 characters: WebKitWebProces).
    printf '%s %s %s\n' "$(basename "$(readlink "/proc/$pid/exe" 2>/dev/null || cat "/proc/$pid/comm")")" \
      "$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")" \
      "$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)"
  done
}

# Waits until the tree of $1 is idle (under 2 % of one core for 2 s, at most a minute) and
# says how long that took.
settle() {
  local hz before now waited=0
  hz=$(getconf CLK_TCK)
  before=$(ticks "$1")
  while ((waited < 60)); do
    sleep 2
    waited=$((waited + 2))
    now=$(ticks "$1")
    # 2 % of a core for 2 s is 0.04 s of CPU: 0.04 × CLK_TCK ticks.
    if (((now - before) * 100 <= 4 * hz)); then
      echo "${waited} s after the first screen, idle"
      return
    fi
    before=$now
  done
  echo "after a minute, still busy"
}

# Starts the app on database $1 and waits for its report; sets `spawn` (ms from just before the
# spawn to the report) and `inner` (the app's own count). With $2 set, waits for the window to
# go idle and writes its memory to $tmp/memory first.
start_once() {
  local db=$1 measure_memory=${2:-} out line begin ready pid
  mkfifo "$tmp/stdout"
  begin=$(date +%s%N)
  KITH_REPORT_READY=1 "$app" --db "$db" >"$tmp/stdout" 2>"$tmp/stderr" </dev/null &
  pid=$!
  pids+=("$pid")
  exec {out}<"$tmp/stdout"
  line=
  while IFS= read -r -t "$timeout_secs" -u "$out" line; do
    [[ $line == kith-ready\ * ]] && break
  done
  ready=$(date +%s%N)
  [[ $line == kith-ready\ * ]] ||
    die "$db: no kith-ready line within ${timeout_secs}s (the UI never reported its first screen): $(tail -n 20 "$tmp/stderr")"
  spawn=$(((ready - begin) / 1000000))
  inner=${line#kith-ready }
  if [[ -n $measure_memory ]]; then
    idle_when=$(settle "$pid")
    memory "$pid" >"$tmp/memory"
  fi
  kill_tree "$pid"
  wait "$pid" 2>/dev/null || true
  unset 'pids[-1]'
  exec {out}<&-
  rm -f "$tmp/stdout"
}

# median min max of the numbers given.
stats() {
  tr ' ' '\n' <<<"$*" | sort -n | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%d %d %d", m, v[1], v[NR] }'
}

demo_ms=()
demo_inner=()
base_ms=()
echo "startup bench: $app, first interactive screen, $runs cold starts on the demo workspace ($contacts contacts) in turns with $runs on a new database (welcome screen); load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores"
for ((run = 1; run <= runs; run++)); do
  mkdir "$tmp/run$run"
  cp "$demo" "$tmp/run$run/demo.db"
  last=
  ((run == runs)) && last=1
  start_once "$tmp/run$run/demo.db" "$last"
  demo_ms+=("$spawn")
  demo_inner+=("$inner")
  printf '  run %d: demo %5d ms (the app counts %d ms since main)' "$run" "$spawn" "$inner"
  start_once "$tmp/run$run/new.db"
  base_ms+=("$spawn")
  printf ', new database %5d ms\n' "$spawn"
  sleep 1
done

read -r median min max <<<"$(stats "${demo_ms[*]}")"
read -r inner_median _ _ <<<"$(stats "${demo_inner[*]}")"
read -r base_median base_min base_max <<<"$(stats "${base_ms[*]}")"
verdict=FAIL
((median < goal_ms)) && verdict=PASS
printf '  new database (baseline): median %d ms, min %d ms, max %d ms\n' "$base_median" "$base_min" "$base_max"
printf '  demo workspace: median %d ms, min %d ms, max %d ms (the app'"'"'s own count: median %d ms); ratio to the baseline %s\n' \
  "$median" "$min" "$max" "$inner_median" "$(awk -v a="$median" -v b="$base_median" 'BEGIN { printf "%.2f", a / b }')"
printf '  cold start to the first interactive screen on the demo workspace, median %d ms (goal < %d ms): %s\n' \
  "$median" "$goal_ms" "$verdict"

awk -v when="$idle_when" '
  { rss[$1] += $2; pss[$1] += $3; n[$1]++; trss += $2; tpss += $3 }
  END {
    printf "  idle memory (demo workspace, %s): RSS %.1f MiB, PSS %.1f MiB; by process, RSS: ", when, trss / 1024, tpss / 1024
    sep = ""
    for (name in rss) {
      printf "%s%s%s %.1f MiB", sep, name, (n[name] > 1 ? " ×" n[name] : ""), rss[name] / 1024
      sep = ", "
    }
    print ""
  }' "$tmp/memory"

mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
size_line="  release binary $(mib "$(stat -c %s "$app")") ($app)"
deb=$(ls -t target/release/bundle/deb/*.deb 2>/dev/null | head -n1 || true)
[[ -n $deb ]] && size_line+=", package $(mib "$(stat -c %s "$deb")") ($(basename "$deb"))"
echo "$size_line"
