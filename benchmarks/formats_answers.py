"""Answers from every format: do our readers keep what a question needs, in one run?

    python benchmarks/formats_answers.py [--limit N] [--formats txt pdf ...] [--keep DIR]

The first N (60) answerable questions of ``tests/eval/news.jsonl`` whose article is in
``../shared/data`` (Reuters-21578, BBC News; read in place), one question per article,
are asked of N articles written in each format by the program that writes it:
  txt    title line, date line, the paragraphs (the baseline: nothing to lose);
  pdf    a news page (h1 title, source and date, paragraphs; running head, page numbers)
         printed by Chromium (Debian's, through Playwright; one browser for all; nothing
         is fetched), as ``tests/documents.py`` prints its pages;
  scan   each PDF page rendered at 200 dpi greyscale by pypdfium2, a multi-page TIFF;
  nitf   IPTC NITF 3.6 (the template of ``tests/documents.py``, filled): headline,
         issue date, copyright holder, dateline, paragraphs;
  docx   python-docx: core title, author and creation date, a heading, paragraphs;
  eml    the standard library's ``EmailMessage``: Subject, Date, a news desk's From, the
         paragraphs as the plain-text body.
Every format carries the article's title and its date where the corpus has one (BBC
News has none; a Word file then gets no creation date, so no format dates it). Each
format gets a fresh index in a temporary folder (the real embedder and reader, default
settings) and the questions; answers are scored as ``assistant eval`` scores them
(SQuAD F1 and EM, a decline 0; cited: a cited passage of the gold article holds the
answer). Reported per format: F1, EM, the F1 difference to .txt against the issue's
bound (0.03; scans 0.08), the share of titles and dates read as written, the files that
gave no article, and the seconds to ingest. Results go to
benchmarks/results/formats-answers-*.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import html
import json
import platform
import re
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from _shared import ROOT, corpus_files, write_results

sys.path.insert(0, str(ROOT / "tests"))
NEWS = ROOT / "tests" / "eval" / "news.jsonl"
SUFFIXES = {"txt": ".txt", "pdf": ".pdf", "scan": ".tif", "nitf": ".xml", "docx": ".docx",
            "eml": ".eml"}  # fmt: skip
BOUND = {"scan": 0.08}  # the issue's largest F1 loss against .txt; 0.03 for the others
SOURCES = {"reuters21578": ("Reuters", "reuters.example"), "bbc-news": ("BBC News", "bbc.example")}
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=[ \t])")  # BBC's blank lines, Reuters' indented lines
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Story:
    """One article as every format writes it."""

    key: str  # the file stem: ``07-reuters21578-12025``
    doc_id: str
    title: str
    date: dt.datetime | None
    dateline: str  # Reuters' "LONDON, April 1 -": it opens the text (NITF: its own element)
    paragraphs: tuple[str, ...]
    source: str
    domain: str

    @property
    def day(self) -> str:
        """ "1 April 1987" (or "")."""
        return f"{self.date.day} {self.date:%B %Y}" if self.date else ""

    @property
    def body(self) -> list[str]:
        """The paragraphs with the dateline opening the first."""
        first, *rest = self.paragraphs
        return [f"{self.dateline} {first}" if self.dateline else first, *rest]


def _story(number: int, doc_id: str, record: dict[str, Any]) -> Story:
    from assistant.text.dates import parse_date

    text = _CONTROL.sub("", str(record["text"]))
    paragraphs = tuple(p for p in (" ".join(b.split()) for b in _PARAGRAPH.split(text)) if p)
    raw = str(record.get("date") or "")
    try:
        date: dt.datetime | None = dt.datetime.strptime(raw[:20], "%d-%b-%Y %H:%M:%S")
    except ValueError:
        day = parse_date(raw) if raw else None
        date = dt.datetime.combine(day, dt.time(12)) if day else None
    source, domain = SOURCES[doc_id.split("/", 1)[0]]
    title = " ".join(_CONTROL.sub("", str(record["title"])).split())
    return Story(key=f"{number:02d}-{doc_id.replace('/', '-')}", doc_id=doc_id, title=title,
                 date=date.replace(tzinfo=dt.UTC) if date else None,
                 dateline=" ".join(str(record.get("dateline") or "").split()),
                 paragraphs=paragraphs, source=source, domain=domain)  # fmt: skip


def select(limit: int) -> list[tuple[Any, Story]]:
    """The first ``limit`` answerable questions whose article is in the corpora, one per
    article, each with its article."""
    from assistant.evaluation.datasets import load_items

    items = [i for i in load_items(NEWS) if i.answerable and i.doc_id]
    wanted = {str(i.doc_id) for i in items}
    records: dict[str, dict[str, Any]] = {}
    for file in corpus_files():
        with file.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if (doc_id := f"{file.stem}/{record['id']}") in wanted and record.get("text"):
                    records[doc_id] = record
    chosen: list[tuple[Any, Story]] = []
    for item in items:
        if item.doc_id in records and all(s.doc_id != item.doc_id for _, s in chosen):
            chosen.append((item, _story(len(chosen) + 1, str(item.doc_id), records[item.doc_id])))
    return chosen[:limit]


# -- the writers -------------------------------------------------------------------------


def write_txt(story: Story, path: Path) -> None:
    head = "\n".join(line for line in (story.title, story.day) if line)
    path.write_text(head + "\n\n" + "\n\n".join(story.body) + "\n", encoding="utf-8")


def write_nitf(story: Story, path: Path) -> None:
    from documents import NITF

    def esc(value: str) -> str:
        return html.escape(value, quote=True)

    issue = f'<date.issue norm="{story.date:%Y%m%dT%H%M%SZ}"/>' if story.date else ""
    dateline = f"<dateline>{esc(story.dateline)}</dateline>" if story.dateline else ""
    filled = {
        "<title>Port strike ends</title>": f"<title>{esc(story.title)}</title>",
        "AFP-20240603-0001": esc(story.key),
        '<date.issue norm="20240603T093000Z"/>': issue,
        "Agence France-Presse": esc(story.source),
        "<hl1>Tema dockers end nine-day strike</hl1>": f"<hl1>{esc(story.title)}</hl1>",
        "<byline>By Kwame Mensah</byline>": "",
        "<dateline><location>TEMA, Ghana</location>, June 3</dateline>": dateline,
        "<p>{lead}</p><p>{more}</p>": "".join(f"<p>{esc(p)}</p>" for p in story.paragraphs),
    }
    document = NITF
    for old, new in filled.items():
        if old not in document:
            sys.exit(f"tests/documents.py's NITF template no longer holds {old!r}")
        document = document.replace(old, new)
    path.write_text(document, encoding="utf-8")


def write_docx(story: Story, path: Path) -> None:
    from docx import Document
    from docx.oxml.ns import qn

    document = Document()
    core = document.core_properties
    core.title, core.author = story.title, story.source
    if story.date:
        core.created = story.date
    else:  # the template's own (2013) would date an undated article
        element = core._element  # python-docx has no way to unset it
        if (created := element.find(qn("dcterms:created"))) is not None:
            element.remove(created)
    document.add_heading(story.title, level=1)
    document.add_paragraph(", ".join(p for p in (story.source, story.day) if p))
    for paragraph in story.body:
        document.add_paragraph(paragraph)
    document.save(str(path))


def write_eml(story: Story, path: Path) -> None:
    message = EmailMessage()
    message["Subject"] = story.title
    message["From"] = f"{story.source} <newsdesk@{story.domain}>"
    message["To"] = "newsroom@example.com"
    if story.date:
        message["Date"] = email.utils.format_datetime(story.date)
    message["Message-ID"] = f"<{story.key}@{story.domain}>"
    message.set_content("\n\n".join(story.body) + "\n")
    path.write_bytes(bytes(message))


def print_pdfs(stories: list[Story], folder: Path) -> None:
    """Every story printed as an A4 news page, one Chromium for all (``print_pdf``'s page)."""
    from app_process import CHROMIUM, CHROMIUM_ARGS
    from documents import FOOTER, HEADER, article_html
    from playwright.sync_api import sync_playwright

    margin: Any = {"top": "25mm", "bottom": "25mm", "left": "18mm", "right": "18mm"}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS)  # fmt: skip
        context = browser.new_context(java_script_enabled=False)
        context.route("**/*", lambda route: route.abort())
        try:
            for story in stories:
                byline = ", ".join(p for p in (story.source, story.day) if p)
                page = context.new_page()
                page.set_content(article_html(story.title, byline, story.body), wait_until="load")
                page.pdf(path=str(folder / f"{story.key}.pdf"), format="A4", margin=margin,
                         display_header_footer=True, header_template=HEADER,
                         footer_template=FOOTER)  # fmt: skip
                page.close()
        finally:
            browser.close()


