# Two commands on a fresh machine with Python 3.11+: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint format messages migrate clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

# GNU gettext's msgfmt when the machine has it, Babel (a project dependency) otherwise.
messages: install
	@if command -v msgfmt >/dev/null 2>&1; then \
		DEBUG=true $(PY) manage.py compilemessages --ignore=.venv -v 0; \
	else \
		$(VENV)/bin/pybabel compile --statistics -d locale -D django; \
	fi

migrate: install
	DEBUG=true $(PY) manage.py migrate --noinput

run: migrate messages
	DEBUG=true $(PY) manage.py load_seed_content
	DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: messages lint
	SECRET_KEY=check DEBUG=false $(PY) manage.py check --fail-level WARNING
	SECRET_KEY=check $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
	find locale -name '*.mo' -delete

# Measured (bench/run.py): the site under gunicorn.conf.py vs a bare WSGI floor; see README.
.PHONY: bench loadtest
bench: messages
	$(PY) bench/run.py

loadtest: messages
	$(PY) bench/run.py --loadtest
