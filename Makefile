# The front door. Every target calls the `portal` command (scripts/portal/cli.py).
VENV   := .venv
PY     := $(VENV)/bin/python
PORTAL := $(PY) -m portal.cli
STAMP  := $(VENV)/.installed

.PHONY: serve build check test bench clean requirements

# (Re)create the virtual environment when it is missing or the pins changed.
$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt -r requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

serve: $(STAMP)  ## serve both languages on http://127.0.0.1:8000 with live reload
	$(PORTAL) serve

build: $(STAMP)  ## strict build into site/
	$(PORTAL) build

check: $(STAMP)  ## source checks, strict build, built-site checks (CHECK_FLAGS=--offline for cached external links)
	$(PORTAL) check $(CHECK_FLAGS)

test: $(STAMP)  ## the whole test suite
	$(PY) -m pytest

bench: $(STAMP)  ## figures: build time, peak memory, our link check beside lychee (real + synthetic site)
	$(PORTAL) bench

clean:
	rm -rf site dist .pytest_cache

# Regenerate the hashed pins after editing requirements*.in.
requirements: $(STAMP)
	$(VENV)/bin/pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements.txt requirements.in
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements-dev.txt requirements-dev.in
