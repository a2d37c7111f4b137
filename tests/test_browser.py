"""The web app in a real browser: Debian chromium driven by Playwright (headless)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from app_process import browser_page, seed_app
from playwright.sync_api import Page, expect

from assistant.config import Settings

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory, seed_settings: Settings) -> Iterator[str]:
    with seed_app(tmp_path_factory.mktemp("browser"), seed_settings.index_dir) as app:
        yield app.url


@pytest.fixture
def page(app_url: str) -> Iterator[Page]:
    with browser_page(app_url) as page:
        yield page


def ask(page: Page, question: str) -> None:
    before = page.locator("#chat .answer").count()
    page.fill("#question textarea", question)
    page.click("#ask-button")
    expect(page.locator("#chat .answer")).to_have_count(before + 1, timeout=60_000)


def test_ask_see_the_highlighted_citation_and_open_the_article(page: Page) -> None:
    expect(page.locator("#index-status")).to_contain_text("1 articles")
    ask(page, "Who claimed the Lere attack?")
    reply = page.locator("#chat .answer").last
    expect(reply).to_contain_text("The Coordination of Azawad Movements (CMA)")
    expect(reply.locator("sup")).to_have_text("[1]")
    first = page.locator("#chat .citation").first
    expect(first.locator(".citation-head")).to_contain_text("[1] Lere attack · 2024-05-27")
    expect(first.locator("mark.support")).to_contain_text("claimed responsibility for the attack")
    first.locator("a", has_text="open article").click()
    marked = page.locator("#article-view mark#quoted")
    expect(marked).to_contain_text("claimed responsibility for the attack", timeout=20_000)
    expect(page.locator("#article-view")).to_contain_text("Mon. May 27th, 2024")


def test_follow_up_question_resolves_they(page: Page) -> None:
    ask(page, "Who claimed the Lere attack?")
    ask(page, "When did they sign a peace deal?")
    reply = page.locator("#chat .answer").last
    expect(reply).to_contain_text("2015")
    expect(page.locator("#chat .standalone").last).to_contain_text(
        "Coordination of Azawad Movements"
    )


def test_upload_an_article_then_ask_about_it(page: Page, tmp_path: Path) -> None:
    story = tmp_path / "harbour.md"
    story.write_text(
        "---\ntitle: Harbour reopens\ndate: 2024-06-02\nsource: Port Gazette\n---\n"
        "The harbour of Saint-Malo reopened on Sunday after a storm closed it for four days. "
        "Ferry operator Brittany Lines said 23 crossings had been cancelled.",
        encoding="utf-8",
    )
    page.click("#tab-library-button")
    page.set_input_files("#upload input[type=file]", str(story))
    page.click("#add-button")
    expect(page.locator("#upload-status")).to_contain_text("Added 1", timeout=60_000)
    expect(page.locator("#library")).to_contain_text("Harbour reopens")
    expect(page.locator("#index-status")).to_contain_text("2 articles")
    ask(page, "How many crossings were cancelled?")
    expect(page.locator("#chat .answer").last).to_contain_text("23")
    expect(page.locator("#chat .citation-head").first).to_contain_text("Harbour reopens")
