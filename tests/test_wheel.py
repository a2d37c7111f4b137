"""The package works where it is installed, not only in this checkout (issue 23).

A wheel is built from the checkout and installed into a fresh virtual environment in a
temporary folder; ``assistant ingest`` and ``assistant ask`` then run from another
folder, with nothing of the checkout on the path: the reader must come from the wheel.
The dependencies are this test environment's own (offline: a ``.pth`` file points the
new environment at them; the checkout's editable install is not among them, since a
plain path entry runs no ``.pth`` of its own). ``scripts/check-wheel.sh`` does the same
with the dependencies installed from the registry, in CI.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import GUARD, SEED

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[1]


def test_a_wheel_installed_outside_the_checkout_answers_the_founding_question(
    tmp_path: Path,
) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
         "-q", "-w", str(tmp_path / "dist")],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    [wheel] = (tmp_path / "dist").glob("news_archive_qa-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "assistant/_reader/model.onnx" in names and "assistant/_reader/README.md" in names
    assert not any(n.startswith(("tests/", "models/", "benchmarks/")) for n in names)

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)]
    clean = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # not the checkout
    installed = subprocess.run(pip, capture_output=True, text=True, env=clean)
    assert installed.returncode == 0, installed.stderr
    target = Path(subprocess.check_output(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        text=True).strip())  # fmt: skip
    (target / "dependencies.pth").write_text(site.getsitepackages()[0] + "\n")

    assert (target / "assistant" / "_reader" / "model.onnx").is_file()
    work = tmp_path / "elsewhere"
    (work / "corpus").mkdir(parents=True)
    shutil.copy(SEED, work / "corpus")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(GUARD)  # the network guard only, not the checkout
    env.pop("ASSISTANT_READER_DIR", None)
    assistant = env_dir / "bin" / "assistant"

    def run(*args: str) -> str:
        command = [str(assistant), *args, "--index-dir", str(work / "index")]
        done = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    where = subprocess.check_output(
        [str(python), "-c", "import assistant.answering.reader as r; print(r.DEFAULT_DIR)"],
        cwd=work, env=env, text=True,
    ).strip()  # fmt: skip
    assert where == str(target / "assistant" / "_reader")
    run("ingest", str(work / "corpus"), "--quiet")
    answer = run("ask", "Who claimed responsibility for the attack?")
    assert answer.startswith("The Coordination of Azawad Movements"), answer
