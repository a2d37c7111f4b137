"""What a report's sentence is read with: its headline when it is the story's lead, the lead
when a sentence deeper in the story refers back to it ("the index", "the new price"), and the
names an acronym stands for.

A sentence is judged on its own words (a sentence deeper in a story may be about something
else: "rigs used for onshore drilling ... from last week's 671" under "U.S. RIG COUNT
DECLINES"), but a lead's headline, and a later sentence's lead when it points back ("the
index", "the Board") or opens bare on the thing asked and names nothing ("Prime rate is six
pct."), tell what it is about. "It said" or "They said" would not do: tried, it let a
story's kerosene posting pass for its heavy fuel oil, and traders' soybean estimate for
sorghum (dev replay, 2026-12-05).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.records import Citation
from assistant.text.date_phrases import MONTH
from assistant.text.places import spelled_otherwise
from assistant.text.sentences import split_sentences
from assistant.text.terms import plain_terms
from assistant.watching.asking import when_asked
from assistant.watching.kin import same_things
from assistant.watching.naming import by_initials, names_of, short_forms
from assistant.watching.spans import answer_sentence, before_sentence, first_sentence

# The word after each "the" and, past a word in lower case, the one after it (a stem may
# end either): "the index", "the new price" (an adjective before the thing referred to);
# not "the Mideast benchmark crude Dubai" (a name's, not the lead's).
_AFTER_THE = re.compile(r"\b[Tt]he\s+(?=(\S+)(?:\s+(\S+))?)")
_CAPITALISED = re.compile(r"\b[A-Z]")
_A_MONTH = re.compile(rf"\b{MONTH}(?!\w)", re.IGNORECASE)  # a month written is no name
# The verb that states what a bare opening's thing is, a few words in: "Prime rate is", "...
# inflation was"; not "Wheat guesses ranged from".
_STATES_IT = re.compile(r"^(?:[\w-]+\s+){0,2}?(?:is|was|are|were|stood|stands|remained)\b")
# The stretch a bare opening's thing is given for, before its verb ("Inflation for the 12
# months ending February 1987 was 25.5 pct"): the month it names is no name of another thing.
_STRETCH_FIRST = re.compile(
    rf"^(?:for|in|over|during)\s+(?:the\s+)?(?:(?:\d+|twelve|three|six)\s+)?"
    rf"(?:months?|weeks?|year|quarter|{MONTH})"
    rf"(?:\s+(?:ending|ended|to|through)\s+{MONTH})?(?:\s+(?:19|20)\d\d)?\s+",
    re.IGNORECASE,
)
# The verbs by which a sentence's opening words bring a value about ("This gave ...", "The
# fall brought the rate to ..."): what they stand for was said before.
_BRINGS = (
    "brought|brings|took|takes|left|leaves|put|puts|pushed|pushes|lifted|lifts|lowered|lowers"
    "|raised|raises|reduced|cut"
)
# A sentence that opens on a demonstrative standing for what was just said, followed by its
# verb ("This gave a year-on-year March inflation rate of 9.8 pct"): it refers back as a
# whole; "This year's" or "That figure" name a thing of their own.
_POINTS_BACK = re.compile(
    rf"^\s*(?:This|That|These|Those)\s+(?:{_BRINGS}|gave|gives|made|makes|means|meant|compares"
    r"|compared|represents|represented|reduces|cuts)\b"
)
# A sentence that opens on the move the sentence before it told, followed by its verb ("The
# fall brought the rate to 9.14 pct" after "The average effective interest rate ... declined
# nine basis points"; "The 0.50 cent price hike brings Sun's heating oil price to"): read
# with that sentence, which names what moved.
_MOVE_BEFORE = re.compile(
    r"^\s*(?:The|This|That)\s+(?:[\w.,/-]+\s+){0,4}?(?:fall|rise|drop|decline|increase|decrease"
    rf"|gain|cut|reduction|hike|jump|advance|climb|dip|slip|change|move|easing)s?\s+(?:{_BRINGS})\b",
    re.IGNORECASE,
)


def topic_text(question: str, cited: Citation, lead: str = "") -> str:
    """The words a report's topic is judged on: its quote (with its headline when it is the
    lead), the ``lead`` it refers back to, and the names of the question that an acronym
    in them stands for ("CBT" for the Chicago Board of Trade), with a thing's other words
    (the "jobless" are the "unemployed": ``kin.same_things``), and the other spellings of a
    country it names by one of its own ("Belgian unemployment" is Belgium's:
    ``places.spelled_otherwise``). Not the country an institution stands for: counted here,
    it made "The Bundesbank has set a fixed rate of 3.80 pct on repurchase pacts" carry
    "West German" of the discount rate asked (tried on 2026-12-06)."""
    text = f"{with_headline(cited)} {lead}"
    return " ".join([same_things(text), spelled_otherwise(text),
                     *by_initials(names_of(question), text)])  # fmt: skip


def with_headline(cited: Citation) -> str:
    """The quote, with its headline when it is the article's lead: a headline tells what
    its lead says, and a wire's notice names its company only there ("SOUTHERN CALIFORNIA
    EDISON CO QTLY DIV" over "Qtly div 57 cts vs 57 cts"); a sentence deeper in a story
    may be about something else ("rigs used for onshore drilling ... from last week's 671"
    under "U.S. RIG COUNT DECLINES"); with the names it writes short in full ("FED")."""
    text = f"{cited.quote} {cited.title}" if cited.start == 0 else cited.quote
    return " ".join([text, *sorted(short_forms(text))])  # "FED SAYS": the Federal Reserve


def lead_referred_to(question: str, about: Sequence[str], cited: Citation) -> str:
    """The story's lead, when the answer's sentence lies deeper in it and refers back to
    what the lead names by "the" and one of the question's words ("The January decrease left
    the index at 183.8" under "The U.S. index of leading indicators fell ..., the Commerce
    Department said"; "... stand at 216,095 tonnes, ..., the Board said"): the sentence is
    then read with the lead's names and words, as is one that opens "This gave ..."; one
    that opens on a move ("The fall brought the rate to") is read with the sentence before
    it too, which told the move (``move_told_before``); "" when neither."""
    moved_before = move_told_before(cited)  # "The fall brought the rate to"
    lead = _lead(question, about, cited)
    return " ".join(dict.fromkeys(filter(None, (lead, moved_before))))


def _lead(question: str, about: Sequence[str], cited: Citation) -> str:
    if cited.chunk_start != 0 or cited.start == 0:
        return ""  # the lead itself, or a chunk that does not hold it
    if _POINTS_BACK.match(answer_sentence(cited)):
        return first_sentence(cited.text)  # "This gave a ... rate of 9.8 pct"
    after_the = [w.casefold() for first, second in _AFTER_THE.findall(answer_sentence(cited))
                 for w in (first, second if first[:1].islower() else "") if w]  # fmt: skip
    named = plain_terms(" ".join(names_of(question)))
    words = [w for w in {*about, *named, *when_asked(question)} if len(w) > 2]
    if _bare_opening(answer_sentence(cited), words):
        return first_sentence(cited.text)  # "Prime rate is six pct."
    if not any(following.startswith(w) for following in after_the for w in words):
        return ""  # "It said ..." or "They said ...": whose words, not what about
    return first_sentence(cited.text)


def _bare_opening(sentence: str, words: Sequence[str]) -> bool:
    """Whether a sentence opens, with no article, on one of the question's words, says what
    it is and names nothing after it ("Prime rate is six pct."; "Year-on-year inflation was
    six pct compared with the government five pct target"): the wires' shorthand for the
    thing the lead told of, which a sentence naming its own ("Inflation in West Germany
    was") is not, nor one telling something else of it ("Wheat guesses ranged from"). A
    stretch may come between ("Inflation for the 12 months ending February 1987 was")."""
    first, _, rest = sentence.strip().partition(" ")
    rest = _STRETCH_FIRST.sub("", rest, count=1)  # "Inflation for the 12 months ending ..."
    if not _STATES_IT.match(rest) or _CAPITALISED.search(_A_MONTH.sub(" ", rest)):
        return False  # "Wheat guesses ranged from 13 mln": not what the thing is
    return any(first.casefold().startswith(w) for w in words)


def move_told_before(cited: Citation) -> str:
    """The sentence before the answer's, when the answer's opens on the move it told ("The
    fall brought the rate to 9.14 pct"): what moved is named there; "" otherwise."""
    if not _MOVE_BEFORE.match(answer_sentence(cited)):
        return ""
    before = before_sentence(cited)
    sentences = split_sentences(before)
    return before[sentences[-1].start : sentences[-1].end] if sentences else ""
