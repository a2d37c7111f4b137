"""Does the span reader give the same logits on every CPU? Each format, several instruction sets.

    python benchmarks/reader_cpus.py                      # the shipped reader, SSE4.2 vs native
    python benchmarks/reader_cpus.py --model-dirs models/reader /tmp/int8 --cpus Nehalem Haswell

onnxruntime picks its kernels by the CPU's instruction set at run time (MLAS: SSE, AVX2,
AVX-512, AVX-512 VNNI, AMX). To run the other kernels on this machine, the reader runs in
subprocesses: natively, natively with AMX refused (a tiny ``LD_PRELOAD`` shim denies the
tile-data permission, so MLAS falls back to AVX-512 VNNI), and under QEMU's user-mode
emulator with older CPU models (``qemu-x86_64 -cpu Nehalem``: SSE4.2 only; ``Haswell``:
AVX2 and FMA, no AVX-512; emulated exactly, slowly: Haswell takes minutes a window). Each
run writes every window's start and end logits; reported per format and CPU: the largest
logit difference from the native run, and whether the best span or the "no answer" margin
moved. Debian's ``qemu-user`` package provides the emulator (``make test`` installs it).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "lere-attack-2024-05-27.txt"
QUESTIONS = ("Who claimed the Lere attack?", "How many soldiers were killed?")
SHIM = r"""
#define _GNU_SOURCE
#include <stdarg.h>
#include <dlfcn.h>
#include <errno.h>
#include <sys/syscall.h>
long syscall(long number, ...) {  /* refuse ARCH_REQ_XCOMP_PERM: no AMX tiles */
    va_list ap; va_start(ap, number);
    long a = va_arg(ap, long), b = va_arg(ap, long), c = va_arg(ap, long);
    long d = va_arg(ap, long), e = va_arg(ap, long), f = va_arg(ap, long);
    va_end(ap);
    if (number == SYS_arch_prctl && a == 0x1023) { errno = EPERM; return -1; }
    static long (*real)(long, ...) = 0;
    if (!real) real = (long (*)(long, ...))dlsym(RTLD_NEXT, "syscall");
    return real(number, a, b, c, d, e, f);
}
"""


def probe(model_dir: Path, out: Path, chars: int) -> None:
    """Run in the measured process: every window's logits, as JSON."""
    sys.path.insert(0, str(ROOT))
    from assistant.answering.reader import SpanReader

    reader = SpanReader.load(model_dir, threads=1)
    text = SEED.read_text(encoding="utf-8")[:chars]
    rows = []
    for question in QUESTIONS:
        start, end = reader._logits([reader.pairs.encode(question, text)])
        rows.append({"start": start[0].tolist(), "end": end[0].tolist()})
    out.write_text(json.dumps(rows), encoding="utf-8")


def run(model_dir: Path, prefix: list[str], env: dict[str, str], chars: int) -> list[Any]:
    """The logits of ``probe`` in a subprocess started with ``prefix`` (an emulator)."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "logits.json"
        command = [*prefix, sys.executable, __file__, "--probe", str(model_dir), str(out)]
        subprocess.run([*command, "--chars", str(chars)], check=True, env={**os.environ, **env})
        return json.loads(out.read_text(encoding="utf-8"))


def compare(native: list[Any], other: list[Any]) -> dict[str, Any]:
    """Largest logit difference; whether the best span or its margin over [CLS] moved."""
    diff, moved, margin = 0.0, 0, 0.0
    for a, b in zip(native, other, strict=True):
        sa, ea, sb, eb = (np.array(a["start"]), np.array(a["end"]),
                          np.array(b["start"]), np.array(b["end"]))  # fmt: skip
        diff = max(diff, float(np.abs(sa - sb).max()), float(np.abs(ea - eb).max()))
        moved += int((sa.argmax(), ea.argmax()) != (sb.argmax(), eb.argmax()))
        margin_a = sa.max() + ea.max() - sa[0] - ea[0]
        margin = max(margin, abs(float(margin_a - (sb.max() + eb.max() - sb[0] - eb[0]))))
    return {"max_logit_diff": diff, "best_token_moved": moved, "max_margin_diff": margin}


def amx_shim(folder: Path) -> Path | None:
    """The AMX-refusing shim, compiled with gcc (None without a compiler)."""
    if shutil.which("gcc") is None:
        return None
    source, library = folder / "noamx.c", folder / "noamx.so"
    source.write_text(SHIM, encoding="utf-8")
    built = subprocess.run(["gcc", "-shared", "-fPIC", "-O2", "-o", str(library), str(source),
                            "-ldl"], capture_output=True)  # fmt: skip
    return library if built.returncode == 0 else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--probe", nargs=2, type=Path, metavar=("MODEL_DIR", "OUT"))
    parser.add_argument("--model-dirs", nargs="*", type=Path, default=[ROOT / "models/reader"])
    parser.add_argument("--cpus", nargs="*", default=["Nehalem"], help="QEMU CPU models")
    parser.add_argument("--chars", type=int, default=700, help="of the founding article")
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    args = parser.parse_args()
    if args.probe:
        probe(args.probe[0], args.probe[1], args.chars)
        return
    qemu = shutil.which("qemu-x86_64")
    if platform.machine() != "x86_64" or qemu is None:
        sys.exit("needs an x86-64 machine with qemu-x86_64 (Debian: apt install qemu-user)")
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        shim = amx_shim(Path(scratch))
        for model_dir in args.model_dirs:
            settings = json.loads((model_dir / "reader.json").read_text(encoding="utf-8"))
            name = f"{model_dir} ({settings.get('format')})"
            native = run(model_dir, [], {}, args.chars)
            row: dict[str, Any] = {}
            if shim is not None:
                refused = run(model_dir, [], {"LD_PRELOAD": str(shim)}, args.chars)
                row["native, AMX refused (AVX-512 VNNI)"] = compare(native, refused)
            for cpu in args.cpus:
                emulated = run(model_dir, [qemu, "-cpu", cpu], {}, args.chars)
                row[f"qemu -cpu {cpu}"] = compare(native, emulated)
            results[name] = row
            for where, figures in row.items():
                print(f"{name:<40} {where:<38} " + "  ".join(
                    f"{k} {v:.6f}" if isinstance(v, float) else f"{k} {v}"
                    for k, v in figures.items()))  # fmt: skip
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
