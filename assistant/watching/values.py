"""A watched question's short answer read as a value, so a reworded answer is not a change.

The answer comes back worded differently as new articles arrive ("7-1/2 pct", "a 7.5
percent rate", "7.5%"); an alert is wanted only when what it says changes. So an answer
is read as its numbers (scaled, with canonical units) and its content words, never kept
as text; ``sameness`` compares two of them.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from enum import StrEnum

from assistant.text.date_phrases import DAY, MONTH, WEEKDAY, YEAR


@dataclass(frozen=True)
class Quantity:
    """A number in plain units, so wordings compare: "1.5 mln dlrs" is 1_500_000 usd."""

    amount: float
    unit: str  # canonical ("pct", "usd", "bpd", "usd/share", "/share"), "" when none given


@dataclass(frozen=True)
class Value:
    """An answer read as comparable parts: its quantities and its words."""

    quantities: tuple[Quantity, ...]  # in order of appearance
    words: tuple[str, ...]  # other content words, casefolded, stop words dropped
    text: str  # the answer as given


_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORD_NUMBERS = {w: float(i) for i, w in enumerate(_SMALL)} | {
    w: 20.0 + 10 * i for i, w in enumerate(_TENS)
}
_SCALES = {"thousand": 1e3, "k": 1e3, "mln": 1e6, "million": 1e6, "m": 1e6}
_SCALES |= {"bln": 1e9, "billion": 1e9, "bn": 1e9, "trln": 1e12, "trillion": 1e12}
_FRACTIONS = {"½": "1/2", "¼": "1/4", "¾": "3/4", "⅛": "1/8", "⅜": "3/8", "⅝": "5/8", "⅞": "7/8"}
_VULGAR = re.compile(rf"(\d?)([{''.join(_FRACTIONS)}])")
_PREFIXES = {"US$": "usd", "U.S.$": "usd", "$": "usd", "C$": "cad", "A$": "aud"}
_PREFIXES |= {"HK$": "hkd", "£": "gbp", "¥": "yen", "€": "eur", "USD": "usd", "GBP": "gbp"}
_PREFIXES |= {"JPY": "yen", "EUR": "eur", "DM": "dm"}
STOP = frozenset(
    "the a an of and or in on at to for by with from as is was are were be been it its "
    "that this which who than per each".split()
)
_NOT_UNITS = STOP | set(_WORD_NUMBERS) | set(_SCALES) | {"up", "down", "ago", "half"}


def _alternatives(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_DENOMINATOR = r"(?:2|3|4|8|16|32|64)(?![\d/])"
_NUMBER = re.compile(
    r"(?<![\w.])(?<![A-Za-z]-)"
    r"(?P<prefix>(?-i:US\$|U\.S\.\s?\$|C\$|A\$|HK\$|\$|£|¥|€|(?:USD|GBP|JPY|EUR|DM)\s?))?"
    r"(?P<sign>minus\s+|-(?=\.?\d))?"
    rf"(?:(?P<fn>\d+)/(?P<fd>{_DENOMINATOR})"
    r"|(?P<digits>\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    rf"(?:(?:-|\s+and\s+|\s+)(?P<wn>\d+)/(?P<wd>{_DENOMINATOR}))?"
    r"|(?P<half>\b(?:a|one)\s+half\b)"
    rf"|\b(?P<tens>{_alternatives(_TENS)})(?:[- ](?P<ones>{_alternatives(_SMALL[1:10])}))?\b"
    rf"|\b(?P<small>{_alternatives(_SMALL)})\b)"
    r"(?P<and_half>\s+and\s+a\s+half\b)?"
    r"(?:(?:(?P<ordinal>st|nd|rd|th)|\s*(?P<scale>thousand|mln|million|bln|billion|trln"
    r"|trillion)|(?P<short>m|bn|k))(?![^\W_]))?(?![.,]?\d)",  # "7.5pct" is 7.5 pct
    re.IGNORECASE,
)


class Measure(StrEnum):
    """What a quantity measures, where a question says: money (a price, a bid, a dividend)
    or a rate (a percentage); ANY where it does not."""

    ANY = "any"
    MONEY = "money"
    RATE = "rate"
    COUNT = "count"  # "how many": things counted, neither a sum of money nor a percentage
    INDEX = "index"  # an index's level ("183.8" over 1967=100), not its move ("1.0 pct")
    AMOUNT = "amount"  # "how much" of a thing: money or any unit, no bare percentage


_PER_DAY = r"barrels?\s+(?:of\s+(?:crude|oil)\s+)?(?:(?:per|a)\s+day|daily)"  # "of crude daily"
_SHARE_KINDS = "new|common|ordinary|preferred|outstanding|additional"
# Other currencies a wire prices in, as (name, its forms): a price asked in ringgit or won is
# money as much as one in dlrs ("711.0037 ringgit per tonne").
_CURRENCIES = (
    ("ringgit", "ringgits?"), ("rupee", "rupees?"), ("rupiah", "rupiahs?"), ("peso", "pesos?"),
    ("won", "won"), ("rand", "rands?"), ("cruzado", "cruzados?"), ("austral", "australs?"),
    ("baht", "baht"), ("dinar", "dinars?"), ("riyal", "riyals?"), ("rial", "rials?"),
    ("crown", "crowns?"), ("krona", "krona|kronor"), ("krone", "kroner?"),
    ("guilder", "guilders?"), ("schilling", "schillings?"), ("peseta", "pesetas?"),
    ("escudo", "escudos?"), ("drachma", "drachmas?"), ("shekel", "shekels?"),
    ("zloty", "zlotys?"), ("forint", "forints?"), ("yuan", "yuan|renminbi"), ("naira", "naira"),
    ("cedi", "cedis?"), ("kwacha", "kwacha"), ("shilling", "shillings?"), ("punt", "punts?"),
    ("markka", "markkaa?"), ("dirham", "dirhams?"), ("bolivar", "bolivars?"),
    ("sucre", "sucres?"), ("inti", "intis?"),
)  # fmt: skip
# (pattern, canonical unit, factor, what it measures), tried in order: "barrels per day"
# before "barrels", "cts" before "dlrs"
_UNITS = (
    (r"(?:percentage|pct|percent|per\s*cent)\s+points?|pp", "pp", 1.0, Measure.RATE),
    (r"%|per\s*cent|pct", "pct", 1.0, Measure.RATE),
    (r"basis\s+points?|bps?", "bp", 1.0, Measure.RATE),
    (rf"{_PER_DAY}|bpd|b/d|barrels?/day", "bpd", 1.0, Measure.ANY),
    (r"barrels?|bbls?", "barrel", 1.0, Measure.ANY),
    (r"malaysian(?:/singapore)?\s+(?:cts|cents?)", "ringgit", 0.01, Measure.MONEY),
    (r"singapore\s+(?:cts|cents?)", "sgd", 0.01, Measure.MONEY),
    (r"(?:u\.?s\.?\s+)?(?:cts|cents?)", "usd", 0.01, Measure.MONEY),
    (r"(?:canadian|cdn|can)\s+(?:dlrs?|dollars?)|cad", "cad", 1.0, Measure.MONEY),
    (r"(?:australian|aust)\s+(?:dlrs?|dollars?)|aud", "aud", 1.0, Measure.MONEY),
    (r"(?:hong\s+kong|hk|h\.k\.)\s*(?:dlrs?|dollars?)|hkd", "hkd", 1.0, Measure.MONEY),
    (r"(?:new\s+)?taiwan\s+(?:dlrs?|dollars?)|twd", "twd", 1.0, Measure.MONEY),
    (r"singapore\s+(?:dlrs?|dollars?)|sgd", "sgd", 1.0, Measure.MONEY),
    (r"(?:new\s+zealand|n\.?z\.?)\s+(?:dlrs?|dollars?)|nzd", "nzd", 1.0, Measure.MONEY),
    (r"(?:u\.?s\.?\s*|american\s+)?(?:dlrs?|dollars?)|usd", "usd", 1.0, Measure.MONEY),
    (r"(?:pounds?\s+)?sterling|stg|pounds?|gbp", "gbp", 1.0, Measure.MONEY),
    (r"pence|(?<=\d)p(?!\.m\b)", "gbp", 0.01, Measure.MONEY),  # "700p"; not "2p.m."
    (r"yen|jpy", "yen", 1.0, Measure.MONEY),
    (r"(?:deutsche\s+|d-)marks?|deutschmarks?|marks?|dm", "dm", 1.0, Measure.MONEY),
    (r"swiss\s+francs?|sfrs?|chf", "chf", 1.0, Measure.MONEY),
    (r"french\s+francs?|ffrs?|frf", "frf", 1.0, Measure.MONEY),
    (r"francs?", "franc", 1.0, Measure.MONEY),
    (r"euros?|eur", "eur", 1.0, Measure.MONEY),
    (r"lire|lira", "lira", 1.0, Measure.MONEY),
    (r"ecus?|european\s+currency\s+units?", "ecu", 1.0, Measure.MONEY),
    *((forms, name, 1.0, Measure.MONEY) for name, forms in _CURRENCIES),
    (rf"(?:(?:{_SHARE_KINDS})\s+)?shares?", "share", 1.0, Measure.ANY),  # "800,000 new shares"
    # a ship's size: gross tonnage (a volume) and deadweight, neither a weight in tonnes
    (r"gross\s+(?:regist(?:er|ered)\s+)?(?:tonnes?|tons?)|grt|gt", "gt", 1.0, Measure.ANY),
    (r"(?:deadweight|dw)\s+(?:tonnes?|tons?)|dwt", "dwt", 1.0, Measure.ANY),
    (r"(?:metric\s+)?(?:tonnes?|tons?)", "tonne", 1.0, Measure.ANY),
    (r"(?:troy\s+)?ounces?|ozs?", "ounce", 1.0, Measure.ANY),
)
_UNIT_PATTERNS = [
    (re.compile(rf"\s*(?:{u})(?![^\W_])", re.IGNORECASE), c, f) for u, c, f, _ in _UNITS
]
_MEASURE_OF = {unit: measure for _, unit, _, measure in _UNITS}
UNITS = frozenset(_MEASURE_OF)  # the units a figure is measured in: "pct", "usd"
_QUALIFIER = re.compile(
    r"\s*(?:per|a|an|each|/)\s*(?P<q>share|barrel|day|year|month|week|tonne|ton|ounce|head"
    r"|gallon|bushel|hour)s?(?![^\W_])",
    re.IGNORECASE,
)
_GENERIC = re.compile(r"\s+(?P<w>[^\W\d_]+)(?![\w'’.-]?\w)")
_RANGE = re.compile(r"\s*(?:to|-|–|—|and|or|through)\s*", re.IGNORECASE)
WORD = re.compile(r"[^\W_]+")  # "F-16" keeps its 16
_DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_DAY = (  # "February 23", "23 Feb 1987", "March 1987", "week ended March 4", "Monday"
    rf"(?:(?:the\s+)?week\s+(?:ended|ending)\s+)?(?:{MONTH}\s+{DAY}(?:,?\s+{YEAR})?"
    rf"|{DAY}\s+{MONTH}(?:,?\s+{YEAR})?|{MONTH}(?:\s+{YEAR})?|{WEEKDAY}|today|yesterday)"
)
_DAY_ALONE = re.compile(_DAY, re.IGNORECASE)
_DAY_INSIDE = re.compile(rf"(?:\b(?:in|on|of|for|at)\s+(?:the\s+)?)?\b{_DAY}\b", re.IGNORECASE)


@dataclass
class _Raw:
    number: float
    scale: float | None
    unit: str
    factor: float
    qualifier: str
    start: int
    end: int


def _number(m: re.Match[str]) -> float:
    if m["fn"]:
        n = int(m["fn"]) / int(m["fd"])
    elif m["digits"]:
        n = float(m["digits"].replace(",", ""))
        n += int(m["wn"]) / int(m["wd"]) if m["wn"] else 0.0
    elif m["half"]:
        n = 0.5
    elif m["tens"]:
        n = _WORD_NUMBERS[m["tens"].lower()] + _WORD_NUMBERS.get((m["ones"] or "").lower(), 0)
    else:
        n = _WORD_NUMBERS[m["small"].lower()]
    n += 0.5 if m["and_half"] else 0.0
    return -n if m["sign"] else n


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _content_words(text: str) -> list[str]:
    """Casefolded words less stop words; an acronym stays even if it spells one ("IT")."""
    text = undotted(text)
    text = re.sub(r"['’]s\b", "", text)
    tokens = WORD.findall(text)
    return [t.casefold() for t in tokens if t.casefold() not in STOP or is_acronym(t)]


def undotted(text: str) -> str:
    """``text`` with its dotted initials closed up: "U.S." is "US", "P.L.O." is "PLO"."""
    return _DOTTED.sub(lambda m: m[0].replace(".", ""), text)


def is_acronym(word: str) -> bool:
    return word.isupper() and 2 <= len(word) <= 8


def _scan(text: str) -> list[_Raw]:
    """Every quantity in ``text`` with the span it takes, units and qualifiers included."""
    raws: list[_Raw] = []
    pos = 0
    while m := _NUMBER.search(text, pos):
        end, unit, factor, qualifier = m.end(), "", 1.0, ""
        if m["prefix"]:
            unit = _PREFIXES[re.sub(r"\s", "", m["prefix"])]
        else:
            for pattern, canonical, f in _UNIT_PATTERNS:
                if u := pattern.match(text, end):
                    end, unit, factor = u.end(), canonical, f
                    break
        if q := _QUALIFIER.match(text, end):
            end, qualifier = q.end(), {"ton": "tonne"}.get(q["q"].lower(), q["q"].lower())
        if not unit and not qualifier and (g := _GENERIC.match(text, end)):
            word = g["w"]
            if word.casefold() not in _NOT_UNITS and not word[:1].isupper():
                end, unit = g.end(), _singular(word.casefold())
        scale = m["scale"] or m["short"]
        worded = bool(m["half"] or m["tens"] or m["small"])
        alone = not _content_words(text[: m.start()] + " " + text[m.end() :])
        if worded and not (unit or qualifier or scale or alone):
            pos = m.end()  # "one of the banks": a word, not an answer's number
            continue
        factor_scale = _SCALES[scale.lower()] if scale else None
        raws.append(_Raw(_number(m), factor_scale, unit, factor, qualifier, m.start(), end))
        pos = end
    for first, second in itertools.pairwise(raws):  # "340 to 350 cruzados"
        bare = first.scale is None and not first.unit and not first.qualifier
        if bare and _RANGE.fullmatch(text, first.end, second.start):
            first.scale, first.unit, first.factor = second.scale, second.unit, second.factor
            first.qualifier = second.qualifier
    return raws


def with_figure(answer: str, figure: str) -> str:
    """``answer`` with its first figure written as ``figure`` ("13-1/2 pct" and "13-3/4" is
    "13-3/4 pct"); ``answer`` itself when that figure is scaled ("1.5 mln") or there is none."""
    m = _NUMBER.search(answer)
    if not m or m["scale"] or m["short"] or m["prefix"]:
        return answer
    return f"{answer[: m.start()]}{figure}{answer[m.end() :]}"


def is_range(answer: str) -> bool:
    """Whether an answer is a band of two figures ("25-28 mln tonnes", "20 to 21 mln"):
    analysts' estimates, not the one figure an official source sets."""
    text = " ".join(answer.split())
    raws = _scan(text)
    return len(raws) == 2 and _RANGE.fullmatch(text, raws[0].end, raws[1].start) is not None


