"""Feeds and pages that try to lose or forge articles, served on 127.0.0.1 (issue 21)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FAKE_EMBEDDER
from local_site import LocalSite, Reply, article_page

from assistant.app.handlers import AppHandlers
from assistant.config import Settings
from assistant.errors import FetchFailed
from assistant.facade import Assistant
from assistant.services.sources import REFRESH_RUNNING, WebSources
from assistant.web.fetch import Fetcher, FetchPolicy

POLICY = FetchPolicy(timeout=0.5, deadline=2, max_bytes=200_000, retries=0, backoff=0.01,
                     host_delay=0.0, allow_private=True)  # fmt: skip


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with LocalSite() as served:
        yield served


def web_for(settings: Settings, policy: FetchPolicy = POLICY) -> WebSources:
    return WebSources(Assistant(settings, embedder=FAKE_EMBEDDER), Fetcher(policy))


def feed(items: list[str]) -> Reply:
    body = "".join(items)
    return Reply(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{body}'
        "</channel></rss>",
        content_type="application/rss+xml",
    )


def test_entries_without_links_or_sharing_one_are_all_kept(
    site: LocalSite, fake_fresh: Settings
) -> None:
    """Five link-less entries were kept as one file, and entries sharing a link as one:
    "5 new articles indexed" and one kept. Each entry is its own file now."""
    towns = ["Gao", "Kidal", "Mopti", "Timbuktu", "Segou"]
    linkless = [f"<item><title>Flood in {t}</title><description>Water rose in {t} on "
                f"Monday, officials in {t} said.</description></item>" for t in towns]  # fmt: skip
    shared = [f"<item><guid>s{n}</guid><link>{site.url('/live')}</link><title>Live {n}</title>"
              f"<description>Update {n}: the count of displaced families reached {n}00."
              "</description></item>" for n in range(1, 4)]  # fmt: skip
    site.routes["/feed.xml"] = feed(linkless + shared)
    site.routes["/live"] = Reply("gone", status=404)
    web = web_for(fake_fresh)
    web.add_feed(site.url("/feed.xml"))
    done = web.refresh()
    assert [c.new for c in done.checks] == [8]
    titles = sorted(a.title for a in web.assistant.articles())
    assert titles == sorted([f"Flood in {t}" for t in towns] + [f"Live {n}" for n in (1, 2, 3)])


def test_a_page_cannot_replace_another_sites_story_through_its_canonical_url(
    site: LocalSite, fake_fresh: Settings
) -> None:
    real = article_page("Lere attack", ["The CMA claimed responsibility for the attack."])
    forged_story = ["A group nobody has heard of claimed the Lere attack, officials say."]
    forged = article_page("Lere attack", forged_story).replace(
        "</head>", f'<link rel="canonical" href="{site.url("/lere")}"></head>'
    )
    site.routes["/lere"] = Reply(real)
    site.routes["/copy"] = Reply(forged)
    web = web_for(fake_fresh)
    web.ingest_urls([site.url("/lere")])  # the real story, on 127.0.0.1
    other_host = site.url("/copy").replace("127.0.0.1", "localhost")  # another site
    web.ingest_urls([other_host])
    articles = {a.url: a for a in web.assistant.articles()}
    assert set(articles) == {site.url("/lere"), other_host}  # both kept, each its own URL
    real_one = web.assistant.article(articles[site.url("/lere")].id)
    assert "The CMA claimed" in real_one.text and "nobody" not in real_one.text


def test_pages_that_share_one_canonical_url_are_all_kept(
    site: LocalSite, fake_fresh: Settings
) -> None:
    canonical = f'<link rel="canonical" href="{site.url("/story")}"></head>'
    for n, town in enumerate(["Gao", "Kidal", "Mopti"]):
        page = article_page(f"Report {n}", [f"Fighting was reported near {town} on Sunday."])
        site.routes[f"/p{n}"] = Reply(page.replace("</head>", canonical))
    web = web_for(fake_fresh)
    web.ingest_urls([site.url(f"/p{n}") for n in range(3)])
    assert sorted(a.title for a in web.assistant.articles()) == ["Report 0", "Report 1", "Report 2"]
    assert {a.url for a in web.assistant.articles()} == {site.url("/story")}  # same site: shown


def test_a_deleted_web_article_stays_deleted_after_the_next_refresh(
    site: LocalSite, fake_fresh: Settings
) -> None:
    item = f"<item><guid>lere</guid><link>{site.url('/lere')}</link><title>Lere</title></item>"
    site.routes["/feed.xml"] = feed([item])
    site.routes["/lere"] = Reply(article_page("Lere attack", ["Five soldiers were killed."]))
    web = web_for(fake_fresh)
    web.add_feed(site.url("/feed.xml"))
    web.refresh()
    [article] = web.assistant.articles()
    message, _, removed = AppHandlers(web.assistant).remove_article(article.id)
    assert removed and "fetched file was removed" in message
    web.refresh()
    assert web.assistant.articles() == []


def test_a_second_refresh_while_one_runs_answers_at_once(
    site: LocalSite, fake_fresh: Settings
) -> None:
    item = f"<item><guid>slow</guid><link>{site.url('/slow')}</link><title>Slow</title></item>"
    site.routes["/feed.xml"] = feed([item])
    site.routes["/slow"] = Reply(article_page("Slow", ["It came late."]), delay=1.5)
    web = web_for(fake_fresh, FetchPolicy(**{**POLICY.__dict__, "timeout": 5, "deadline": 10}))
    web.add_feed(site.url("/feed.xml"))
    first = threading.Thread(target=web.refresh)
    first.start()
    while not site.active:  # the first refresh is now waiting on the slow page
        threading.Event().wait(0.02)
    with pytest.raises(FetchFailed, match=REFRESH_RUNNING):
        web.refresh()
    first.join()
    assert [a.title for a in web.assistant.articles()] == ["Slow"]


def test_a_slow_site_gets_the_refresh_budget_and_the_rest_waits(
    site: LocalSite, fake_fresh: Settings
) -> None:
    items = [f"<item><guid>e{n}</guid><link>{site.url(f'/e{n}')}</link><title>E{n}</title>"
             "</item>" for n in range(4)]  # fmt: skip
    site.routes["/feed.xml"] = feed(items)
    for n in range(4):
        site.routes[f"/e{n}"] = Reply(article_page(f"E{n}", [f"Story {n} here."]), delay=0.6)
    patient = {**POLICY.__dict__, "timeout": 5, "deadline": 10, "refresh_budget": 1.0}
    web = web_for(fake_fresh, FetchPolicy(**patient))
    web.add_feed(site.url("/feed.xml"))
    first = web.refresh()
    assert 1 <= first.checks[0].new < 4
    assert "left for the next refresh" in first.checks[0].error
    while web.feeds()[0].error:
        web.refresh()
    assert sorted(a.title for a in web.assistant.articles()) == ["E0", "E1", "E2", "E3"]
    assert Path(web.folder).is_dir()
