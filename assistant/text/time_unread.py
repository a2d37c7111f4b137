"""Words that look like time but were not read as dates: said, never skipped silently.

``read_time`` reads the constructions it knows; a question may hold others ("during
Ramadan 2019", "in the fall of 2018", "fiscal 1987", "since the war began last spring"
once the reader misses part of it). Searching every date then is right, but the user must
know, to rephrase: ``unread_time(text)`` gives the first such phrase of what is left of
the question once its read phrase is taken out ("" when nothing looks like time).

What looks like time: season and holiday names, month names next to a day, a year or a
preposition, years after a preposition, calendar units with a word that places them
("last decade", "the second quarter", "early this century", "three weeks earlier"),
"fiscal 1987", and the day words. Names are not time: a capitalised time word beside
another capitalised word ("Summer Olympics", "Spring Festival", "Easter Island", "Theresa
May", "Fiscal Policy Institute"), and a year that names the subject ("the 2015 peace deal")
is left to the reader's own rule.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
_B, _E = r"(?<![\w-])", r"(?![\w-])"
# full names only, unlike date_phrases' MONTH: a lone "mar", "sep" or "dec" in what is left
# of a question is a word more often than a month; and "fall" only in its own shapes below
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre"
    "|novembre|décembre|decembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto"
    "|septiembre|octubre|noviembre|diciembre|januar|februar|märz|juni|juli|oktober|dezember"
)
_SEASONS = (
    "spring|summer|autumn|winter|printemps|été|automne|hiver|primavera|verano|otoño"
    "|invierno|frühling|frühjahr|sommer|herbst"
)
_HOLIDAYS = (
    r"christmas(?:\s+(?:day|eve))?|easter(?:\s+(?:sunday|monday))?|new\s+year(?:'s)?(?:\s+(?:day|eve))?"
    r"|thanksgiving|ramadan|eid(?:\s+al-\w+)?|hanukkah|diwali|passover|halloween|lent"
    r"|boxing\s+day|independence\s+day|labou?r\s+day|memorial\s+day|bastille\s+day"
    r"|chinese\s+new\s+year|lunar\s+new\s+year|noël|pâques|navidad|semana\s+santa"
    r"|weihnachten|ostern|silvester"
)  # fmt: skip
_UNITS = r"(?:century|centuries|decades?|years?|quarters?|halves|half|months?|weeks?|days?|weekends?|fortnights?|hours?)"  # noqa: E501
_PLACING = (
    r"last|next|this|past|previous|coming|following|early|mid|late|first|second|third"
    r"|fourth|final|same|that"
)
_YEAR = r"(?:1[6-9]|20)\d\d(?:s|'s)?"
_PREPOSITIONS = r"in|during|since|until|till|before|after|by|from|through|around|over|of|at"
_FUNCTION = (
    "and|or|to|when|while|as|after|before|until|than|because|if|for|in|on|at|with|by"
    "|from|of|the|a|was|were|is|are|did|had|has|have|compared|against|versus"
)
# a date followed by a word it describes names the thing ("the 2000 workers", "the April
# 1987 bomb attack"), it is no time
_NOT_NAMING = rf"(?!\s+(?!(?:{_FUNCTION})\b)\w)"
_LEAD = rf"(?:{_PREPOSITIONS}|this|last|next|early|late|mid|mid-)\s+(?:the\s+)?"
_OF_YEAR = rf"(?:,?\s+(?:of\s+)?{_YEAR})"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_SHAPES = [
    rf"{_B}(?:{_LEAD}(?:{_SEASONS})|(?:{_SEASONS}){_OF_YEAR}){_OF_YEAR}?{_E}",
    rf"{_B}(?:(?:in\s+)?the\s+fall\s+of\s+{_YEAR}|(?:this|last|next|early|late)\s+fall|in\s+the\s+fall){_E}",
    rf"{_B}(?:{_LEAD}(?:{_HOLIDAYS})|(?:{_HOLIDAYS}){_OF_YEAR}){_OF_YEAR}?{_E}",
    rf"{_B}(?:the\s+)?(?:end|start|beginning|middle|turn|close)\s+of\s+(?:the\s+)?(?:(?:{_MONTHS}){_OF_YEAR}?|{_YEAR}|year|month|decade|century|quarter|week){_E}",
    rf"{_B}{_LEAD}(?:{_MONTHS})(?:\s+{_DAY})?{_OF_YEAR}?+{_E}{_NOT_NAMING}",
    rf"{_B}(?:{_MONTHS})\s+(?:{_DAY}{_OF_YEAR}?|{_YEAR}){_E}{_NOT_NAMING}",
    rf"{_B}(?:{_PREPOSITIONS})\s+(?:the\s+)?(?:(?:early|mid|late)[- ])?{_YEAR}{_E}{_NOT_NAMING}",
    rf"{_B}(?:the\s+)?(?:{_PLACING})\s+(?:{_UNITS}){_E}(?:\s+of\s+(?:the\s+)?(?:{_YEAR}|year|month|century|decade))?+(?!\s+of\s){_NOT_NAMING}",
    rf"{_B}(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{{1,3}})\s+{_UNITS}\s+(?:ago|earlier|later){_E}",
    rf"{_B}fiscal\s+(?:year\s+)?{_YEAR}{_E}",
    rf"{_B}(?:yesterday|today|tonight|tomorrow|nowadays|hier|demain|ayer|mañana|gestern|morgen){_E}",
]
_TIME_LIKE = re.compile("|".join(f"(?:{shape})" for shape in _SHAPES), _I)
_NAME_WORD = re.compile(r"[A-Z][\w'-]*")


def _named(text: str, start: int, end: int) -> bool:
    """Whether the phrase at ``start:end`` is part of a name: a capitalised word of it
    stands beside another capitalised word outside it ("Summer Olympics", "Theresa May";
    the question's first word is capitalised anyway and does not count)."""
    words = text[start:end].split()
    capitals = [n for n, w in enumerate(words) if _NAME_WORD.fullmatch(w)]
    if not capitals:
        return False
    earlier = text[:start].split()
    before = words[capitals[0] - 1] if capitals[0] else (earlier[-1] if len(earlier) > 1 else "")
    after = words[capitals[-1] + 1] if capitals[-1] + 1 < len(words) else (
        text[end:].split() or [""])[0]  # fmt: skip
    return any(_NAME_WORD.fullmatch(w.strip("?.,;:!'\"()")) for w in (before, after) if w)


def unread_time(text: str) -> str:
    """The first phrase of ``text`` that looks like time and is no name, or ""."""
    for found in _TIME_LIKE.finditer(text):
        if not _named(text, *found.span()):
            return " ".join(found.group().split())
    return ""