def is_date(span: str) -> bool:
    """Whether a span is only a day or month ("February 23", "week ended March 4")."""
    return bool(_DAY_ALONE.fullmatch(" ".join(span.split())))


# A figure and its unit written as one word ("18-dlr-a-share", "1.5-billion-dlr"): read as
# if spaced, when a word of it is a unit's or a scale's ("3-MO" bills and "10-year" are not).
_HYPHENED = re.compile(r"(?<![\w.-])\d[\d.,/]*(?:-[A-Za-z]+)+\b")
_UNIT_WORDS = re.compile(r"-(?:dlrs?|dollars?|cts|cents?|pct|mln|billion|bln|stg|yen)\b", re.I)


def _unhyphened(found: re.Match[str]) -> str:
    return found[0].replace("-", " ") if _UNIT_WORDS.search(found[0]) else found[0]


def read_value(answer: str) -> Value:
    """The answer's quantities and other content words, in the forms that compare; a day
    the answer dates its figure by is not part of it ("32.94 billion dlrs in week ended
    March 11" is 32.94 billion dlrs), unless the answer is only a day."""
    text = _VULGAR.sub(lambda m: f"{m[1]} {_FRACTIONS[m[2]]}".lstrip(), answer)  # 7½: 7 1/2
    text = _HYPHENED.sub(_unhyphened, text)  # "an 18-dlr-a-share offer": 18 dlr a share
    undated = _DAY_INSIDE.sub(lambda m: " " * len(m[0]), text)
    raws = _scan(undated)
    if raws:
        text = undated
    else:
        raws = _scan(text)
    quantities = tuple(
        Quantity(r.number * (r.scale or 1.0) * r.factor, f"{r.unit}/{r.qualifier}".rstrip("/"))
        for r in raws
    )
    rest, pos = [], 0
    for r in raws:
        rest.append(text[pos : r.start])
        pos = r.end
    rest.append(text[pos:])
    return Value(quantities, tuple(_content_words(" ".join(rest))), answer)


