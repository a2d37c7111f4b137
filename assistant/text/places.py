"""A country's other names: the one asked is often not the one written.

A question asks for "British clearing banks' base lending rates" and the wire writes "U.K.
CLEARING BANKS" or "Britain's clearing banks"; "Japanese" is asked and "Japan" written. A
name check (``watching.naming.names_given``) reads a text as giving every name any of its
variants gives. Only names that stand for one country are listed: "American" is also a
company's word ("American Express"), so the United States is not, nor is "turkey" (a bird
in a farm report) unless written as the country is ("Turkey's ambassador"). A national
institution whose name does not say its country gives it ("Federal Reserve Board Chairman
Paul Volcker" is the U.S.'s); a story's dateline may give it too (``datelines``).
"""

from __future__ import annotations

import re
from functools import cache

# Each line: one country's names, as written in news (casefolded).
_GROUPS: tuple[tuple[str, ...], ...] = (
    ("britain", "british", "u.k.", "united kingdom"),
    ("japan", "japanese"),
    ("china", "chinese"),
    ("france", "french"),
    ("canada", "canadian"),
    ("australia", "australian"),
    ("soviet", "ussr", "u.s.s.r."),
    ("netherlands", "dutch", "holland"),
    ("switzerland", "swiss"),
    ("italy", "italian"),
    ("spain", "spanish"),
    ("brazil", "brazilian"),
    ("mexico", "mexican"),
    ("argentina", "argentine", "argentinian"),
    ("venezuela", "venezuelan"),
    ("ecuador", "ecuadorean", "ecuadorian"),
    ("belgium", "belgian"),
    ("sweden", "swedish"),
    ("norway", "norwegian"),
    ("denmark", "danish"),
    ("finland", "finnish"),
    ("ireland", "irish"),
    ("egypt", "egyptian"),
    ("iran", "iranian"),
    ("iraq", "iraqi"),
    ("kuwait", "kuwaiti"),
    ("philippines", "philippine", "filipino"),
    ("indonesia", "indonesian"),
    ("malaysia", "malaysian"),
    ("thailand", "thai"),
    ("taiwan", "taiwanese"),
    ("pakistan", "pakistani"),
    ("greece", "greek"),
    ("portugal", "portuguese"),
    ("austria", "austrian"),
    ("nigeria", "nigerian"),
    ("yugoslavia", "yugoslav"),
    ("colombia", "colombian"),
    ("israel", "israeli"),
    ("south africa", "south african"),
    ("saudi arabia", "saudi", "saudi arabian"),
    ("new zealand", "n.z."),
    ("west germany", "west german"),
)
# A U.S. state and the short form the wires' datelines write it in (the AP's: "WORCESTER,
# Mass."), matched as written, capitalised, so "ill." or "mass." of a sentence is none.
_STATES = {
    "Ala.": "alabama", "Ariz.": "arizona", "Ark.": "arkansas", "Calif.": "california",
    "Colo.": "colorado", "Conn.": "connecticut", "Del.": "delaware", "Fla.": "florida",
    "Ga.": "georgia", "Ill.": "illinois", "Ind.": "indiana", "Kan.": "kansas",
    "Ky.": "kentucky", "La.": "louisiana", "Md.": "maryland", "Mass.": "massachusetts",
    "Mich.": "michigan", "Minn.": "minnesota", "Miss.": "mississippi", "Mo.": "missouri",
    "Mont.": "montana", "Neb.": "nebraska", "Nev.": "nevada", "N.H.": "new hampshire",
    "N.J.": "new jersey", "N.M.": "new mexico", "N.Y.": "new york", "N.C.": "north carolina",
    "N.D.": "north dakota", "Okla.": "oklahoma", "Ore.": "oregon", "Pa.": "pennsylvania",
    "R.I.": "rhode island", "S.C.": "south carolina", "S.D.": "south dakota",
    "Tenn.": "tennessee", "Tex.": "texas", "Vt.": "vermont", "Va.": "virginia",
    "Wash.": "washington", "W.Va.": "west virginia", "Wis.": "wisconsin", "Wyo.": "wyoming",
}  # fmt: skip
_STATE_SHORT = re.compile(
    r"(?<![\w.])(?:" + "|".join(map(re.escape, sorted(_STATES, key=len, reverse=True))) + ")"
)
# A national institution, and the country its name does not say (casefolded).
_INSTITUTIONS = {"federal reserve": "u.s.", "bundesbank": "west germany"}
# A company's name: capitalised words (joined by "and", "of", "&") up to its kind of
# company ("Australia and New Zealand Banking Group Ltd", "NATIONAL AUSTRALIA BANK LTD"); not
# "Bank" alone ("JAPANESE BANK LENDING" of a headline is Japan's), nor "Bank of Japan".
_COMPANY = re.compile(
    r"\b(?:[A-Z][\w'.-]*\s+(?:(?:and|AND|of|OF|&)\s+)?)+"
    r"(?:Group|GROUP|Ltd|LTD|Limited|Inc|INC|Corp|CORP|Plc|PLC)\b"
)
# A country's adjective whose noun is also a common word, read one way only: "Turkish" says
# Turkey, but "turkey" may be a bird.
_ADJECTIVE_ONLY = {"turkish": "turkey"}
# The country as a sentence writes it: capitalised inside a sentence, or possessive ("Turkey's
# ambassador in Athens"); a sentence's first "Turkey" may be the bird ("Turkey poults placed").
_TURKEY = re.compile(r"(?<=[^.!?\s])\s+Turkey\b|\bTurkey['’]s\b")


