"""The polite fetcher against a real HTTP server on 127.0.0.1 (tests/local_site.py)."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator

import pytest
from local_site import LocalSite, Reply

from assistant.errors import FetchFailed
from assistant.web.fetch import USER_AGENT, Fetcher, FetchPolicy

QUICK = FetchPolicy(
    timeout=0.5, deadline=1.5, max_bytes=50_000, retries=2, backoff=0.05, host_delay=0.05,
    allow_private=True,
)  # fmt: skip


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with LocalSite() as served:
        yield served


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    made = Fetcher(QUICK)
    yield made
    made.close()


def test_a_page_is_fetched_after_robots_txt_with_a_user_agent_naming_the_project(
    site: LocalSite, fetcher: Fetcher
) -> None:
    site.routes["/story"] = Reply("<html><p>Story</p></html>")
    fetched = fetcher.get(site.url("/story"))
    assert fetched.status == 200 and fetched.body == b"<html><p>Story</p></html>"
    assert site.paths() == ["/robots.txt", "/story"]
    assert site.requests[1].headers["User-Agent"] == USER_AGENT
    assert "news-assistant" in USER_AGENT


def test_robots_txt_is_respected(site: LocalSite, fetcher: Fetcher) -> None:
    site.routes["/robots.txt"] = Reply(
        "User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    site.routes["/private/story"] = Reply("<p>secret</p>")
    site.routes["/public"] = Reply("<p>open</p>")
    with pytest.raises(FetchFailed, match=r"robots\.txt asks robots not to fetch it"):
        fetcher.get(site.url("/private/story"))
    assert fetcher.get(site.url("/public")).body == b"<p>open</p>"
    assert "/private/story" not in site.paths()
    assert site.paths().count("/robots.txt") == 1  # read once per host


def test_an_unreachable_robots_txt_means_nothing_is_fetched(
    site: LocalSite, fetcher: Fetcher
) -> None:
    site.routes["/robots.txt"] = Reply("down", status=500)
    site.routes["/story"] = Reply("<p>x</p>")
    with pytest.raises(FetchFailed, match=r"robots\.txt"):
        fetcher.get(site.url("/story"))
    assert "/story" not in site.paths()


def test_a_page_that_never_answers_times_out_after_retries(
    site: LocalSite, fetcher: Fetcher
) -> None:
    site.routes["/slow"] = Reply("<p>late</p>", delay=1.0)
    with pytest.raises(FetchFailed, match=r"timed out .* tried 3 times"):
        fetcher.get(site.url("/slow"))
    assert site.paths().count("/slow") == 3


def test_a_page_that_trickles_in_is_cut_off_at_the_deadline(
    site: LocalSite, fetcher: Fetcher
) -> None:
    site.routes["/drip"] = Reply(b"<p>" + b"x" * 20_000, trickle=0.2)
    with pytest.raises(FetchFailed, match=r"within 1.5 s"):
        fetcher.get(site.url("/drip"))


def test_redirect_loops_and_long_chains_are_refused(site: LocalSite, fetcher: Fetcher) -> None:
    site.routes["/a"] = Reply(status=302, headers={"Location": "/b"})
    site.routes["/b"] = Reply(status=301, headers={"Location": site.url("/a")})
    with pytest.raises(FetchFailed, match="redirects in a loop"):
        fetcher.get(site.url("/a"))
    for n in range(10):
        site.routes[f"/hop{n}"] = Reply(status=307, headers={"Location": f"/hop{n + 1}"})
    with pytest.raises(FetchFailed, match="more than 5 redirects"):
        fetcher.get(site.url("/hop0"))
    site.routes["/old"] = Reply(status=301, headers={"Location": "/new"})
    site.routes["/new"] = Reply("<p>moved</p>")
    assert fetcher.get(site.url("/old")).url == site.url("/new")


def test_client_errors_fail_at_once_and_server_errors_after_retries(
    site: LocalSite, fetcher: Fetcher
) -> None:
    with pytest.raises(FetchFailed, match="answered 404"):
        fetcher.get(site.url("/missing"))
    assert site.paths().count("/missing") == 1
    site.routes["/broken"] = Reply("oops", status=500)
    with pytest.raises(FetchFailed, match=r"answered 500; tried 3 times"):
        fetcher.get(site.url("/broken"))
    assert site.paths().count("/broken") == 3


def test_a_passing_failure_is_retried_with_backoff(site: LocalSite, fetcher: Fetcher) -> None:
    answers = iter([Reply(status=503, headers={"Retry-After": "0"}), Reply("<p>back</p>")])
    site.routes["/flaky"] = lambda: next(answers)
    assert fetcher.get(site.url("/flaky")).body == b"<p>back</p>"
    first, second = [r.at for r in site.requests if r.path == "/flaky"]
    assert second - first >= QUICK.backoff


def test_huge_responses_are_refused_whether_announced_or_not(
    site: LocalSite, fetcher: Fetcher
) -> None:
    site.routes["/huge"] = Reply(b"<p>" + b"x" * 200_000)
    with pytest.raises(FetchFailed, match="over the 50,000-byte limit"):
        fetcher.get(site.url("/huge"))
    site.routes["/stream"] = Reply(b"<p>" + b"x" * 200_000, trickle=0.001)  # no Content-Length
    with pytest.raises(FetchFailed, match="larger than the 50,000-byte limit"):
        fetcher.get(site.url("/stream"))


def test_private_addresses_are_refused_unless_allowed(site: LocalSite) -> None:
    site.routes["/story"] = Reply("<p>x</p>")
    strict = Fetcher(FetchPolicy())
    with pytest.raises(FetchFailed, match="private or local address; refused"):
        strict.get(site.url("/story"))
    with pytest.raises(FetchFailed, match="private or local address"):
        strict.get("http://localhost:1/")
    assert site.requests == []  # nothing was sent


def test_only_web_addresses_are_fetched(fetcher: Fetcher) -> None:
    for bad in ("file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)", "example.org"):
        with pytest.raises(FetchFailed, match="not a web address"):
            fetcher.get(bad)
    with pytest.raises(FetchFailed, match="user name or password"):
        fetcher.get("http://user:pw@example.org/")


def test_one_request_at_a_time_per_host_spaced_out(site: LocalSite, fetcher: Fetcher) -> None:
    for n in range(4):
        site.routes[f"/p{n}"] = Reply(f"<p>{n}</p>", delay=0.1)
    threads = [threading.Thread(target=fetcher.get, args=(site.url(f"/p{n}"),)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert site.most_active == 1
    times = sorted(r.at for r in site.requests if r.path.startswith("/p"))
    assert all(b - a >= 0.1 + QUICK.host_delay * 0.9 for a, b in itertools.pairwise(times))


def test_conditional_requests_get_304_when_nothing_changed(
    site: LocalSite, fetcher: Fetcher
) -> None:
    site.routes["/feed"] = Reply("<rss></rss>", etag='"v1"')
    first = fetcher.get(site.url("/feed"))
    assert first.etag == '"v1"' and first.last_modified
    again = fetcher.get(site.url("/feed"), etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.body == b""
    assert site.requests[-1].headers["If-None-Match"] == '"v1"'