def _amount(amount: float) -> str:
    for name, scale in (("trln", 1e12), ("bln", 1e9), ("mln", 1e6)):
        if abs(amount) >= scale:
            return f"{amount / scale:.10g} {name}"
    return f"{amount:.10g}"


def describe(value: Value) -> str:
    """A canonical short form of ``value`` for messages: "7.5 pct", "15.8 mln bpd"."""
    if not value.quantities:
        return " ".join(value.words)
    parts = []
    for q in value.quantities:
        unit = q.unit if not q.unit.startswith("/") else f"per {q.unit[1:]}"
        parts.append(f"{_amount(q.amount)} {unit}".strip())
    return ", ".join(parts)


def measures(value: Value, measure: Measure) -> bool:
    """Whether one of the value's quantities is in units of ``measure`` (a count of
    shares or a bare "12.5 mln" is no price; "5.3 billion" is no rate)."""
    if measure is Measure.COUNT:
        return any(measure_of(q) is None for q in value.quantities)  # "83 rigs", not "35.6 pct"
    if measure is Measure.AMOUNT:
        return any(measure_of(q) is not Measure.RATE for q in value.quantities)
    if measure is Measure.INDEX:
        return any(measure_of(q) not in (Measure.RATE, Measure.MONEY) for q in value.quantities)
    return measure is Measure.ANY or any(measure_of(q) is measure for q in value.quantities)


