#!/usr/bin/env bash
# Installs the release .deb on this machine and starts the installed app, to prove the package
# a user gets works: `apt-get install ./Kith_….deb` (so its dependencies resolve; a package
# already installed, e.g. by an earlier run, is reinstalled), then checks what it installed (the
# binary on PATH, the desktop entry valid and pointing at it, the icons), then starts the
# INSTALLED binary under a private Xvfb on a fresh database and waits for three signs of life:
# its window exists, the UI reported its first screen drawn (KITH_REPORT_READY), and a
# screenshot of the window is not blank. The app is stopped by its process tree and the package
# removed at the end, pass or fail.
#
# Usage: scripts/package-test.sh [FILE.deb]   (default: the newest target/release/bundle/deb/*.deb)
# Needs root (or sudo) for apt-get. Env: PACKAGE_TEST_TIMEOUT (seconds for the app to come up,
# default 60), PACKAGE_TEST_KEEP=1 leaves the package installed. The screenshot and the app's
# output land in target/package-test/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

timeout_secs=${PACKAGE_TEST_TIMEOUT:-60}
out=$root/target/package-test

say() { printf 'package-test: %s\n' "$*" >&2; }
die() { printf 'package-test: FAILED: %s\n' "$*" >&2; exit 1; }

if (($# > 0)); then
  deb=$1
  [[ -f $deb ]] || die "no such package file: $deb"
else
  deb=$(ls -t target/release/bundle/deb/*.deb 2>/dev/null | head -n1 || true)
  [[ -n $deb ]] || die "no .deb in target/release/bundle/deb/: run 'make package' first"
fi
deb=$(realpath "$deb")
for tool in dpkg-deb apt-get Xvfb xdotool xprop import identify; do
  command -v "$tool" >/dev/null || die "$tool is missing: run 'make deps'"
done
sudo=()
if ((EUID != 0)); then
  command -v sudo >/dev/null || die "installing a package needs root, and sudo is not installed"
  sudo=(sudo)
fi

pkg=$(dpkg-deb -f "$deb" Package)
version=$(dpkg-deb -f "$deb" Version)
say "$(basename "$deb"): package $pkg $version, $(du -k "$deb" | cut -f1) KiB"

mkdir -p "$out"
rm -f "$out"/*.png "$out"/*.log
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kith-package-test.XXXXXX")
pids=()
installed=

# shellcheck source=kill-tree.sh
source scripts/kill-tree.sh

cleanup() {
  local rc=$?
  set +e
  # The app (and its WebKit processes) first, Xvfb last.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill_tree "${pids[i]}"
    wait "${pids[i]}" 2>/dev/null
  done
  if [[ -n $installed && ${PACKAGE_TEST_KEEP:-} != 1 ]]; then
    say "removing $pkg"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q "$pkg" \
      >"$out/apt-remove.log" 2>&1 </dev/null ||
      say "apt-get remove $pkg failed (see $out/apt-remove.log)"
  fi
  rm -rf "$tmp"
  if ((rc == 0)); then say "PASSED"; else say "(screenshot and logs in target/package-test/)"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- install --------------------------------------------------------------------------------
# --reinstall: the same version left by an earlier run is installed again, not skipped.
say "apt-get install $deb"
installed=1
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --reinstall \
  --no-install-recommends "$deb" >"$out/apt-install.log" 2>&1 </dev/null ||
  die "apt-get install failed: $(tail -n 5 "$out/apt-install.log")"
status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
[[ $status == installed ]] || die "after apt-get install, dpkg says $pkg is '${status:-unknown}'"

# --- what it installed ----------------------------------------------------------------------
files=$(dpkg-query -L "$pkg")
bin=$(grep -E '^/usr/bin/[^/]+$' <<<"$files" | head -n1 || true)
[[ -n $bin ]] || die "the package installs nothing in /usr/bin: $(tr '\n' ' ' <<<"$files")"
name=$(basename "$bin")
[[ $(command -v "$name" || true) == "$bin" ]] ||
  die "$name is not the installed $bin on PATH (command -v says '$(command -v "$name" || true)')"
[[ -x $bin ]] || die "$bin is not executable"

desktop=$(grep -E '^/usr/share/applications/[^/]+\.desktop$' <<<"$files" | head -n1 || true)
[[ -n $desktop && -f $desktop ]] || die "the package installs no desktop entry in /usr/share/applications"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$desktop" >"$out/desktop-file-validate.log" 2>&1 ||
    die "$desktop is not a valid desktop entry: $(cat "$out/desktop-file-validate.log")"
else
  say "desktop-file-validate not installed (desktop-file-utils): the desktop entry is checked by its keys only"
fi
entry() { sed -n "s/^$1=//p" "$desktop" | head -n1; }
[[ $(entry Type) == Application ]] || die "$desktop: Type is '$(entry Type)', not Application"
[[ $(entry Name) == Kith ]] || die "$desktop: Name is '$(entry Name)', not Kith"
exec_line=$(entry Exec)
[[ ${exec_line%% *} == "$name" || ${exec_line%% *} == "$bin" ]] ||
  die "$desktop: Exec '$exec_line' does not start $bin"
icon=$(entry Icon)
[[ -n $icon ]] || die "$desktop has no Icon"
icons=$(grep -E "^/usr/share/icons/hicolor/[^/]+/apps/$icon\.png$" <<<"$files" || true)
[[ -n $icons ]] || die "$desktop names Icon=$icon, but no /usr/share/icons/hicolor/*/apps/$icon.png is installed"
say "installed $bin, $desktop (Exec=$exec_line, Icon=$icon), icons: $(sed -E 's#.*/hicolor/([^/]+)/.*#\1#' <<<"$icons" | tr '\n' ' ')"

# --- start the installed app ----------------------------------------------------------------
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$tmp/display" >"$out/xvfb.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [[ -s $tmp/display ]] && break; sleep 0.1; done
[[ -s $tmp/display ]] || die "Xvfb did not start (see $out/xvfb.log)"
export DISPLAY=":$(head -n1 "$tmp/display")"

# A fresh database (the first-start screen), from the installed binary's PATH entry as a user
# would start it. NO_AT_BRIDGE and a private session bus: no accessibility or D-Bus daemons
# that outlive the app.
db=$tmp/kith.db
session=()
command -v dbus-run-session >/dev/null && session=(dbus-run-session --)
say "starting $name --db $db on $DISPLAY"
KITH_REPORT_READY=1 NO_AT_BRIDGE=1 "${session[@]}" "$name" --db "$db" \
  >"$out/app.log" 2>&1 </dev/null &
pids+=($!)
app_pid=$!

window=
ready=
deadline=$((SECONDS + timeout_secs))
while ((SECONDS < deadline)); do
  kill -0 "$app_pid" 2>/dev/null || die "the app exited early: $(tail -n 20 "$out/app.log")"
  [[ -n $window ]] || window=$(xdotool search --onlyvisible --name '^Kith$' 2>/dev/null | head -n1 || true)
  [[ -n $ready ]] || ready=$(grep -m1 '^kith-ready ' "$out/app.log" || true)
  [[ -n $window && -n $ready ]] && break
  sleep 0.2
done
[[ -n $window ]] || die "no window named Kith within ${timeout_secs}s: $(tail -n 20 "$out/app.log")"
[[ -n $ready ]] ||
  die "the window opened but the UI never reported its first screen within ${timeout_secs}s (a blank page? a build without the UI embedded?): $(tail -n 20 "$out/app.log")"
say "window 0x$(printf '%x' "$window") is up; the UI reported its first screen ${ready#kith-ready } ms after start"

[[ -s $db ]] || die "the app did not create its database at $db"

# A dock or launcher matches the window to its desktop entry by StartupWMClass.
wm_class=$(entry StartupWMClass)
if [[ -n $wm_class ]]; then
  classes=$(xprop -id "$window" WM_CLASS 2>/dev/null || true)
  [[ $classes == *\"$wm_class\"* ]] ||
    die "$desktop says StartupWMClass=$wm_class, but the window's class is: ${classes:-unknown}"
fi

# What the window shows: a blank or single-colour page has a handful of colours; the welcome
# screen (text, buttons, icons, anti-aliasing) has hundreds.
shot=$out/window.png
import -window "$window" "$shot" 2>"$out/import.log" || die "could not screenshot the window: $(cat "$out/import.log")"
colours=$(identify -format '%k' "$shot")
geometry=$(identify -format '%wx%h' "$shot")
((colours >= 64)) || die "the window looks blank: $colours colours in its screenshot ($shot, $geometry)"
say "screenshot $geometry with $colours colours: target/package-test/$(basename "$shot")"

# --- stop it --------------------------------------------------------------------------------
# Every process of the app's tree (the app, its WebKit processes) must be gone afterwards.
tree() {
  local child
  echo "$1"
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do tree "$child"; done
}
started=$(tree "$app_pid")
kill_tree "$app_pid"
wait "$app_pid" 2>/dev/null || true
unset 'pids[-1]'
# A zombie is gone too: it waits for a parent to collect its exit status (here that is PID 1,
# which does not, or not at once).
running() { ps -o pid=,stat=,comm= -p "$(paste -sd, <<<"$started")" 2>/dev/null | awk '$2 !~ /^Z/' || true; }
for _ in $(seq 30); do [[ -z $(running) ]] && break; sleep 0.1; done
left=$(running)
[[ -z $left ]] || die "still running after the app was stopped: $left"
say "stopped the app and its $(($(wc -l <<<"$started") - 1)) child processes"
exit 0