@cache
def _names() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern finding any listed name or institution as a word (longest first), and
    each one's group, all its country's names joined: one scan of the text, however many
    countries are listed."""
    return _compiled(_INSTITUTIONS | _ADJECTIVE_ONLY)


@cache
def _spellings() -> tuple[re.Pattern[str], dict[str, str]]:
    """As ``_names``, for the countries' own names alone: no institution, which names a
    country without being one of its names."""
    return _compiled(_ADJECTIVE_ONLY)


def _compiled(one_way: dict[str, str]) -> tuple[re.Pattern[str], dict[str, str]]:
    group_of = {name: " ".join(group) for group in _GROUPS for name in group}
    group_of |= {name: group_of.get(land, land) for name, land in one_way.items()}
    alternatives = "|".join(map(re.escape, sorted(group_of, key=len, reverse=True)))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?!\w)"), group_of


def spelled_otherwise(text: str) -> str:
    """Every name of each country ``text`` names by one of its own ("Belgian": "belgium
    belgian"), joined; not the country an institution stands for (the Bundesbank is West
    Germany's, but "Bundesbank" is no spelling of "West German"), nor one inside a company's
    name ("The Australia and New Zealand Banking Group Ltd rate" of a Wellington story is
    no Australian rate)."""
    pattern, group_of = _spellings()
    said = _COMPANY.sub(" ", text).casefold()
    return " ".join(dict.fromkeys(group_of[found[0]] for found in pattern.finditer(said)))


def _named_in(said: str) -> list[str]:
    """The countries a casefolded text names, in order, each once, as its names joined."""
    pattern, group_of = _names()
    return list(dict.fromkeys(group_of[found[0]] for found in pattern.finditer(said)))


def with_other_names(text: str) -> str:
    """``text`` casefolded, followed by every other name of each country it names and the
    name of each U.S. state it writes short: a check for "british" in it then finds "U.K."
    written, one for "massachusetts" the dateline's "Mass."."""
    said = text.casefold()
    states = dict.fromkeys(_STATES[m[0]] for m in _STATE_SHORT.finditer(text))
    return " ".join([said, *_named_in(said), *states])


def countries_in(text: str) -> set[str]:
    """The listed countries a text names, each as its names joined ("japan japanese"), and
    Turkey where it is written as the country (``_TURKEY``)."""
    return set(_named_in(text.casefold())) | ({"turkey"} if _TURKEY.search(text) else set())