def measure_of(quantity: Quantity) -> Measure | None:
    """What a quantity's unit measures ("gbp/share": money; None for "rigs")."""
    return _MEASURE_OF.get(quantity.unit.partition("/")[0])


def same_shape(a: str, b: str) -> bool:
    """Whether two answers are values of one kind: both names, or both quantities of
    agreeing units (a bare figure agrees with any); "prime interest rate" is no new value of
    "7-3/4 pct", nor "421,000 hectares" of "13.76 mln tonnes"."""
    first, second = read_value(a).quantities, read_value(b).quantities
    if not first or not second:
        return not first and not second
    return any(_kin_units(x.unit, y.unit) for x in first for y in second)


_KIN_UNITS = ({"bpd", "barrel"},)  # an output "15.8 mln barrels" is often per day unsaid


def units_agree(a: str, b: str) -> bool:
    """Whether two canonical units agree: the same base and the same "per" where both give
    one ("usd/barrel" and "usd" agree; "usd" and "gbp" do not)."""
    a_base, _, a_per = a.partition("/")
    b_base, _, b_per = b.partition("/")
    return (not a_base or not b_base or a_base == b_base) and (
        not a_per or not b_per or a_per == b_per
    )


def _kin_units(a: str, b: str) -> bool:
    bases = {a.partition("/")[0], b.partition("/")[0]}
    return units_agree(a, b) or any(bases <= kin for kin in _KIN_UNITS)


