# Atelier Kit: the two commands of the README are `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app kit.app

.PHONY: setup run serve lint test test-extended bench-print bench-scan bench-digitise bench-load \
	bench-grouping bench-midday bench-wall bench-address-book \
	bench-network bench-report

setup:
	./scripts/setup.sh

## Set everything up, load the demo workshop and serve http://127.0.0.1:5000 (with the worker)
run: setup
	$(FLASK) db upgrade
	$(FLASK) load-demo
	./scripts/serve.sh

## Production: migrate, then gunicorn on $(BIND) and the worker as its own process (README,
## "En production"); configuration from the environment (FLASK_PUBLIC_URL, DATABASE_URL...)
BIND ?= 127.0.0.1:8000
WEB_WORKERS ?= 2
serve: setup
	$(FLASK) db upgrade
	BIND=$(BIND) WEB_WORKERS=$(WEB_WORKERS) ./scripts/serve.sh

## Lint (ruff: style and import order) and type-check (mypy: kit, printables, scan)
lint: setup
	$(VENV)/bin/ruff check kit printables scan tests benchmarks
	$(VENV)/bin/mypy

## Set everything up, lint, and run the test suite (fast default; CI runs exactly this)
test: lint
	$(PY) -m pytest -q

## The slow print -> photo -> scan round trips, on top of the default suite
test-extended: setup
	$(PY) -m pytest -q -m "extended or not extended"

bench-print: setup
	$(PY) -m benchmarks.bench_print

bench-scan: setup
	$(PY) -m benchmarks.bench_scan

bench-digitise: setup
	$(PY) -m benchmarks.bench_digitise

## Load and faults: 10 volunteers x 20 photos through gunicorn with the worker, on SQLite and on
## PostgreSQL + Redis; the worker is killed (-9) mid-way and restarted (a script, not a test)
bench-load: setup
	$(PY) -m benchmarks.bench_load

## Needs grouped by meaning: pair precision/recall of the model, the lexical fallback and both
bench-grouping: setup
	$(PY) -m benchmarks.bench_grouping

## The midday turnaround: 40 people's morning photos -> digitised -> grouped -> afternoon PDF,
## the time of each stage (issue 11: under 2 minutes of machine time)
bench-midday: setup
	$(PY) -m benchmarks.bench_midday

## The live wall: time to answer its JSON (polled every 4 s) and one card image, 40-300 people
bench-wall: setup
	$(PY) -m benchmarks.bench_wall

## Shared address book: seconds to print the handout and to mail the links, 40 and 300 people
bench-address-book: setup
	$(PY) -m benchmarks.bench_address_book

## The network map's page load with 300 synthetic actors (server and headless Chromium)
bench-network: setup
	$(PY) -m benchmarks.bench_network

## The restitution page and the PDF report of a synthetic workshop of 40 and 300 participants
bench-report: setup
	$(PY) -m benchmarks.bench_report
