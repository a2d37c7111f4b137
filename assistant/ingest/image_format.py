"""Scanned pages as images (PNG, JPEG, TIFF; a multi-page TIFF is a multi-page scan), read
by OCR (``ocr``): each page's paragraphs in reading order, its confidence kept beside it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from assistant.ingest.decoding import Unreadable
from assistant.ingest.documents import Record
from assistant.ingest.ocr import checked_image, languages, read_image, tesseract
from assistant.ingest.pdf_layout import box_text, ordered_pages, texts_and_headline
from assistant.ingest.pdf_stories import story_records
from assistant.ingest.reading_progress import tell
from assistant.records import Problem

MAX_FRAMES = 100  # pages of one TIFF


def read_scan(path: Path, max_bytes: int) -> Iterator[Record | Problem]:
    """The scan as one article (or one per story), a page per image frame."""
    from PIL import ImageSequence

    size = path.stat().st_size
    if size > max_bytes:
        raise Unreadable(f"is {size:,} bytes, over the {max_bytes:,}-byte limit")
    tesseract()  # say how to install it before decoding anything
    image = checked_image(path.read_bytes())
    language = languages()
    read = []
    frames = min(int(getattr(image, "n_frames", 1)), MAX_FRAMES)
    for number, frame in enumerate(ImageSequence.Iterator(image)):
        if number >= MAX_FRAMES:
            yield Problem(str(path), f"has more than {MAX_FRAMES} pages; the rest skipped",
                          skipped=False)  # fmt: skip
            break
        tell(path, number + 1, frames)
        read.append(read_image(frame, language))
    ordered = ordered_pages([(page.height, page.boxes) for page in read])
    texts, headline = texts_and_headline(ordered)
    if not any(texts):
        raise Unreadable("holds no text that OCR could read")
    whole = Record(
        text="\n\n".join(texts),
        path=str(path),
        file_stem=path.stem,
        title=box_text(headline.text) if headline else "",
        pages=tuple(texts),
        ocr=tuple(page.confidence for page in read),
    )
    yield from story_records(ordered, whole)
