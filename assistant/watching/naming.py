"""The names a watch's question gives, and whether a report gives them too.

A report on "British clearing banks' base lending rates" must name Britain ("U.K." will
do: ``text.places``), and one on "Marathon Petroleum's posted price for West Texas
Intermediate" must name Marathon and the crude ("WTI" will do: a wire's flash spells
nothing out); a company's legal form or trade is no name it must give.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from assistant.text.places import countries_in, with_other_names
from assistant.watching.grades import agency_named
from assistant.watching.spans import first_sentence

_ASIDE = re.compile(r"\([^)]*\)")
_ASIDE_LEAD = re.compile(r"^\s*(?:formerly|ticker|also|known\s+as|or|now)\s+", re.IGNORECASE)
NAME = re.compile(r"\b[A-Z][\w.&'’-]*[\w.]")
# Capitalised words that are no name a report must give: a question's own words, the words
# of a company's name its short form drops ("Marathon" for "Marathon Petroleum"), and days.
# A company's legal form: no word a report of it need write ("Sun's contract barge price").
LEGAL_FORMS = frozenset("corp corporation co cos company inc incorporated ltd limited plc".split())
_NOT_NAMES = (
    LEGAL_FORMS
    | frozenset(
        "what who which how when where why is the group holdings "
        "petroleum oil industries bancorp courier network mining smelting communications "
        "broadcasting international".split()
    )
    | frozenset(  # a month or a day says when, not whose ("the coming May/September crop")
        "january february march april may june july august september october november december "
        "monday tuesday wednesday thursday friday saturday sunday".split()
    )
)
# A company that styles its name with a lone capital and lower case ("K mart Corp"): the
# two words are its name, however written.
_STYLED = re.compile(r"\b([A-Z]\s+[a-z][\w'’-]+)(?=\s+(?:Corp|Corporation|Co|Inc|Ltd|Company)\b)")
# "The dollar", unqualified, is the U.S. dollar in the wires' English ("the dollar was fixed
# lower at 1.8063 marks"); "the Australian dollar" is not.
_THE_DOLLAR = re.compile(r"\bthe\s+dollar\b", re.IGNORECASE)
# A name's tail that says what was made or based there: "U.S.-built" names the U.S.
_MADE_IN = re.compile(r"-(?:built|made|based|owned|controlled|run|listed)$")
# An acronym stands for a run of at least this many names ("WTI": West Texas Intermediate).
INITIALS = 3
_CAPITALS = re.compile(rf"\b[A-Z]{{{INITIALS},}}\b")
# The run of names a text ends with, the name an aside after it stands for ("the Association
# of Tin Producing Countries"); none after "225-share", whose aside names the whole thing.
_RUN_END = re.compile(r"(?:[A-Z][\w.&'’-]*\s+(?:(?:of|and|&|the)\s+)*)*[A-Z][\w.&'’-]*\s*$")


def without_asides(text: str) -> str:
    """The text less what it says in parentheses: an aside restates or narrows what the
    words before it name ("Hughes Tool (Baker Hughes)", "Taft Broadcasting (Theta Corp)"),
    and a report need not repeat it."""
    return " ".join(_ASIDE.sub(" ", text).split())


def names_of(text: str, *, first: bool = False) -> list[str]:
    """The names a question or query gives: its capitalised words, casefolded, less the
    first word unless ``first`` (a question capitalises it: "What"); a name in parentheses
    restates one before it ("Hughes Tool (Baker Hughes)") and is not required, nor is a
    company's legal form or trade ("Petroleum" of "Marathon Petroleum": "Marathon's")."""
    plain = without_asides(text)
    styled = [m[1].casefold() for m in _STYLED.finditer(plain)]  # "K mart Corp": "k mart"
    capitalised = NAME.findall(_STYLED.sub(" ", plain))
    if not first and plain[:1].isupper():
        capitalised = capitalised[1:]
    names = (_MADE_IN.sub("", w).casefold().removesuffix("'s").removesuffix("’s")
             for w in capitalised)  # fmt: skip
    return [*styled, *(name for name in names if name not in _NOT_NAMES)]


