# Vivier: the two commands are `make run` and `make test`. Everything else is a step they use.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
DEV := DJANGO_SETTINGS_MODULE=portal.settings.dev
TEST := DJANGO_SETTINGS_MODULE=portal.settings.test

.PHONY: install setup run test test-fast lint bench clean-var opensearch

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# Idempotent: migrate, reference data, demo data on the first run only, search index.
setup: install
	mkdir -p var/mail var/media var/private
	$(DEV) $(MANAGE) migrate --no-input
	$(DEV) $(MANAGE) load_reference_data
	@if [ ! -f var/.seeded ]; then $(DEV) $(MANAGE) seed_demo && touch var/.seeded; fi
	$(DEV) $(MANAGE) rebuild_cvtheque
	$(DEV) $(MANAGE) rebuild_offer_index

# Web server, task worker and the periodic-job scheduler together; Ctrl+C stops them all.
run: setup
	@$(DEV) $(MANAGE) seed_demo --logins-only
	@echo "Vivier: http://$(HOST):$(PORT)/  (administration : http://$(HOST):$(PORT)/admin/ )"
	@trap 'kill 0' INT TERM EXIT; \
	  $(DEV) $(MANAGE) db_worker --interval 1 --no-reload & \
	  $(DEV) $(MANAGE) run_periodic --loop & \
	  $(DEV) DEBUG=1 $(MANAGE) runserver --noreload $(HOST):$(PORT)

# The whole suite, in two pytest runs: everything but the browser tests (spread over the cores by
# pytest-xdist), then the browser tests (marked e2e) in their own process, because Playwright's
# event loop changes how Django hands out database connections. The browser run needs Debian's
# chromium; without it the command says so. BROWSER=0 runs the first part only (CI runs the
# browser tests once, on the embedded defaults, not again per database).
BROWSER ?= 1
XDIST ?= -n auto
test: install
	@$(TEST) $(PY) -m pytest -m "not e2e" $(XDIST) $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -ne 0 ]; then exit $$rc; fi; \
	if [ "$(BROWSER)" = "0" ]; then echo "Browser (e2e) tests not run here (BROWSER=0)."; exit 0; fi; \
	if command -v chromium >/dev/null 2>&1; then \
	  echo "== Browser tests (e2e) in headless Chromium"; \
	  $(TEST) $(PY) -m pytest -m e2e $(PYTEST_ARGS); rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "No browser test selected."; rc=0; fi; exit $$rc; \
	else \
	  echo "Chromium not found (apt-get install chromium chromium-driver): browser (e2e) tests SKIPPED."; \
	fi

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(TEST) $(MANAGE) makemigrations --check --dry-run

# Speed (docs/benchmarks.md), then relevance on the judged set (docs/matching.md, "Relevance"; its
# profiles are imported in a transaction rolled back afterwards, into a temporary search index).
bench: setup
	$(DEV) $(MANAGE) bench
	@echo "== relevance (tests/data/relevance)"
	$(DEV) $(MANAGE) relevance_report

# A local OpenSearch 2.19 node in the foreground (Ctrl+C stops it), built by Maven from Maven Central
# jars (ops/opensearch, Java 17): loopback only, single-node, data under var/opensearch/<node>.
OS_DIR := ops/opensearch
OS_HEAP ?= 512m
OS_NODE ?= node-1
OS_HTTP_PORT ?= 9200
OS_TRANSPORT_PORT ?= 9300
$(OS_DIR)/target/.built: $(OS_DIR)/pom.xml $(shell find $(OS_DIR)/src -type f 2>/dev/null)
	mvn -q -f $(OS_DIR)/pom.xml package
	touch $@

opensearch: $(OS_DIR)/target/.built
	mkdir -p var/opensearch
	exec java -Xms$(OS_HEAP) -Xmx$(OS_HEAP) -Dvivier.os.var=var/opensearch -Dvivier.os.node=$(OS_NODE) \
	  -Dvivier.os.http.port=$(OS_HTTP_PORT) -Dvivier.os.transport.port=$(OS_TRANSPORT_PORT) \
	  -cp '$(OS_DIR)/target/lib/*:$(OS_DIR)/target/classes' org.vivier.opensearch.Launcher

clean-var:
	rm -rf var
