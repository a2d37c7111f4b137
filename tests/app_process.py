"""Run the real web app (`python app.py`) in its own process for API and browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class App:
    """A running app.py: where it answers, and its process (to stop or kill it)."""

    url: str
    process: subprocess.Popen[bytes]


@contextmanager
def running_app(index: Path, corpus: Path, **env: str) -> Iterator[App]:
    """Start app.py on a free loopback port; yield it; stop it (its log shows if it died)."""
    port = free_port()
    log = index.parent / f"app-{port}.log"
    environment = {
        **os.environ,
        "ASSISTANT_INDEX_DIR": str(index),
        "ASSISTANT_CORPUS_DIR": str(corpus),
        "ASSISTANT_PORT": str(port),
        **env,
    }
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "app.py")], env=environment, cwd=ROOT,
            stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            if process.poll() is not None:
                pytest.fail(f"app.py exited:\n{log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(url, timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"app.py did not answer in 180 s:\n{log.read_text()[-3000:]}")
                time.sleep(0.5)
        yield App(url, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def launch_chromium(playwright):
    """Debian's chromium through Playwright (never a downloaded browser), or skip."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium (make test installs it)")
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )


@contextmanager
def seed_app(work: Path, seed_index: Path, **env: str) -> Iterator[App]:
    """The app over a private copy of the founding-article index (tests may write to it)."""
    import shutil

    from conftest import SEED

    shutil.copytree(seed_index, work / "index")
    (work / "corpus").mkdir()
    shutil.copy(SEED, work / "corpus")
    with running_app(work / "index", work / "corpus", **env) as app:
        yield app


@contextmanager
def browser_page(
    url: str,
    prepare: Callable[[Any], None] | None = None,
    viewport: dict[str, int] | None = None,
) -> Iterator[Any]:
    """A Chromium page on the app, loaded and ready for a question."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport=viewport or {"width": 1280, "height": 900})
        if prepare is not None:
            prepare(page)
        page.goto(url, wait_until="load")
        page.wait_for_selector("#question textarea")
        try:
            yield page
        finally:
            browser.close()


@contextmanager
def trapped_page(url: str) -> Iterator[Any]:
    """A Chromium page on the app that records every dialog a payload opens (``page.dialogs``)."""
    dialogs: list[str] = []

    def trap(page: Any) -> None:
        page.dialogs = dialogs
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    with browser_page(url, trap) as page:
        yield page
