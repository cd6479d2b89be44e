# IKZ-Portal Lippe. `make run` and `make test` are all a fresh clone needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
# Port of the dev server (make run PORT=8130).
PORT ?= 8000

.PHONY: run install assets migrate data schedules serve test lint format messages worker beat bench clean check-deploy audit

run: install assets migrate data schedules ## install, migrate, load data, then web + Celery worker + beat (Ctrl-C stops all three)
	@echo ""
	@echo "  IKZ-Portal Lippe: http://127.0.0.1:$(PORT)"
	@echo "  Log in as cdo.detmold@example.org (or cdo.<kommune>@example.org, admin@example.org)"
	@echo "  Password for all demo accounts: ikz-demo-2026"
	@echo ""
	PORTAL_PORT=$(PORT) PATH="$(abspath $(BIN)):$$PATH" $(BIN)/honcho start -f Procfile -p $(PORT)

$(STAMP): requirements/dev.txt requirements/base.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements/dev.txt
	touch $(STAMP)

install: $(STAMP)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

assets: node_modules/.package-lock.json

migrate: install
	@mkdir -p var
	$(MANAGE) migrate --noinput -v0

data: install
	$(MANAGE) load_reference_data
	$(MANAGE) seed_demo

schedules: install ## the beat schedules (digests, reminders, retention) in the database
	$(MANAGE) setup_periodic_tasks

serve: ## only the dev server (tasks wait in the broker until a worker runs)
	$(MANAGE) runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: install assets lint ## ruff, then the whole pytest suite
	$(BIN)/pytest

messages: install ## refresh the message catalogues (edit locale/*/LC_MESSAGES/django.po, then run again)
	$(MANAGE) makemessages -l de -l en --no-obsolete --ignore=.venv --ignore=node_modules --ignore=var --ignore=tests
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules

worker: install ## a Celery worker alone (Redis with REDIS_URL, else the embedded SQLite broker)
	$(BIN)/celery -A lippe_ikz worker --loglevel=INFO

beat: install ## Celery beat alone, with the database scheduler
	$(BIN)/celery -A lippe_ikz beat --loglevel=INFO --scheduler django_celery_beat.schedulers:DatabaseScheduler

bench: install assets migrate ## benchmarks as ratios against a baseline in the same run
	$(MANAGE) load_reference_data
	$(BIN)/python bench/run.py

audit: install assets ## known-vulnerable dependencies: pip-audit and npm audit (findings fail)
	BIN=$(BIN) .ci/audit

check-deploy: install
	DJANGO_SETTINGS_MODULE=lippe_ikz.settings.production SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
	  ALLOWED_HOSTS=portal.example.org DATABASE_URL=sqlite:///var/check.sqlite3 \
	  $(MANAGE) check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) node_modules staticfiles var
