#!/usr/bin/env bash
# The package as a user installs it: build the wheel, install it with its dependencies
# into a fresh virtualenv outside the checkout, and answer the founding question from a
# folder of its own (CI runs this after make test; `make wheel` builds the wheel alone).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON_BIN=${PYTHON_BIN:-$(command -v python3.11 || command -v python3)}
work=$(mktemp -d /tmp/check-wheel-XXXXXX)
trap 'rm -rf "$work"' EXIT
.venv/bin/python -m pip wheel . --no-deps --no-build-isolation -q -w "$work/dist"
"$PYTHON_BIN" -m venv "$work/venv"
pip=("$work/venv/bin/python" -m pip install --disable-pip-version-check -q)
"${pip[@]}" torch==2.13.0            # the local CPU build, before anything pulls torch
"${pip[@]}" "$work"/dist/news_archive_qa-*.whl
mkdir "$work/corpus"
cp corpus/*.txt "$work/corpus/"
cd "$work"
export -n PYTHONPATH 2>/dev/null || true
"$work/venv/bin/assistant" ingest corpus --index-dir index --quiet
answer=$("$work/venv/bin/assistant" ask "Who claimed responsibility for the attack?" --index-dir index)
echo "$answer" | head -3
echo "$answer" | head -1 | grep -q "Coordination of Azawad Movements"
echo "check-wheel: the installed wheel answered from $work (outside the checkout)"
