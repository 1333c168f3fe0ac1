#!/usr/bin/env bash
# End-to-end test of the built desktop app through its real webview:
#   Xvfb (a free display) → tauri-driver → WebKitWebDriver → target/debug/kith-desktop
# on a fresh temporary database, driven by WebdriverIO from app.test.mjs (node --test).
# Screenshots and logs go to target/e2e/ whether the test passes or fails. Everything
# started here is stopped here, children before parents (PID 1 does not reap orphans).
#
# Needs: `make build` (the app with the UI embedded, and the CLI that makes the dashboard
# story's demo workspace), `make deps` (Xvfb, tauri-driver, WebKitWebDriver,
# tests/e2e/node_modules). Env: E2E_APP (default target/debug/kith-desktop), E2E_CLI (default
# target/debug/kith),
# E2E_TIMEOUT (seconds for the whole test, default 600), E2E_KEEP_DB=1 keeps the database,
# E2E_TEST (the test file to run, default app.test.mjs beside this script).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

app=${E2E_APP:-$root/target/debug/kith-desktop}
cli=${E2E_CLI:-$root/target/debug/kith}
out=$root/target/e2e
native_driver=${E2E_NATIVE_DRIVER:-/usr/bin/WebKitWebDriver}
timeout_secs=${E2E_TIMEOUT:-600}
test_file=${E2E_TEST:-$here/app.test.mjs}

say() { printf 'e2e: %s\n' "$*" >&2; }
die() { printf 'e2e: error: %s\n' "$*" >&2; exit 1; }

[[ -x $app ]] || die "no app at $app: run 'make build' first"
[[ -x $cli ]] || die "no CLI at $cli: run 'make build' first"
[[ -x $native_driver ]] || die "no $native_driver: install webkit2gtk-driver ('make deps')"
command -v Xvfb >/dev/null || die "no Xvfb: install xvfb ('make deps')"
driver=$(command -v tauri-driver || echo "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver")
[[ -x $driver ]] || die "no tauri-driver: cargo install tauri-driver --locked ('make deps')"
[[ -d $here/node_modules/webdriverio ]] || die "no webdriverio: npm install in tests/e2e ('make deps')"
[[ -f $test_file ]] || die "no test file $test_file"

mkdir -p "$out"
rm -f "$out"/*.png "$out"/*.log
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kith-e2e.XXXXXX")
pids=()

# shellcheck source=../../scripts/kill-tree.sh
source "$root/scripts/kill-tree.sh"

cleanup() {
  local rc=$?
  set +e
  # tauri-driver first (it owns WebKitWebDriver and the app), Xvfb last.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill_tree "${pids[i]}"
    wait "${pids[i]}" 2>/dev/null
  done
  if [[ ${E2E_KEEP_DB:-} == 1 ]]; then say "database kept in $tmp"; else rm -rf "$tmp"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A free display: Xvfb picks it and writes its number to fd 3 (-displayfd).
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$tmp/display" >"$out/xvfb.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [[ -s $tmp/display ]] && break; sleep 0.1; done
[[ -s $tmp/display ]] || die "Xvfb did not start (see $out/xvfb.log)"
export DISPLAY=":$(head -n1 "$tmp/display")"
say "Xvfb on $DISPLAY"

# Free ports for tauri-driver (4444/4445 unless taken, e.g. by another run).
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=4444
while ! port_free "$port" || ! port_free $((port + 1)); do port=$((port + 2)); done
native_port=$((port + 1))

# tauri-driver hands its environment to the app: KITH_DB points it at a fresh database.
# NO_AT_BRIDGE: no accessibility bus daemons (at-spi, dbus) that would outlive the app.
export KITH_DB=$tmp/e2e.db NO_AT_BRIDGE=1
# The webview draws as WebKit chooses (src-tauri/src/webview.rs): without acceleration, the
# WebKit snapshots that WebDriver's screenshots take at times never come back.
export KITH_WEBVIEW_DRAWING=webkit
# The app's file dialogs answer from this file (one path per line), which the test writes
# before it clicks "Choose file…" or "Save as…": WebDriver cannot drive a native dialog.
export KITH_TEST_DIALOG_ANSWERS=$tmp/dialog-answers
: >"$KITH_TEST_DIALOG_ANSWERS"
# A private session bus (dbus-run-session), or GLib autolaunches one that outlives the run.
session=()
command -v dbus-run-session >/dev/null && session=(dbus-run-session --)
"${session[@]}" "$driver" --port "$port" --native-port "$native_port" --native-driver "$native_driver" \
  >"$out/tauri-driver.log" 2>&1 &
pids+=($!)
ready=
for _ in $(seq 150); do
  if curl -fsS "http://127.0.0.1:$native_port/status" >/dev/null 2>&1; then ready=1; break; fi
  kill -0 "${pids[-1]}" 2>/dev/null || break
  sleep 0.2
done
[[ -n $ready ]] || die "tauri-driver/WebKitWebDriver not ready on :$native_port (see $out/tauri-driver.log)"
say "tauri-driver on :$port (WebKitWebDriver on :$native_port), app $app, database $KITH_DB"

set +e
E2E_APP=$app E2E_CLI=$cli E2E_PORT=$port E2E_OUT=$out \
  timeout --kill-after=10 "$timeout_secs" \
  node --test --test-reporter=spec --test-timeout=$((timeout_secs * 1000)) "$test_file"
rc=$?
set -e
if ((rc == 124)); then say "timed out after ${timeout_secs}s"; fi

# The test saves screenshots of the live window itself; if it died before it could,
# take one of whatever the display shows now.
if ! compgen -G "$out/*.png" >/dev/null; then
  import -window root "$out/screen-after-exit.png" 2>/dev/null || true
fi
say "screenshots and logs: $(ls "$out" | tr '\n' ' ')(in target/e2e/)"
if ((rc == 0)); then say "PASSED"; else say "FAILED (exit $rc)"; fi
exit "$rc"
