"""The records that leave the package as JSON read back as they went out (issue 26, item 3):
``AnswerTime`` (how the question's time was read) and the ``Answer`` that carries it."""

from __future__ import annotations

import json

from assistant.records import Answer, AnswerTime, Citation, Reprint

# The keys JSON consumers read, in the order they have always come.
TIME_KEYS = ["from", "to", "as_of", "recency", "phrase", "label", "unread", "reference",
             "fallback", "note"]  # fmt: skip

READ = AnswerTime(
    date_from="2024-05-01", date_to="2024-05-31", as_of=None, recency=True,
    phrase="in May 2024", label="articles from 1-31 May 2024, the newest reports first",
    unread="during Ramadan 2024", reference="2024-06-03", fallback=False,
    note="Looking at articles from 1-31 May 2024, the newest reports first.",
)  # fmt: skip


def _answer(time: AnswerTime | None) -> Answer:
    cited = Citation(
        n=1, article_id="a/1", title="Lere attack", date="2024-05-27", source="AFP", url="u",
        text="Five soldiers were killed.", chunk_start=10, quote="Five soldiers were killed.",
        start=10, end=36, score=0.8, answer_start=10, answer_end=14,
        also=(Reprint(article_id="b/2", title="Lere attack", date="2024-05-28",
                      source="Reuters"),), author="A. Writer",
        page=2, ocr_confidence=61.5, story=3,
    )  # fmt: skip
    related = Citation(n=2, article_id="c/3", title="t", date=None, source="", url="",
                       text="x", chunk_start=0, quote="x", start=0, end=1, score=0.1,
                       supports=False)  # fmt: skip
    return Answer(
        question="How many soldiers were killed?", text="five [1]", citations=(cited, related),
        abstained=False, timings={"retrieve_ms": 1.5, "total_ms": 9.0},
        standalone_question="How many soldiers were killed in Lere?", confidence=0.7,
        short_answer="five", notes=("a claim was dropped",), as_of="2024-05-27", time=time,
    )  # fmt: skip


def test_answer_time_round_trips_and_keeps_its_json_keys() -> None:
    data = READ.to_dict()
    assert list(data) == TIME_KEYS
    assert (data["from"], data["to"]) == ("2024-05-01", "2024-05-31")
    assert AnswerTime.from_dict(data) == READ
    assert AnswerTime.from_dict(json.loads(json.dumps(data))) == READ
    assert AnswerTime.from_dict(AnswerTime().to_dict()) == AnswerTime()


def test_an_answer_round_trips_through_its_dict_and_json() -> None:
    for time in (READ, None):
        answer = _answer(time)
        data = answer.to_dict()
        assert Answer.from_dict(data) == answer
        assert Answer.from_dict(json.loads(json.dumps(data))) == answer
        assert data["time"] == (time.to_dict() if time else None)


def test_an_answers_json_is_what_it_was_when_time_was_a_dict() -> None:
    """Byte for byte: the keys in their order, "time" last with its own keys in theirs (a
    reprint names its author since the records share one ``Publication`` part)."""
    data = _answer(READ).to_dict()
    assert list(data) == ["question", "text", "citations", "abstained", "timings",
                          "standalone_question", "confidence", "short_answer", "notes",
                          "as_of", "time"]  # fmt: skip
    assert isinstance(data["citations"], list) and isinstance(data["notes"], list)
    assert list(data["time"]) == TIME_KEYS
    assert data["citations"][0]["also"][0] == {
        "article_id": "b/2", "title": "Lere attack", "date": "2024-05-28", "source": "Reuters",
        "url": "", "author": "",
    }  # fmt: skip


def test_the_time_record_drives_the_note_and_the_undo() -> None:
    """``time_note`` is what the reply says; ``time_read`` whether a window was read (the
    page's undo link), not merely words left unread (issue 28)."""
    answer = Answer("q", "five", (), False, time=AnswerTime(label="articles from 2019", note="n"))
    assert answer.time_note == "n" and answer.time_read
    unread = Answer("q", "five", (), False, time=AnswerTime(unread="x", note="m"))
    assert unread.time_note == "m" and not unread.time_read
    assert Answer("q", "five", (), False).time_note == ""
