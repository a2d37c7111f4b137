"""Scans read by OCR (issue 27): pages Chromium prints, rendered to images as a scanner
gives them (pypdfium2 at 200 dpi), saved as PNG, multi-page TIFF and an image-only PDF by
Pillow, and read by Debian's tesseract; hostile images refused before they are decoded."""

from __future__ import annotations

import random
import re
import shutil
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from conftest import FAKE_EMBEDDER

from assistant.config import Settings
from assistant.facade import Assistant
from assistant.ingest.loaders import load_file, load_paths
from assistant.ingest.reading_progress import listening
from assistant.records import Article, Citation, Passage, Problem

pytestmark = pytest.mark.integration
needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason="Debian's tesseract-ocr is not installed (make test installs it)",
)
WORDS = (
    "harbour boats fishermen storm quay council mayor nets market prices weather season "
    "ferry crews tide repairs insurance loans families coast river bridge cargo"
).split()
FACT = "The harbour master of Faro, Rui Costa, ordered the quay closed to lorries."


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two printed pages as a PNG of page 1, a two-page TIFF and an image-only PDF."""
    import pypdfium2
    from documents import article_html, print_pdf

    folder = tmp_path_factory.mktemp("scans")
    rng = random.Random(3)  # varied lines, as real text has (identical justified lines
    # line their gaps up into false columns that no newspaper has)
    story = [f"Paragraph {n}: " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(18, 40)))
             + "." for n in range(60)]  # fmt: skip
    page = article_html("Storms close the harbours", "By Ana Silva, 3 June 2024",
                        [*story[:8], FACT, *story[8:]], 2)  # fmt: skip
    printed = print_pdf(page, folder / "printed.pdf", running_heads=False)
    document = pypdfium2.PdfDocument(str(printed))
    images = [
        document[n].render(scale=200 / 72).to_pil().convert("L") for n in range(len(document))
    ]
    document.close()
    images[0].save(folder / "page.png")
    top = images[1].crop((0, 0, images[1].width, images[1].height // 4))  # a cheap second page
    images[0].save(folder / "edition.tiff", save_all=True, append_images=[top])
    images[0].save(folder / "scanned.pdf", save_all=True, append_images=images[1:],
                   resolution=200)  # fmt: skip
    return {"png": folder / "page.png", "tiff": folder / "edition.tiff",
            "pdf": folder / "scanned.pdf", "pages": len(images)}  # type: ignore[dict-item]  # fmt: skip


def only_article(path: Path) -> Article:
    items = list(load_file(path))
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) == 1, items
    return articles[0]


@needs_tesseract
def test_a_scanned_page_reads_in_order_with_its_confidence(scans: dict[str, Any]) -> None:
    article = only_article(scans["png"])
    assert article.title == "Storms close the harbours" and article.date == "2024-06-03"
    numbers = [int(n) for n in re.findall(r"Paragraph (\d+):", article.text)]
    assert numbers == sorted(numbers) and len(numbers) >= 6
    assert "Rui Costa" in article.text
    assert len(article.ocr) == 1 and article.ocr[0] > 50


@needs_tesseract
def test_a_multi_page_tiff_and_an_image_only_pdf_are_read_page_by_page(
    scans: dict[str, Any],
) -> None:
    heard: list[str] = []
    with listening(heard.append):
        edition = only_article(scans["tiff"])
    assert heard == [f"reading edition.tiff: page {n} of 2 by OCR" for n in (1, 2)]
    assert len(edition.pages) == len(edition.ocr) == 2
    article = only_article(scans["pdf"])
    assert len(article.pages) == scans["pages"] == len(article.ocr) >= 2
    numbers = [int(n) for n in re.findall(r"Paragraph (\d+):", article.text)]
    assert numbers == sorted(numbers) and numbers[-1] >= 40, numbers
    assert all(c > 50 for c in article.ocr)
    first_page = [int(n) for n in re.findall(r"Paragraph (\d+):", edition.text[: edition.pages[1]])]
    on_two = [int(n) for n in re.findall(r"Paragraph (\d+):", edition.text[edition.pages[1] :])]
    assert on_two and min(on_two) > max(first_page)  # the second frame is read as page 2


@needs_tesseract
def test_an_answer_from_a_scan_says_it_was_read_by_ocr(
    scans: dict[str, Any], fake_fresh: Settings
) -> None:
    assistant = Assistant(fake_fresh, embedder=FAKE_EMBEDDER)
    assistant.ingest([scans["png"]])
    answer = assistant.ask("Who is the harbour master of Faro?")
    cited = next(c for c in answer.citations if "Costa" in c.quote)
    assert cited.page == 1 and cited.ocr_confidence is not None
    assert cited.where.startswith("page 1, a scan read by OCR at ")


def test_a_low_confidence_page_says_to_check_it() -> None:
    passage = Passage(chunk_id="s:0", article_id="s", title="Scan", date=None, source="",
                      text="Rui Costa.", start=0, end=10, score=1.0, pages=(0, 500),
                      ocr=(-1.0, 41.0))  # fmt: skip
    on_two = Citation.from_passage(1, passage, quote="Rui Costa.", start=600, end=610, score=1)
    assert on_two.where == "page 2, a scan read by OCR at 41%: check the page"
    on_one = Citation.from_passage(1, passage, quote="Rui Costa.", start=0, end=10, score=1)
    assert on_one.where == "page 1" and on_one.ocr_confidence is None


def png_claiming(width: int, height: int) -> bytes:
    """A small PNG file whose header claims ``width`` x ``height`` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))  # fmt: skip


def test_a_decompression_bomb_is_refused_before_it_is_decoded(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(png_claiming(100_000, 100_000))
    (tmp_path / "note.txt").write_text("Ferries to Faro resumed on Monday.", encoding="utf-8")
    items = list(load_paths([tmp_path]))
    [refused] = [i for i in items if isinstance(i, Problem)]
    if shutil.which("tesseract") is None:
        assert "install Debian's tesseract-ocr" in refused.message
    else:
        assert "pixels (a decompression bomb?); refused undecoded" in refused.message
    assert [a.title for a in items if isinstance(a, Article)] == ["Note"]


def test_without_tesseract_a_scan_is_one_line_saying_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Faked absence: the machine has tesseract, so ``shutil.which`` is told it has not."""
    import assistant.ingest.ocr as ocr

    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    scan = tmp_path / "scan.png"
    scan.write_bytes(png_claiming(10, 10))
    [refused] = list(load_file(scan))
    assert isinstance(refused, Problem)
    assert "OCR needs tesseract: install Debian's tesseract-ocr" in refused.message
