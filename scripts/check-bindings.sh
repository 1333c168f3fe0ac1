#!/usr/bin/env bash
# The TypeScript declarations in ui/src/ipc/bindings/ are generated from the Rust types
# (ts-rs). This regenerates them and fails if that changed anything, i.e. if the committed
# files drifted from the Rust code.
#
# With CI set (or BINDINGS_STRICT=1) the check is `git status` on the directory: anything
# modified or untracked there fails. Locally a working tree with uncommitted bindings that
# are nevertheless current only gets a warning, so `make test` works before a commit.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=ui/src/ipc/bindings
strict=${BINDINGS_STRICT:-${CI:-}}
[[ $strict == false || $strict == 0 ]] && strict=

before=$(mktemp -d)
trap 'rm -rf "$before"' EXIT
[[ -d $dir ]] && cp -a "$dir/." "$before/"

cargo test --features ts --test it export_typescript_bindings

stale() {
  {
    echo
    echo "ERROR: TypeScript bindings are stale: run make bindings and commit"
    sed 's/^/    /'
  } >&2
  exit 1
}

changed=$(
  { ls -A "$before"; ls -A "$dir" 2>/dev/null || true; } | sort -u | while read -r f; do
    if [[ ! -e $before/$f ]]; then echo "new:      $dir/$f"
    elif [[ ! -e $dir/$f ]]; then echo "removed:  $dir/$f"
    elif ! cmp -s "$before/$f" "$dir/$f"; then echo "changed:  $dir/$f"
    fi
  done
)
[[ -z $changed ]] || stale <<<"$changed"

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  status=$(git status --porcelain --untracked-files=all -- "$dir")
  if [[ -n $status ]]; then
    if [[ -n $strict ]]; then
      stale <<<"$status"
    fi
    echo "warning: bindings are current but not committed (CI will fail until they are):" >&2
    sed 's/^/    /' <<<"$status" >&2
  fi
else
  echo "warning: not a git checkout; compared with the files as found only" >&2
fi
echo "ok: TypeScript bindings match the Rust types"
