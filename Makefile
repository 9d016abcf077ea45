# Two commands for a fresh clone: `make run` and `make test`. Each sets itself up first.
VENV := .venv
PY := $(VENV)/bin/python
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup run test lint demo bench torture screenshots dist clean

setup:
	@bash scripts/bootstrap.sh

run: setup
	@bash scripts/run.sh

lint: setup
	$(VENV)/bin/ruff check desktop tests bench devtools
	$(VENV)/bin/ruff format --check desktop tests bench devtools
	$(VENV)/bin/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

demo: setup
	$(PY) -m desktop demo --out out/demo

bench: setup
	$(PY) -m bench

torture: setup
	TRAME_TORTURE=1 QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests/reliability -s

screenshots: setup
	bash scripts/screenshots.sh

dist: setup
	bash installer/build.sh

clean:
	rm -rf $(VENV) build dist out screenshots