def asides(text: str) -> str:
    """What the text says in parentheses: "seasonally adjusted annual rate" of "non-farm
    productivity (seasonally adjusted annual rate)"."""
    return " ".join(a.strip("()") for a in _ASIDE.findall(text))


def aside_names(text: str) -> list[list[str]]:
    """The question's names as each aside gives them another way: the names of the run it
    follows replaced by its own ("Allegis Corp (formerly UAL Inc, the parent of United
    Airlines)": "ual"; "(ticker PEBW)": "pebw"; "Malaysia's quota under the Association of
    Tin Producing Countries (ATPC)": "malaysia" and "atpc", not "atpc" alone). An aside is
    an acronym, or a first phrase that says it is another name ("formerly", "ticker"). An
    aside of a country narrows where ("Borg-Warner (Australia) Ltd"), one of a person says
    who speaks for it ("(Treasurer Paul Keating's)"): neither is another name."""
    found = []
    asked = names_of(text)
    for aside in _ASIDE.finditer(text):
        first = aside[0].strip("()").split(",")[0]
        phrase = _ASIDE_LEAD.sub("", first)
        if phrase == first and not _CAPITALS.fullmatch(phrase.strip()):
            continue  # "(Treasurer Paul Keating's)": who speaks for it, not its other name
        names = names_of(phrase, first=True)
        if not names or countries_in(" ".join(names)):
            continue
        run = _RUN_END.search(without_asides(text[: aside.start()]))
        stood_for = set(names_of(run[0], first=True)) if run else set(asked)
        found.append([*(n for n in asked if n not in stood_for), *names])
    return found


def gives_names(
    question: str,
    known: str,
    title: str,
    filed_in: str,
    *,
    flash: bool = False,
    story: str = "",
) -> bool:
    """Whether a report (``known``: its words up to the answer's sentence's end, with a
    lead it refers back to) gives the question's names, or those an aside gives them by
    ("formerly"), a source's for the most part ("according to the Central Statistical
    Office"; a ``flash``, a headline alone, may leave the source out: "JAPAN MAY EXTERNAL
    RESERVES HIT RECORD 68.94 BILLION DLRS"; a sentence deeper in a ``story`` (its text from
    its start) is its lead's source's: "Total deposits rose to 17.55 billion N.Z. Dlrs"
    under "..., the Reserve Bank said"), and not, where a long name is asked, another of
    its family."""
    source = source_names(question)
    asked = names_of(question)
    if source and (flash or names_given(source, first_sentence(story), loose=source)):
        # the names the question gives only for its source
        outside = set(names_of(_without_source(question)))
        asked = [n for n in asked if n in outside or n not in source]
    given = (names_given(names, known, title, filed_in, loose=source)
             for names in (asked, *aside_names(question)))  # fmt: skip
    return any(given) and not another_of_its_family(question, known)


def names_given(names: Sequence[str], *texts: str, loose: Sequence[str] = ()) -> bool:
    """Whether every name is in one of the texts (a quote, its headline), a country's
    under any of its names ("British" asked, "U.K." written; the U.S. of its currency as "the
    dollar"), a run of names under its initials ("WTI" for West Texas Intermediate) and a
    Treasury bill as a "T-bill". The ``loose`` names (a source's: ``source_names``) need
    only be given for the most part."""
    written = " ".join(texts)
    said = with_other_names(written) + (" u.s." if _THE_DOLLAR.search(written) else "")
    missing = set(names) - {name for name in names if name in said}
    missing -= by_initials(names, written) | short_forms(written) | _undotted(missing, said)
    unsaid = missing & set(loose)
    return missing <= (unsaid if 2 * len(unsaid) < len(set(loose)) else set())


DOTTED_LETTERS = 3


