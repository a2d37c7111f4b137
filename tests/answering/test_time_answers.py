"""Answers that know when, over a handful of dated reports (issue 22's own examples):
the latest of conflicting reports, as-of answers, named windows, and their fallback."""

from __future__ import annotations

import pytest
from conftest import FAKE_EMBEDDER, fake_archive

from assistant.answering.timeline import build_timeline
from assistant.facade import Assistant
from assistant.records import Passage

REPORTS = [
    {"id": "afp-0527", "title": "Five soldiers killed in Lere attack", "source": "AFP",
     "date": "2024-05-27",
     "text": "An attack on two military camps in Lere, northern Mali, killed five soldiers on "
             "Sunday, the army said late Monday. Eleven others were missing. The Coordination "
             "of Azawad Movements (CMA) claimed responsibility for the attack."},
    {"id": "reuters-0603", "title": "Lere attack toll rises", "source": "Reuters",
     "date": "2024-06-03",
     "text": "The toll from last week's attack on two military camps in Lere, northern Mali, "
             "has risen: seven soldiers were killed, the army said on Monday. Four of the "
             "missing soldiers have been found alive."},
    {"id": "vote-0301", "title": "Lere elects mayor", "source": "AFP", "date": "2024-03-01",
     "text": "Voters in the town of Lere elected Amadou Traore as mayor on Sunday, the "
             "electoral commission said."},
    {"id": "vote-0510", "title": "Lere votes again", "source": "Reuters", "date": "2024-05-10",
     "text": "Voters in the town of Lere elected Fatoumata Diallo as mayor in a new vote on "
             "Thursday, the electoral commission said, after the March result was annulled."},
]  # fmt: skip
KILLED = "How many soldiers were killed in the Lere attack?"


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return fake_archive(tmp_path_factory, "reports", REPORTS)


def test_the_latest_of_conflicting_reports_answers_and_says_so(dated: Assistant) -> None:
    answer = dated.ask(KILLED)
    assert answer.short_answer == "seven"
    assert answer.text == (
        "seven [1], according to Reuters on 3 June 2024; AFP reported five on 27 May 2024 [2]"
    )
    first, second = answer.citations[:2]
    assert (first.source, first.date, first.supports) == ("Reuters", "2024-06-03", True)
    assert (second.source, second.date, second.supports) == ("AFP", "2024-05-27", False)
    assert answer.as_of == "2024-06-03"
    assert answer.time is None  # no time words, no as-of: nothing was read


def test_as_of_answers_from_what_was_published_by_then(dated: Assistant) -> None:
    answer = dated.ask(KILLED, as_of="2024-05-30")
    assert answer.short_answer == "five" and answer.as_of == "2024-05-27"
    assert all(c.date <= "2024-05-30" for c in answer.citations if c.date)
    assert answer.time_note == (
        "Looking at articles published up to 30 May 2024, the newest reports first."
    )


def test_the_most_recent_of_two_elections(dated: Assistant) -> None:
    answer = dated.ask("Who was most recently elected mayor of Lere?")
    assert answer.short_answer == "Fatoumata Diallo"


def test_a_named_window_filters_and_the_reply_says_how_it_read_it(dated: Assistant) -> None:
    answer = dated.ask("Who was elected mayor of Lere in March 2024?")
    assert answer.short_answer == "Amadou Traore"
    assert answer.time_note == "Looking at articles from 1-31 March 2024."
    assert answer.time is not None and answer.time.date_from == "2024-03-01"
    assert all(c.date == "2024-03-01" for c in answer.citations)


def test_time_words_it_cannot_read_are_named_not_skipped(dated: Assistant) -> None:
    """Issue 28: "before the summer of 2019" once fell back to the newest report silently."""
    unread = dated.ask("Who was elected mayor of Lere during Ramadan 2024?")
    assert unread.time is not None and unread.time.unread == "during Ramadan 2024"
    said = "I did not read 'during Ramadan 2024' as dates; searching every date."
    assert unread.time_note == said
    assert not unread.time_read and unread.to_dict()["time"]["from"] is None
    both = dated.ask("Who was elected mayor of Lere in March 2024, before Easter 2024?")
    assert both.time_note == (  # one window is read; the other is named, not dropped silently
        "Looking at articles up to 28 March 2024. I did not read 'in March 2024' as dates."
    )
    assert dated.ask(KILLED).time is None  # no time words: no note at all


