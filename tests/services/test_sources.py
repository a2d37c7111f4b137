"""Pages and feeds served on 127.0.0.1, fetched, kept as files and indexed (real Chroma)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest
from conftest import FAKE_EMBEDDER
from local_site import LocalSite, Reply, article_page, rss

from assistant.app.cli import format_answer
from assistant.app.render import citation_html
from assistant.config import Settings
from assistant.errors import FetchFailed, IndexProblem, InvalidInput
from assistant.facade import Assistant
from assistant.services.schedule import FeedSchedule
from assistant.services.sources import WebSources, web_folder_articles
from assistant.web.fetch import Fetcher, FetchPolicy

POLICY = FetchPolicy(timeout=0.5, deadline=2, max_bytes=200_000, retries=1, backoff=0.01,
                     host_delay=0.0, allow_private=True)  # fmt: skip
LERE = [
    "An attack on two military camps in Lere killed five soldiers on Monday, the army said.",
    "The Coordination of Azawad Movements (CMA) claimed responsibility for the attack.",
    "The CMA signed a peace deal with the government in 2015 but withdrew from it last year.",
]
HARVEST = [
    "Farmers in the Sahel expect a record millet harvest after the heaviest rains in a decade.",
    "The agriculture ministry said stocks would cover demand until the next planting season.",
]


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with LocalSite() as served:
        yield served


@pytest.fixture
def web(fake_fresh: Settings) -> Iterator[WebSources]:
    fetcher = Fetcher(POLICY)
    yield WebSources(Assistant(fake_fresh, embedder=FAKE_EMBEDDER), fetcher)
    fetcher.close()


def serve_feed(site: LocalSite, etag: str = '"v1"', extra: bool = False) -> None:
    items = [
        ("lere-1", site.url("/lere"), "Lere attack", "Five soldiers killed."),
        ("harvest-1", site.url("/harvest"), "Record harvest", "Millet harvest."),
    ]
    if extra:
        items.insert(0, ("late-1", site.url("/late"), "Late news", "Something late."))
    site.routes["/feed.xml"] = Reply(rss("Daily Example", items), etag=etag,
                                     content_type="application/rss+xml")  # fmt: skip
    site.routes["/lere"] = Reply(article_page("Lere attack", LERE))
    site.routes["/harvest"] = Reply(article_page("Record harvest", HARVEST, "2024-06-02"))


def test_a_page_is_indexed_with_its_article_text_and_metadata(
    site: LocalSite, web: WebSources
) -> None:
    site.routes["/lere"] = Reply(article_page("Lere attack", LERE))
    done = web.ingest_urls([site.url("/lere")])
    assert done.report is not None and done.report.added == 1
    [entry] = web.assistant.articles()
    assert (entry.title, entry.date, entry.source) == ("Lere attack", "2024-05-27", "Daily Example")
    assert entry.url == site.url("/lere")
    text = web.assistant.article(entry.id).text
    assert "claimed responsibility for the attack" in text
    for boilerplate in ("cookies", "Share on Facebook", "First! Great article", "Subscribe now",
                        "All rights reserved"):  # fmt: skip
        assert boilerplate not in text
    assert web.assistant.article(entry.id).author == "Amina Yusuf"
    answer = web.assistant.ask("Who claimed responsibility for the Lere attack?")
    assert "Coordination of Azawad Movements" in answer.text
    assert answer.citations[0].url == site.url("/lere")
    assert answer.citations[0].author == "Amina Yusuf"
    assert "Daily Example · by Amina Yusuf" in citation_html(answer.citations[0])
    assert "| Daily Example | by Amina Yusuf" in format_answer(answer)


def test_a_feed_is_followed_and_only_new_entries_are_fetched(
    site: LocalSite, web: WebSources
) -> None:
    serve_feed(site)
    state = web.add_feed(site.url("/feed.xml"))
    assert state.title == "Daily Example"
    first = web.refresh()
    assert [(c.new, c.error) for c in first.checks] == [(2, "")]
    assert {a.title for a in web.assistant.articles()} == {"Lere attack", "Record harvest"}
    pages_before = site.paths().count("/lere")

    again = web.refresh()  # the server answers 304: nothing is fetched but the feed
    assert [c.new for c in again.checks] == [0] and again.files == ()
    assert site.requests[-1].headers.get("If-None-Match") == '"v1"'
    assert site.paths().count("/lere") == pages_before

    serve_feed(site, etag='"v2"', extra=True)
    site.routes["/late"] = Reply(article_page("Late news", ["A late story arrived tonight."]))
    third = web.refresh()
    assert [c.new for c in third.checks] == [1]
    assert site.paths().count("/lere") == pages_before  # a known entry is not fetched again
    [feed] = web.feeds()
    assert (feed.total, feed.last_new, feed.error) == (3, 1, "")
    assert len(web.assistant.articles()) == 3


def test_entries_that_fail_lose_nothing(site: LocalSite, web: WebSources) -> None:
    items = [
        ("gone", site.url("/gone"), "Gone", "The feed's own summary of the gone story."),
        ("binary", site.url("/binary"), "Binary", ""),
        ("loop", site.url("/loop"), "Loop", ""),
        ("huge", site.url("/huge"), "Huge", ""),
        ("ok", site.url("/lere"), "Lere attack", ""),
    ]
    site.routes["/feed.xml"] = Reply(rss("Wire", items), content_type="application/rss+xml")
    site.routes["/binary"] = Reply(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)  # says text/html
    site.routes["/loop"] = Reply(status=302, headers={"Location": "/loop"})
    site.routes["/huge"] = Reply("<p>" + "x" * 300_000)
    site.routes["/lere"] = Reply(article_page("Lere attack", LERE))
    web.add_feed(site.url("/feed.xml"))
    done = web.refresh()
    messages = {p.path.rsplit("/", 1)[-1]: p.message for p in done.problems}
    assert "answered 404" in messages["gone"] and "summary was indexed instead" in messages["gone"]
    assert "holds binary data" in messages["binary"]
    assert "redirects in a loop" in messages["loop"]
    assert "over the 200,000-byte limit" in messages["huge"]
    assert {a.title for a in web.assistant.articles()} == {"Gone", "Lere attack"}
    [feed] = web.feeds()
    assert feed.last_new == 2 and "3 entries could not be read" in feed.error
    assert not {"binary", "loop", "huge"} & set(feed.seen)  # tried again next time

    site.routes["/binary"] = Reply(article_page("Binary fixed", ["Now it is a page."]))
    site.routes["/loop"] = Reply(article_page("Loop fixed", ["Now it ends."]))
    site.routes["/huge"] = Reply(article_page("Huge fixed", ["Now it is small."]))
    web.refresh()
    assert len(web.assistant.articles()) == 5
    assert web.feeds()[0].error == ""


def test_what_is_not_a_feed_is_not_followed(site: LocalSite, web: WebSources) -> None:
    site.routes["/page"] = Reply(article_page("Lere attack", LERE))
    with pytest.raises(FetchFailed, match="is a web page, not an RSS or Atom feed"):
        web.add_feed(site.url("/page"))
    site.routes["/image"] = Reply(b"\xff\xd8\xff\xe0" + bytes(2000), content_type="image/jpeg")
    with pytest.raises(FetchFailed, match="holds binary data"):
        web.add_feed(site.url("/image"))
    site.routes["/data"] = Reply('{"a": 1}', content_type="application/json")
    with pytest.raises(FetchFailed, match="is application/json, not a web page or feed"):
        web.add_feed(site.url("/data"))
    assert web.feeds() == []


def test_a_page_that_lies_about_its_type_is_still_read(site: LocalSite, web: WebSources) -> None:
    site.routes["/story.jpg"] = Reply(article_page("Lere attack", LERE), content_type="image/jpeg")
    done = web.ingest_urls([site.url("/story.jpg"), site.url("/nowhere")])
    assert [a.title for a in web.assistant.articles()] == ["Lere attack"]
    [problem] = done.problems
    assert problem.path == site.url("/nowhere") and "answered 404" in problem.message


def test_the_followed_feeds_persist_and_can_be_removed(site: LocalSite, web: WebSources) -> None:
    serve_feed(site)
    web.add_feed(site.url("/feed.xml"))
    web.refresh()
    reopened = WebSources(web.assistant, web.fetcher)
    assert [f.url for f in reopened.feeds()] == [site.url("/feed.xml")]
    stored = json.loads((web.folder / ".feeds.json").read_text())
    assert len(stored["feeds"][0]["seen"]) == 2
    with pytest.raises(InvalidInput, match="already followed"):
        reopened.add_feed(site.url("/feed.xml"))
    reopened.remove_feed(site.url("/feed.xml"))
    assert web.feeds() == []
    assert len(web.assistant.articles()) == 2  # the articles stay
    assert len(web_folder_articles(web.folder)) == 2


def indexed(web: WebSources) -> int:
    try:
        return len(web.assistant.articles())
    except IndexProblem:  # not built yet
        return 0


def test_the_schedule_refreshes_while_the_app_runs(site: LocalSite, web: WebSources) -> None:
    serve_feed(site)
    web.add_feed(site.url("/feed.xml"))
    schedule = FeedSchedule(web, minutes=0.005).start()  # every 0.3 s
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and indexed(web) < 2:
            time.sleep(0.1)
    finally:
        schedule.stop()
    assert web.feeds()[0].total == 2 and len(web.assistant.articles()) == 2


def test_a_refresh_indexes_what_an_interrupted_one_left_behind(web: WebSources) -> None:
    """Articles saved before an ingest failed (e.g. another writer held the index)."""
    left = web.folder / "example-org" / "lere-attack-0123456789.json"
    left.parent.mkdir(parents=True)
    left.write_text(json.dumps({"title": "Lere attack", "text": " ".join(LERE)}))
    done = web.refresh()
    assert done.checks == () and done.report is not None and done.report.added == 1
    assert [a.title for a in web.assistant.articles()] == ["Lere attack"]
