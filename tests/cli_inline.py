"""The command line's ``main`` run in the test's own process, its output caught as a
separate process's would be.

Each ``python -m assistant`` loads torch and the models again (about ten seconds on 2
cores); a test that runs a user's session of several commands runs its first one as a
separate process, as a user does, and the rest here, where the models stay loaded. The
command's code is the same: ``main`` parses, runs and turns errors into one line and an
exit status itself (``cli.one_line_errors``)."""

from __future__ import annotations

import io
import os
import subprocess
from collections.abc import Mapping
from contextlib import redirect_stderr, redirect_stdout
from unittest.mock import patch

from assistant.app.cli import main


def run_inline(*args: str, env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    """``assistant ARGS`` with the ``env`` variables set, as ``subprocess.run`` reports it."""
    out, err = io.StringIO(), io.StringIO()
    with patch.dict(os.environ, env), redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as stopped:  # argparse's usage errors
            code = stopped.code if isinstance(stopped.code, int) else 2
    return subprocess.CompletedProcess(["assistant", *args], code, out.getvalue(), err.getvalue())
