# Everything installs into .venv from the locked requirements.txt; only python3 (3.11+) is needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build bench lock clean

serve: $(STAMP)  ## install, then serve with live reload at http://127.0.0.1:8000
	$(BIN)/mkdocs serve -f mkdocs.yml --dev-addr 127.0.0.1:8000

test: $(STAMP)  ## install, then run the whole test suite
	$(BIN)/python -m pytest

build: $(STAMP)  ## install, then build site/ for publishing (set SITE_URL to the published address)
	$(BIN)/mkdocs build -f mkdocs.yml --strict --clean -d site

bench: $(STAMP)  ## install, then measure builds of 100 to 5,000 missions and the real site into BENCHMARKS.md
	$(BIN)/python bench/run.py

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	touch $(STAMP)

lock:  ## re-pin every dependency after editing requirements.in
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links \
		--output-file requirements.txt requirements.in

clean:
	rm -rf site $(VENV)
