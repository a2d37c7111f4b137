"""Reading a question, in one place: the question, the conversation, the as-of day and the
time mode in; the ``PreparedQuestion`` out, its passages found and ready to answer.

The reading itself stays in its stages; this composes them in order: the question checked
(``text.user_input``), made to stand alone (``answering.followup``), its time words read
(``text.time_scope``) into a plan against the archive's reference day
(``retrieval.time_plan``), the passages found under that plan (the whole archive up to the
as-of day when its window holds nothing), and the reader's grown to whole paragraphs.
What the answer says about time is made from the plan by ``answering.dating``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from time import perf_counter
from typing import Any, Protocol

from assistant.answering.dating import TimeAsked, TimeRead
from assistant.answering.followup import condense
from assistant.config import RetrievalMode, Settings, TimeMode, parse_enum
from assistant.index.store import Store
from assistant.protocols import Retriever
from assistant.records import Filters, Retrieved
from assistant.retrieval.paragraphs import whole_paragraphs
from assistant.retrieval.time_plan import TimePlan, narrow, plan_time, reference_day
from assistant.text.periods import in_hemisphere
from assistant.text.user_input import as_day, clean_question


class Archive(Protocol):
    """What a question is read against and searched in (the ``Assistant``); its parts are
    opened when first used, so a question is checked before the index is opened."""

    settings: Settings

    @property
    def retriever(self) -> Retriever: ...

    @property
    def store(self) -> Store: ...


@dataclass(frozen=True)
class PreparedQuestion:
    """A question read and its passages found: what the answerer is handed.

    ``timings`` is the one dict the answer's timings grow from (the answerer and the facade
    add their stages to it), so the record is frozen but that dict is not."""

    question: str  # as asked, checked (``clean_question``)
    standalone: str  # made to stand alone given the conversation; else the question itself
    time: TimeRead  # how its time was read (plan: query, window, scope, reference) + fallback
    filters: Filters  # the caller's own filters; ``time.plan.filters`` adds the named window
    retrieved: Retrieved  # its passages, best first (the reader's as whole windows)
    timings: dict[str, float]  # milliseconds per stage so far: condense, time, search, windows


def time_asked(as_of: Any = None, time: TimeMode | str | None = None,
               reference: Any = None) -> TimeAsked:  # fmt: skip
    """What the caller said about time, checked: an as-of day, the time mode ("auto" reads
    the question's time words, "off" ignores them) and the day "today" is (the evaluation)."""
    day = as_day(as_of, "as_of")
    mode = parse_enum(TimeMode, time, "time") if time else TimeMode.AUTO
    return TimeAsked(day, mode, as_day(reference, "reference"))


def prepare_question(
    archive: Archive,
    question: str,
    history: Sequence[Any] | None = None,
    filters: Filters | None = None,
    *,
    mode: RetrievalMode | str | None = None,
    as_of: Any = None,
    time: TimeMode | str | None = None,
    reference: Any = None,
    for_reading: bool = True,
) -> PreparedQuestion:
    """Check ``question``, make it standalone given ``history``, read its time (``as_of``,
    ``time`` and ``reference`` as ``time_asked`` takes them) and find its passages; with
    ``for_reading``, the ones the reader reads grown to whole paragraphs."""
    asked = time_asked(as_of, time, reference)
    filters = filters or Filters()
    text = clean_question(question, archive.settings.max_question_chars)
    retrieval_mode = parse_enum(RetrievalMode, mode, "mode") if mode else None
    timings: dict[str, float] = {}
    t0 = perf_counter()
    standalone = condense(text, history) if history else text
    timings["condense_ms"] = (perf_counter() - t0) * 1000
    retriever = archive.retriever
    t1 = perf_counter()
    plan = plan_for(archive, standalone, filters, asked)
    timings["time_ms"] = (perf_counter() - t1) * 1000
    retrieved = retriever.retrieve(
        plan.query,
        filters=plan.filters,
        mode=retrieval_mode,
        recent_to=plan.reference if plan.recent else None,
    )
    # the window left nothing: the whole archive up to the as-of day, and the reply says so
    widest = narrow(filters, None, asked.as_of)
    fallback = plan.narrowed and not retrieved.passages and plan.filters != widest
    if fallback:
        retrieved = retriever.retrieve(standalone, filters=widest, mode=retrieval_mode)
    retrieved = replace(retrieved, recency=plan.recent)
    if for_reading:  # the passages the reader reads, as whole windows (paragraphs.py)
        t2 = perf_counter()
        read = archive.settings.read_passages
        grown = whole_paragraphs(retrieved.passages[:read], archive.store)
        retrieved = replace(retrieved, passages=grown + retrieved.passages[read:])
        timings["windows_ms"] = (perf_counter() - t2) * 1000
    timings.update(retrieved.timings)
    timings["retrieve_ms"] = sum(retrieved.timings.values())
    return PreparedQuestion(
        question=text,
        standalone=standalone,
        time=TimeRead(plan, fallback),
        filters=filters,
        retrieved=retrieved,
        timings=timings,
    )


def plan_for(archive: Archive, text: str, filters: Filters, asked: TimeAsked) -> TimePlan:
    """``text``'s time read against its reference day (``retrieval.time_plan``): the as-of
    day, else the caller's "today" or the archive's newest day (``reference_day``)."""
    archive.retriever.refresh()  # the archive's newest day
    today = asked.reference or dt.date.today()
    reference = (
        asked.reference
        if asked.reference and not asked.as_of
        else reference_day(archive.retriever.newest, today, asked.as_of)
    )
    with in_hemisphere(archive.settings.hemisphere.value):  # which months a season means
        return plan_time(text, filters, reference, asked.as_of, asked.mode)
