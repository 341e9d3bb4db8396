#!/usr/bin/env bash
# Serve the app on 127.0.0.1:5000 and run the background worker beside it; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
"$VENV/bin/flask" --app kit.app worker &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
"$VENV/bin/flask" --app kit.app run --host 127.0.0.1 --port 5000
