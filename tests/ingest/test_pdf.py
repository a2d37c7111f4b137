"""PDFs with a text layer (issue 27): reading order across columns, page furniture gone,
hyphens joined, pages named in citations; broken and hostile files refused with one reason.

The layout rules are tested on boxes placed by hand; the whole reader on PDFs that Chromium
prints from news pages (a real PDF writer, as newsrooms' e-paper tools are)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FAKE_EMBEDDER

from assistant.config import Settings
from assistant.facade import Assistant
from assistant.ingest.loaders import load_file
from assistant.ingest.pdf_layout import (
    Box,
    box_text,
    furniture,
    page_text,
    paragraphs,
    reading_order,
)
from assistant.records import Article, Problem

STORY = [
    f"Paragraph {n}: the harbour of town {n} reopened after the storms, and its fishing boats "
    f"went back to sea on day {n}, their crews counting what the water had taken."
    for n in range(40)
]
FACT = "The harbour master of Faro, Rui Costa, ordered the quay closed to lorries."


def texts(boxes: list[Box]) -> list[str]:
    return [b.text for b in reading_order(boxes)]


def test_columns_are_read_one_after_the_other_under_a_headline_across_them() -> None:
    headline = Box(50, 700, 550, 740, "Headline across both columns", 30)
    left = [Box(50, 600, 290, 690, "L1"), Box(50, 480, 290, 590, "L2")]
    right = [Box(310, 620, 550, 690, "R1"), Box(310, 480, 550, 610, "R2")]
    assert texts([*right, left[1], headline, left[0]]) == ["Headline across both columns",
                                                          "L1", "L2", "R1", "R2"]  # fmt: skip
    three = [Box(x, y, x + 150, y + 80, f"{c}{r}") for c, x in enumerate((50, 220, 390))
             for r, y in enumerate((600, 500))]  # fmt: skip
    assert texts(three) == ["00", "01", "10", "11", "20", "21"]


def test_a_second_story_under_a_headline_of_its_own_is_read_after_the_first() -> None:
    first = [Box(50, 700, 550, 740, "Story one"), Box(50, 560, 290, 690, "1a"),
             Box(310, 560, 550, 690, "1b")]  # fmt: skip
    second = [Box(50, 500, 550, 540, "Story two"), Box(50, 380, 290, 490, "2a"),
              Box(310, 380, 550, 490, "2b")]  # fmt: skip
    assert texts([*second, *first]) == ["Story one", "1a", "1b", "Story two", "2a", "2b"]


def test_running_heads_and_page_numbers_go_and_the_story_stays() -> None:
    def page(n: int) -> tuple[float, list[Box]]:
        return 842.0, [Box(200, 800, 400, 812, f"The Daily Example — 3 June 2024 — page {n}"),
                       Box(50, 300, 550, 700, f"Story text of page {n}."),
                       Box(280, 30, 320, 42, str(n))]  # fmt: skip

    pages = [page(n) for n in (1, 2, 3)]
    assert furniture(pages) == {(p, b) for p in range(3) for b in (0, 2)}
    assert furniture([page(1)]) == {(0, 2)}  # one page: a lone number still goes

    def ending_low(n: int) -> tuple[float, list[Box]]:  # a column's last line in the margin
        last = Box(50, 80, 290, 92, f"Paragraph {n}: the harbour of town {n}", 10)
        return 842.0, [Box(50, 95, 290, 700, "Body", 10), last]

    assert furniture([ending_low(1), ending_low(2)]) == set()  # not set apart: it stays


def test_justified_lines_split_at_wide_spaces_become_one_paragraph_again() -> None:
    lines = [Box(50, 700, 120, 710, "The harbour", 10), Box(200, 700, 290, 710, "reopened", 10),
             Box(50, 686, 290, 696, "on Monday after the storms.", 10),
             Box(50, 650, 290, 660, "A new paragraph.", 10)]  # fmt: skip
    joined = paragraphs(reading_order(lines))
    assert [box_text(b.text) for b in joined] == [
        "The harbour reopened on Monday after the storms.", "A new paragraph."
    ]  # fmt: skip


def test_hyphens_at_line_ends_are_joined_and_carried_paragraphs_too() -> None:
    assert box_text("the inter-\nnational  court\nruled") == "the international court ruled"
    assert box_text("a well-\nKnown case") == "a well-\nKnown case".replace("\n", " ")
    assert page_text(["It took control of two military", "camps in Lere.", "New paragraph."]) == (
        "It took control of two military camps in Lere.\n\nNew paragraph."
    )


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from documents import article_html, print_pdf

    folder = tmp_path_factory.mktemp("pdfs")
    story = [*STORY[:30], FACT, *STORY[30:]]
    page = article_html("Storms close the harbours", "By Ana Silva, 3 June 2024", story, 2)
    return print_pdf(page, folder / "storms.pdf")


def only_article(path: Path) -> Article:
    items = list(load_file(path))
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) == 1, items
    return articles[0]


@pytest.mark.integration
@pytest.mark.browser
def test_a_printed_two_column_story_reads_in_order_without_its_page_furniture(
    printed: Path,
) -> None:
    article = only_article(printed)
    assert article.title == "Storms close the harbours" and article.date == "2024-06-03"
    numbers = [int(n) for n in re.findall(r"Paragraph (\d+):", article.text)]
    assert numbers == list(range(40))  # both columns of both pages, in order
    assert "The Daily Example" not in article.text and not re.search(r"Page \d", article.text)
    assert len(article.pages) == 2 and article.pages[0] == 0
    second = article.text[article.pages[1] :]
    assert FACT in article.text and not second.startswith("Paragraph 0")


@pytest.mark.integration
@pytest.mark.browser
def test_an_answer_from_a_pdf_cites_its_page(printed: Path, fake_fresh: Settings) -> None:
    assistant = Assistant(fake_fresh, embedder=FAKE_EMBEDDER)
    report = assistant.ingest([printed])
    assert report.added == 1 and not report.skipped
    answer = assistant.ask("Who is the harbour master of Faro?")
    cited = next(c for c in answer.citations if "Rui Costa" in c.quote)
    article = assistant.article(cited.article_id)
    assert cited.page == (2 if article.text.index(FACT) >= article.pages[1] else 1)
    assert cited.to_dict()["page"] == cited.page
    assert article.text[cited.start : cited.end] == cited.quote


def write_pdf(path: Path, objects: list[bytes], root: int = 1) -> Path:
    """A minimal PDF written byte by byte (with a correct cross-reference table)."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def test_broken_and_page_bomb_pdfs_are_one_reason_each(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R")  # cut short
    bomb = write_pdf(tmp_path / "bomb.pdf", [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 100000 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ])  # fmt: skip
    blank = write_pdf(tmp_path / "blank.pdf", [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ])  # fmt: skip
    [refused] = list(load_file(broken))
    assert isinstance(refused, Problem) and "is not a PDF that can be read" in refused.message
    [refused] = list(load_file(bomb))
    assert isinstance(refused, Problem) and "100,000 pages, over the 500" in refused.message
    problems = [p.message for p in load_file(blank) if isinstance(p, Problem)]
    assert problems[-1] == "has no text; skipped"  # a blank page: OCR found nothing either


@pytest.mark.integration
@pytest.mark.browser
def test_an_encrypted_pdf_is_refused_and_says_how_to_fix_it(printed: Path, tmp_path: Path) -> None:
    from pypdf import PdfWriter

    locked = PdfWriter(clone_from=printed)
    locked.encrypt("secret", algorithm="RC4-128")  # a password to open it
    locked.write(tmp_path / "locked.pdf")
    [refused] = list(load_file(tmp_path / "locked.pdf"))
    assert isinstance(refused, Problem)
    assert "is encrypted; save a copy without a password" in refused.message
