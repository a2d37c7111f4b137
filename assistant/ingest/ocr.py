"""Scanned pages read by OCR: Debian's tesseract, driven directly, word by word.

``tesseract IMAGE - tsv`` gives each word with its box and confidence (0-100). Words are
gathered into the paragraphs tesseract found, each a ``Box`` in page coordinates (y
upwards, as a PDF's), so scanned pages go through the same reading order and page
furniture rules as text PDFs; a page's confidence is the mean over its words, weighted
by their length. Each page has a time limit (a scan that tesseract cannot finish in it is
one problem). Images are checked before they are decoded: more than ``MAX_PIXELS``
pixels (a decompression bomb: a small file that decodes to gigabytes) is refused.
Without tesseract, a scan is one line saying how to install it. tesseract runs with one
OpenMP thread: with its default threads it spins, and a page took 23 s instead of 2 here.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.ingest.decoding import Unreadable
from assistant.ingest.pdf_layout import Box

MAX_PIXELS = 60_000_000  # an A3 page at 400 dpi is 31 million
PAGE_SECONDS = 120.0  # tesseract's time for one page
DPI = 200  # scans rendered from PDF pages
INSTALL = "OCR needs tesseract: install Debian's tesseract-ocr (make run and make test do)"


@dataclass(frozen=True)
class ReadPage:
    """One page as OCR read it: its paragraphs and how sure it was (0-100)."""

    height: float
    boxes: tuple[Box, ...]
    confidence: float


def tesseract() -> str:
    """The tesseract program, or ``Unreadable`` saying how to get it."""
    found = shutil.which("tesseract")
    if found is None:
        raise Unreadable(INSTALL)
    return found


@functools.cache
def languages() -> str:
    """English, plus French, Spanish and German when their packs are installed (asked of
    tesseract once per process, not once per page)."""
    listed = subprocess.run([tesseract(), "--list-langs"], capture_output=True, text=True,
                            timeout=30, check=False).stdout.split()  # fmt: skip
    wanted = [code for code in ("eng", "fra", "spa", "deu") if code in listed]
    return "+".join(wanted or ["eng"])


def checked_image(data: bytes) -> Any:
    """The image as Pillow opens it, or ``Unreadable`` (not an image, or a bomb)."""
    from PIL import Image

    try:
        image = Image.open(io.BytesIO(data))
        width, height = image.size
    except Image.DecompressionBombError:
        raise Unreadable(
            f"is an image of over {MAX_PIXELS:,} pixels (a decompression bomb?); refused undecoded"
        ) from None
    except (OSError, ValueError) as error:
        raise Unreadable(f"is not an image that can be read ({error})") from None
    if width * height > MAX_PIXELS:
        raise Unreadable(
            f"is an image of {width:,} x {height:,} pixels, over the {MAX_PIXELS:,} a page may "
            "have (a decompression bomb?); refused undecoded"
        )
    return image


def read_image(image: Any, language: str) -> ReadPage:
    """OCR of one page image (a Pillow image)."""
    with tempfile.TemporaryDirectory(prefix="assistant-ocr-") as folder:
        source = Path(folder) / "page.png"
        image.convert("L").save(source)
        try:
            done = subprocess.run(
                [tesseract(), str(source), "-", "-l", language, "tsv"],
                capture_output=True, text=True, timeout=PAGE_SECONDS, check=False,
                env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            raise Unreadable(f"took OCR over {PAGE_SECONDS:.0f} s for one page") from None
    if done.returncode != 0:
        raise Unreadable(f"could not be read by OCR ({done.stderr.strip()[:200]})")
    return _page(done.stdout, float(image.size[1]))


def _page(tsv: str, height: float) -> ReadPage:
    """tesseract's TSV as paragraphs (boxes with their words' text) and the confidence."""
    paragraphs: dict[tuple[str, str], list[dict[str, str]]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") == "5" and (row.get("text") or "").strip():
            paragraphs.setdefault((row["block_num"], row["par_num"]), []).append(row)
    boxes, weighted, letters = [], 0.0, 0
    for words in paragraphs.values():
        lines: dict[str, list[str]] = {}
        for word in words:
            lines.setdefault(word["line_num"], []).append(word["text"])
            size = len(word["text"])
            weighted += max(0.0, float(word["conf"])) * size
            letters += size
        left = min(int(w["left"]) for w in words)
        top = min(int(w["top"]) for w in words)
        right = max(int(w["left"]) + int(w["width"]) for w in words)
        bottom = max(int(w["top"]) + int(w["height"]) for w in words)
        text = "\n".join(" ".join(line) for line in lines.values())
        boxes.append(Box(left, height - bottom, right, height - top, text,
                         max(int(w["height"]) for w in words)))  # fmt: skip
    return ReadPage(height, tuple(boxes), weighted / letters if letters else 0.0)
