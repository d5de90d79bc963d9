# Two commands on a fresh machine with Python 3.11+: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# make test's pytest-xdist workers: one per core, at most 4 (TEST_WORKERS=0: one process).
TEST_WORKERS ?= auto
# The Nu HTML Checker for the browser tests, from npm into a git-ignored folder; skipped without npm.
VNU_JAR := .tools/node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: install run test lint format messages makemessages migrate clean lock

install: $(VENV)/.installed $(VNU_JAR)

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

$(VNU_JAR):
	@if command -v npm >/dev/null 2>&1; then \
		npm install --silent --no-audit --no-fund --prefix .tools vnu-jar@26.9.27; \
	else \
		echo "npm not found: the Nu HTML Checker tests will be skipped"; \
	fi

# GNU gettext's msgfmt when the machine has it, Babel (a project dependency) otherwise.
messages: install
	@if command -v msgfmt >/dev/null 2>&1; then \
		DEBUG=true $(PY) manage.py compilemessages --ignore=.venv -v 0; \
	else \
		$(VENV)/bin/pybabel compile --statistics -d locale -D django; \
	fi

# After changing marked strings: refresh the catalogue, then translate the new entries.
makemessages: install
	DEBUG=true $(PY) manage.py makemessages -l fr --no-location --no-obsolete --ignore=.venv --ignore=.tools --ignore=tests

migrate: install
	DEBUG=true $(PY) manage.py migrate --noinput

run: migrate messages
	DEBUG=true $(PY) manage.py load_seed_content
	DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/hadolint Dockerfile deploy/nginx/Dockerfile

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: lint
	SECRET_KEY=check DEBUG=false $(PY) manage.py check --fail-level WARNING
	SECRET_KEY=check $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n $(TEST_WORKERS) --maxprocesses 4 $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .tools .pytest_cache .ruff_cache staticfiles
	find locale -name '*.mo' -delete

# The image's pinned, hashed dependencies, from pyproject.toml (run after changing dependencies).
lock: install
	$(VENV)/bin/uv pip compile pyproject.toml --generate-hashes --universal --python-version 3.11 \
		--quiet -o requirements.lock

# Measured (bench/run.py): the site under gunicorn.conf.py vs a bare WSGI floor; see README.
.PHONY: bench loadtest
bench: messages
	$(PY) -m bench.run

# `make loadtest PROXY=1`: through nginx (deploy/nginx/) in front of the same server.
loadtest: messages
	$(PY) -m bench.run --loadtest $(if $(PROXY),--proxy)