_FROM = re.compile(r"\s+from\s+", re.IGNORECASE)
_TO = re.compile(r"\s+to\s+", re.IGNORECASE)
# "95 cts vs 95 cts"; "5,591.1 billion francs, and compared with 5,074.2 billion"
_VERSUS = re.compile(
    r",?\s+(?:and\s+)?(?:vs\.?|versus|against|compared\s+(?:with|to))\s+", re.IGNORECASE
)
# A level, then its move: "7.7 mln bales of 375 pounds each, up 500,000"
_THEN_MOVED = re.compile(r",\s+(?:up|down)\s+(?=\d)", re.IGNORECASE)


def new_value(answer: str) -> str:
    """The new value of an answer that tells a move: "739.0 billion dlrs from 738.7
    billion" is "739.0 billion dlrs", "15.8 mln bpd ceiling to 17 mln bpd" is "17 mln bpd",
    a dividend's "95 cts vs 95 cts" (against the last) is "95 cts", and "89.5 billion francs
    in February to 5,591.1 billion francs, and compared with 5,074.2 billion" is "5,591.1
    billion francs", "7.7 mln bales ..., up 500,000" is "7.7 mln bales ..."; an answer that
    tells no move is itself. Only where both sides are quantities."""
    answer = " ".join(answer.split())
    for pattern, keep in ((_FROM, 0), (_TO, 1), (_VERSUS, 0), (_THEN_MOVED, 0)):
        sides = pattern.split(answer, maxsplit=1)
        if len(sides) == 2 and all(read_value(side).quantities for side in sides):
            return new_value(sides[keep].strip(" ,;"))
    return answer
