"""Scanned pages as images (PNG, JPEG, TIFF; a multi-page TIFF is a multi-page scan), read
by OCR (``ocr``): each page's paragraphs in reading order, its confidence kept beside it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from assistant.ingest.decoding import Unreadable
from assistant.ingest.documents import Record
from assistant.ingest.ocr import checked_image, languages, read_image, tesseract
from assistant.ingest.pdf_layout import box_text, pages_text
from assistant.records import Problem

MAX_FRAMES = 100  # pages of one TIFF


def read_scan(path: Path, max_bytes: int) -> Iterator[Record | Problem]:
    """The scan as one article, a page per image frame."""
    from PIL import ImageSequence

    size = path.stat().st_size
    if size > max_bytes:
        raise Unreadable(f"is {size:,} bytes, over the {max_bytes:,}-byte limit")
    tesseract()  # say how to install it before decoding anything
    image = checked_image(path.read_bytes())
    language = languages()
    read = []
    for number, frame in enumerate(ImageSequence.Iterator(image)):
        if number >= MAX_FRAMES:
            yield Problem(str(path), f"has more than {MAX_FRAMES} pages; the rest skipped",
                          skipped=False)  # fmt: skip
            break
        read.append(read_image(frame, language))
    texts, headline = pages_text([(page.height, page.boxes) for page in read])
    if not any(texts):
        raise Unreadable("holds no text that OCR could read")
    yield Record(
        text="\n\n".join(texts),
        path=str(path),
        file_stem=path.stem,
        title=box_text(headline.text) if headline else "",
        pages=tuple(texts),
        ocr=tuple(page.confidence for page in read),
    )
