"""Text from PDF pages: ours against pypdf's and pdfminer's plain extraction, in one run.

    python benchmarks/formats.py [--limit N] [--styles print two three]

The 141 real news pages of ``../shared/data/news-html`` (read in place) are printed to PDF
by Chromium (Debian's, through Playwright; every request the page makes is aborted, so
nothing is fetched): in their own print style, and with the page's headings and paragraphs
(in document order) laid out in two and in three justified columns under its first
heading (forcing CSS columns onto a whole real page made Chromium's print hang). Each
PDF's text is then read by
  pypdf        ``PdfReader.extract_text()`` page by page (the baseline: line order);
  pdfminer     ``pdfminer.high_level.extract_text`` with its default layout analysis;
  ours         ``assistant.ingest.pdf_format.read_pdf`` (reading order, page furniture).
For scans, the first page of each print-style PDF is rendered at 200 dpi (pypdfium2, as a
scanner gives it) and read by tesseract's own plain-text output (the baseline) and by ours
(``assistant.ingest.image_format``: word boxes into the same reading order); only the
snippets on that first page count there.
The score is the upstream gold's: a page's ``with`` snippets (the article's opening and
closing words, whitespace-normalised) must be in the text, and in order. Reported per
style and extractor: the share of snippets found (and of those the printed page shows at
all: Chromium's text of the page it printed), the share of pages with every snippet found
in order, and pages per second on this machine. Results go to
benchmarks/results/formats-*.json.
"""

from __future__ import annotations

import argparse
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

from _shared import ROOT, SHARED, write_results

DATA = SHARED / "news-html"
STYLES = {"print": 0, "two": 2, "three": 3}  # columns forced on the page's text (0: its own)
# the page's headings and paragraphs, in document order (what the column styles lay out)
BLOCKS = "Array.from(document.querySelectorAll('h1,h2,h3,p')).map(e => [e.tagName, e.innerText])"
CHOICES = [*STYLES, "scan"]
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


def scan_text(path: Path) -> str:
    from assistant.ingest.documents import Record
    from assistant.ingest.image_format import read_scan

    return "\n\n".join(r.text for r in read_scan(path, 200_000_000) if isinstance(r, Record))


def tesseract_text(path: Path) -> str:
    import os
    import subprocess

    from assistant.ingest.ocr import languages

    command = ["tesseract", str(path), "-", "-l", languages()]  # the packs ours reads with
    one_thread = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=one_thread)
    return done.stdout


SCAN_EXTRACTORS: dict[str, Extractor] = {"tesseract": tesseract_text, "ours": scan_text}


def rasterize(pdfs: list[Path], folder: Path) -> list[Path]:
    """The first page of each PDF as a 200 dpi greyscale PNG."""
    import pypdfium2

    out = []
    for pdf in pdfs:
        document = pypdfium2.PdfDocument(str(pdf))
        target = folder / f"scan-{pdf.stem}.png"
        document[0].render(scale=200 / 72).to_pil().convert("L").save(target)
        document.close()
        out.append(target)
    return out


def first_page_snippets(pdf: Path, snippets: list[str]) -> list[str]:
    """The gold snippets on the PDF's first page (what a one-page scan can hold), as
    pdfminer (neither of the scan readers compared) reads that page."""
    from pdfminer.high_level import extract_text

    first = normalise(str(extract_text(pdf, page_numbers=[0])))
    return [s for s in snippets if normalise(s) in first]


def columns_html(blocks: list[list[str]], columns: int) -> str:
    """The page's blocks as a news page: the first heading across the top, the rest in
    ``columns`` justified columns."""
    import html

    first = next((i for i, (tag, _) in enumerate(blocks) if tag == "H1"), None)
    head = f"<h1>{html.escape(blocks[first][1])}</h1>" if first is not None else ""
    rest = [b for i, b in enumerate(blocks) if i != first and b[1].strip()]
    body = "".join(f"<{t.lower()}>{html.escape(text)}</{t.lower()}>" for t, text in rest)
    style = (f"body{{font-family:serif;font-size:12px}} .c{{column-count:{columns};"
             "column-gap:2em;text-align:justify}}")  # fmt: skip
    page = f"{head}<div class=c>{body}</div>"
    return f"<html><head><style>{style}</style></head><body>{page}</body></html>"


