"""A story as it unfolded: the dated events that match a query, in order, and how many
matching articles appeared per day, week or month.

Events come from the retrieved passages (one per story, so a reprint adds no line): each
sentence that carries the query's key words and a date (``event_dates``, read against
the article's own date: "on Sunday" in a Monday story is the day before) is one event at
that date; a story's opening sentence without a date of its own is an event at its
publication day. One line per story and day, the best-matching sentence. The counts are
the matching articles by publication date, for the chart.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence

from assistant.records import Answer, Citation, Passage, publication_fields
from assistant.text.event_dates import Mention, mentions
from assistant.text.question import analyse
from assistant.text.sentences import split_sentences
from assistant.text.terms import term_share, words
from assistant.text.time_scope import human_day
from assistant.timeline_records import PeriodCount, Timeline, TimelineEvent

MIN_SHARE = 0.6  # of the query's key words a sentence (or passage) must carry: both of two
MAX_EVENTS = 40
MIN_WORDS = 5  # of letters, for a sentence to tell an event
SAME_SENTENCE = 0.6  # share of word pairs two lines share when one retells the other
REPRINT_DAYS = 7  # how much later a retelling still counts as a reprint
_WORDS = re.compile(r"[^\W\d_]{2,}")
_ASKS_TIMELINE = re.compile(
    r"^\s*(?:(?:give|show|make)\s+(?:me\s+)?)?(?:a\s+|the\s+)?(?:timeline|chronology)\s+(?:of|for)\s+"
    r"|^\s*how\s+did\s+.+\s+(?:unfold|develop|evolve|progress)\b",
    re.IGNORECASE,
)
_HOW_DID = re.compile(r"^\s*how\s+did\s+|\s+(?:unfold|develop|evolve|progress)\b.*$", re.I)


def asks_for_timeline(question: str) -> str | None:
    """The subject of "Timeline of X" / "How did X unfold?", or None."""
    match = _ASKS_TIMELINE.search(question)
    if not match:
        return None
    if match.group().lower().lstrip().startswith("how"):
        return _HOW_DID.sub("", question)
    return question[match.end() :].strip(" ?.!")


def build_timeline(
    query: str, passages: Sequence[Passage], date_from: dt.date | None, date_to: dt.date | None
) -> Timeline:
    """The timeline of the retrieved ``passages`` for ``query``, within the window."""
    terms = analyse(query).terms
    matching = [p for p in passages if term_share(terms, p.text) >= MIN_SHARE]
    best: dict[tuple[str, str], tuple[float, TimelineEvent]] = {}
    for passage in matching:
        published = dt.date.fromisoformat(passage.date) if passage.date else None
        for event, share in _events(passage, published, terms):
            inside = (date_from is None or event.day >= date_from.isoformat()) and (
                date_to is None or event.day <= date_to.isoformat()
            )
            key = (passage.article_id, event.day)
            if inside and (key not in best or share > best[key][0]):
                best[key] = (share, event)
    events = _one_per_story(
        sorted((e for _, e in best.values()), key=lambda e: (e.day, e.date or ""))
    )
    granularity, counts = _counts(matching)
    return Timeline(
        query=query,
        events=tuple(events[:MAX_EVENTS]),
        counts=counts,
        granularity=granularity,
        date_from=date_from.isoformat() if date_from else None,
        date_to=date_to.isoformat() if date_to else None,
    )


def _one_per_story(events: Sequence[TimelineEvent]) -> list[TimelineEvent]:
    """Events in order without a reprint's line: what an earlier line of the week before
    told in (nearly) the same words, in another article no duplicate group caught ("about
    five months" for "some five months", a lead re-sent a day later), is left out."""
    kept: list[tuple[TimelineEvent, set[tuple[str, str]]]] = []
    for event in events:
        pairs = _bigrams(event.sentence)
        day = dt.date.fromisoformat(event.day)
        same_day = (k for k in kept if (day - dt.date.fromisoformat(k[0].day)).days <= REPRINT_DAYS)
        if not any(len(pairs & b) >= SAME_SENTENCE * max(1, min(len(pairs), len(b)))
                   for _, b in same_day):  # fmt: skip
            kept.append((event, pairs))
    return [event for event, _ in kept]


def _bigrams(text: str) -> set[tuple[str, str]]:
    tokens = words(text.lower())
    return set(itertools.pairwise(tokens))


def _events(
    passage: Passage, published: dt.date | None, terms: Sequence[str]
) -> list[tuple[TimelineEvent, float]]:
    """The passage's dated sentences that carry the query's words."""
    out = []
    about = term_share(terms, passage.text) >= MIN_SHARE  # the passage is about the query
    found: dict[int, Mention] = {}
    for mention in mentions(passage.text, published):
        found.setdefault(mention.sentence_start, mention)  # a sentence's first date
    for index, sentence in enumerate(split_sentences(passage.text) or []):
        text = passage.text[sentence.start : sentence.end].strip()
        if len(_WORDS.findall(text)) < MIN_WORDS:  # a dateline or a heading tells no event
            continue
        share = term_share(terms, text)
        lead = index == 0 and passage.start == 0
        if share < MIN_SHARE and not (about and (share > 0 or lead)):
            continue
        dated = found.get(sentence.start)
        if dated is not None:
            day, granularity = dated.start, dated.granularity
        elif lead and published is not None:
            day, granularity = published, "day"  # the lead: it happened when it was reported
        else:
            continue
        event = TimelineEvent(
            **publication_fields(passage),
            day=day.isoformat(),
            granularity=granularity,
            sentence=" ".join(text.split()),
            start=passage.start + sentence.start,
            end=passage.start + sentence.end,
            also=passage.also,
        )
        out.append((event, share))
    return out


def _counts(passages: Sequence[Passage]) -> tuple[str, tuple[PeriodCount, ...]]:
    """Matching articles by publication day, week or month (whichever fits the span)."""
    dated = {p.article_id: p for p in passages if p.date}
    if not dated:
        return "day", ()
    days = sorted(dt.date.fromisoformat(p.date) for p in dated.values() if p.date)
    span = (days[-1] - days[0]).days
    granularity = "day" if span <= 45 else "week" if span <= 366 else "month"
    groups: dict[dt.date, list[Passage]] = {}
    for passage in dated.values():
        assert passage.date is not None
        groups.setdefault(_period(dt.date.fromisoformat(passage.date), granularity), []).append(
            passage
        )
    counts = tuple(
        PeriodCount(
            start=start.isoformat(),
            label=_period_label(start, granularity),
            articles=tuple((p.article_id, p.title, p.date, p.source) for p in members),
        )
        for start, members in sorted(groups.items())
    )
    return granularity, counts


def _period(day: dt.date, granularity: str) -> dt.date:
    if granularity == "week":
        return day - dt.timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    return day


def _period_label(start: dt.date, granularity: str) -> str:
    if granularity == "month":
        return start.strftime("%b %Y")
    if granularity == "week":
        return f"week of {human_day(start)}"
    return human_day(start)


CITED_EVENTS = 8  # events that get a numbered citation in a chat reply


def _cited(n: int, event: TimelineEvent) -> Citation:
    return Citation(
        n=n,
        **publication_fields(event),
        text=event.sentence,
        chunk_start=event.start,
        quote=event.sentence,
        start=event.start,
        end=event.end,
        score=0.0,
        also=event.also,
    )


def timeline_answer(question: str, timeline: Timeline) -> Answer:
    """A chat reply listing the timeline: one line per event, the first ones cited."""
    if not timeline.events:
        text = "The articles hold no dated events for this; try other words or a wider window."
        return Answer(question=question, text=text, citations=(), abstained=True)
    citations, lines = [], [f"Timeline of {timeline.query}:"]
    for n, event in enumerate(timeline.events, start=1):
        marker = f" [{n}]" if n <= CITED_EVENTS else ""
        lines.append(f"{event.label}: {event.sentence}{marker}")
        if n <= CITED_EVENTS:
            citations.append(_cited(n, event))
    return Answer(
        question=question,
        text="\n".join(lines),
        citations=tuple(citations),
        abstained=False,
        confidence=1.0,
        notes=(f"{len(timeline.events)} dated events from {len(timeline.counts)} periods.",),
    )
