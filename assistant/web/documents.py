"""Documents fetched from the web (a PDF report, a Word file behind a link): read by the
same readers as uploaded files, and kept as article records with their pages.

What a server sends is sniffed by its bytes: ``%PDF-`` is a PDF, a zip with a Word part is
a .docx. The body goes to a temporary file and through ``ingest.formats``' reader for
that type (reading order, OCR for scans); the result is written as the web folder's JSON
record, with its URL and each page's text, so citations name the page and the index can
be rebuilt without fetching again.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from assistant.errors import FetchFailed
from assistant.ingest.decoding import Unreadable
from assistant.ingest.documents import Record
from assistant.ingest.formats import FORMATS
from assistant.web.fetch import Fetched
from assistant.web.pages import keep_record

MAX_DOCUMENT_BYTES = 20 * 2**20


def document_suffix(fetched: Fetched) -> str:
    """``.pdf`` or ``.docx`` when the body is such a document, else ""."""
    head = fetched.body[:8]
    if head.startswith(b"%PDF-"):
        return ".pdf"
    if head.startswith(b"PK\x03\x04") and (
        b"word/" in fetched.body[:65536] or "wordprocessingml" in fetched.content_type
    ):
        return ".docx"
    return ""


def document_records(fetched: Fetched, suffix: str) -> list[tuple[str, dict[str, object]]]:
    """The document as the web folder's JSON records (one, or one per story of a newspaper
    page; their pages kept), each with its key (the URL, and a story's place in the
    document: ``url#page3-story2``), or ``FetchFailed``."""
    with tempfile.TemporaryDirectory(prefix="assistant-fetched-") as folder:
        file = Path(folder) / f"document{suffix}"
        file.write_bytes(fetched.body)
        try:
            records = [
                r for r in FORMATS[suffix](file, MAX_DOCUMENT_BYTES) if isinstance(r, Record)
            ]
        except Unreadable as error:
            raise FetchFailed(f"{fetched.url}: {error}; not indexed") from None
    if not any(r.text.strip() for r in records):
        raise FetchFailed(f"{fetched.url}: the document holds no text; not indexed")
    host = (urlsplit(fetched.url).hostname or "web").removeprefix("www.")
    name = Path(urlsplit(fetched.url).path).stem.replace("-", " ").replace("_", " ")
    return [
        (
            f"{fetched.url}#{found.record_id}" if found.page_story else "",
            {
                "title": found.title or name,
                "date": found.date,
                "source": found.source or host,
                "author": found.author,
                "url": fetched.url,
                "text": found.text,
                "pages": list(found.pages),
                "ocr": list(found.ocr),
                "page_story": found.page_story,
            },
        )
        for found in records
    ]


def save_document(fetched: Fetched, suffix: str, folder: Path) -> list[Path]:
    """Read the fetched document and keep it as the web folder's records of its URL."""
    return [
        keep_record(record, fetched.url, folder, key=key)
        for key, record in document_records(fetched, suffix)
    ]
