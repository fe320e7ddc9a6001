# Everything installs into .venv from the locked requirements.txt; only python3 (3.11+) is needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

OFFLINE_ZIP ?= china-in-space-offline.zip
OFFLINE_BUILD ?= build/offline

.PHONY: serve test quick lint build offline font bench lock clean

PORT ?= 8000

serve: $(STAMP)  ## install, then serve with live reload at http://127.0.0.1:$(PORT) (make serve PORT=8001)
	$(BIN)/mkdocs serve -f mkdocs.yml --dev-addr 127.0.0.1:$(PORT)

test: lint  ## install, then lint, type-check and run the whole test suite
	$(BIN)/python -m pytest

quick: lint  ## the edit loop: lint, types, and the tests that neither build the site nor open a browser
	HYPOTHESIS_PROFILE=quick $(BIN)/python -m pytest -q -m "not build and not browser"

lint: $(STAMP)  ## ruff (lint and format) and mypy, as configured in pyproject.toml
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

build: $(STAMP)  ## install, then build site/ for publishing (set SITE_URL to the published address)
	$(BIN)/mkdocs build -f mkdocs.yml --strict --clean -d site

offline: $(STAMP)  ## install, then build the offline edition (opens from disk, search included) into $(OFFLINE_ZIP)
	rm -rf $(OFFLINE_BUILD) $(OFFLINE_ZIP)
	$(BIN)/mkdocs build -f mkdocs-offline.yml --strict -d $(OFFLINE_BUILD)/china-in-space
	cd $(OFFLINE_BUILD) && $(abspath $(BIN))/python -m zipfile -c $(abspath $(OFFLINE_ZIP)) china-in-space

font: $(STAMP)  ## re-make the font subsets: the preview images' and the pages' Chinese web font (needs Debian's fonts-noto-cjk; see hooks/fonts/README.md)
	$(BIN)/python scripts/subset_font.py

bench: $(STAMP)  ## install, then measure builds of 100 to 5,000 missions and the real site into BENCHMARKS.md
	$(BIN)/python bench/run.py

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	touch $(STAMP)

lock: $(STAMP)  ## re-pin every dependency after editing requirements.in
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links \
		--output-file requirements.txt requirements.in

clean:
	rm -rf site build .cache $(OFFLINE_ZIP) $(VENV)
