"""Main text and date of real news pages: the hand-written extractor, trafilatura, ours.

    python benchmarks/extraction.py [--data ../shared/data/news-html]

The test set (``../shared/data/news-html``, read in place, never copied here) is 141 real
news pages with gold snippets from trafilatura's own evaluation: ``with`` snippets must be
in the extracted main text, ``without`` snippets (navigation, teasers, boilerplate) must
not; 120 pages also have a gold publication date. Scoring, as upstream plus Unicode NFC:
snippet and text are whitespace-normalised, a snippet counts when it is a substring, and
a page is fully right when every ``with`` snippet is found and no ``without`` one is.

Extractors, each given the page's gold URL as a fetch would know it:
  hand-written  assistant.ingest.html_text.html_to_document (visible text, meta date);
  trafilatura   trafilatura.extract with its defaults and include_comments=False (as the
                upstream evaluation runs it); the date is trafilatura's own metadata date
                (htmldate with original_date=True). htmldate.find_date with its own
                defaults is shown on a line of its own (dates only);
  ours          assistant.ingest.web_extract.extract_page.
They take turns on each page, so a busy machine slows them alike; one untimed page first
warms each up (htmldate loads dateparser on first use). Results go to
benchmarks/results/extraction-*.json, with the pages ours still gets wrong.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import platform
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from _shared import ROOT, SHARED

DATA = SHARED / "news-html"
Extractor = Callable[[str, str], tuple[str, str]]  # (markup, url) -> (text, yyyy-mm-dd)


def normalise(text: str) -> str:
    """Whitespace folded to single spaces, then Unicode NFC (how text and snippets compare)."""
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", text).strip())


def page_ok(text: str, gold: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The page's ``with`` snippets missing from ``text`` and its ``without`` snippets in it."""
    have = normalise(text)
    missed = [s for s in gold.get("with", []) if normalise(s) not in have]
    leaked = [s for s in gold.get("without", []) if normalise(s) in have]
    return missed, leaked