def test_the_hemisphere_setting_says_which_months_a_season_is(dated: Assistant) -> None:
    south = Assistant(dated.settings.with_overrides(hemisphere="south"), embedder=FAKE_EMBEDDER)
    question = "Who was elected mayor of Lere in the autumn of 2024?"
    read = south.ask(question).time
    assert read is not None and (read.date_from, read.date_to) == ("2024-03-01", "2024-05-31")
    north = dated.ask(question).time
    assert north is not None and north.date_from == "2024-09-01"


def test_an_empty_window_falls_back_to_the_whole_archive_marked(dated: Assistant) -> None:
    answer = dated.ask("Who was elected mayor of Lere in April 2024?")
    assert answer.time is not None and answer.time.fallback is True
    assert "whole archive" in answer.time_note and "1-30 April 2024" in answer.time_note
    assert answer.citations  # answered from everything rather than nothing


def test_relative_words_count_from_the_archives_own_end(dated: Assistant) -> None:
    """The newest article is of 3 June 2024, long before today: "last week" is the week
    before that one, not before today."""
    answer = dated.ask("How many soldiers were missing last week?")
    assert answer.time is not None and answer.time.reference == "2024-06-03"
    assert (answer.time.date_from, answer.time.date_to) == ("2024-05-27", "2024-06-02")
    assert answer.short_answer.lower() == "eleven"


def test_time_off_ignores_the_questions_time_words(dated: Assistant) -> None:
    on = dated.ask("Who was elected mayor of Lere in March 2024?")
    off = dated.ask("Who was elected mayor of Lere in March 2024?", time="off")
    assert on.time is not None and off.time is None
    assert any(c.date != "2024-03-01" for c in off.citations)  # every date again


def test_a_timeline_lists_dated_events_in_order_one_per_story(dated: Assistant) -> None:
    found = dated.timeline("Lere attack")
    assert [e.day for e in found.events] == ["2024-05-26", "2024-06-03"]  # "on Sunday", "Monday"
    assert [e.source for e in found.events] == ["AFP", "Reuters"]
    assert sum(c.count for c in found.counts) == 2
    assert found.to_dict()["events"][0]["label"] == "26 May 2024"
    chat = dated.ask("Timeline of the Lere attack")
    assert chat.text.splitlines()[0] == "Timeline of the Lere attack:"
    assert "26 May 2024:" in chat.text and [c.n for c in chat.citations] == [1, 2]


def test_event_dates_are_stored_with_each_chunk(dated: Assistant) -> None:
    stored = dated.store.get_chunks(_ids(dated), embeddings=False)
    events = {c.article_id.split("/")[-1]: c.events for c in stored}
    assert "2024-05-26" in events["afp-0527"].split()  # "on Sunday" in a Monday story
    assert "2024-02-25" in events["vote-0301"].split()


def _ids(assistant: Assistant) -> list[str]:
    return [f"{e.id}:{n}" for e in assistant.articles() for n in range(e.chunks)]


def test_bad_as_of_and_time_values_get_messages(dated: Assistant) -> None:
    from assistant.errors import InvalidInput

    with pytest.raises(InvalidInput, match="as_of='soon' is not a date"):
        dated.ask(KILLED, as_of="soon")
    with pytest.raises(InvalidInput, match="time='maybe' is not one of: auto, off"):
        dated.ask(KILLED, time="maybe")


def test_a_reprint_no_duplicate_group_caught_adds_no_timeline_line() -> None:
    """The same lead re-sent a day later in another article, in nearly the same words."""

    def story(n: int, day: str, text: str) -> Passage:
        return Passage(chunk_id=f"r{n}:0", article_id=f"r{n}", title=f"R{n}", date=day,
                       source="Reuters", url="", text=text, start=0, end=len(text),
                       score=0.5, rank=n)  # fmt: skip

    lead = "Banque Paribas wants to adjust the terms of its Ecuador oil loan after the quake."
    later = "Ecuador will use a new pipeline link with Colombia to export its oil after the quake."
    timeline = build_timeline(
        "Ecuador oil quake",
        [story(1, "1987-03-15", lead), story(2, "1987-03-16", lead.replace("its", "the")),
         story(3, "1987-04-23", later)],
        None, None,
    )  # fmt: skip
    assert [e.day for e in timeline.events] == ["1987-03-15", "1987-04-23"]
    assert len(timeline.counts) >= 2  # the chart still counts every article