def print_all(pages: list[dict[str, Any]], style: str, folder: Path) -> list[tuple[Path, str]]:
    """Each page printed by Chromium with the style's CSS added (and the text the printed
    page shows, to say which snippets a PDF can hold at all); nothing is fetched."""
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
                    blocks = page.evaluate(BLOCKS)
                    page.set_content(columns_html(blocks, STYLES[style]), wait_until="load")
                target = folder / f"{style}-{Path(page_info['file']).stem}.pdf"
                page.pdf(path=str(target), format="A4")
                out.append((target, str(page.evaluate("document.body.innerText"))))
            finally:
                page.close()
        browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--styles", nargs="+", default=CHOICES, choices=CHOICES)
    args = parser.parse_args()
    gold = [json.loads(line) for line in (DATA / "gold.jsonl").read_text().splitlines()]
    gold = gold[: args.limit] if args.limit else gold
    results: dict[str, Any] = {"pages": len(gold), "machine": platform.processor() or "",
                               "styles": {}}  # fmt: skip
    with tempfile.TemporaryDirectory() as work:
        printed: dict[str, list[tuple[Path, str]]] = {}
        for style in args.styles:
            if style == "scan":
                done = printed.get("print") or print_all(gold, "print", Path(work))
                pdfs = [pdf for pdf, _ in done]
                images = rasterize(pdfs, Path(work))
                pairs = [({**info, "with": first_page_snippets(pdf, info["with"])}, image)
                         for info, pdf, image in zip(gold, pdfs, images, strict=True)]  # fmt: skip
                results["styles"]["scan"] = score("scan", pairs, SCAN_EXTRACTORS)
                continue
            printed[style] = print_all(gold, style, Path(work))
            pairs = [({**info, "printed": shown}, pdf)
                     for info, (pdf, shown) in zip(gold, printed[style], strict=True)]  # fmt: skip
            results["styles"][style] = score(style, pairs, EXTRACTORS)
    out = write_results("formats", results)
    print(f"wrote {out.relative_to(ROOT)}")


def score(
    style: str, pairs: list[tuple[dict[str, Any], Path]], extractors: dict[str, Extractor]
) -> dict[str, Any]:
    """Each extractor's share of snippets found, of pages in order, and pages per second."""
    row: dict[str, Any] = {}
    counted = [(info, file) for info, file in pairs if info["with"]]
    for name, extract in extractors.items():
        found = ordered = total = pages = shown = shown_found = 0
        seconds = 0.0
        for info, file in counted:
            started = time.perf_counter()
            try:
                text = extract(file)
            except Exception as error:  # a reader that fails scores nothing
                text = f"({type(error).__name__})"
            seconds += time.perf_counter() - started
            hits, right = in_order(text, info["with"])
            found, ordered, total = found + hits, ordered + right, total + len(info["with"])
            held = [s for s in info["with"] if normalise(s) in normalise(info.get("printed", ""))]
            shown, shown_found = shown + len(held), shown_found + in_order(text, held)[0]
            pages += _page_count(file) if file.suffix == ".pdf" else 1
        row[name] = {"snippets": round(found / max(total, 1), 3),
                     "of_printed": round(shown_found / shown, 3) if shown else None,
                     "pages_in_order": round(ordered / max(len(counted), 1), 3),
                     "pages_per_s": round(pages / max(seconds, 1e-9), 2),
                     "documents": len(counted)}  # fmt: skip
        print(f"{style:6} {name:9} snippets {row[name]['snippets']:.3f} (of those the "
              f"printed page shows: {row[name]['of_printed']})  in order "
              f"{row[name]['pages_in_order']:.3f}  {row[name]['pages_per_s']:.2f} pages/s "
              f"({len(counted)} documents)", flush=True)  # fmt: skip
    return row


def _page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf.read_bytes())).pages)


if __name__ == "__main__":
    main()
