#!/usr/bin/env bash
# The development stack: Django's runserver, a Celery worker and Celery beat.
# Started by `make run` (after migrate and load_demo).  Ctrl-C stops all three.
#
# Each process runs in a process group of its own (setsid), so stopping it also
# stops what it started itself (the worker's pool children, runserver's
# auto-reloader child), and nothing is left behind.
set -euo pipefail

cd "$(dirname "$0")/.."
BIN=${VENV:-.venv}/bin
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}

port_answers() {
  (: <"/dev/tcp/$HOST/$PORT") 2>/dev/null
}

if port_answers; then
  echo "Port $PORT on $HOST is already in use: stop that server or run 'make run PORT=8001'." >&2
  exit 1
fi

pids=()

stop_all() {
  trap - INT TERM HUP EXIT
  [ ${#pids[@]} -gt 0 ] || return 0
  echo "Stopping the web server, the worker and beat..."
  local pid alive
  # TERM to each leader: the worker finishes the task in hand (warm shutdown)
  # and stops its pool, runserver stops its reloader child.  Then, after at most
  # 15 seconds, whatever is left in the three process groups is killed.
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for _ in $(seq 75); do
    alive=0
    for pid in "${pids[@]}"; do
      if kill -0 -- "-$pid" 2>/dev/null; then alive=1; fi
    done
    [ "$alive" -eq 1 ] || break
    sleep 0.2
  done
  if [ "$alive" -eq 1 ]; then
    for pid in "${pids[@]}"; do
      kill -KILL -- "-$pid" 2>/dev/null || true
    done
  fi
  wait 2>/dev/null || true
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM HUP
trap 'stop_all' EXIT

start() {
  setsid "$@" &
  pids+=("$!")
}

start "$BIN/python" manage.py runserver "$HOST:$PORT"
start "$BIN/celery" -A config worker -l info --concurrency 2
start "$BIN/celery" -A config beat -l info

# Print the address once the server answers (runserver checks the project first).
for _ in $(seq 300); do
  port_answers && break
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "A process exited during start-up." >&2; exit 1; }
  done
  sleep 0.2
done
cat <<EOF

============================================================
 Portal: http://$HOST:$PORT/        Admin: http://$HOST:$PORT/admin/
 Demo accounts (password demo12345, development only):
   admin     superuser
   staff     provincial emulation staff (Ban Thi đua – Khen thưởng)
   officer1  unit officer, Sở Y tế
   officer2  unit officer, Công an tỉnh
   council   council member (Hội đồng Thi đua – Khen thưởng)
 Celery worker and beat are running. Ctrl-C stops everything.
============================================================

EOF

# Run until Ctrl-C, or until one of the three stops by itself.
status=0
wait -n || status=$?
echo "A process stopped (exit status $status); stopping the others." >&2
exit "$status"