def _undotted(names: Collection[str], said: str) -> set[str]:
    """The dotted initials among ``names`` that ``said`` writes without their dots ("U.S.A."
    as "USA"): three letters or more, so that "U.S." is never the word "us"."""
    bare = {name: name.replace(".", "") for name in names if "." in name}
    return {
        name
        for name, letters in bare.items()
        if len(letters) >= DOTTED_LETTERS and re.search(rf"\b{re.escape(letters)}\b", said)
    }


# A run of capitalised words, and the length from which a question's run names one member
# of a family of names ("Franklin U.S. Government Securities Fund" among Franklin's funds).
_RUN = re.compile(r"\b[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)+")
FAMILY_WORDS = 4


def another_of_its_family(question: str, text: str) -> bool:
    """Whether ``text`` writes, instead of a long name the question gives, a longer one
    with words inside it: "Franklin Pennsylvania Investors U.S. Government Securities Fund"
    is another of Franklin's funds than the "Franklin U.S. Government Securities Fund"."""
    runs = [[w.casefold() for w in run.split()] for run in _RUN.findall(text)]
    for name in _RUN.findall(without_asides(question)):
        asked = [w.casefold() for w in name.split()]
        if len(asked) < FAMILY_WORDS or any(_inside(asked, run) for run in runs):
            continue
        if any(_spread(asked, run) for run in runs):
            return True
    return False


def _inside(words: Sequence[str], run: Sequence[str]) -> bool:
    n = len(words)
    return any(list(run[i : i + n]) == list(words) for i in range(len(run) - n + 1))


def _spread(words: Sequence[str], run: Sequence[str]) -> bool:
    """Whether ``words`` are all in ``run`` in order (spread: ``_inside`` found them in no
    run side by side)."""
    rest = iter(run)
    return all(word in rest for word in words)


def source_names(question: str) -> list[str]:
    """The names of whose figures a question asks for ("according to the Central Statistical
    Office", or a rating's agency: "What rating does Standard and Poor's give ..."): a wire
    writes a source's name as it pleases ("Central Statistics Office"), so most of them will
    do."""
    found = _ACCORDING_TO.search(without_asides(question))
    names = names_of(found[1], first=True) if found else []
    return names + [n for n in names_of(agency_named(question), first=True) if n not in names]


def _without_source(question: str) -> str:
    """The question less the source it names ("according to ...", a rating's agency)."""
    text = _ACCORDING_TO.sub(" ", without_asides(question))
    agency = agency_named(question)
    return text.replace(agency, " ") if agency else text


_ACCORDING_TO = re.compile(
    r"\b(?:according\s+to|(?:as\s+)?reported\s+by|as\s+published\s+by)\s+([^,?;]+)",
    re.IGNORECASE,
)


def by_initials(names: Sequence[str], text: str) -> set[str]:
    """The names that an acronym written in capitals in ``text`` stands for: each run of
    ``INITIALS`` or more of the names, in the question's order, whose initials it spells."""
    acronyms = {a.casefold() for a in _CAPITALS.findall(text)}
    covered: set[str] = set()
    for first in range(len(names)):
        for end in range(first + INITIALS, len(names) + 1):
            if "".join(n[:1] for n in names[first:end]) in acronyms:
                covered.update(names[first:end])
    return covered


def short_forms(text: str) -> set[str]:
    """The names the wires write short or leave out: "T-bill", "T-BONDS" for a Treasury bill
    or bond; a bill at tender or auction is the Treasury's ("U.K. Bill tender"); "FED SAYS"
    for the Federal Reserve; "EC" for the European Community."""
    given = {"treasury"} if _TREASURY_SHORT.search(text) else set()
    given |= {"european", "community"} if _EC.search(text) else set()
    return given | ({"federal", "reserve"} if _FED.search(text) else set())


_FED = re.compile(r"\b(?:Fed|FED)\b")  # not "fed" (a verb); only asked Federal Reserve
_EC = re.compile(r"\bEC\b")  # two initials: below ``INITIALS``, but the wires' one EC
_TREASURY_SHORT = re.compile(
    r"\bT-(?:bills?|bonds?|notes?)\b|\bbills?\s+(?:tenders?|auctions?)\b", re.IGNORECASE
)
