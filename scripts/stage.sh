#!/usr/bin/env bash
# Runs one stage of `make test` with a banner and records its wall time, so the end of the
# run can print how long each stage took (and which one failed).
#
#   scripts/stage.sh start                 forget the times of an earlier run
#   scripts/stage.sh run NAME CMD [ARG…]   run CMD as stage NAME
#   scripts/stage.sh summary               print the table of stage times
set -uo pipefail
cd "$(dirname "$0")/.."
times=target/test-stages.tsv

case ${1:-} in
  start)
    mkdir -p target
    printf '%s\n' "$(date +%s)" >"$times.start"
    : >"$times"
    ;;
  run)
    name=$2
    shift 2
    printf '\n==> %s: %s\n' "$name" "$*"
    begin=$(date +%s)
    "$@"
    rc=$?
    secs=$(($(date +%s) - begin))
    status=ok
    ((rc == 0)) || status="FAILED (exit $rc)"
    mkdir -p target
    printf '%s\t%s\t%s\n' "$name" "$secs" "$status" >>"$times"
    printf '<== %s: %s in %ss\n' "$name" "$status" "$secs"
    if ((rc != 0)); then
      "$0" summary
      exit "$rc"
    fi
    ;;
  summary)
    [[ -s $times ]] || exit 0
    printf '\nStage times:\n'
    while IFS=$'\t' read -r name secs status; do
      printf '  %-16s %5ss  %s\n' "$name" "$secs" "$status"
    done <"$times"
    if [[ -f $times.start ]]; then
      total=$(($(date +%s) - $(cat "$times.start")))
      printf '  %-16s %5ss  (%dm%02ds)\n' total "$total" $((total / 60)) $((total % 60))
    fi
    ;;
  *)
    echo "usage: $0 start | run NAME CMD... | summary" >&2
    exit 2
    ;;
esac