def scan_pdfs(stories: list[Story], pdfs: Path, folder: Path) -> None:
    """Each PDF's pages at 200 dpi greyscale, one multi-page TIFF per story."""
    import pypdfium2

    for story in stories:
        document = pypdfium2.PdfDocument(str(pdfs / f"{story.key}.pdf"))
        images = [page.render(scale=200 / 72).to_pil().convert("L") for page in document]
        document.close()
        images[0].save(folder / f"{story.key}.tif", save_all=True, append_images=images[1:],
                       compression="tiff_lzw", dpi=(200, 200))  # fmt: skip


WRITERS = {"txt": write_txt, "nitf": write_nitf, "docx": write_docx, "eml": write_eml}


def write_all(stories: list[Story], formats: list[str], work: Path) -> dict[str, Path]:
    folders = {f: work / f for f in formats}
    for name, writer in WRITERS.items():
        if name in folders:
            folders[name].mkdir(parents=True)
            for story in stories:
                writer(story, folders[name] / f"{story.key}{SUFFIXES[name]}")
    if {"pdf", "scan"} & set(formats):
        pdfs = work / "pdf"
        pdfs.mkdir(parents=True, exist_ok=True)
        print_pdfs(stories, pdfs)
        if "scan" in folders:
            folders["scan"].mkdir(parents=True)
            scan_pdfs(stories, pdfs, folders["scan"])
    return folders


