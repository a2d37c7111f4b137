"""PDF files with a text layer: each page's text in reading order, an article a file (or a
story, where its pages set several apart: ``pdf_stories``).

pdfminer.six (MIT, pure Python) gives each page's text boxes with their coordinates and
font sizes; ``pdf_layout`` orders them across columns and drops running heads and page
numbers. The title is the PDF's own (its metadata) or the page's largest type; the
author comes from the metadata; the date is read from the page as for any article.
Each page's text is kept apart (``Record.pages``) so citations can name their page.

Limits: a file past the byte limit, more than ``MAX_PAGES`` pages, an encrypted file or
one pdfminer cannot parse is one problem naming the file. A page with no text layer (a
scan) is rendered by pypdfium2 and read by OCR (``ocr``), its confidence kept beside it
(``Record.ocr``); one OCR cannot read is a note, and the other pages are still read.
"""

from __future__ import annotations

import logging
import re
import statistics
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from assistant.ingest.decoding import Unreadable
from assistant.ingest.documents import Record
from assistant.ingest.ocr import DPI, MAX_PIXELS, ReadPage, languages, read_image, tesseract
from assistant.ingest.pdf_glyphs import as_written, unmapped_share
from assistant.ingest.pdf_layout import Box, box_text, ordered_pages, texts_and_headline
from assistant.ingest.pdf_stories import story_records
from assistant.ingest.reading_progress import tell
from assistant.records import Problem

_FILE_NAME = re.compile(
    r"\.(html?|pdf|docx?|txt|indd|qxd)$|^(https?|file)://|^about:", re.IGNORECASE
)
UNMAPPED_PAGE = 0.5  # a page with more glyphs mapped to nothing than words is read by OCR
MAX_PAGES = 500  # an e-paper edition is tens of pages; 100,000 is an attack
log = logging.getLogger(__name__)


def _boxes(page: object) -> list[Box]:
    """The page's text lines as written (``pdf_glyphs``; ``pdf_layout`` orders them and joins
    them into paragraphs: pdfminer's own blocks split justified lines at wide spaces and
    misplace the pieces); none when most of its glyphs map to no character (OCR reads it)."""
    from pdfminer.layout import LTChar, LTTextBox, LTTextLine

    found, drawn = [], []
    for element in page:  # type: ignore[attr-defined]
        if not isinstance(element, LTTextBox):
            continue
        for line in element:
            if not isinstance(line, LTTextLine) or not line.get_text().strip():
                continue
            sizes = [char.size for char in line if isinstance(char, LTChar)]
            size = statistics.median(sizes) if sizes else line.y1 - line.y0  # a drop cap aside
            drawn.append(line.get_text())
            text = as_written(line.get_text())
            if text.strip():
                found.append(Box(line.x0, line.y0, line.x1, line.y1, text, size))
    return [] if unmapped_share("".join(drawn)) > UNMAPPED_PAGE else found


def _metadata(path: Path) -> tuple[dict[str, str], int]:
    """The document's Title and Author (decoded), and the page count its page tree declares."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    with path.open("rb") as handle:
        document = PDFDocument(PDFParser(handle))
        info = document.info[0] if document.info else {}
        fields = {}
        for key in ("Title", "Author"):
            value = resolve1(info.get(key))
            if isinstance(value, bytes):
                value = value.decode("utf-16") if value[:2] in (b"\xfe\xff", b"\xff\xfe") else (
                    value.decode("latin-1"))  # fmt: skip
            fields[key] = value.strip() if isinstance(value, str) else ""
        count = resolve1(resolve1(document.catalog.get("Pages", {})).get("Count", 0))
        return fields, count if isinstance(count, int) else 0


def read_pdf(path: Path, max_bytes: int) -> Iterator[Record | Problem]:
    """The PDF as one article whose pages are kept apart (or one per story, when its pages
    set several stories apart), or problems saying why not."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFSyntaxError

    size = path.stat().st_size
    if size > max_bytes:
        raise Unreadable(f"is {size:,} bytes, over the {max_bytes:,}-byte limit; split it")
    try:
        meta, declared = _metadata(path)
        with path.open("rb") as handle:  # the page tree may lie about its count: count too
            count = sum(1 for _ in islice(PDFPage.get_pages(handle), MAX_PAGES + 1))
        if max(count, declared) > MAX_PAGES:
            many = f"{declared:,}" if declared > MAX_PAGES else f"more than {MAX_PAGES}"
            raise Unreadable(f"has {many} pages, over the {MAX_PAGES} a file may have; split it")
        pages: list[tuple[float, list[Box]]] = [
            (float(page.height), _boxes(page))
            for page in extract_pages(path, laparams=LAParams(boxes_flow=None))
        ]
    except (PDFEncryptionError, PDFPasswordIncorrect):
        raise Unreadable("is encrypted; save a copy without a password") from None
    except (PDFSyntaxError, ValueError, TypeError, KeyError, RecursionError) as error:
        log.info("cannot parse %s: %r", path, error)
        raise Unreadable("is not a PDF that can be read (broken or truncated)") from None
    scanned: dict[int, float] = {}
    blank = [number for number, (_, boxes) in enumerate(pages) if not boxes]
    for number in blank:
        tell(path, number + 1, len(pages))
        try:  # no text layer: a scan, read by OCR
            read = ocr_pdf_page(path, number)
        except Unreadable as error:
            reason = f"has no readable text layer and {error}; skipped"
            yield Problem(f"{path}#page={number + 1}", reason, skipped=False)
            continue
        pages[number] = (read.height, list(read.boxes))
        scanned[number] = read.confidence
    ordered = ordered_pages(pages, [n not in scanned for n in range(len(pages))])
    texts, headline = texts_and_headline(ordered)
    named = meta.get("Title", "")
    if _FILE_NAME.search(named) or named == path.stem:  # a printer's file name, not a title
        named = ""
    whole = Record(
        text="\n\n".join(texts),
        path=str(path),
        file_stem=path.stem,
        title=named or (box_text(headline.text) if headline else ""),
        author=meta.get("Author", ""),
        pages=tuple(texts),
        ocr=tuple(scanned.get(n, -1.0) for n in range(len(texts))) if scanned else (),
    )
    yield from story_records(ordered, whole)


def ocr_pdf_page(path: Path, number: int) -> ReadPage:
    """A page without a text layer, rendered at ``DPI`` (fewer when huge) and read by OCR."""
    import pypdfium2

    tesseract()  # say how to install it before rendering anything
    document = pypdfium2.PdfDocument(str(path))
    try:
        page = document[number]
        width, height = page.get_size()
        scale = min(DPI / 72, (MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
        image = page.render(scale=scale).to_pil()
    except pypdfium2.PdfiumError as error:
        raise Unreadable(f"cannot be rendered ({error})") from None
    finally:
        document.close()
    read = read_image(image, languages())
    factor = height / read.height  # back to the page's own points, as pdfminer's boxes are
    boxes = tuple(Box(b.x0 * factor, b.y0 * factor, b.x1 * factor, b.y1 * factor, b.text,
                      b.size * factor) for b in read.boxes)  # fmt: skip
    return ReadPage(height, boxes, read.confidence)
