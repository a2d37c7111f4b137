"""Text from PDF pages: ours against pypdf's and pdfminer's plain extraction, in one run.

    python benchmarks/formats.py [--limit N] [--styles print two three]

The 141 real news pages of ``../shared/data/news-html`` (read in place) are printed to PDF
by Chromium (Debian's, through Playwright; every request the page makes is aborted, so
nothing is fetched): in their own print style, and with the body forced into two and into
three columns. Each PDF's text is then read by
  pypdf        ``PdfReader.extract_text()`` page by page (the baseline: line order);
  pdfminer     ``pdfminer.high_level.extract_text`` with its default layout analysis;
  ours         ``assistant.ingest.pdf_format.read_pdf`` (reading order, page furniture).
The score is the upstream gold's: a page's ``with`` snippets (the article's opening and
closing words, whitespace-normalised) must be in the text, and in order. Reported per
style and extractor: the share of snippets found, the share of pages with every snippet
found in order, and pages per second on this machine. Results go to
benchmarks/results/formats-*.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import platform
import re
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _shared import ROOT, SHARED

DATA = SHARED / "news-html"
COLUMNS = "body, body * {{ column-count: {n} !important; column-gap: 2em !important }}"
STYLES = {"print": "", "two": COLUMNS.format(n=2), "three": COLUMNS.format(n=3)}
Extractor = Callable[[Path], str]


def normalise(text: str) -> str:
    """Snippets and texts compare as lower-case words with single spaces (NFC)."""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip().lower()


def in_order(text: str, snippets: list[str]) -> tuple[int, bool]:
    """(snippets found, whether all were found one after the other)."""
    where = [normalise(text).find(normalise(s)) for s in snippets]
    found = sum(1 for w in where if w >= 0)
    return found, found == len(snippets) and where == sorted(where)


def pypdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def pdfminer_text(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return str(extract_text(path))


def our_text(path: Path) -> str:
    from assistant.ingest.documents import Record
    from assistant.ingest.pdf_format import read_pdf

    return "\n\n".join(r.text for r in read_pdf(path, 200_000_000) if isinstance(r, Record))


EXTRACTORS: dict[str, Extractor] = {"pypdf": pypdf_text, "pdfminer": pdfminer_text,
                                    "ours": our_text}  # fmt: skip


def print_all(pages: list[dict[str, Any]], style: str, folder: Path) -> list[Path]:
    """Each page printed by Chromium with the style's CSS added; nothing is fetched."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu"])  # fmt: skip
        context = browser.new_context(java_script_enabled=False)
        context.route("**/*", lambda route: route.abort())
        for page_info in pages:
            markup = (DATA / page_info["file"]).read_text(encoding="utf-8-sig", errors="replace")
            page = context.new_page()
            try:
                page.set_content(markup, wait_until="domcontentloaded", timeout=30_000)
                if STYLES[style]:
                    page.add_style_tag(content=STYLES[style])
                target = folder / f"{style}-{Path(page_info['file']).stem}.pdf"
                page.pdf(path=str(target), format="A4")
                out.append(target)
            finally:
                page.close()
        browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--styles", nargs="+", default=list(STYLES), choices=list(STYLES))
    args = parser.parse_args()
    gold = [json.loads(line) for line in (DATA / "gold.jsonl").read_text().splitlines()]
    gold = gold[: args.limit] if args.limit else gold
    results: dict[str, Any] = {"pages": len(gold), "machine": platform.processor() or "",
                               "styles": {}}  # fmt: skip
    with tempfile.TemporaryDirectory() as work:
        for style in args.styles:
            pdfs = print_all(gold, style, Path(work))
            row: dict[str, Any] = {}
            for name, extract in EXTRACTORS.items():
                found = ordered = total = pdf_pages = 0
                seconds = 0.0
                for info, pdf in zip(gold, pdfs, strict=True):
                    started = time.perf_counter()
                    try:
                        text = extract(pdf)
                    except Exception as error:  # a reader that fails scores nothing
                        text = f"({type(error).__name__})"
                    seconds += time.perf_counter() - started
                    hits, right = in_order(text, info["with"])
                    found, ordered, total = found + hits, ordered + right, total + len(info["with"])
                    pdf_pages += _page_count(pdf)
                row[name] = {"snippets": round(found / total, 3),
                             "pages_in_order": round(ordered / len(gold), 3),
                             "pdf_pages_per_s": round(pdf_pages / seconds, 1)}  # fmt: skip
                print(f"{style:6} {name:9} snippets {row[name]['snippets']:.3f}  "
                      f"in order {row[name]['pages_in_order']:.3f}  "
                      f"{row[name]['pdf_pages_per_s']:.1f} PDF pages/s", flush=True)  # fmt: skip
            results["styles"][style] = row
    stamp = dt.datetime.now().strftime("%Y-%m-%dT%H%M%S")
    out = ROOT / "benchmarks" / "results" / f"formats-{stamp}.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


def _page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf.read_bytes())).pages)


if __name__ == "__main__":
    main()
