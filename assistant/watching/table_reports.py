"""A watch's value from a table's cell, when no sentence of the window reports on it.

Some figures are only ever set in a table: the quota column of a survey's country table
("ECUADOR  0.26  0.26  0.210", in mln bpd), a flash's "WHEAT 14,070" under "U.S. EXPORT
INSPECTIONS, IN THOUS BUSHELS". The reader reads sentences, so a watch on them started
empty and took its first sentence as news, or missed every week (docs/quality.md, "What
would move it next", (1) and (5)). A cell answers when its row's label is a word of the
question ("Ecuador", "wheat"), so is its column's head when the table has several
("quota"), and the table, its caption and its headline carry the thing asked.
"""

from __future__ import annotations

from collections.abc import Collection

from assistant.records import Citation, Passage
from assistant.text.places import countries_in
from assistant.text.tables import UNIT_REACH, Cell, cells
from assistant.text.terms import plain_share, plain_terms
from assistant.watching.asking import asked_about
from assistant.watching.naming import without_asides
from assistant.watching.reports import ASKED_ABOUT, Report, Searcher
from assistant.watching.rivals import another_kind_of_series
from assistant.watching.spans import span_citation
from assistant.watching.wanted import Wanted

TABLE_PASSAGES = 10  # of the window's passages, the best this many are looked at for tables


def table_report(
    searcher: Searcher,
    question: str,
    *,
    date_from: object = None,
    date_to: object = None,
    among: Collection[str] | None = None,
    like: str = "",
    sure: float = 0.0,
) -> Report | None:
    """The first cell, in the search's order of the window's passages (from the articles
    ``among``, any if None), whose row and column the question names and whose value is of
    the kind asked (``wanted.Wanted``). A cell is read, not guessed, so it is reported as
    ``sure`` as the floor it had to clear."""
    wanted = Wanted.of(question, like)
    asked, about = frozenset(plain_terms(without_asides(question))), asked_about(question)
    found = searcher.search(question, k=TABLE_PASSAGES, date_from=date_from, date_to=date_to)
    for passage in found:
        if among is not None and passage.article_id not in among:
            continue
        for cell in cells(passage.text):
            value = " ".join(filter(None, (cell.figure, cell.unit)))
            if _answers(question, asked, about, cell, passage) and wanted.takes(value):
                return Report(value, _citation(passage, cell), sure)
    return None


def _answers(
    question: str, asked: frozenset[str], about: list[str], cell: Cell, passage: Passage
) -> bool:
    """Whether the question names the cell's row ("ECUADOR", not "TOTAL") and, when the
    table has several columns, its column ("QUOTA", not "CURRENT"), and the headline, the
    caption and the cell carry the thing asked, no rival kind of it (``rivals``: inspections
    for sales) and the countries the question names (``asked``: the question's plain terms,
    read once per search, not once per cell)."""
    row = plain_terms(cell.row)
    if not row or not set(row) <= asked:
        return False
    if cell.column and not set(plain_terms(cell.column)) <= asked:
        return False
    caption = passage.text[max(0, cell.table_start - UNIT_REACH) : cell.table_start]
    said = f"{passage.title} {caption} {cell.row} {cell.column}"
    if not countries_in(question) <= countries_in(said):
        return False  # a table of the EC's wheat crop for the Soviet Union's
    if another_kind_of_series(question, said):
        return False  # export inspections for the sales asked (fresh15's l11)
    return plain_share(about, said) >= ASKED_ABOUT


def _citation(passage: Passage, cell: Cell) -> Citation:
    """The table from its heads to the cell's row, the figure as the answer's span."""
    return span_citation(passage, (cell.table_start, cell.row_end), (cell.start, cell.end))
