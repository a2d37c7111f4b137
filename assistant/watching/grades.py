"""Credit ratings as a watch's value: "What rating does Standard and Poor's give Chrysler's
senior debt?" is answered by a grade ("BBB", "BB-plus", Moody's "Baa-2"), not by the "185 mln
dlrs" of debt the sentence also names; and a downgrade from "BB-plus" to "BB" is a change,
however alike the two read as words.

The scales are the agencies' own: Standard and Poor's (and Fitch, Duff and Phelps) write
letters with "plus" or "minus" and "A-1" for commercial paper; Moody's writes "Aaa" to "C"
with a digit, and "Prime-1" for commercial paper. A question that names one agency takes a
grade of its scale only ("Ba-2" is no S&P grade).
"""

from __future__ import annotations

import re
from enum import Enum


class Scale(Enum):
    """Whose letters a grade is written in."""

    LETTERS = "letters"  # Standard and Poor's, Fitch, Duff and Phelps
    MOODYS = "moodys"


_LETTERS = re.compile(
    r"(?:AAA|AA|A|BBB|BB|B|CCC|CC|C|D)(?:-?(?:plus|minus)|[+-])?(?![\w+-])"
    r"|A-[123](?:-?plus|\+)?(?![\w+-])"
)
_MOODYS = re.compile(
    r"(?:Aaa|Aa|A|Baa|Ba|B|Caa|Ca|C)(?:-?[123])?(?![\w+-])|(?:BAA|BA|CAA)-?[123](?![\w+-])"
    r"|(?:Prime|P)-[123](?![\w+-])|Not-Prime(?![\w+-])"
)
_GRADE = re.compile(rf"(?<![\w+-])(?:{_LETTERS.pattern}|{_MOODYS.pattern})")
# Words a grade's span may carry besides its grades: "to BB from BB-plus", "BBB rating".
_ALONGSIDE = {"to", "from", "rating", "ratings", "grade", "grading", "its", "the", "a", "an"}
_ASKS = re.compile(r"\b(?:rating|rated|grade|grading)s?\b", re.IGNORECASE)
_AGENCY_LETTERS = re.compile(
    r"Standard (?:and|&) Poor(?:'s)?|\bS ?(?:&|and|/) ?P\b|\bFitch\b|\bDuff (?:and|&) Phelps",
    re.IGNORECASE,
)
_AGENCY_MOODYS = re.compile(r"\bMoody", re.IGNORECASE)
# The things a grade rates, named in a question or after a grade in a report.
_RATED = r"debt|debentures?|notes?|bonds?|paper|preferred|securities"
_RATED_THING = re.compile(rf"\b(?:{_RATED}|issuer|credit)\b", re.IGNORECASE)


def scales_asked(question: str) -> frozenset[Scale]:
    """The scales whose grades answer the question; none when it asks no credit rating (a
    rating word with an agency or a rated debt: "Nielsen ratings" are no grade)."""
    if not _ASKS.search(question):
        return frozenset()
    letters, moodys = _AGENCY_LETTERS.search(question), _AGENCY_MOODYS.search(question)
    if letters or moodys:
        return frozenset({Scale.LETTERS} if letters else set()) | (
            {Scale.MOODYS} if moodys else set()
        )
    return frozenset(Scale) if _RATED_THING.search(question) else frozenset()


def agency_named(question: str) -> str:
    """The rating agency a credit-rating question names ("Standard and Poor's"), or "": the
    source of its figures, as "according to" names one (``naming.source_names``)."""
    if not scales_asked(question):
        return ""
    found = _AGENCY_LETTERS.search(question) or _AGENCY_MOODYS.search(question)
    return found[0] if found else ""


# What a standing grade is written before: "B-plus convertible subordinated debentures",
# "its BB-plus rating on"; a sentence that says "may downgrade" them still states it.
_BEFORE_RATED = re.compile(
    rf"\s*(?:[\w-]+\s+){{0,3}}?(?:rating|grading|grade|{_RATED})\b", re.IGNORECASE
)


