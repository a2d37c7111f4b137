"""Whose role a "who" watch's answer holds: the role asked, of the country asked.

"Who is Saudi Arabia's oil minister?" is not answered by "Vice Minister ...", nor by
"Kuwait's Oil Minister, Sheikh Ali", nor by "OPEC President Rilwanu Lukman, who is also
Nigerian Oil Minister", though the article's headline names Saudi Arabia; nor by a name
the sentence does not tie to the role ("said Peter Klein, an economist at a Zurich bank").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.text.date_phrases import MONTH, WEEKDAY
from assistant.text.places import countries_in
from assistant.text.question import QuestionType, analyse
from assistant.text.terms import stem, words
from assistant.watching.asking import TITLE
from assistant.watching.series import QUALIFIER_WORDS, another_name, another_series

# A role's deputy, or its former holder, is not the one asked for.
# A company's "Co" is none ("Exxon Co Chairman"), a "co-chairman" one.
_RANK = r"vice|deputy|under|former|ex|acting|assistant"
_OTHER_HOLDER = rf"(?:(?:{_RANK})[\s-]+|co-)"
# The same before a name in its phrase: "Former White House Chief of Staff Donald Regan".
# Not "assistant to Federal Reserve Board Chairman Paul Volcker": the assistant is another.
_NOT_THE_HOLDER = re.compile(rf"\b{_OTHER_HOLDER}(?!to\b)", re.IGNORECASE)
_ANY_OFFICE = {"chief", "head"}  # "Fed chief Volcker" holds the chairmanship asked
# What ties a name to a title after it: an apposition or a predicate ("was named chairman"),
# or a verb of naming before it ("named Isam al-Chalaby oil minister").
_TIES = re.compile(r",|(?i:is|was|as|named|becomes|became|who)$")
_NAMES_TO = re.compile(r"(?i:named|appointed|elected|made)")
# Where a clause about the name ends: a role after this is another's.
_CLAUSE_END = re.compile(r"\b(?:said|says|told|according)\b|[;:]")
# Before a "who" answer in its clause, these say the office is to come ("will elect in
# April John Johnstone Jr as its chief executive", "named to succeed", "NOMINATES J. PAUL
# STICHT CHAIRMAN" for a board's vote to come): not yet its holder. A visit to come is no
# office to come ("He will meet UAE President ... and Oil Minister Mana Said al-Oteiba").
_SUCCEEDS = r"(?:succeed|become|replace|take\s+over)\b"
_TO_HOLD = re.compile(
    rf"\bwill\s+(?:\w+\s+){{0,2}}?(?:elect|name|appoint|nominate|choose|pick|{_SUCCEEDS}|be\b)"
    rf"|\bto\s+{_SUCCEEDS}|\bnominat\w*|\bunder\s+discussion\b|\bcandidates?\b"
    r"|\bexpected\s+to\s+(?:be|name|appoint)\b"
    r"|\btipped\b|\b(?:possible|potential|likely)\s+(?:successor|candidate|choice)",
    re.IGNORECASE,
)  # and one talked of: "Also under discussion as president was Johann Wilhelm Gaddum"
# Right before a name: the holder still, until the day told ("will succeed John M. Henske as
# chief executive officer on April 30").
_SUCCEEDED_LATER = re.compile(r"\bwill\s+(?:succeed|replace)\s*$", re.IGNORECASE)
# After a name, in its sentence: "James Cotting, now vice chairman, was named to succeed
# Lennox as chairman" is the holder to come.
_TO_COME = re.compile(
    rf"^[^.;]*?\b(?:(?:will|(?:named|appointed|elected|chosen|nominated|picked)\s+to)\s+"
    rf"{_SUCCEEDS}|expected\s+to\s+be\s+(?:named|appointed|elected|chosen))",
    re.IGNORECASE,
)
_PHRASE_END = re.compile(r"[,;:]|\bsaid\b|\bsays\b")  # where that clause begins
# A name told as leaving its office: after it in its clause ("Oil Minister Qassem Ahmed Taqi
# has been moved to the Heavy Industries ministry", ", who resigned last week"), or before it
# ("the abrupt exit of Donald Regan as chief of staff", "succeeding Marks").
_LEAVES = re.compile(
    r"^\W*(?:who\s+)?(?:(?:has|had|have)\s+been|was|is|were)?\s*(?:moved|replaced|dismissed|sacked"
    r"|ousted|fired|removed|resign\w*|step(?:s|ped)?\s+down|retir\w*|quit)\b",
    re.IGNORECASE,
)
_LEFT_BY = re.compile(
    r"\b(?:exit|resignation|departure|ouster|removal|dismissal|replac\w*|succeed\w*)"
    r"(?:\s+of)?\s*$",
    re.IGNORECASE,
)
# Words that tell a holder coming into an office, in the sentence or its headline ("Allegis
# named Frank Olson chairman", "ALLEGIS NAMES OLSON CHAIRMAN", "the new oil minister"): a
# first name a watch finds for an office is news only then (``tells_appointment``).
_APPOINTED = re.compile(
    r"\b(?:nam(?:ed|es|ing)|appoint\w*|elect(?:ed|s)|election\s+as|chosen|chose|picked|promot\w*"
    r"|install\w*|sworn\s+in|succeed\w*|successor|replac\w*|took\s+over|tak(?:es|ing)\s+over"
    rf"|bec(?:ame|omes)|new(?:ly)?\s+(?:\S+\s+){{0,3}}?{TITLE.pattern}\b)",
    re.IGNORECASE,
)
# Words of an institution's name: an office is held by a person, not by "U.S. Federal Reserve
# Board" nor "the Finance Ministry".
_INSTITUTION = re.compile(
    r"(?i:board|bank|reserve|corp|corporation|inc|ltd|plc|company|department|ministry"
    r"|committee|council|government|association|group|fund|commission|agency|authority"
    r"|office|exchange|union|administration|organi[sz]ation|house|cabinet|parliament|congress"
    r"|senate|court|party|federation|institute|secretariat)"
)
_A_DAY_NAME = re.compile(rf"(?i:{MONTH}|{WEEKDAY})")  # "who was named Fed Chairman Tuesday"
# Two names joined are no one holder ("attorneys representing Texaco and Pennzoil").
_TWO_NAMES = re.compile(r"\s(?:and|&)\s")
_CHAMBER = re.compile(r"\b(?:House|Senate)\b")  # a legislature's two chambers
_LEGAL = r"(?:Corp|Corporation|Co|Inc|Ltd|PLC|Plc)\.?"
# A company the question names by its legal form ("General Motors Corp"), and another one
# its name owns in a quote ("General Motors Corp's Hughes Aircraft Co", "GM's Opel unit").
_COMPANY_ASKED = re.compile(rf"(?P<core>(?:[A-Z][\w&.-]*\s+)*[A-Z][\w&.-]*)\s+{_LEGAL}(?!\w)")
_UNIT = rf"(?:[A-Z][\w&.-]*\s+)+(?:{_LEGAL}|unit|subsidiary)"
ROLE_WORDS = 5  # the words before a name or a role that say whose it is ("Kuwait's Oil")
AFTER_WORDS = 8  # how far after a name its role may follow (", who is also Nigerian Oil ...")
# How far a title's "of" phrase may reach a name set off by a comma: "The director of the
# Banco do Brasil's foreign trade department (CACEX), Roberto Fendt" (ten words).
APPOSITION_WORDS = 12


def holds_office(
    question: str,
    about: Sequence[str],
    quote: str,
    before: str,
    answer: str,
    after: str,
    filed_in: str = "",
) -> bool:
    """Whether a "who" answer (``answer``, between ``before`` and ``after`` in its sentence
    of ``quote``) holds the office asked (``about``: the question's words for it): not as
    its deputy, not another country's (``filed_in``: the country of the story's dateline,
    whose office an unqualified title is), not one to come nor one leaving, and tied to it
    by the sentence."""
    roles = [w for w in words(question) if stem(w.removesuffix("'s")) in about]
    if another_holder(roles, quote):
        return False  # "Vice Chairman Manuel Johnson" for the chairman
    if another_country(question, roles, before, answer, after, filed_in):
        return False  # "Kuwait's Oil Minister"; "who is also Nigerian Oil Minister"
    if _SUCCEEDED_LATER.search(before):  # "will succeed John M. Henske as chief executive"
        return not answer or holds_role(question, roles, before, answer, after)
    phrase = _PHRASE_END.split(before)[-1]  # the name's own phrase: "Former ... Chief of Staff"
    if _TWO_NAMES.search(answer) or _another_chamber(question, phrase):
        return False  # "Texaco and Pennzoil"; "Senate Banking committee chairman" for the House's
    if _only_as_owner(question, quote):
        return False  # "General Motors Corp's Hughes Aircraft Co ... named Albert Wheelon"
    if _TO_HOLD.search(phrase) or _TO_COME.search(after):
        return False  # "its board will elect in April John Johnstone": not yet its holder
    if _LEAVES.search(after) or _LEFT_BY.search(before):
        return False  # "Taqi has been moved to ..."; "the exit of Donald Regan as ..."
    if _NOT_THE_HOLDER.search(phrase):
        return False  # "Former White House Chief of Staff Donald Regan": not its holder now
    return not answer or holds_role(question, roles, before, answer, after)


def _another_chamber(question: str, phrase: str) -> bool:
    """Whether the name's phrase gives the other chamber than the one the question asks of
    ("Senate Banking committee chairman William Proxmire" for the House Banking Committee's
    chairman; fresh14's watch-j22, read after its blind run)."""
    asked = {m.casefold() for m in _CHAMBER.findall(question)}
    given = {m.casefold() for m in _CHAMBER.findall(phrase)}
    return len(asked) == 1 and bool(given) and not given & asked


def _only_as_owner(question: str, quote: str) -> bool:
    """Whether the company the question asks of is named in the quote only as another's
    owner: "General Motors Corp's Hughes Aircraft Co said it named Albert Wheelon as
    chairman" tells Hughes's chairman, not GM's (fresh14's watch-j26, read after its run)."""
    for run in _COMPANY_ASKED.finditer(question):
        core = re.escape(run["core"])
        said = re.findall(rf"\b{core}(?:\s+{_LEGAL})?\b(?P<owns>['’]s\s+{_UNIT})?", quote)
        if said and all(owns for owns in said):
            return True
    return False


def asks_office(question: str) -> bool:
    """Whether a "who" question asks an office's holder ("Who is chairman of Allegis?"), not
    a doer ("Who is bidding for Borg-Warner?", whose first answer is news)."""
    return analyse(question).qtype is QuestionType.WHO and any(
        TITLE.fullmatch(word) for word in words(question)
    )


def tells_appointment(text: str) -> bool:
    """Whether ``text`` tells someone coming into an office: a "who" watch that started
    empty and then meets "Saudi Arabia's Oil Minister Hisham Nazir" has found the
    holder it missed, no news (seven first names of the seen sets, every one a false alarm
    on a watch whose answer never moved: docs/quality.md); "was named chairman" is."""
    return _APPOINTED.search(text) is not None


def another_holder(roles: Sequence[str], quote: str) -> bool:
    """Whether a role word asked is in the quote only as another's: "Vice Chairman Manuel
    Johnson" when the chairman is asked."""
    if any(re.fullmatch(_RANK, role, re.IGNORECASE) for role in roles):
        return False  # the rank is asked: "Who is vice chairman of the Fed?"
    for role in roles:
        found = re.findall(rf"({_OTHER_HOLDER})?\b{re.escape(role)}\b", quote, re.IGNORECASE)
        if found and all(found):
            return True
    return False


def another_country(
    question: str, roles: Sequence[str], before: str, answer: str, after: str, filed_in: str = ""
) -> bool:
    """Whether the answer's role is another country's, judged at the answer's own place:
    the ``answer`` itself and the words right ``before`` it when they name a country
    ("Kuwait's Oil Minister, Sheikh Ali"; a span "Kuwait's Oil Minister"), else, when an
    apposition follows it, the words that lead up to the role asked in its first few words
    ``after`` it (", who is also Nigerian Oil Minister"); else the country the story was
    filed in, when the question names one; another country, and not the question's, there
    ("said after meeting Ecuador's President" is no apposition)."""
    near = countries_in(" ".join([*before.split()[-ROLE_WORDS:], answer]))
    if not near and roles and after.lstrip().startswith(","):  # an apposition: the name's
        following = " ".join(after.split()[:AFTER_WORDS])
        role = re.search(rf"\b{re.escape(roles[-1])}\b", following, re.IGNORECASE)
        if role:
            near = countries_in(" ".join(following[: role.start()].split()[-ROLE_WORDS:]))
    asked = countries_in(question)
    if not near and asked and filed_in:
        near = countries_in(filed_in)  # "CARACAS - Finance minister Manuel Azpurua said"
    return bool(near) and not near & asked


def holds_role(question: str, roles: Sequence[str], before: str, answer: str, after: str) -> bool:
    """Whether the sentence ties the answer to the office asked: its title word (or "chief",
    "head") is in the span, among the few words before it ("Fed Chairman Paul Volcker"), or
    in an apposition or predicate after it ("Paul Volcker, chairman of the Fed"; "Alan
    Greenspan was named chairman"), is a person's name, not an institution's nor the body
    asked about ("ICCO"), and not as another office's ("Trade Secretary Jose Concepcion",
    "Secretary of Trade and Industry Jose Concepcion" for the agriculture secretary,
    "World Bank President" for a central bank's: ``series``); a name that only stands near
    the story's subject is not its holder ("..., said Peter Klein, an economist at a Zurich
    bank"; "Solita Monsod accusing the head of the delegation")."""
    titles = {r.casefold() for r in roles if TITLE.fullmatch(r)}
    if not titles:
        return True  # no office asked ("Who is bidding for Borg-Warner?")
    if any(_INSTITUTION.fullmatch(_plain(token)) for token in answer.split()):
        return False  # "U.S. Federal Reserve Board": an institution, not its chairman
    if {_plain(token) for token in answer.split()} <= _asked_names(question):
        return False  # "ICCO" for its executive director: the institution asked about
    wanted = titles | _ANY_OFFICE
    lead = re.split(_CLAUSE_END, before)[-1].split()
    clause = re.split(_CLAUSE_END, after)[0].split()[:AFTER_WORDS]
    named = bool(lead) and _NAMES_TO.fullmatch(lead[-1]) is not None  # "named X minister"
    if not clause or not (named or _TIES.match(clause[0])):
        clause = []  # "Monsod accusing the head of ...": an object, not her office
    tokens = [*lead, *answer.split(), *clause]
    named_at = len(lead)  # where the answer begins
    whole = [*tokens, *re.split(_CLAUSE_END, after)[0].split()[len(clause) :]] if clause else tokens
    after_name = named_at + len(answer.split())
    return any(
        _plain(token) in wanted
        and not _another_office(question, whole, at, named_at)
        and not (at >= after_name and _titles_another(whole, at))
        for at, token in enumerate(tokens)
        if at >= named_at - ROLE_WORDS or _of_phrase_to(tokens, at, named_at)
    )


def _titles_another(tokens: Sequence[str], at: int) -> bool:
    """Whether the title at ``tokens[at]``, after the answer, stands before another's name:
    "Nazmi Akiman, was due to meet Prime Minister Andreas Papandreou" ties Akiman to no
    premiership (fresh12's watch-c29, read after it was run blind)."""
    raw = tokens[at + 1] if at + 1 < len(tokens) else ""
    following = _plain(raw)
    named = raw[:1].isupper() and raw[1:2].islower()  # "Andreas", not a headline's "SUCCEEDING"
    return named and not TITLE.fullmatch(following) and not _A_DAY_NAME.fullmatch(following)


def _of_phrase_to(tokens: Sequence[str], at: int, named_at: int) -> bool:
    """Whether the title at ``tokens[at]`` reaches the name by its "of" phrase and a comma
    (one phrase, ``APPOSITION_WORDS`` at most), or by a body's name alone: "The chairman of
    the Federal Reserve Board, Paul Volcker" (the title six words back), "Governor of the
    Bank of England Robin Leigh-Pemberton"."""
    between = tokens[at + 1 : named_at]
    if not (at + 1 < named_at and tokens[at + 1].casefold() == "of"):
        return False
    if tokens[named_at - 1].endswith(",") and not any("," in t for t in between[:-1]):
        return named_at <= at + APPOSITION_WORDS  # one phrase up to the apposition's comma
    return named_at <= at + ROLE_WORDS + QUALIFIER_WORDS + 2 and all(
        t[:1].isupper() or t.casefold() in ("of", "the") for t in between
    )


def _another_office(question: str, tokens: Sequence[str], at: int, named_at: int) -> bool:
    """Whether the title at ``tokens[at]`` is another office's: by the words before it
    ("Trade Secretary", "World Bank President") or after its "of" ("Secretary of Trade and
    Industry", "chief executive officer of Continental Water Systems Corp")."""
    if another_series(question, " ".join(tokens[:at])):
        return True
    if another_name(question, " ".join(tokens[:at])):
        return True  # "World Bank President" for the central bank's
    asked = _question_words(question) - {"of"}
    while at + 1 < len(tokens) and _plain(tokens[at + 1]) in asked:
        at += 1  # the title's other words: "chief executive officer of"
    if at + 1 >= len(tokens) or tokens[at + 1].casefold() != "of":
        return False
    end = named_at if at < named_at else len(tokens)
    following: list[str] = []
    for token in tokens[at + 2 : min(end, at + 2 + QUALIFIER_WORDS + 2)]:
        following.append(token)
        if token.endswith(","):
            break
    return another_series(question, " ".join(following)) or _another_body(question, following)


def _another_body(question: str, following: Sequence[str]) -> bool:
    """Whether the name after a title's "of" is another company's or body's than the
    question names: "chief executive officer of Continental Water Systems Corp" (a
    subsidiary's) for Olin's; not "chairman of the Fed" for the Federal Reserve Board's."""
    asked = _asked_names(question) | _question_words(question)
    named = [
        _plain(t) for t in following if t[:1].isupper() and not _INSTITUTION.fullmatch(_plain(t))
    ]
    return bool(named) and not any(
        word in asked or (len(word) >= 3 and any(a.startswith(word) for a in asked))
        for word in named
    )


def _question_words(question: str) -> set[str]:
    """The question's words, in lower case: a title's other words, a body it names."""
    return {w.casefold() for w in words(question)}


def _asked_names(question: str) -> set[str]:
    """The question's capitalised words, its asides' included ("ICCO" of "the International
    Cocoa Organization (ICCO)")."""
    return {_plain(word) for word in re.findall(r"[\w.&'’-]+", question) if word[:1].isupper()}


def _plain(word: str) -> str:
    return re.sub(r"['’]s$", "", word.strip(".,;:()\"'")).casefold()
