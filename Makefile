# One target per habit. `make demo` and `make test` work on a fresh machine: they create .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: demo test lint bench train clean fuzz web-vendor

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,dask]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/eventwire demo

test: $(STAMP)
	$(BIN)/python -m pytest -q tests

lint: $(STAMP)
	$(BIN)/ruff check eventwire tests bench tools
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/aeb.py --shared $(SHARED)

train: $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,train]'
	$(BIN)/python -m eventwire.eval.train --shared $(SHARED)

fuzz: $(STAMP)
	$(BIN)/python bench/fuzz.py --inputs 100000

# Front-end libraries (charts, network, Swagger UI) from npm into eventwire/web/static/vendor/. The
# result is committed, so installing eventwire needs no npm; run this only to update a library.
web-vendor:
	cd tools/webvendor && npm ci --no-audit --no-fund && node vendor.mjs

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