def standing_grade(question: str, following: str) -> bool:
    """Whether a grade asked is written as the rated thing's standing one, the words after it
    in its sentence (``following``) naming that thing: "may downgrade Chi-Chi's Inc's 50 mln
    dlrs of B-plus convertible subordinated debentures" is no forecast of B-plus."""
    return bool(scales_asked(question)) and bool(_BEFORE_RATED.match(following))


# The rated things a grade is given for, of which a question asks one: "senior debt" is
# not the "convertible subordinated debentures" ("senior subordinated" debt is subordinated).
_RATED_KINDS = {
    "senior": re.compile(r"\bsenior\b(?!\s+subordinated)", re.IGNORECASE),
    "subordinated": re.compile(r"\b(?:subordinated|junior)\b", re.IGNORECASE),
    "paper": re.compile(r"\bcommercial\s+paper\b", re.IGNORECASE),
    "preferred": re.compile(r"\bpreferred\b|\bpreference\s+shares\b", re.IGNORECASE),
}
RATED_WORDS = 4  # a grade's rated thing is named within a few words of it


def _rated_kinds(text: str) -> set[str]:
    return {kind for kind, pattern in _RATED_KINDS.items() if pattern.search(text)}


def another_rated_thing(question: str, before: str, following: str) -> bool:
    """Whether a grade is given for another of the rated things than the one asked: "The
    company's senior debt rating is BB-minus" asked its convertible subordinated debentures.
    The thing is named just after the grade ("AA-minus subordinated debt") or, failing
    that, just before it ("subordinated debt to BB from BB-plus")."""
    asked = _rated_kinds(question) if scales_asked(question) else set()
    if not asked:
        return False
    after = following.split()[:RATED_WORDS]
    upto = next((at for at, word in enumerate(after) if _one_grade(word.strip(",;"))), None)
    said = _rated_kinds(" ".join(after[:upto]))  # up to the next grade: "AA senior debt, AA-"
    said = said or _rated_kinds(" ".join(before.split()[-RATED_WORDS - 2 :]))
    return bool(said) and not said & asked


def grade_in(value: str, scales: frozenset[Scale] = frozenset(Scale)) -> str:
    """The grade a short answer gives, written canonically ("BB+", "Baa2", "A1+"), or "" when
    it gives none of ``scales``: the new grade of "to BB from BB-plus" or "from BB-plus to
    BB", the one grade of "BBB rating"; a value with other words is no grade."""
    words = value.replace(",", " ").split()
    if not words or any(w.casefold() not in _ALONGSIDE and not _one_grade(w) for w in words):
        return ""
    grades = [w for w in words if _one_grade(w)]
    if not grades:
        return ""
    lowered = [w.casefold() for w in words]
    new = grades[-1] if lowered[0] == "from" and "to" in lowered else grades[0]
    return _canonical(new) if _of_scales(new, scales) else ""


def _one_grade(word: str) -> bool:
    return bool(_GRADE.fullmatch(word))


def _of_scales(grade: str, scales: frozenset[Scale]) -> bool:
    return (Scale.LETTERS in scales and bool(_LETTERS.fullmatch(grade))) or (
        Scale.MOODYS in scales and bool(_MOODYS.fullmatch(grade))
    )


def _canonical(grade: str) -> str:
    """One spelling per grade: "BB-plus" and "BB+" are "BB+", "Baa-2" and "BAA-2" are
    "Baa2", "A-1-plus" is "A1+", "Prime-1" is "P1"."""
    text = re.sub(r"-?plus$", "+", grade)
    text = re.sub(r"-?minus$", "-", text)
    text = re.sub(r"^Prime-", "P", text)
    text = re.sub(r"-(?=[123])", "", text)
    head = re.match(r"([A-Za-z]+)(?=\d)", text)
    return head[1].capitalize() + text[len(head[1]) :] if head else text


def same_grade(a: str, b: str) -> bool | None:
    """Whether two answers give one grade; None when either gives none (then they are
    compared as other values are)."""
    first, second = grade_in(a), grade_in(b)
    if not first or not second:
        return None
    return first == second
