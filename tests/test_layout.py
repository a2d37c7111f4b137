"""The code stays in small modules: no Python file of the repository reaches 400 lines
(the team's rule; a module that grows past it is split by what its parts do)."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MOST_LINES = 400


def _python_files() -> list[Path]:
    """The repository's Python files: git's list where there is a checkout, else a walk."""
    try:
        command = ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py"]
        listed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
        return [ROOT / name for name in listed.stdout.splitlines() if (ROOT / name).is_file()]
    except (OSError, subprocess.CalledProcessError):
        folders = ("assistant", "benchmarks", "training", "tests", "scripts")
        return [p for f in folders for p in (ROOT / f).rglob("*.py")] + [ROOT / "app.py"]


def test_no_module_reaches_four_hundred_lines() -> None:
    files = _python_files()
    assert len(files) > 100, f"the repository's Python files were not found: {len(files)}"
    long = {
        path.relative_to(ROOT).as_posix(): n
        for path in files
        if (n := len(path.read_text(encoding="utf-8").splitlines())) >= MOST_LINES
    }
    assert not long, f"split these by what their parts do: {long}"
