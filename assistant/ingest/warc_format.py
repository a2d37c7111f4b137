"""Web archives (WARC, ISO 28500; .warc and .warc.gz): each captured article page.

warcio reads the records. Each ``response`` record of an HTML page with status 200 goes
through the same cleaner as a fetched page (``web_extract``), with the captured URL as
its address and the capture date when the page shows none; every other record (requests,
metadata, images, scripts, redirects) is skipped and counted in one note. A truncated or
broken record ends the reading with a problem naming where; the pages before it are kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from assistant.ingest.decoding import Unreadable, decode
from assistant.ingest.documents import Record
from assistant.ingest.web_extract import extract_page
from assistant.records import Problem

MAX_PAGE_BYTES = 5 * 2**20  # one captured page, as for a fetched one
MAX_RECORDS = 100_000


def read_warc(path: Path, max_bytes: int) -> Iterator[Record | Problem]:
    """The archive's article pages, one record each (``file.warc#N``)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    size = path.stat().st_size
    if size > max_bytes:
        raise Unreadable(f"is {size:,} bytes, over the {max_bytes:,}-byte limit; split it")
    pages = skipped = 0
    with path.open("rb") as handle:
        try:
            records = ArchiveIterator(handle)
            for number, record in enumerate(records, start=1):
                if number > MAX_RECORDS:
                    many = f"holds more than {MAX_RECORDS:,} records; the rest were not read"
                    yield Problem(str(path), many, skipped=False)
                    break
                page = _page(record, path, number)
                record.raw_stream.read()  # the rest of the record, so its length can be checked
                if getattr(record.raw_stream, "limit", 0) > 0:  # fewer bytes than it declared
                    raise EOFError(f"record {number} ends early")
                if page is None:
                    skipped += 1
                    continue
                pages += 1
                yield page
            else:  # the iterator stops quietly at a record cut short inside its gzip member
                if records.offset < size:
                    raise EOFError(f"{size - records.offset:,} bytes after the last whole record")
        except (ArchiveLoadFailed, EOFError, OSError, ValueError, AttributeError) as error:
            where = f"{path}#{pages + skipped + 1}"
            yield Problem(
                where, f"is truncated or broken ({error}); the records before it were read"
            )
    if skipped:
        note = f"{skipped} record(s) that are not article pages (requests, images, ...) skipped"
        yield Problem(str(path), note, skipped=False)
    if not pages:
        raise Unreadable("holds no captured HTML page")


def _page(record: object, path: Path, number: int) -> Record | None:
    """A captured HTML page with status 200, or None for any other record."""
    if getattr(record, "rec_type", "") != "response":
        return None
    headers = getattr(record, "http_headers", None)
    if headers is None or headers.get_statuscode() != "200":
        return None
    if "html" not in (headers.get_header("Content-Type") or "").lower():
        return None
    body = record.content_stream().read(MAX_PAGE_BYTES + 1)  # type: ignore[attr-defined]
    if len(body) > MAX_PAGE_BYTES:
        return None
    try:
        markup, _ = decode(body)
    except Unreadable:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""  # type: ignore[attr-defined]
    captured = (record.rec_headers.get_header("WARC-Date") or "")[:10]  # type: ignore[attr-defined]
    found = extract_page(markup, url)
    return Record(
        text=found.text,
        path=f"{path}#{number}",
        file_stem=path.name.removesuffix(".gz").removesuffix(".warc"),
        title=found.title,
        date=found.date or captured,
        source=found.sitename or found.author,
        url=found.url or url,
        author=found.author,
        record_id=str(number),
    )
