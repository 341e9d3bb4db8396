#!/usr/bin/env bash
# Serve the app with gunicorn, and run the background worker (the Huey consumer) as its own
# process beside it; Ctrl-C or SIGTERM stops both, and if one of them stops the other is stopped.
#   BIND         address gunicorn listens on (default 127.0.0.1:5000; behind a reverse proxy,
#                keep it on the loopback)
#   WEB_WORKERS  gunicorn processes (default 1), WEB_THREADS threads each (default 4)
# The configuration (FLASK_PUBLIC_URL, DATABASE_URL, FLASK_HUEY_URL...) comes from the
# environment and instance/config.py, and is the same for both processes.
set -uo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
BIND=${BIND:-127.0.0.1:5000}

"$VENV/bin/flask" --app kit.app worker &
worker=$!
"$VENV/bin/gunicorn" --bind "$BIND" --workers "${WEB_WORKERS:-1}" --threads "${WEB_THREADS:-4}" \
    --timeout 120 --graceful-timeout 20 --access-logfile - 'kit.app:create_app()' &
web=$!

stop() {
    trap - INT TERM EXIT
    kill -TERM "$web" "$worker" 2>/dev/null
    wait "$web" "$worker" 2>/dev/null
    exit "$1"
}
trap 'stop 0' INT TERM EXIT
echo "Atelier Kit servi sur http://$BIND (gunicorn, pid $web) ; travailleur pid $worker"
wait -n "$web" "$worker"  # the first of the two to stop stops the other
stop $?
