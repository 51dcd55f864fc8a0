# The front door. Every target calls the `portal` command (scripts/portal/cli.py).
VENV   := .venv
PY     := $(VENV)/bin/python
PORTAL := $(PY) -m portal.cli
STAMP  := $(VENV)/.installed
# What builds the site: mkdocs (default) or properdocs, its maintained fork (same mkdocs.yml).
RUNNER ?= mkdocs
# The publishing gate's "now" for make build: the commit time (default) or live (the real time: the Pages deploy).
CLOCK ?= commit

.PHONY: due serve build check translations stamp test test-quick bench bench-search bench-web release clean requirements vendor-twitter-text

# (Re)create the virtual environment when it is missing or the pins changed.
$(STAMP): requirements.txt requirements-dev.txt requirements-properdocs.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt -r requirements-dev.txt -r requirements-properdocs.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Node tools the tests use (the Nu Html Checker), pinned in package-lock.json.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

DEV_ADDR ?= 127.0.0.1:8000

# The scheduled Pages run's first step: is a change due on the live site at LIVE_URL?
# Prints due=true|false and commit=... (for $GITHUB_OUTPUT). Standard library only: no .venv.
due:  ## is a narrative or kit change due on the live site? (make due LIVE_URL=https://...)
	@test -n "$(LIVE_URL)" || { echo "usage: make due LIVE_URL=https://host/path" >&2; exit 2; }
	@mkdir -p .cache && { curl -fsSL "$(LIVE_URL)/build.json" -o .cache/live-build.json || echo '{}' > .cache/live-build.json; }
	@PYTHONPATH=scripts python3 -m portal.livestate --state .cache/live-build.json

serve: $(STAMP)  ## serve both languages on http://$(DEV_ADDR) with live reload (make serve DEV_ADDR=127.0.0.1:8001)
	$(PORTAL) serve --dev-addr $(DEV_ADDR)

build: $(STAMP)  ## strict build into site/ (RUNNER=properdocs builds with ProperDocs; CLOCK=live for the deploy; PORTAL_NOW=... previews into site-preview/)
	$(PORTAL) --runner $(RUNNER) build --clock $(CLOCK)

check: $(STAMP)  ## source checks, strict build, built-site checks (CHECK_FLAGS=--offline for cached external links)
	$(PORTAL) --runner $(RUNNER) check $(CHECK_FLAGS)

translations: $(STAMP)  ## missing and outdated translations, each with the command that shows what changed
	$(PORTAL) translations

# make stamp PAGE=docs/x.en.md: after committing the Indonesian change and updating its translation.
stamp: $(STAMP)  ## record that PAGE (an English page) translates the current Indonesian page
	@test -n "$(PAGE)" || { echo "usage: make stamp PAGE=docs/page.en.md [PAGE='docs/a.en.md docs/b.en.md']"; exit 2; }
	$(PORTAL) translations --stamp $(PAGE)

# The suite runs on one pytest-xdist worker per core (TEST_JOBS=1 for one process);
# worksteal hands a waiting worker the tests another has not started yet. Each
# expensive build (the real site, ...) happens once per run, shared by all workers
# (tests/conftest.py, "One build per run").
TEST_JOBS ?= auto
PYTEST_PARALLEL = $(if $(filter 1,$(TEST_JOBS)),,-n $(TEST_JOBS) --dist worksteal)

test: $(STAMP) $(NODE_STAMP)  ## the whole test suite
	$(PY) -m pytest $(PYTEST_PARALLEL) $(PYTEST_FLAGS)

test-quick: $(STAMP)  ## models, loaders, checks, CLI: no full build, no browser (under a minute)
	$(PY) -m pytest $(PYTEST_PARALLEL) -m "not build and not browser" $(PYTEST_FLAGS)

# make release VERSION=1.0.0 [DRY_RUN=1]
release: $(STAMP)  ## dist/ for VERSION, then the tag vVERSION (refuses unless all is well)
	@test -n "$(VERSION)" || { echo "usage: make release VERSION=x.y.z [DRY_RUN=1]"; exit 2; }
	$(PORTAL) release $(VERSION) $(if $(DRY_RUN),--dry-run) $(RELEASE_FLAGS)

bench: $(STAMP)  ## figures: build time, peak memory, our link check beside lychee (real + synthetic site), serve edit-to-visible
	$(PORTAL) bench

bench-search: $(STAMP)  ## search figures: Indonesian/English top-5 hit rate and index size, before/after stemming
	$(PORTAL) bench-search

bench-web: $(STAMP)  ## figures: Lighthouse (mobile) scores and page weight, both languages (RUNS=5 for steadier medians, PAGES=home,workbench for some)
	$(PORTAL) bench-web --runs $(or $(RUNS),3) $(if $(PAGES),--pages "$(PAGES)")

# The caption workbench's copy of the official twitter-text (pinned in package-lock.json), with its licences.
vendor-twitter-text: $(NODE_STAMP)  ## rebundle docs/assets/javascripts/vendor/twitter-text/ from node_modules (commit the result)
	node scripts/vendor/twitter-text.mjs

clean:
	rm -rf site dist .pytest_cache

# Regenerate the hashed pins after editing requirements*.in.
requirements: $(STAMP)
	$(VENV)/bin/pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements.txt requirements.in
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements-dev.txt requirements-dev.in
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements-properdocs.txt requirements-properdocs.in
