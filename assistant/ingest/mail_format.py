"""Press releases by e-mail: .eml messages and .mbox mailboxes, with their attachments.

A message is an article: its subject the title, its ``Date`` the date, its sender (the
display name, else the address) the source, its plain-text part the text, or its HTML
part cleaned as a web page is. An attachment that is an article file of a format read
here (PDF, Word, text, HTML) becomes an article of its own, titled after the message
("Subject — report.pdf"). A mailbox is read up to ``MAX_MESSAGES`` messages (the rest
is named in a note), each a record ``file.mbox#N``; one message that cannot be read is
one problem, and the others are still read.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import mailbox
import tempfile
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from pathlib import Path

from assistant.ingest.decoding import Unreadable
from assistant.ingest.documents import Record
from assistant.ingest.web_extract import extract_page
from assistant.records import Problem

MAX_MESSAGES = 10_000  # a mailbox of 100,000 press releases is read in parts
MAX_ATTACHMENTS = 20  # per message
# The formats an attachment may be, and their readers (set by ``formats``, which knows them).
AttachmentReaders = dict[str, Callable[[Path, int], Iterator[Record | Problem]]]


def _sender(message: EmailMessage) -> str:
    name, address = email.utils.parseaddr(str(message.get("From", "")))
    return name.strip() or address.strip()


def _date(message: EmailMessage) -> str:
    try:
        sent = email.utils.parsedate_to_datetime(str(message.get("Date", "")))
    except (TypeError, ValueError, IndexError):
        return ""
    return sent.date().isoformat() if sent else ""


def _text(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    content = body.get_content()
    if not isinstance(content, str):
        return ""
    if body.get_content_subtype() == "html":
        return extract_page(content).text
    return content


def _attachments(
    message: EmailMessage, path: Path, key: str, readers: AttachmentReaders, max_bytes: int
) -> Iterator[Record | Problem]:
    """Attachments of a readable article format, each read as a file of its own (its
    record's path ``file#key/name``: the mailbox file is what the index watches)."""
    subject = " ".join(str(message.get("Subject", "")).split())
    for number, part in enumerate(message.iter_attachments()):
        name = Path(part.get_filename() or f"attachment-{number}").name
        where = f"{path}#{key}/{name}" if key else f"{path}#{name}"
        reader = readers.get(Path(name).suffix.lower())
        if reader is None:
            continue
        if number >= MAX_ATTACHMENTS:
            yield Problem(where, f"is past {MAX_ATTACHMENTS} attachments; it and the rest skipped")
            return
        data = part.get_payload(decode=True)
        if not isinstance(data, bytes) or not data:
            continue
        with tempfile.TemporaryDirectory(prefix="assistant-mail-") as folder:
            file = Path(folder) / name
            file.write_bytes(data)
            try:
                items = list(reader(file, max_bytes))
            except Unreadable as error:
                yield Problem(where, f"{error}; skipped")
                continue
        for item in items:
            if isinstance(item, Problem):
                yield Problem(where, item.message, item.skipped)
            else:
                title = f"{subject} — {item.title or name}" if subject else item.title or name
                story = f"#{item.record_id}" if item.record_id else ""  # a PDF's stories
                yield Record(text=item.text, path=f"{where}{story}", file_stem=Path(name).stem,
                             title=title, date=item.date or _date(message),
                             source=item.source or _sender(message), author=item.author,
                             pages=item.pages, ocr=item.ocr, page_story=item.page_story,
                             record_id=f"{key or path.stem}/{name}{story}")  # fmt: skip


def message_records(
    message: EmailMessage, path: Path, key: str, readers: AttachmentReaders, max_bytes: int
) -> Iterator[Record | Problem]:
    """One message as its article, and its attachments' articles."""
    where = f"{path}#{key}" if key else str(path)
    subject = " ".join(str(message.get("Subject", "")).split())
    text = _text(message)
    if text.strip():
        yield Record(text=text, path=where, file_stem=path.stem, title=subject,
                     date=_date(message), source=_sender(message),
                     record_id=key)  # fmt: skip
    yield from _attachments(message, path, key, readers, max_bytes)


def read_eml(readers: AttachmentReaders) -> Callable[[Path, int], Iterator[Record | Problem]]:
    def read(path: Path, max_bytes: int) -> Iterator[Record | Problem]:
        size = path.stat().st_size
        if size > max_bytes:
            raise Unreadable(f"is {size:,} bytes, over the {max_bytes:,}-byte limit")
        with path.open("rb") as handle:
            message = email.message_from_binary_file(handle, policy=email.policy.default)
        if not isinstance(message, EmailMessage) or not message.keys():
            raise Unreadable("is not an e-mail message (no headers)")
        yield from message_records(message, path, "", readers, max_bytes)

    return read


def read_mbox(readers: AttachmentReaders) -> Callable[[Path, int], Iterator[Record | Problem]]:
    def read(path: Path, max_bytes: int) -> Iterator[Record | Problem]:
        size = path.stat().st_size
        if size > max_bytes:
            raise Unreadable(f"is {size:,} bytes, over the {max_bytes:,}-byte limit; split it")
        box = mailbox.mbox(path, factory=None, create=False)
        try:
            for number, key in enumerate(box.iterkeys()):
                if number >= MAX_MESSAGES:
                    rest = "the first were read, split it for the rest"
                    many = f"holds more than {MAX_MESSAGES:,} messages; {rest}"
                    yield Problem(str(path), many, skipped=False)
                    return
                try:
                    raw = box.get_bytes(key)
                    message = email.message_from_bytes(raw, policy=email.policy.default)
                    assert isinstance(message, EmailMessage)
                    yield from message_records(message, path, str(number + 1), readers,
                                               max_bytes)  # fmt: skip
                except (ValueError, TypeError, LookupError, AssertionError) as error:
                    yield Problem(f"{path}#{number + 1}", f"cannot be read ({error}); skipped")
        finally:
            box.close()

    return read
