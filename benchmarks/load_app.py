"""The app as `make bench-load` serves it: gunicorn and the worker build it from the JSON in
``BENCH_LOAD_CONFIG`` (its own instance folder, database and queue), never from the
checkout's instance folder."""
from __future__ import annotations

import json
import os

from kit.app import create_app

app = create_app(json.loads(os.environ["BENCH_LOAD_CONFIG"]))
