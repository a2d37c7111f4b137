"""Article files' bytes to text: UTF-8 (with or without BOM), UTF-16, or Windows-1252.

A file that is not text at all raises ``Unreadable`` with what to do about it; one read
as Windows-1252 comes back with a caveat for the user to check.
"""

from __future__ import annotations


class Unreadable(Exception):
    """This file (or line) cannot be read at all; the message says why and what to do."""


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


def decode(data: bytes) -> tuple[str, str | None]:
    """Text of ``data`` and a caveat, if any; raises ``Unreadable`` for bytes that are not text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as error:
            raise Unreadable("is marked UTF-16 but does not decode; save it as UTF-8") from error
    if _looks_binary(data):
        raise Unreadable("looks like a binary file, not text; convert it to .txt, .html or .json")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise Unreadable(
            f"has bytes that are neither UTF-8 nor Windows-1252 (at byte {error.start}); "
            "re-save it as UTF-8"
        ) from error
    if sum(1 for ch in text if ord(ch) > 127) > len(text) * 0.3:
        raise Unreadable("is not valid UTF-8 and does not read as text; re-save it as UTF-8")
    return text, "is not valid UTF-8; read it as Windows-1252 (check accented characters)"
