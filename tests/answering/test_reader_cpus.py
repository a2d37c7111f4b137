"""The shipped reader gives the same logits on every CPU (issue 20: answers changed by machine).

onnxruntime chooses its kernels by instruction set; an int8 reader's logits moved by up to
0.9 between AVX-512 and AVX2 (benchmarks/README.md). Here the shipped reader runs natively
and under QEMU's user-mode emulation of a CPU with SSE4.2 only (other MLAS kernels, really
run, emulated exactly), and the logits must agree to 1e-3 (measured: 7e-6).
"""

from __future__ import annotations

import json
import platform
import shutil
from pathlib import Path

import pytest

from benchmarks.reader_cpus import compare, run

pytestmark = pytest.mark.integration
READER = Path(__file__).resolve().parents[2] / "models" / "reader"
TOLERANCE = 1e-3


@pytest.mark.skipif(platform.machine() != "x86_64", reason="emulates x86-64 CPU models")
def test_logits_agree_between_this_cpu_and_an_sse_only_one() -> None:
    qemu = shutil.which("qemu-x86_64")
    if qemu is None:
        pytest.skip("qemu-x86_64 is not installed (Debian qemu-user; make test installs it)")
    settings = json.loads((READER / "reader.json").read_text(encoding="utf-8"))
    assert settings["format"] in ("fp16", "int8-weights", "fp32")  # fp32 arithmetic shipped
    native = run(READER, [], {}, chars=400)
    emulated = run(READER, [qemu, "-cpu", "Nehalem"], {}, chars=400)
    figures = compare(native, emulated)
    assert figures["max_logit_diff"] <= TOLERANCE, figures
    assert figures["best_token_moved"] == 0, figures
