# Sourced by the scripts that start Xvfb, tauri-driver or the app (PID 1 here does not reap
# children, so each script ends what it started).

# Kills a process and all its descendants, deepest first: TERM, then KILL after 2 s.
kill_tree() {
  local pid=$1 child
  for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do kill_tree "$child"; done
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}
