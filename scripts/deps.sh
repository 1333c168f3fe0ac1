#!/usr/bin/env bash
# Installs what building, running and testing Kith needs on Debian/Ubuntu, and nothing
# that is already there: apt packages (checked with dpkg-query, `apt-get update` only when
# something is missing), the rustfmt/clippy components, tauri-driver, and the npm
# packages of ui/ and tests/e2e/ (`npm install`, skipped while node_modules is newer than
# package.json and package-lock.json). Safe to run again; a second run takes about a second.
#
# Usage: scripts/deps.sh [all|system|rust|npm]   (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."

# Build the app (webkit2gtk, gtk, …), run it headless (Xvfb, xauth, dbus), drive it
# (WebKitWebDriver from webkit2gtk-driver), screenshot it (imagemagick) with CJK text
# (fonts-noto-cjk), the sqlite3 shell the import benchmark's baseline uses, python3-venv
# for the analytics benchmark's scikit-learn baseline, and desktop-file-validate (from
# desktop-file-utils, 90 KB) for the package test's check of the installed desktop entry.
APT_PACKAGES=(
  build-essential pkg-config curl file git ca-certificates
  libssl-dev libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev
  xvfb xauth x11-utils webkit2gtk-driver imagemagick xdotool dbus-x11 at-spi2-core
  fonts-dejavu-core fonts-noto-cjk sqlite3 python3-venv desktop-file-utils
)

say() { printf 'deps: %s\n' "$*" >&2; }
die() { printf 'deps: error: %s\n' "$*" >&2; exit 1; }

system_deps() {
  command -v dpkg-query >/dev/null || {
    say "not a Debian/Ubuntu system: install the equivalents of these yourself: ${APT_PACKAGES[*]}"
    return 0
  }
  local missing=() pkg status
  for pkg in "${APT_PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    [[ $status == installed ]] || missing+=("$pkg")
  done
  if ((${#missing[@]} == 0)); then
    say "apt packages: all ${#APT_PACKAGES[@]} present"
    return 0
  fi
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || die "missing apt packages and not root (no sudo): apt-get install ${missing[*]}"
    sudo=(sudo)
  fi
  say "apt packages missing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
}

rust_deps() {
  command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs)"
  local comp
  for comp in rustfmt clippy; do
    local probe=(cargo fmt --version)
    [[ $comp == clippy ]] && probe=(cargo clippy --version)
    if ! "${probe[@]}" >/dev/null 2>&1; then
      command -v rustup >/dev/null || die "cargo $comp is missing and rustup is not installed"
      say "adding the $comp component"
      rustup component add "$comp"
    fi
  done
  local cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
  if command -v tauri-driver >/dev/null || [[ -x $cargo_bin/tauri-driver ]]; then
    say "tauri-driver: present"
  else
    say "installing tauri-driver (cargo install, about half a minute)"
    cargo install tauri-driver --locked
  fi
}

# npm install in $1 unless node_modules is newer than both package.json and the lockfile.
npm_install() {
  local dir=$1 stamp=$1/node_modules/.kith-npm-installed
  command -v npm >/dev/null || die "npm not found: install Node.js 20 or newer"
  if [[ -e $stamp && $stamp -nt $dir/package.json &&
        (! -e $dir/package-lock.json || $stamp -nt $dir/package-lock.json) ]]; then
    say "npm packages in $dir: up to date"
    return 0
  fi
  say "npm install in $dir"
  # `npm ci` fails here: the lockfile lacks other platforms' optional @tauri-apps/cli builds.
  npm --prefix "$dir" install --no-audit --no-fund --loglevel=error </dev/null
  touch "$stamp"
}

what=${1:-all}
case $what in
  system) system_deps ;;
  rust) rust_deps ;;
  npm) npm_install ui; npm_install tests/e2e ;;
  all) system_deps; rust_deps; npm_install ui; npm_install tests/e2e ;;
  *) die "unknown part '$what' (all, system, rust or npm)" ;;
esac
