# Two commands on a fresh Debian/Ubuntu machine with Python 3.11:
#   make run    start the dashboard on the bundled data (http://localhost:8501)
#   make test   run ruff and the whole test suite (installs Debian's chromium for the browser tests)
#   make test-fast   ruff and the tests without a browser or PostgreSQL: the edit-test loop
# Each installs what it needs: a virtual environment in .venv with the pinned packages.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PORT ?= 8501

.PHONY: run test test-fast lint browser-deps pdf-tools postgres-deps nginx-deps data units illustrative clean bench

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@

# Debian's Chromium for the real-browser tests; never a browser downloaded by a test tool.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# Debian's poppler-utils: pdftotext reads the exported map sheets back in tests/geo/maps/test_sheets.py.
pdf-tools:
	@command -v pdftotext >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq poppler-utils >/dev/null; }

# Debian's PostgreSQL server binaries: the tests start a throwaway server of their own from them (tests/pg.py)
# (the package's cluster and service are not used).
postgres-deps:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql >/dev/null; }

# Debian's nginx: tests/web/test_proxy.py runs deploy/nginx.conf in front of two app processes (its own nginx
# process and configuration; the package's service is not used).
nginx-deps:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nginx >/dev/null; }

# On a database with no account, `user bootstrap` creates 'admin' and prints its one-time password here.
# .streamlit/config.toml holds the production settings; for development the file watcher and rerun-on-save
# are switched back on here.
run: $(STAMP)
	$(PY) -m geo user bootstrap
	$(PY) -m streamlit run app.py --server.port $(PORT) --server.fileWatcherType auto --server.runOnSave true

# Ruff's rules are in pyproject.toml ([tool.ruff.lint]); the tree must stay clean.
lint: $(STAMP)
	$(PY) -m ruff check .

test: lint browser-deps pdf-tools postgres-deps nginx-deps
	$(PY) -m pytest

# No browser, no PostgreSQL server: the edit-test loop (see README "Tests" for what each lane runs).
test-fast: lint pdf-tools
	$(PY) -m pytest -m "not browser and not postgres"

# Rebuild data/communes.geojson from the shared reference files (see data/README.md).
SHARED ?= ../shared/data
data: $(STAMP)
	$(PY) scripts/build_communes.py $(SHARED)/communes_2019_full.geojson \
		$(SHARED)/communes_2019_missing_points.geojson $(SHARED)/gso_thanhhoa_2019.csv \
		--border-line $(SHARED)/laos_border_line.geojson
	$(MAKE) units

# Rebuild data/units/ (the unit versions 2017-04-19 … 2025-07-01) from $(SHARED)/units, the committed 2019
# layer and data/units/link_corrections.csv (see data/README.md).
units: $(STAMP)
	$(PY) scripts/build_units.py $(SHARED)/units

# Regenerate the bundled illustrative records (seeded: the same file every time).
illustrative: $(STAMP)
	$(PY) -m geo generate-illustrative

clean:
	rm -rf $(VENV) var .pytest_cache

# Benchmark against a naive reference built in the same run (bench/RESULTS.md); needs Debian's chromium.
bench: $(STAMP) browser-deps
	$(PY) bench/run.py
	$(PY) bench/load.py --json bench/load.json
