"""Where a new watch starts (``checks.first_state``): the report that answers it in the
narrowest of the widening windows back from its day (a week, a month and its weeks, a
year and its months, all before) that holds one; and what a new day's reports change
(``checks.check_answer``). No model: the reader's offers are written out with their days
and handed back by the window asked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from assistant.config import Settings
from assistant.records import ArticleEntry, Citation, Offer, Passage
from assistant.watching.checks import (
    LOOK_BACK_DAYS,
    START_FLOOR,
    check_answer,
    first_state,
    start_windows,
)
from assistant.watching.watch_store import make_watch
from assistant.watching.watches import Quote, Watch, WatchKind

BANKS = "What prime rate are most major U.S. banks posting?"


def _offer(day: str, rate: str, sure: float, article: str = "", *, week: str = "") -> Offer:
    quote = f"Most major U.S. banks are now posting a {rate} rate{week}."
    at = quote.index(rate)
    cited = Citation(n=1, article_id=article or f"wire-{day}", title="", date=day, source="wire",
                     text=quote, chunk_start=100, quote=quote, start=100,
                     end=100 + len(quote), score=1.0, answer_start=100 + at,
                     answer_end=100 + at + len(rate))  # fmt: skip
    return Offer(rate, cited, sure)


@dataclass
class Dated:
    """Hands back the written offers dated in the window asked, and notes each window."""

    made: list[Offer]
    settings: Settings = field(default_factory=lambda: Settings(abstain_below=0.5))
    windows: list[tuple[object, object]] = field(default_factory=list)
    said: list[Passage] = field(default_factory=list)  # what a search finds, by its day

    def offers(
        self, question: str, *, date_from: object = None, date_to: object = None
    ) -> list[Offer]:
        self.windows.append((date_from, date_to))
        low, high = str(date_from or "0000"), str(date_to or "9999")
        return [o for o in self.made if low <= o.citation.date <= high]

    def search(self, question: str, k: int = 5, *, date_from: object = None,
               date_to: object = None) -> list[Passage]:  # fmt: skip
        low, high = str(date_from or "0000"), str(date_to or "9999")
        return [p for p in self.said if low <= str(p.date) <= high]


def _start(reader: Dated, as_of: str | None) -> str:
    return first_state(reader, make_watch(BANKS, WatchKind.ANSWER), as_of=as_of).answer


def test_a_report_weeks_back_is_read_in_the_month_before() -> None:
    reader = Dated([_offer("1987-03-10", "7-1/2 pct", 0.9)])
    assert _start(reader, "1987-03-31") == "7-1/2 pct"
    day = dt.date(1987, 3, 31)
    assert LOOK_BACK_DAYS[:3] == (0, 7, 31)  # the day, the week, the month
    assert reader.windows == [(day - dt.timedelta(days=n), day) for n in LOOK_BACK_DAYS[:3]]


def test_a_report_of_the_day_itself_is_the_start_before_the_week_is_read() -> None:
    reader = Dated(
        [_offer("1987-03-26", "7-1/2 pct", 0.99), _offer("1987-03-31", "7-3/4 pct", 0.8)]
    )
    assert _start(reader, "1987-03-31") == "7-3/4 pct"
    assert reader.windows == [(dt.date(1987, 3, 31), dt.date(1987, 3, 31))]


def test_the_last_week_s_report_is_the_start_however_sure_an_older_one() -> None:
    reader = Dated(
        [_offer("1987-03-12", "7-1/2 pct", 0.99), _offer("1987-03-26", "7-3/4 pct", 0.8)]
    )
    assert _start(reader, "1987-03-31") == "7-3/4 pct"
    assert len(reader.windows) == 2  # the day, then the week


def test_within_the_week_the_last_day_s_report_is_the_start_however_sure_an_older_one() -> None:
    """The reader ranks the week's spans by how sure it is; a watch starts from what the
    articles said last ("cut to 7-3/4 pct" of 9 March, not 5 March's eight pct)."""
    reader = Dated(
        [_offer("1987-03-25", "7-1/2 pct", 0.99), _offer("1987-03-30", "7-3/4 pct", 0.7)]
    )
    assert _start(reader, "1987-03-31") == "7-3/4 pct"
    reader = Dated([_offer("1987-03-30", "7-3/4 pct", 0.4)])
    assert _start(reader, "1987-03-31") == ""  # below the start's floor, however late


def test_past_the_year_all_before_is_read() -> None:
    reader = Dated([_offer("1986-01-02", "9-1/2 pct", 0.9)])
    assert _start(reader, "1987-03-31") == "9-1/2 pct"
    assert reader.windows == start_windows(dt.date(1987, 3, 31))  # each window, then all
    assert reader.windows[-1] == (None, dt.date(1987, 3, 31))


@dataclass
class Surest(Dated):
    """Hands back only the window's two surest offers, as the reader reads a window's
    surest passages: a month of busy days crowds out an older week's report."""

    def offers(
        self, question: str, *, date_from: object = None, date_to: object = None
    ) -> list[Offer]:
        found = super().offers(question, date_from=date_from, date_to=date_to)
        return sorted(found, key=lambda o: o.confidence, reverse=True)[:2]


def test_a_report_the_month_crowds_out_is_read_in_its_week() -> None:
    busy = [_offer(f"1987-03-{d}", "Citibank", 0.9) for d in (2, 3, 4)]  # names, no rate
    reader = Surest([*busy, _offer("1987-03-18", "7-1/2 pct", 0.7)])
    assert _start(reader, "1987-03-31") == "7-1/2 pct"
    day = dt.date(1987, 3, 31)
    assert reader.windows[:4] == [(day, day), (day - dt.timedelta(days=7), day),
                                  (day - dt.timedelta(days=31), day),  # the whole month first
                                  (dt.date(1987, 3, 17), dt.date(1987, 3, 23))]  # fmt: skip


def test_the_month_s_surer_report_is_the_start_before_its_weeks_are_read() -> None:
    reader = Surest([_offer("1987-03-03", "7-1/2 pct", 0.9), _offer("1987-03-18", "8 dlrs", 0.7)])
    assert _start(reader, "1987-03-31") == "7-1/2 pct"  # "8 dlrs" no rate, and never read
    assert len(reader.windows) == 3


def test_without_a_day_the_whole_archive_is_read_once() -> None:
    reader = Dated([_offer("1987-03-12", "7-1/2 pct", 0.9)])
    assert _start(reader, None) == "7-1/2 pct"
    assert reader.windows == [(None, None)]


def test_no_report_below_the_floor_starts_a_watch() -> None:
    reader = Dated([_offer("1987-03-26", "7-3/4 pct", 0.3)])
    assert _start(reader, "1987-03-31") == ""


def test_a_figure_out_of_the_series_reach_gives_way_to_the_next_report() -> None:
    """Held 7-1/2 pct; the day's surest span is another series' 18 pct (more than twice
    it), so the watch takes the day's next report, 7-3/4 pct, and alerts that."""
    reader = Dated([_offer("1987-04-02", "18 pct", 0.99, "wire-a"),
                    _offer("1987-04-02", "7-3/4 pct", 0.8, "wire-b")])  # fmt: skip
    held = replace(make_watch(BANKS, WatchKind.ANSWER), answer="7-1/2 pct", checked="1987-04-01")
    day = [ArticleEntry(f"wire-{x}", "", "1987-04-02", "wire", "", "", "", 1, True) for x in "ab"]
    watch, alert = check_answer(reader, held, day)
    assert alert is not None and alert.new_answer == "7-3/4 pct" and watch.answer == "7-3/4 pct"
    reader.made.pop()  # the far figure alone, the week's reports still at 7-1/2 pct:
    reader.made.insert(0, _offer("1987-03-30", "7-1/2 pct", 0.95, "wire-c"))  # no alert
    watch, alert = check_answer(reader, held, day)
    assert alert is None and watch.answer == "7-1/2 pct"


def test_a_watch_held_at_a_far_figure_takes_the_week_s_surest_report() -> None:
    """Held 1/2 pct (a wrong start: a move read as the rate), every right rate is out of
    its reach; one the week's surest report also gives is taken, and alerted. Where the
    week's surest says another figure, nothing moves."""
    held = replace(make_watch(BANKS, WatchKind.ANSWER), answer="1/2 pct", checked="1987-04-01")
    day = [ArticleEntry("wire-a", "", "1987-04-02", "wire", "", "", "", 1, True)]
    reader = Dated([_offer("1987-04-02", "7-3/4 pct", 0.95, "wire-a")])
    watch, alert = check_answer(reader, held, day)
    assert alert is not None and alert.new_answer == "7-3/4 pct"
    assert watch.answer == "7-3/4 pct" and alert.old_answer == "1/2 pct"
    reader.made.insert(0, _offer("1987-03-31", "3/4 pct", 0.99, "wire-b"))
    watch, alert = check_answer(reader, held, day)
    assert alert is None and watch.answer == "1/2 pct"


def test_a_figure_far_below_the_one_held_is_refused_however_sure() -> None:
    """Held 7-3/4 pct; the day's and the week's surest report is 1/4 pct, a move or a
    part of the level (Australia's wheat crop of 17.30 mln tonnes held, "1.64 mln tonnes"
    read): no alert, the held answer kept."""
    held = replace(make_watch(BANKS, WatchKind.ANSWER), answer="7-3/4 pct", checked="1987-04-01")
    day = [ArticleEntry("wire-a", "", "1987-04-02", "wire", "", "", "", 1, True)]
    watch, alert = check_answer(Dated([_offer("1987-04-02", "1/4 pct", 0.95, "wire-a")]), held, day)
    assert alert is None and watch.answer == "7-3/4 pct"


def test_a_report_a_little_less_sure_than_an_answer_starts_a_watch_but_alerts_nothing() -> None:
    """A start is no alert: a report between ``START_FLOOR`` and the assistant's floor may
    start a watch (OPEC's conference president read at 0.68 against 0.77), but the same
    report arriving later raises nothing."""
    sure = (START_FLOOR + 0.77) / 2
    reader = Dated([_offer("1987-03-26", "7-3/4 pct", sure)], Settings(abstain_below=0.77))
    assert _start(reader, "1987-03-31") == "7-3/4 pct"
    empty = make_watch(BANKS, WatchKind.ANSWER)
    day = [ArticleEntry("wire-1987-03-26", "", "1987-03-26", "wire", "", "", "", 1, True)]
    watch, alert = check_answer(reader, empty, day)
    assert alert is None and watch.answer == ""


def test_a_later_report_of_the_week_held_alerts_nothing() -> None:
    """Held 7-1/2 pct for the week ended March 13; a week later a story tells that week in
    other words (7.6 pct, rounded otherwise): no news. The next week's figure is."""
    held_offer = _offer("1987-03-17", "7-1/2 pct", 0.9, week=" in the week ended March 13")
    held = replace(make_watch(BANKS, WatchKind.ANSWER), answer="7-1/2 pct",
                   cited=Quote.of(held_offer.citation), checked="1987-03-17")  # fmt: skip
    day = [ArticleEntry("wire-1987-03-24", "", "1987-03-24", "wire", "", "", "", 1, True)]
    again = Dated([_offer("1987-03-24", "7.6 pct", 0.9, week=" in the week ended March 13")])
    watch, alert = check_answer(again, held, day)
    assert alert is None and watch.answer == "7-1/2 pct"
    later = Dated([_offer("1987-03-24", "7.6 pct", 0.9, week=" in the week ended March 20")])
    watch, alert = check_answer(later, held, day)
    assert alert is not None and alert.new_answer == "7.6 pct" and watch.answer == "7.6 pct"


def _held_since(day: str) -> Watch:
    cited = _offer(day, "7-1/2 pct", 0.9).citation
    return replace(make_watch(BANKS, WatchKind.ANSWER), answer="7-1/2 pct",
                   cited=Quote.of(cited), checked=day)  # fmt: skip


def _said(day: str, rate: str) -> Passage:
    text = f"Most major U.S. banks are now posting a {rate} prime rate, bankers said."
    return Passage(chunk_id=f"old-{day}:0", article_id=f"old-{day}", title="U.S. PRIME RATE",
                   date=day, source="wire", text=text, start=0, end=len(text),
                   score=1.0)  # fmt: skip


def test_a_value_said_days_before_is_held_without_an_alert() -> None:
    """Held 7-1/2 pct of 10 March; on 31 March the reader surely reads 7-3/4 pct, which a
    story of 25 March had said (the reader's reads of the question missed it): no news on
    the 31st, so the watch takes it silently. Said the day before only, or before the held
    answer's own report (a rate back at an old level), it is news."""
    day = [ArticleEntry("wire-1987-03-31", "", "1987-03-31", "wire", "", "", "", 1, True)]
    today = _offer("1987-03-31", "7-3/4 pct", 0.9)
    earlier = Dated([today], said=[_said("1987-03-25", "7-3/4 pct")])
    watch, alert = check_answer(earlier, _held_since("1987-03-10"), day)
    assert alert is None and watch.answer == "7-3/4 pct"
    assert watch.cited is not None and watch.cited.date == "1987-03-31"
    for told in ("1987-03-30", "1987-03-05"):  # the day before; before the held report
        reader = Dated([today], said=[_said(told, "7-3/4 pct")])
        watch, alert = check_answer(reader, _held_since("1987-03-10"), day)
        assert alert is not None and alert.new_answer == "7-3/4 pct", told
    other = Dated([today], said=[_said("1987-03-25", "17-3/4 pct")])  # another figure
    assert check_answer(other, _held_since("1987-03-10"), day)[1] is not None


def test_a_first_answer_the_archive_said_before_the_start_is_no_news() -> None:
    """A watch that started empty (its reports unread) meets its first sure answer: no
    alert when any earlier story said it; an alert when none did."""
    day = [ArticleEntry("wire-1987-04-20", "", "1987-04-20", "wire", "", "", "", 1, True)]
    empty = make_watch(BANKS, WatchKind.ANSWER)
    today = _offer("1987-04-20", "7-3/4 pct", 0.9)
    watch, alert = check_answer(Dated([today], said=[_said("1987-03-02", "7-3/4 pct")]), empty, day)
    assert alert is None and watch.answer == "7-3/4 pct"
    watch, alert = check_answer(Dated([today]), empty, day)
    assert alert is not None and alert.kind.value == "first_answer"


SAUDI = "Who is Saudi Arabia's oil minister?"


def _named(day: str, sentence: str, name: str, title: str = "SAUDI OIL POLICY") -> Offer:
    at = sentence.index(name)
    cited = Citation(n=1, article_id=f"wire-{day}", title=title, date=day, source="wire",
                     text=sentence, chunk_start=100, quote=sentence, start=100,
                     end=100 + len(sentence), score=1.0, answer_start=100 + at,
                     answer_end=100 + at + len(name))  # fmt: skip
    return Offer(name, cited, 0.9)


def test_an_office_s_holder_first_found_is_news_only_when_appointed() -> None:
    """A "who" watch that started empty meets "Saudi Arabia's Oil Minister Hisham Nazer said":
    the holder its start missed, taken without an alert; told as an appointment, in the
    sentence or its headline, it alerts. A doer's first name ("Who is bidding ...") alerts."""
    day = [ArticleEntry("wire-1987-04-20", "", "1987-04-20", "wire", "", "", "", 1, True)]
    empty = make_watch(SAUDI, WatchKind.ANSWER)
    said = "Saudi Arabia's Oil Minister Hisham Nazer said the kingdom would keep its quota."
    watch, alert = check_answer(Dated([_named("1987-04-20", said, "Hisham Nazer")]), empty, day)
    assert alert is None and watch.answer == "Hisham Nazer"
    assert watch.cited is not None and watch.cited.date == "1987-04-20"
    named = "Hisham Nazer, appointed Saudi Arabia's Oil Minister last week, said it would."
    headline = _named(
        "1987-04-20", said, "Hisham Nazer", title="SAUDI ARABIA NAMES NEW OIL MINISTER"
    )
    for offer in (_named("1987-04-20", named, "Hisham Nazer"), headline):
        watch, alert = check_answer(Dated([offer]), empty, day)
        assert alert is not None and alert.kind.value == "first_answer"
        assert alert.new_answer == "Hisham Nazer"
    bidder = "Who is bidding for Borg-Warner Corp?"
    bid = "GAF Corp is bidding 46 dlrs a share for Borg-Warner Corp, it said."
    offer = _named("1987-04-20", bid, "GAF Corp", title="GAF BIDS FOR BORG-WARNER")
    watch, alert = check_answer(Dated([offer]), make_watch(bidder, WatchKind.ANSWER), day)
    assert alert is not None and alert.new_answer == "GAF Corp"
