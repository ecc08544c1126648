# Senim: the two commands are `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test bench lint messages clean

demo: $(VENV)/.installed
	$(BIN)/senim demo

test: $(VENV)/.installed-test
	bash scripts/test.sh

bench: $(VENV)/.installed-test
	$(BIN)/python -m bench.run $(BENCH_ARGS)

lint: $(VENV)/.installed-test
	bash scripts/lint.sh

# Re-extract the catalogues after changing strings, translate, then compile.
messages: $(VENV)/.installed-test
	$(BIN)/python scripts/messages.py

$(VENV)/.installed: pyproject.toml
	bash scripts/ensure-venv.sh $(PYTHON)
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml
	bash scripts/ensure-venv.sh $(PYTHON)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(VENV)/.installed $@

clean:
	rm -rf $(VENV) var
