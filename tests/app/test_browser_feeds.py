"""The Feeds panel in a real Chromium, following a hostile feed served on 127.0.0.1.

The feed's title and its article carry script tags and event handlers; following it must
index the article, list the feed, and show every payload as text without running it.
The app runs with ASSISTANT_FETCH_PRIVATE=1, as only then may it fetch a local address.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from app_process import seed_app, trapped_page
from local_site import LocalSite, Reply, article_page, rss
from playwright.sync_api import Page, expect

from assistant.config import Settings

pytestmark = [pytest.mark.integration, pytest.mark.browser]

IMG = '<img id="injected-img" src=x onerror="window.__xss=\'img\'">'
SCRIPT = "<script id=\"injected-script\">window.__xss='script'</script>"
FEED_TITLE = (
    "Wire &lt;img id=&quot;injected-title&quot; src=x onerror=&quot;window.__xss=1&quot;&gt;"
)


@pytest.fixture(scope="module")
def site() -> Iterator[LocalSite]:
    with LocalSite() as served:
        paragraphs = [
            f"Floods closed 40 schools in Porto on Monday, the mayor said. {SCRIPT}",
            f"Residents watched the river rise over the quay. &lt;b onmouseover=x&gt; {IMG}",
        ]
        served.routes["/porto"] = Reply(article_page("Porto floods", paragraphs))
        served.routes["/feed.xml"] = Reply(
            rss(FEED_TITLE, [("porto", served.url("/porto"), "Porto floods", "Schools shut.")]),
            content_type="application/rss+xml",
        )  # fmt: skip
        yield served


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory, seed_settings: Settings) -> Iterator[str]:
    work = tmp_path_factory.mktemp("feeds-app")
    with seed_app(work, seed_settings.index_dir, ASSISTANT_FETCH_PRIVATE="1") as app:
        yield app.url


@pytest.fixture
def page(app_url: str) -> Iterator[Page]:
    with trapped_page(app_url) as page:
        yield page


def test_following_a_hostile_feed_indexes_it_and_runs_nothing(page: Page, site: LocalSite) -> None:
    page.click("#tab-feeds-button")
    page.fill("#feed-url textarea, #feed-url input", site.url("/feed.xml"))
    page.click("#feed-add")
    expect(page.locator("#feed-status textarea")).to_have_value(
        'Following Wire <img id="injected-title" src=x onerror="window.__xss=1">: '
        "1 new articles indexed.",
        timeout=60_000,
    )
    expect(page.locator("#feeds")).to_contain_text('Wire <img id="injected-title"')
    expect(page.locator("#feeds")).to_contain_text(site.url("/feed.xml"))

    page.fill("#question textarea", "How many schools closed in Porto?")
    page.click("#ask-button")
    expect(page.locator("#chat .answer")).to_contain_text("40", timeout=60_000)
    expect(page.locator("#chat")).to_contain_text("Porto floods")

    assert page.evaluate("window.__xss") is None
    assert page.dialogs == []  # type: ignore[attr-defined]
    for element in ("injected-img", "injected-script", "injected-title"):
        assert page.locator(f"#{element}").count() == 0, element
    assert page.locator("img[src='x']").count() == 0


def test_a_refused_feed_is_a_message_in_the_panel(page: Page, tmp_path: Path) -> None:
    page.click("#tab-feeds-button")
    page.fill("#feed-url textarea, #feed-url input", "ftp://example.org/feed.xml")
    page.click("#feed-add")
    expect(page.locator("#feed-status textarea")).to_have_value(
        "⚠ 'ftp://example.org/feed.xml' is not a web address; give one starting http(s)://"
    )
