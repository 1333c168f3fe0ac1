#!/usr/bin/env bash
# Invariant 1 of DESIGN.md: the engine crate `kith` does not depend on Tauri, with any
# feature on any target, and its sources do not use it. Fails loudly if either changes.
set -euo pipefail
cd "$(dirname "$0")/.."

tree=$(cargo tree -p kith -e normal --all-features --target all --prefix none --color never)
if hits=$(grep -i tauri <<<"$tree"); then
  {
    echo "ERROR: the engine crate 'kith' depends on Tauri (DESIGN.md invariant 1):"
    sort -u <<<"$hits" | sed 's/^/    /'
    echo "Move that code into src-tauri/ (the shell) and keep src/ free of Tauri."
    echo "Inverted tree: cargo tree -p kith -e normal --all-features -i <crate>"
  } >&2
  exit 1
fi
# Code, not comments: `use tauri…`, `extern crate tauri`, or a `tauri::` path.
if hits=$(grep -rnE --include='*.rs' '(^|[^A-Za-z0-9_])(use|extern crate) +tauri|(^|[^A-Za-z0-9_:])tauri::' src/ |
  grep -vE '^[^:]+:[0-9]+:[[:space:]]*//'); then
  {
    echo "ERROR: engine sources under src/ use Tauri (DESIGN.md invariant 1):"
    sed 's/^/    /' <<<"$hits"
  } >&2
  exit 1
fi
echo "ok: the engine crate 'kith' has no Tauri dependency ($(wc -l <<<"$tree") crates in its normal tree)"
