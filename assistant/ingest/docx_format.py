"""Word files (.docx) from reporters: the paragraphs in order, title, author and date.

python-docx (MIT) reads the document; the title is the file's own (core properties) or
its first paragraph in a Title or Heading style, the author the core properties' author,
the date the file's creation date unless the text names one. A .docx is a zip archive:
before anything reads it, its entries are checked, so a zip bomb (a few kilobytes that
unpack to gigabytes) or an archive of thousands of entries is one problem, not an
exhausted machine. python-docx parses the XML without resolving entities.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from assistant.ingest.decoding import Unreadable
from assistant.ingest.documents import Record
from assistant.records import Problem
from assistant.text.dates import date_in_lines

MAX_UNPACKED = 200 * 2**20  # bytes a .docx may unpack to (a long report is a few MB)
MAX_RATIO = 200  # unpacked / packed bytes for any large entry (XML packs ~10x)
MAX_ENTRIES = 5_000


def check_zip(path: Path) -> None:
    """Refuse an archive that is not one, or that would unpack to far more than it holds."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise Unreadable(f"is not a Word file that can be read ({error})") from None
    if len(entries) > MAX_ENTRIES:
        raise Unreadable(f"holds {len(entries):,} parts, more than a document has")
    unpacked = sum(e.file_size for e in entries)
    bomb = any(e.file_size > 2**20 and e.file_size > MAX_RATIO * max(e.compress_size, 1)
               for e in entries)  # fmt: skip
    if unpacked > MAX_UNPACKED or bomb:
        raise Unreadable(
            f"would unpack to {unpacked / 2**20:,.0f} MB (a zip bomb?); refused unread"
        )


def read_docx(path: Path, max_bytes: int) -> Iterator[Record | Problem]:
    """The document as one article."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    size = path.stat().st_size
    if size > max_bytes:
        raise Unreadable(f"is {size:,} bytes, over the {max_bytes:,}-byte limit; split it")
    check_zip(path)
    try:
        document = Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise Unreadable(f"is not a Word file that can be read ({error})") from None
    paragraphs = [(p.style.name if p.style is not None else "", p.text.strip())
                  for p in document.paragraphs]  # fmt: skip
    for table in document.tables:  # a fact box is a table: its cells after the story
        paragraphs += [("", cell.text.strip()) for row in table.rows for cell in row.cells]
    texts = [text for _, text in paragraphs if text]
    headed = next((t for s, t in paragraphs if t and s.startswith(("Title", "Heading"))), "")
    core = document.core_properties
    written = date_in_lines("\n".join(texts[:4]))  # a dateline beats the file's own date
    created = core.created.date().isoformat() if core.created and not written else ""
    yield Record(
        text="\n\n".join(texts),
        path=str(path),
        file_stem=path.stem,
        title=(core.title or "").strip() or headed,
        author=(core.author or "").strip(),
        date=created,
    )