def load_pages(folder: Path) -> list[dict[str, Any]]:
    """Gold records of ``gold.jsonl``, each with its page's markup under ``markup``."""
    pages = []
    with open(folder / "gold.jsonl", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                gold = json.loads(line)
                gold["markup"] = (folder / gold["file"]).read_bytes().decode("utf-8", "replace")
                pages.append(gold)
    return pages


@dataclass
class Figures:
    """How one extractor did on a set of pages."""

    pages: int = 0
    pages_right: int = 0
    with_total: int = 0
    with_found: int = 0
    without_total: int = 0
    without_leaked: int = 0
    dated: int = 0
    dates_right: int = 0
    seconds: float = 0.0
    wrong: list[dict[str, Any]] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.pages_right / self.pages if self.pages else 0.0

    @property
    def date_share(self) -> float:
        return self.dates_right / self.dated if self.dated else 0.0

    def add(self, gold: dict[str, Any], text: str, date: str, seconds: float) -> None:
        missed, leaked = page_ok(text, gold)
        self.pages += 1
        self.pages_right += not missed and not leaked
        self.with_total += len(gold.get("with", []))
        self.with_found += len(gold.get("with", [])) - len(missed)
        self.without_total += len(gold.get("without", []))
        self.without_leaked += len(leaked)
        date_wrong = "date" in gold and date != gold["date"]
        if "date" in gold:
            self.dated += 1
            self.dates_right += not date_wrong
        self.seconds += seconds
        if missed or leaked or date_wrong:
            self.wrong.append(
                {
                    "file": gold["file"],
                    "url": gold["url"],
                    "missed": missed,
                    "leaked": leaked,
                    "gold_date": gold.get("date"),
                    "date": date,
                }
            )

    def summary(self) -> dict[str, Any]:
        out = {k: v for k, v in asdict(self).items() if k != "wrong"}
        out["share"] = round(self.share, 4)
        out["date_share"] = round(self.date_share, 4)
        out["seconds_per_page"] = round(self.seconds / self.pages, 4) if self.pages else None
        return out


def score(extract: Extractor, pages: list[dict[str, Any]]) -> Figures:
    """One extractor over ``pages`` (timed page by page)."""
    figures = Figures()
    for gold in pages:
        started = time.perf_counter()
        text, date = extract(gold["markup"], gold["url"])
        figures.add(gold, text, date, time.perf_counter() - started)
    return figures


# --- the extractors --------------------------------------------------------------------


def _meta_day(value: str) -> str:
    """yyyy-mm-dd from the start of an ISO date, or from Unix seconds; else ""."""
    value = (value or "").strip()
    if re.fullmatch(r"\d{9,10}", value):
        return dt.datetime.fromtimestamp(int(value), dt.UTC).date().isoformat()
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    return "-".join(match.groups()) if match else ""


def hand_written(markup: str, url: str) -> tuple[str, str]:
    from assistant.ingest.html_text import html_to_document

    document = html_to_document(markup)
    return document.text, _meta_day(document.meta.get("date", ""))


def trafilatura_defaults(markup: str, url: str) -> tuple[str, str]:
    import trafilatura

    text = trafilatura.extract(markup, url=url, include_comments=False) or ""
    metadata = trafilatura.extract_metadata(markup, default_url=url)
    return text, (metadata.date or "") if metadata is not None else ""


def htmldate_defaults(markup: str, url: str) -> tuple[str, str]:
    import htmldate

    return "", htmldate.find_date(markup, url=url) or ""


def ours(markup: str, url: str) -> tuple[str, str]:
    from assistant.ingest.web_extract import extract_page

    page = extract_page(markup, url)
    return page.text, page.date


EXTRACTORS: dict[str, Extractor] = {
    "hand-written": hand_written,
    "trafilatura defaults": trafilatura_defaults,
    "htmldate.find_date defaults (dates only)": htmldate_defaults,
    "ours": ours,
}
DATES_ONLY = {"htmldate.find_date defaults (dates only)"}


def run(pages: list[dict[str, Any]]) -> tuple[dict[str, Figures], dict[str, Figures]]:
    """Every extractor on every page, taking turns; plus ours on even and odd pages."""
    for extract in EXTRACTORS.values():  # warm-up, untimed
        extract(pages[0]["markup"], pages[0]["url"])
    figures = {name: Figures() for name in EXTRACTORS}
    halves = {"even": Figures(), "odd": Figures()}
    for n, gold in enumerate(pages):
        names = list(EXTRACTORS)
        for name in names[n % len(names) :] + names[: n % len(names)]:
            started = time.perf_counter()
            text, date = EXTRACTORS[name](gold["markup"], gold["url"])
            seconds = time.perf_counter() - started
            figures[name].add(gold, text, date, seconds)
            if name == "ours":
                number = int(re.sub(r"\D", "", Path(gold["file"]).stem) or 0)
                halves["even" if number % 2 == 0 else "odd"].add(gold, text, date, seconds)
    return figures, halves


def table(figures: dict[str, Figures], halves: dict[str, Figures]) -> str:
    rows = [
        '| extractor | pages fully right | "with" found | "without" leaked | dates right '
        "| s/page |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, f in figures.items():
        per_page = f.seconds / f.pages
        if name in DATES_ONLY:
            rows.append(f"| {name} | – | – | – | {f.dates_right}/{f.dated} | {per_page:.3f} |")
            continue
        rows.append(
            f"| {name} | {f.share:.3f} ({f.pages_right}/{f.pages}) | {f.with_found}/{f.with_total}"
            f" | {f.without_leaked}/{f.without_total} | {f.dates_right}/{f.dated} "
            f"({f.date_share:.3f}) | {per_page:.3f} |"
        )
    for half, f in halves.items():
        rows.append(
            f"| ours, {half} pages | {f.share:.3f} ({f.pages_right}/{f.pages}) | "
            f"{f.with_found}/{f.with_total} | {f.without_leaked}/{f.without_total} | "
            f"{f.dates_right}/{f.dated} ({f.date_share:.3f}) | {f.seconds / f.pages:.3f} |"
        )
    return "\n".join(rows)


def _counts(wrong: dict[str, Any]) -> dict[str, Any]:
    """A wrong page as counts: the gold snippets stay in ../shared, out of the repository."""
    return {
        "file": wrong["file"],
        "missed": len(wrong["missed"]),
        "leaked": len(wrong["leaked"]),
        "gold_date": wrong["gold_date"],
        "date": wrong["date"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DATA, help="the news-html folder")
    args = parser.parse_args()
    if not (args.data / "gold.jsonl").exists():
        sys.exit(f"{args.data} has no gold.jsonl; the benchmark needs ../shared/data/news-html.")
    for name in ("trafilatura", "htmldate"):  # their per-page warnings are not our output
        logging.getLogger(name).setLevel(logging.CRITICAL)

    pages = load_pages(args.data)
    print(f"{len(pages)} pages, {sum('date' in p for p in pages)} with a gold date", flush=True)
    figures, halves = run(pages)
    print()
    print(table(figures, halves))
    wrong = figures["ours"].wrong
    print(f"\nours still wrong on {len(wrong)} pages:")
    for item in wrong:
        date = ""
        if item["gold_date"] not in (None, item["date"]):
            date = f" date {item['date'] or '-'} (gold {item['gold_date']})"
        print(f"  {item['file']}: missed {item['missed']} leaked {item['leaked']}{date}")

    import htmldate
    import trafilatura

    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H%M%S")
    summary = {
        "when": when,
        "data": str(args.data),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "trafilatura": trafilatura.__version__,
            "htmldate": htmldate.__version__,
        },
        "extractors": {name: f.summary() for name, f in figures.items()},
        "ours_halves": {half: f.summary() for half, f in halves.items()},
        "ours_wrong": [_counts(w) for w in wrong],
    }
    out = ROOT / "benchmarks" / "results" / f"extraction-{when}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
