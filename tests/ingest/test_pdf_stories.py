"""Several stories on one page kept apart (issue 27): each its own article under its own
headline, cited as "page 1, story 2"; the masthead's date is every story's; a pull quote
is not a headline; documents of one story stay one article.

The rules are tested on boxes placed by hand; the whole reader on a front page that
Chromium prints (a real PDF writer)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import FAKE_EMBEDDER

from assistant.app.handlers import AppHandlers
from assistant.config import Settings
from assistant.facade import Assistant
from assistant.ingest.loaders import load_file
from assistant.ingest.pdf_layout import Box, reading_order
from assistant.ingest.pdf_stories import stories
from assistant.records import Article

BODY = 10.0


def lines(x0: float, top: float, label: str, count: int, width: float = 230) -> list[Box]:
    """``count`` lines of body type in a column, 14 points apart, each of ten words."""
    words = " ".join(f"{label}{n}" for n in range(10))
    return [Box(x0, top - 14 * n - BODY, x0 + width, top - 14 * n, words, BODY)
            for n in range(count)]  # fmt: skip


def test_a_page_of_three_stories_is_read_story_by_story_not_column_by_column() -> None:
    top = Box(50, 760, 550, 790, "Dockers end the strike", 28)
    top_columns = [*lines(50, 750, "a", 8), *lines(320, 750, "b", 8)]  # ends at y 640
    left_head = Box(50, 590, 280, 614, "Ferry fares rise", 22)
    right_head = Box(320, 590, 550, 614, "Harbour to reopen", 22)
    left, right = lines(50, 580, "c", 6), lines(320, 580, "d", 6)
    order = [b.text[:2] for b in reading_order([*right, right_head, *left, left_head,
                                                *top_columns, top])]  # fmt: skip
    assert order == ["Do", *["a0"] * 8, *["b0"] * 8, "Fe", *["c0"] * 6, "Ha", *["d0"] * 6]
    found, front = stories([reading_order([top, *top_columns, left_head, *left, right_head,
                                           *right])])  # fmt: skip
    assert [(s.title, s.page, s.number) for s in found] == [
        ("Dockers end the strike", 1, 1), ("Ferry fares rise", 1, 2), ("Harbour to reopen", 1, 3)
    ]  # fmt: skip
    assert front == "" and found[1].pages[0].startswith("c0 c1")


def test_a_pull_quote_or_a_short_deck_is_not_a_story_and_one_story_stays_whole() -> None:
    head = Box(50, 760, 550, 790, "Dockers end the strike", 28)
    body = lines(50, 750, "a", 12, width=500)
    quote = Box(50, 560, 550, 580, "a0 a1 a2 a3 a4", 20)  # words the story says, set large
    deck = Box(50, 520, 550, 540, "Second thoughts", 20)  # large, with little under it
    found, _ = stories([[head, *body, quote, *lines(50, 550, "b", 4, 500), deck,
                         *lines(50, 510, "e", 1, 500)]])  # fmt: skip
    assert found == []  # one headline with a story under it: the document stays one article


@pytest.fixture(scope="module")
def front_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from documents import front_page_html, print_pdf

    def story(subject: str, fact: str) -> list[str]:
        return [f"{subject} was the talk of the harbour on Monday, where crews and traders "
                f"gathered by the quay to hear what the port would decide. {fact}",
                f"Officials said more about {subject.lower()} would follow later in the week, "
                "once the council had met and the figures had been checked."]  # fmt: skip

    page = front_page_html(
        "The Testport Herald · Monday, 3 June 2024",
        [("Dockers end the strike", story("The strike", "The union leader, Kofi Mensah, "
                                          "signed the pay deal at noon.")),
         ("Ferry fares rise", story("The fare rise", "The ferry company will charge 12 "
                                    "cedis a crossing from July.")),
         ("Harbour to reopen", story("The reopening", "The harbour master, Ama Owusu, "
                                     "said the north quay opens on Friday."))],
        pull_quote="crews and traders gathered by the quay",
    )  # fmt: skip
    return print_pdf(page, tmp_path_factory.mktemp("front") / "herald.pdf", running_heads=False)


@pytest.mark.integration
@pytest.mark.browser
def test_a_printed_front_page_is_three_articles_dated_by_the_masthead(front_page: Path) -> None:
    articles = [a for a in load_file(front_page) if isinstance(a, Article)]
    assert [(a.title, a.page_story, a.date) for a in articles] == [
        ("Dockers end the strike", 1, "2024-06-03"), ("Ferry fares rise", 2, "2024-06-03"),
        ("Harbour to reopen", 3, "2024-06-03"),
    ]  # fmt: skip
    assert "Kofi Mensah" in articles[0].text and "Kofi Mensah" not in articles[1].text
    assert "12 cedis" in articles[1].text and "Ama Owusu" in articles[2].text
    assert all("Testport Herald" not in a.text for a in articles)  # the masthead is no story's
    assert len({a.id for a in articles}) == 3


@pytest.mark.integration
@pytest.mark.browser
def test_an_answer_from_the_third_story_cites_page_1_story_3(
    front_page: Path, fake_fresh: Settings
) -> None:
    assistant = Assistant(fake_fresh, embedder=FAKE_EMBEDDER)
    report = assistant.ingest([front_page])
    assert report.added == 3 and not report.skipped
    answer = assistant.ask("Who is the harbour master?")
    cited = next(c for c in answer.citations if "Ama Owusu" in c.quote)
    assert (cited.title, cited.page, cited.story) == ("Harbour to reopen", 1, 3)
    assert cited.where == "page 1, story 3" and cited.to_dict()["story"] == 3
    article = assistant.article(cited.article_id)
    assert article is not None and article.text[cited.start : cited.end] == cited.quote
    shown = AppHandlers(assistant).open_article(f"{quote(cited.article_id)}:{cited.start}:"
                                                f"{cited.end}")  # fmt: skip
    assert 'id="quoted">' in shown and "Ama Owusu" in shown  # "open article": the passage
