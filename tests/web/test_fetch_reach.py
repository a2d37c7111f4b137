"""Where the fetcher may connect and how long a response may take (issue 21), over real
sockets: servers on two loopback addresses, one counted as the open internet.

Every server a test can run lives on loopback, which the product refuses; so these tests
say, through the fetcher's declared seam (``connect.Reach``), that 127.0.0.1 counts as
public here and 127.0.0.2 as the private network. Everything else is real: the
sockets, the redirects, robots.txt, the resolver's answers as the fetcher receives them.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator

import pytest
from local_site import LocalSite, Reply

from assistant.errors import FetchFailed
from assistant.web.connect import Reach
from assistant.web.fetch import Fetcher, FetchPolicy

POLICY = FetchPolicy(timeout=0.5, deadline=1.5, retries=0, backoff=0.01, host_delay=0.0)
OUTSIDE = Reach(public=lambda address: address == "127.0.0.1")  # 127.0.0.2 is "inside"


PORT_TRIES = 20  # the port free on 127.0.0.2 may be held on 127.0.0.1 by another process


@pytest.fixture
def sites() -> Iterator[tuple[LocalSite, LocalSite]]:
    """A public site on 127.0.0.1 and an internal one on 127.0.0.2, on the same port (a
    fresh port tried where another process holds it on 127.0.0.1: "Address already in use"
    failed a fresh clone's run once)."""
    for _ in range(PORT_TRIES):
        inside = LocalSite("127.0.0.2")
        try:
            outside = LocalSite("127.0.0.1", inside.server.server_address[1])
        except OSError:
            inside.server.server_close()
            continue
        with inside, outside:
            yield outside, inside
        return
    pytest.fail(f"no port free on both loopback addresses in {PORT_TRIES} tries")


def test_a_robots_txt_redirect_into_the_network_is_not_followed(
    sites: tuple[LocalSite, LocalSite],
) -> None:
    outside, inside = sites
    inside.routes["/latest/meta-data/"] = Reply(
        "secret-role-credentials", content_type="text/plain"
    )
    outside.routes["/robots.txt"] = Reply(
        "", status=302, headers={"Location": inside.url("/latest/meta-data/")}
    )
    outside.routes["/story"] = Reply("<p>story</p>")
    fetcher = Fetcher(POLICY, reach=OUTSIDE)
    with pytest.raises(FetchFailed, match="private or local address; refused"):
        fetcher.get(outside.url("/story"))
    assert inside.requests == []  # the blind SSRF of the report: nothing reached it
    assert "/story" not in outside.paths()


def test_a_name_that_rebinds_connects_only_where_it_was_checked(
    sites: tuple[LocalSite, LocalSite],
) -> None:
    """DNS rebinding: the name answers a public address, then a private one. The fetcher
    connects to the address it checked, never resolving twice for one connection."""
    outside, inside = sites
    port = outside.server.server_address[1]
    for site in (outside, inside):
        site.routes["/story"] = Reply("<p>story</p>")
    answers = itertools.cycle([["127.0.0.1"], ["127.0.0.2"]])
    rebinding = Reach(resolve=lambda host, port: next(answers), public=OUTSIDE.public)
    fetcher = Fetcher(POLICY, reach=rebinding)
    outcomes = []
    for _ in range(4):
        try:
            outcomes.append(fetcher.get(f"http://news.test:{port}/story").status)
        except FetchFailed as error:
            outcomes.append(str(error))
    assert inside.requests == []  # never reached, whatever the resolver said
    assert 200 in outcomes  # and the public answers were fetched
    assert all(o == 200 or "private or local address" in str(o) for o in outcomes)


def test_a_server_that_trickles_its_headers_is_cut_off_at_the_deadline() -> None:
    """15 s between bytes was the only limit while headers arrived: a server sending one
    byte every 0.2 s held a fetch for minutes (it would take 80 s here)."""
    with LocalSite() as site:
        site.routes["/story"] = Reply(header_trickle=0.2)
        fetcher = Fetcher(POLICY, reach=Reach(allow_private=True))
        started = time.monotonic()
        with pytest.raises(FetchFailed, match=r"timed out \(no whole response within 1.5 s\)"):
            fetcher.get(site.url("/story"))
        assert time.monotonic() - started < 20  # the deadline, not the server, ended it


def test_an_unreachable_host_is_reported_as_unreachable() -> None:
    with LocalSite() as site:
        port = site.server.server_address[1]
    fetcher = Fetcher(POLICY, reach=Reach(allow_private=True))
    with pytest.raises(FetchFailed, match=r"cannot reach 127\.0\.0\.1") as caught:
        fetcher.get(f"http://127.0.0.1:{port}/story")
    assert "robots.txt" not in str(caught.value)


def test_robots_txt_is_read_as_rfc_9309_says() -> None:
    """Wildcards, end anchors and the longest match (the standard library's parser took
    the first match and ignored ``*`` and ``$``)."""
    with LocalSite() as site:
        site.routes["/robots.txt"] = Reply(
            "User-agent: *\nDisallow: /news/\nAllow: /news/open/\nDisallow: /*.pdf$\n",
            content_type="text/plain",
        )
        for path in ("/news/open/1", "/report.pdf?page=2", "/about"):
            site.routes[path] = Reply("<p>fine</p>")
        fetcher = Fetcher(POLICY, reach=Reach(allow_private=True))
        for path in ("/news/open/1", "/report.pdf?page=2", "/about"):
            assert fetcher.get(site.url(path)).status == 200, path
        for path in ("/news/closed", "/report.pdf"):
            with pytest.raises(FetchFailed, match=r"robots\.txt asks"):
                fetcher.get(site.url(path))