# -- asking --------------------------------------------------------------------------------


def _same(a: str, b: str) -> bool:
    """Titles compare as words, case and quote style aside (OCR reads ' as a curly one)."""
    fold = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")
    return " ".join(a.translate(fold).split()).casefold() == " ".join(b.split()).casefold()


def ask_format(
    name: str, folder: Path, pairs: list[tuple[Any, Story]], work: Path, embedder: Any
) -> tuple[dict[str, Any], Any]:
    """A fresh index of ``folder``'s files, the questions asked of it, the answers scored."""
    from assistant.config import Settings
    from assistant.evaluation.metrics import score_item
    from assistant.facade import Assistant

    settings = Settings.from_env(index_dir=work / f"index-{name}", corpus_dir=folder)
    assistant = Assistant(settings, embedder=embedder)
    embedder = assistant.embedder  # loaded once, before the clock starts: shared by all
    started = time.perf_counter()
    report = assistant.ingest([folder])
    ingest_s = time.perf_counter() - started
    entries: dict[str, list[Any]] = {}
    for entry in assistant.articles():
        entries.setdefault(Path(entry.path.split("#")[0]).stem, []).append(entry)
    stories = [story for _, story in pairs]
    unread = [s.key for s in stories if s.key not in entries]
    titles = sum(any(_same(e.title, s.title) for e in entries.get(s.key, [])) for s in stories)
    dated = [s for s in stories if s.date]
    dates = sum(any(e.date == f"{s.date:%Y-%m-%d}" for e in entries.get(s.key, []))
                for s in dated if s.date)  # fmt: skip
    undated = sum(all(e.date is None for e in entries.get(s.key, [])) for s in stories
                  if not s.date and s.key in entries)  # fmt: skip
    rows, started = [], time.perf_counter()
    for item, story in pairs:
        ids = [e.id for e in entries.get(story.key, [])] or ["(unread)"]
        gold = replace(item, doc_id=ids[0], duplicates=tuple(ids[1:]))
        answer, retrieved = assistant.run(item.question)
        rows.append(score_item(gold, answer, retrieved.passages))
    ask_s = time.perf_counter() - started
    n = max(len(rows), 1)
    result = {
        "f1": round(sum(r.f1 for r in rows) / n, 4),
        "em": round(sum(r.em for r in rows) / n, 4),
        "cited": round(sum(r.cited for r in rows) / n, 4),
        "declined": sum(r.abstained for r in rows),
        "titles_kept": f"{titles}/{len(stories)}",
        "dates_kept": f"{dates}/{len(dated)}",
        "undated_left_undated": f"{undated}/{len(stories) - len(dated)}",
        "articles": sum(len(v) for v in entries.values()),
        "unread_files": unread,
        "problems": [f"{Path(p.path).name}: {p.message}" for p in report.problems],
        "ingest_s": round(ingest_s, 1),
        "ask_s_per_question": round(ask_s / n, 2),
        "answers": [
            {"id": r.id, "prediction": r.prediction, "f1": round(r.f1, 3), "cited": r.cited}
            for r in rows
        ],
    }
    return result, embedder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=60, help="questions (one per article)")
    parser.add_argument("--formats", nargs="+", default=list(SUFFIXES), choices=list(SUFFIXES))
    parser.add_argument("--keep", type=Path, help="write the files here (kept) for a look")
    args = parser.parse_args()
    formats = ["txt", *[f for f in args.formats if f != "txt"]]  # .txt: always the baseline
    pairs = select(args.limit)
    if len(pairs) < args.limit:
        print(f"only {len(pairs)} questions have their article in ../shared/data")
    stories = [story for _, story in pairs]
    results: dict[str, Any] = {"questions": len(pairs), "machine": platform.processor() or "",
                               "articles": [s.doc_id for s in stories], "formats": {}}  # fmt: skip
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="formats-answers-") as temporary:
        work = args.keep or Path(temporary)
        started = time.perf_counter()
        folders = write_all(stories, formats, work)
        results["write_s"] = round(time.perf_counter() - started, 1)
        print(f"wrote {len(stories)} articles as {', '.join(formats)} "
              f"in {results['write_s']} s", flush=True)  # fmt: skip
        embedder = None
        for name in formats:
            row, embedder = ask_format(name, folders[name], pairs, Path(temporary), embedder)
            results["formats"][name] = row
            print(f"{name:5} F1 {row['f1']:.3f}  EM {row['em']:.3f}  cited {row['cited']:.3f}  "
                  f"titles {row['titles_kept']}  dates {row['dates_kept']}  unread "
                  f"{len(row['unread_files'])}  ingest {row['ingest_s']} s",
                  flush=True)  # fmt: skip
    baseline = results["formats"]["txt"]["f1"]
    for name, row in results["formats"].items():
        row["f1_vs_txt"] = round(row["f1"] - baseline, 4)
        row["bound"] = BOUND.get(name, 0.03)
        row["within_bound"] = baseline - row["f1"] <= row["bound"]
    results["wall_s"] = round(time.perf_counter() - began, 1)
    print_table(results)
    out = write_results("formats-answers", results)
    print(f"wrote {out.relative_to(ROOT)} ({results['wall_s']} s in all)")


def print_table(results: dict[str, Any]) -> None:
    print(f"\n{results['questions']} questions, one article each")
    print(
        "| format | F1 | EM | F1 - .txt (bound) | gold cited | titles | dates | unread | ingest s |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, row in results["formats"].items():
        bound = f"{row['f1_vs_txt']:+.3f} ({'within' if row['within_bound'] else 'OVER'} "
        print(f"| {name} | {row['f1']:.3f} | {row['em']:.3f} | {bound}{row['bound']}) | "
              f"{row['cited']:.3f} | {row['titles_kept']} | {row['dates_kept']} | "
              f"{len(row['unread_files'])} | {row['ingest_s']} |")  # fmt: skip


if __name__ == "__main__":
    main()
