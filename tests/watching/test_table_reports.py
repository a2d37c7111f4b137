"""A watch's value from a table's cell (``watching.table_reports``), and a watch that starts
and moves on tables alone (``checks``). No model: the window's passages are written here, in
the wires' layout (the figures are made up), and handed back by the window asked."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.config import Settings
from assistant.records import ArticleEntry, Offer, Passage
from assistant.watching.checks import check_answer, first_state
from assistant.watching.table_reports import table_report
from assistant.watching.watch_store import make_watch
from assistant.watching.watches import AlertKind, WatchKind

QUOTA = "What is Ruritania's OPEC oil production quota?"
WHEAT = "How much U.S. wheat was inspected for export in the latest week?"
SURVEY = (
    "Production by member is as follows, in\n"
    "mln bpd -\n"
    " MEMBER         CURRENT        JANUARY     QUOTA\n"
    " RURITANIA      0.31           0.29        0.250\n"
    " FREEDONIA      1.62           1.70        1.575\n"
    " TOTAL          1.93           1.99        1.825\n"
)
SURVEY_TITLE = "OPEC OUTPUT SEEN BELOW CEILING IN SURVEY"


def _flash(wheat: str) -> str:
    return f"U.S. EXPORT INSPECTIONS, IN THOUS BUSHELS SOYBEANS 18,111 WHEAT {wheat} CORN 22,222"


def _passage(article: str, day: str, text: str, title: str = "") -> Passage:
    return Passage(chunk_id=f"{article}:3", article_id=article, title=title or text, date=day,
                   source="wire", text=text, start=400, end=400 + len(text),
                   score=1.0)  # fmt: skip


@dataclass
class Tables:
    """No sentence answers; the passages dated in the window are searched."""

    made: list[Passage]
    settings: Settings = field(default_factory=lambda: Settings(abstain_below=0.5))

    def offers(self, question: str, *, date_from: object = None,
               date_to: object = None) -> list[Offer]:  # fmt: skip
        return []

    def search(self, question: str, k: int = 5, *, date_from: object = None,
               date_to: object = None) -> list[Passage]:  # fmt: skip
        low, high = str(date_from or "0000"), str(date_to or "9999")
        return [p for p in self.made if low <= (p.date or "") <= high][:k]


SURVEYED = _passage("survey", "1987-03-05", SURVEY, SURVEY_TITLE)


def test_the_cell_under_the_column_asked_on_the_row_asked_answers() -> None:
    found = table_report(Tables([SURVEYED]), QUOTA, sure=0.6)
    assert found is not None
    assert (found.value, found.confidence) == ("0.250 mln bpd", 0.6)
    cited = found.citation
    assert cited.quote.startswith(" MEMBER") and cited.quote.endswith("0.250")
    assert SURVEY[cited.answer_start - 400 : cited.answer_end - 400] == "0.250"
    table = (SURVEY.index(" MEMBER"), SURVEY.index("\n FREE"))
    assert (cited.start, cited.end) == (400 + table[0], 400 + table[1])


def test_another_row_or_another_column_does_not_answer() -> None:
    tables = Tables([SURVEYED])
    assert table_report(tables, "What is Lilliput's OPEC oil production quota?") is None
    assert table_report(tables, "What is OPEC's oil production quota?") is None  # "TOTAL"
    assert table_report(tables, "What is Ruritania's oil production?") is None  # no column
    assert table_report(tables, "What is Ruritania's tin export quota?") is None  # not oil


def test_only_the_articles_among_those_given_and_a_value_of_the_kind_held() -> None:
    tables = Tables([SURVEYED])
    assert table_report(tables, QUOTA, among={"other"}) is None
    assert table_report(tables, QUOTA, like="7-1/2 pct") is None  # a rate held, a bpd found
    assert table_report(tables, QUOTA, like="210,000 bpd") is not None


def test_a_flash_row_answers_with_its_unit() -> None:
    found = table_report(Tables([_passage("flash", "1987-03-02", _flash("12,345"))]), WHEAT)
    assert found is not None and found.value == "12,345 thousand bushels"


def test_a_flash_of_inspections_does_not_answer_the_sales_asked() -> None:
    """Grain inspected for export is not grain sold for it (fresh15's l11, read after its
    blind run: the week's inspections taken for soybeans' net sales)."""
    tables = Tables([_passage("flash", "1987-03-02", _flash("12,345"))])
    sold = "How much U.S. wheat was sold for export (net sales) in the latest week?"
    assert table_report(tables, sold) is None


def test_a_table_that_does_not_name_the_country_asked_does_not_answer() -> None:
    tables = Tables([_passage("flash", "1987-03-02", _flash("12,345"))])
    assert table_report(tables, WHEAT.replace("U.S.", "Canadian")) is None


def test_a_watch_starts_from_a_table_and_alerts_the_next_weeks_row() -> None:
    first = _passage("w1", "1987-03-02", _flash("12,345"))
    second = _passage("w2", "1987-03-09", _flash("16,789"))
    tables = Tables([first, second])
    watch = first_state(tables, make_watch(WHEAT, WatchKind.ANSWER), as_of="1987-03-02")
    assert watch.answer == "12,345 thousand bushels"
    entry = ArticleEntry("w2", second.title, "1987-03-09", "wire", "", "", "", 1, True)
    moved, alert = check_answer(tables, watch, [entry])
    assert alert is not None and alert.kind is AlertKind.ANSWER_CHANGED
    assert (alert.old_answer, alert.new_answer) == ("12,345 thousand bushels",
                                                    "16,789 thousand bushels")  # fmt: skip
    assert moved.answer == "16,789 thousand bushels"
    again, none = check_answer(tables, moved, [entry])
    assert none is None and again.answer == moved.answer
