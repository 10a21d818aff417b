# The two commands a newcomer needs: `make run` and `make test`. Everything else is set up by them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
PIP_QUIET := 2>&1 | grep -v -e "is ignored" -e "^\s*$$" || true

.PHONY: run test lint test-unit test-e2e install install-test system-deps translations messages lix screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip $(PIP_QUIET)

install: $(BIN)/python
	$(BIN)/pip install -q -e . $(PIP_QUIET)
	@$(MAKE) -s translations

install-test: $(BIN)/python system-deps node_modules/vnu-jar
	$(BIN)/pip install -q -e '.[test]' $(PIP_QUIET)
	@$(MAKE) -s translations

node_modules/vnu-jar: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Debian's Chromium (Playwright cannot download its own here), fonts for every script, PostgreSQL for the
# throwaway test cluster, poppler for reading PDFs in tests, Java for the Nu HTML checker.
system-deps:
	@missing=""; \
	for pkg in chromium fonts-noto-core postgresql poppler-utils; do \
	  dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; \
	done; \
	command -v java >/dev/null 2>&1 || missing="$$missing openjdk-17-jre-headless"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

translations: $(BIN)/python
	@if ls eservice/translations/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then \
	  $(BIN)/pybabel -q compile -d eservice/translations; fi

# Refresh the message template and every catalog after changing texts (then translate what is new).
messages: $(BIN)/python
	$(BIN)/pybabel -q extract -F babel.cfg -k _l --no-location --sort-output --omit-header \
	  -o eservice/translations/messages.pot .
	$(BIN)/pybabel -q extract -F babel-staff.cfg --no-location --sort-output --omit-header \
	  -o eservice/staff/translations/staff.pot .
	@if ls eservice/translations/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then \
	  $(BIN)/pybabel -q update --no-fuzzy-matching --ignore-obsolete -i eservice/translations/messages.pot \
	    -d eservice/translations; fi

lix: install
	$(BIN)/python -m eservice.plain_language.check

run: install
	mkdir -p instance
	$(BIN)/flask --app eservice migrate
	$(BIN)/flask --app eservice demo-data
	$(BIN)/flask --app eservice run --host 127.0.0.1 --port $(PORT)

# Every check that reads the code without running it; `make test` runs it first. Each finding names file, line and
# rule. Settings are in pyproject.toml: [tool.ruff], [tool.mypy], [tool.djlint], [tool.importlinter].
# The same commands run as pre-commit hooks (.pre-commit-config.yaml).
lint: | $(BIN)/djlint
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/djlint eservice/templates eservice/staff/templates --lint
	$(BIN)/lint-imports

# `make lint` on its own in a fresh clone installs the tools first; `make test` installs them anyway.
$(BIN)/djlint:
	@$(MAKE) -s install-test

test: install-test lint
	$(BIN)/pytest tests e2e

test-unit: install-test
	$(BIN)/pytest tests

test-e2e: install-test
	$(BIN)/pytest e2e

# PNGs of every page of the journey in sv, ar and ti, at phone and desktop width: open screenshots/index.html.
screenshots: install-test
	$(BIN)/pytest e2e/test_screenshots.py --journey-shots=screenshots -q

clean:
	rm -rf $(VENV) instance .pytest_cache .hypothesis screenshots

# Load figures (bench/README.md): the service under gunicorn on a throwaway PostgreSQL and on SQLite, filled with
# generated cases and driven by wrk from this machine, beside a bare hello world. Not part of `make test`.
# `bench` uses the full sizes (100,000 households; BENCH_HOUSEHOLDS, BENCH_CLOSED, BENCH_SECONDS change them),
# `bench-quick` small ones (a few minutes). Each writes bench/results/<date>-<host or "quick">.md and .json.
.PHONY: bench bench-quick bench-deps
bench: install bench-deps
	$(BIN)/python -m bench.run

bench-quick: install bench-deps
	$(BIN)/python -m bench.run --quick

# wrk and PostgreSQL's server from Debian (wrk cannot come from pip); stop with a clear message if that fails.
bench-deps:
	@missing=""; \
	command -v wrk >/dev/null 2>&1 || missing="$$missing wrk"; \
	dpkg -s postgresql >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi; \
	command -v wrk >/dev/null 2>&1 || { echo "wrk is missing and could not be installed (apt-get install wrk)." >&2; exit 1; }
