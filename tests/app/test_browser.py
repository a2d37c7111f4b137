"""The web app in a real browser: Debian chromium driven by Playwright (headless)."""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_process import browser_page, seed_app
from playwright.sync_api import Page, expect

from assistant.config import Settings

pytestmark = [pytest.mark.integration, pytest.mark.browser]


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
    ask(page, "Who claimed responsibility for the attack?")
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
    ask(page, "Who claimed responsibility for the attack?")
    ask(page, "When did they sign a peace deal?")
    reply = page.locator("#chat .answer").last
    expect(reply).to_contain_text("2015")
    expect(page.locator("#chat .standalone").last).to_contain_text(
        "When did the CMA sign a peace deal?"
    )


def test_upload_an_article_then_ask_about_it(page: Page, tmp_path: Path) -> None:
    story = tmp_path / "harbour.md"
    story.write_text(
        "---\ntitle: Harbour reopens\ndate: 2024-06-02\nsource: Port Gazette\n---\n"
        "The harbour of Saint-Malo reopened on Sunday after a storm closed it for four days. "
        "Ferry operator Brittany Lines said 23 crossings had been cancelled.",
        encoding="utf-8",
    )
    tool = tmp_path / "tool.exe"
    tool.write_bytes(b"MZ not an article")
    page.click("#tab-library-button")
    page.set_input_files("#upload input[type=file]", [str(story), str(tool)])
    page.click("#add-button")
    status = page.locator("#upload-status textarea")
    expect(status).to_have_value(re.compile("Added 1"), timeout=60_000)
    expect(status).to_have_value(re.compile(r"Refused tool\.exe: unsupported type"))
    expect(page.locator("#upload")).not_to_contain_text("harbour.md")  # the picker is emptied
    expect(page.locator("#library")).to_contain_text("Harbour reopens")
    expect(page.locator("#index-status")).to_contain_text("2 articles")
    ask(page, "How many crossings were cancelled?")
    expect(page.locator("#chat .answer").last).to_contain_text("23")
    expect(page.locator("#chat .citation-head").first).to_contain_text("Harbour reopens")


def in_view(page: Page, selector: str) -> bool:
    """Whether the element's top edge is inside the chat's visible area."""
    return page.evaluate(
        """(selector) => {
          const el = [...document.querySelectorAll(selector)].pop();
          const chat = document.querySelector("#chat").getBoundingClientRect();
          const top = el.getBoundingClientRect().top;
          return top >= chat.top - 1 && top < chat.bottom - 40;
        }""",
        selector,
    )


def test_each_answer_is_shown_from_its_question(page: Page) -> None:
    """Not scrolled to the end of the last citation, and still after "open article"."""
    for question in (
        "Who claimed responsibility for the attack?",
        "How many soldiers were killed?",
    ):
        ask(page, question)
        page.wait_for_timeout(500)
        assert in_view(page, "#chat .user-row"), question
        assert in_view(page, "#chat .answer"), question
    page.locator("#chat a", has_text="open article").last.click()
    expect(page.locator("#article-view mark#quoted")).to_be_visible(timeout=20_000)
    ask(page, "What did the army say it lost?")
    page.wait_for_timeout(500)
    assert in_view(page, "#chat .user-row") and in_view(page, "#chat .answer")


def test_filters_are_applied_shown_and_cleared(page: Page) -> None:
    page.click("#tab-filters-button")
    assert page.locator("#date-from button").count() >= 1  # the calendar picker
    page.fill("#date-to input", "2020-01-01")
    page.click("#apply-filters")
    banner = page.locator("#filter-banner")
    expect(banner).to_contain_text("Answers only from articles with to 2020-01-01")
    ask(page, "Who claimed responsibility for the attack?")
    expect(page.locator("#chat .answer").last).to_contain_text(
        "No indexed article matches the filters (to 2020-01-01)"
    )
    page.click("#clear-filters")
    expect(banner).to_have_text("")
    expect(page.locator("#date-to input")).to_have_value("")
    ask(page, "Who claimed responsibility for the attack?")
    expect(page.locator("#chat .answer").last).to_contain_text("Coordination of Azawad")


def test_the_library_shows_every_column_and_a_wide_delete_choice(app_url: str) -> None:
    with browser_page(app_url, viewport={"width": 1400, "height": 900}) as page:
        page.click("#tab-library-button")
        table = page.locator("#library")
        expect(table).to_contain_text("Lere attack")
        box = table.bounding_box()
        for header in ("Title", "Date", "Source", "Chunks", "Id"):
            cell = page.locator("#library th", has_text=header).first.bounding_box()
            assert cell and box and cell["x"] + cell["width"] <= box["x"] + box["width"] + 1
        choice = page.locator("#delete-choice").bounding_box()
        tab = page.locator("#tab-library").bounding_box()
        assert choice and tab and choice["width"] > 0.9 * tab["width"]


def test_the_status_line_counts_and_keeps_the_server_path_to_itself(page: Page) -> None:
    status = page.locator("#index-status")
    expect(status).to_have_text(re.compile(r"^\s*Index: \d+ articles, \d+ chunks\s*$"))


def test_the_answer_is_marked_inside_its_sentence_and_unrelated_passages_say_so(
    page: Page,
) -> None:
    ask(page, "How many soldiers are missing after the Lere attack?")
    first = page.locator("#chat .citation").first
    expect(first.locator("mark.support mark.answer-span")).to_have_text("11")
    expect(first.locator("mark.support")).to_contain_text("11 others are missing")
    # the other window of the article ([2]; its chunks are read as two windows) does not
    # give the answer
    related = page.locator("#chat .citation.related")
    expect(related).to_have_count(page.locator("#chat .citation").count() - 1)
    expect(related.first).to_be_visible()
    expect(related.first.locator(".tag")).to_have_text("related")
    assert related.first.locator("mark").count() == 0
