"""``assistant ingest URL`` and ``assistant feeds ...`` as a user runs them (a session's first
command in its own process, the rest in the test's: ``cli_inline``), against a feed
served on 127.0.0.1 (tests/local_site.py); a fresh clone needs nothing else."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_inline import run_inline
from local_site import LocalSite, Reply, article_page, rss

pytestmark = pytest.mark.integration

LERE = [
    "An attack on two military camps in Lere killed five soldiers on Monday, the army said.",
    "The Coordination of Azawad Movements (CMA) claimed responsibility for the attack.",
]


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with LocalSite() as served:
        served.routes["/feed.xml"] = Reply(
            rss("Sahel Wire", [("lere", served.url("/lere"), "Lere attack", "Five killed.")]),
            content_type="application/rss+xml", etag='"1"',
        )  # fmt: skip
        served.routes["/lere"] = Reply(article_page("Lere attack", LERE))
        served.routes["/harvest"] = Reply(article_page("Record harvest", ["Millet is up."]))
        yield served


def _places(tmp: Path) -> dict[str, str]:
    return {"ASSISTANT_INDEX_DIR": str(tmp / "index"), "ASSISTANT_CORPUS_DIR": str(tmp / "corpus")}


def run(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``assistant ARGS`` in its own process, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        env={**os.environ, **_places(tmp)}, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def then(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A later command of the same session, in this process (``cli_inline``)."""
    return run_inline(*args, env=_places(tmp))


def test_follow_a_feed_and_ingest_a_page_from_the_command_line(
    tmp_path: Path, site: LocalSite
) -> None:
    out = run(tmp_path, "feeds", "add", site.url("/feed.xml"))
    assert out.returncode == 0, out.stderr
    assert f"Following {site.url('/feed.xml')} (Sahel Wire)" in out.stdout
    assert f"{site.url('/feed.xml')}: 1 new (ok)" in out.stdout
    assert "1 added" in out.stdout

    listed = then(tmp_path, "feeds", "list").stdout
    assert site.url("/feed.xml") in listed and "Sahel Wire" in listed and "1 articles" in listed

    again = then(tmp_path, "feeds", "refresh")
    assert f"{site.url('/feed.xml')}: 0 new (ok)" in again.stdout

    page = then(tmp_path, "ingest", site.url("/harvest"), site.url("/missing"))
    assert page.returncode == 0, page.stderr
    assert "1 web articles fetched" in page.stdout
    assert f"skipped: {site.url('/missing')}: the server answered 404" in page.stderr

    answer = then(tmp_path, "ask", "Who claimed responsibility for the attack?")
    assert "Coordination of Azawad Movements" in answer.stdout
    assert "Lere attack | 2024-05-27 | Daily Example" in answer.stdout

    gone = then(tmp_path, "feeds", "remove", site.url("/feed.xml"))
    assert "its articles stay in the index" in gone.stdout
    assert "No feeds followed yet" in then(tmp_path, "feeds", "list").stdout
    assert (tmp_path / "corpus" / "web").is_dir()  # fetched articles are kept as files


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("feeds", "add", "{site}/lere"), "is a web page, not an RSS or Atom feed"),
        (("feeds", "add", "file:///etc/passwd"), "is not a web address"),
        (("feeds", "remove", "{site}/nothing.xml"), "is not followed"),
        (("feeds", "refresh", "{site}/nothing.xml"), "is not followed"),
    ],
)
def test_feed_mistakes_are_one_line_errors(
    tmp_path: Path, site: LocalSite, args: tuple[str, ...], message: str
) -> None:
    base = site.url("")
    out = run(tmp_path, *(a.format(site=base) for a in args))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.startswith("error: ") and message in out.stderr
