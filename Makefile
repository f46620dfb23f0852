# Developer entry points. `make run` for a seeded dev server, `make test` for
# linters + the test suite (see scripts/test.py), `make lint`, `make fmt`.

PY      := .venv/bin/python
BIN     := .venv/bin
STAMP   := .venv/.installed
ARGS    ?=

.DEFAULT_GOAL := help

.PHONY: help venv run test lint fmt messages compilemessages clean lock fuzz audit prod-local bench bench-breakdown

help:
	@echo "make run       migrate, seed demo data, runserver on 127.0.0.1:8000"
	@echo "make test      linters + pytest (extra pytest args: make test ARGS='-k foo')"
	@echo "make lint      ruff check, ruff format --check, lint-imports"
	@echo "make fuzz      the deep Schemathesis sweep (FUZZ_EXAMPLES=200 per operation)"
	@echo "make audit     pip-audit: fail on known vulnerabilities that have a fix"
	@echo "make fmt       ruff format + ruff check --fix"
	@echo "make messages  update locale/zh_Hans .po files"
	@echo "make prod-local  gunicorn (2 workers) + 2 task workers on a throwaway PostgreSQL"
	@echo "make bench     seed full + 10% portfolios, time every page against its floor"
	@echo "make bench-breakdown  after a bench on \$$DATABASE_URL: where each page's time goes"
	@echo "make clean     remove caches, compiled messages and collected static"

venv: $(STAMP)

$(PY):
	python3 -m venv .venv

$(STAMP): requirements.lock | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

# Django errors out when there is no locale directory at all; skip instead.
compilemessages: venv
	@if [ -n "$$(find . -path ./.venv -prune -o -type d -name locale -print -quit)" ]; then \
		echo "$(PY) manage.py compilemessages --ignore=.venv"; \
		$(PY) manage.py compilemessages --ignore=.venv; \
	else \
		echo "no locale directory yet: skipping compilemessages"; \
	fi

run: venv compilemessages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: venv compilemessages
	$(PY) scripts/test.py $(ARGS)

# The suite runs a few examples per operation; this sweep runs many more.
fuzz: venv
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-200} $(PY) scripts/test.py tests/hardening/test_schemathesis.py $(ARGS)

audit: venv
	$(PY) scripts/audit.py

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

fmt: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

prod-local: venv compilemessages
	$(PY) scripts/prod_local.py

# Not part of `make test`: minutes of seeding, timing and load (see bench/run.py).
bench: venv compilemessages
	$(PY) bench/run.py $(ARGS)

# After `make bench`, on the same server: database / templates / rest per page.
bench-breakdown: venv compilemessages
	$(PY) bench/breakdown.py $(ARGS)

messages: venv
	$(PY) manage.py makemessages -l zh_Hans --ignore=.venv --ignore=staticfiles

# Re-pin requirements.lock from pyproject.toml (no index URLs in the file).
lock: venv
	$(BIN)/pip-compile --quiet --no-emit-index-url --no-emit-find-links --strip-extras --extra dev -o requirements.lock pyproject.toml

clean:
	find . -path ./.venv -prune -o -name __pycache__ -type d -exec rm -rf {} +
	find . -path ./.venv -prune -o -name '*.mo' -type f -exec rm -f {} +
	rm -rf .pytest_cache .ruff_cache staticfiles build dist *.egg-info screenshots
