"""A wire story's dateline ("NEW YORK, March 3 - ", "CUPERTINO, Calif., March 6 - "): where
the story was filed. A parser takes it for a sentence's subject (``answering.referents``
skips it), and a dateline says the country a story seldom writes again: "U.S." from the
wire's home desk (``watching.reports``: a question about the U.S. semiconductor industry),
"Philippine" from Manila ("Carlos Dominguez, 41, was made agriculture secretary")."""

from __future__ import annotations

import re

from assistant.text.date_phrases import MONTH

DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'/ -]+(?:,\s+[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)*)*)"
    r"(?P<date>,?\s+[A-Z][a-z]+\.?\s+\d{1,2})?\s+-+\s+"
)
# A dateline some desks write in title case ("New York, March 25 - ", "Toronto, March 12 - "):
# read only with its date, so a sentence's opening name is none.
_TITLED = re.compile(
    r"^\s*(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+)*(?:,\s+[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)*)*)"
    rf"(?P<date>,?\s+(?i:{MONTH})\s+\d{{1,2}})\s+-+\s+"
)
# A U.S. place as the wires write it: a place and its state, shortened (the AP stylebook's
# abbreviations, and the states it writes in full), or one of the cities that stand alone
# (``_BUREAUS``).
_STATES = frozenset(
    "Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Ky. La. Md. Mass. Mich. "
    "Minn. Miss. Mo. Mont. Neb. Nev. N.H. N.J. N.M. N.Y. N.C. N.D. Okla. Ore. Pa. R.I. S.C. "
    "S.D. Tenn. Tex. Vt. Va. Wash. W.Va. Wis. Wyo. Alaska Hawaii Idaho Iowa Maine Ohio Texas "
    "Utah".split()
)
# A city that stands alone in a dateline, at home or abroad (a capital, a wire's bureau),
# and its country as ``text.places`` names it.
_BUREAUS = (
    ("u.s.", "ATLANTA|BALTIMORE|BOSTON|CHICAGO|CINCINNATI|CLEVELAND|DALLAS|DENVER|DETROIT"
             "|HONOLULU|HOUSTON|INDIANAPOLIS|KANSAS CITY|LAS VEGAS|LOS ANGELES|MIAMI|MILWAUKEE"
             "|MINNEAPOLIS|NEW ORLEANS|NEW YORK|OKLAHOMA CITY|OMAHA|PHILADELPHIA|PHOENIX"
             "|PITTSBURGH|ST. LOUIS|ST LOUIS|ST. PAUL|ST PAUL|SALT LAKE CITY|SAN ANTONIO"
             "|SAN DIEGO|SAN FRANCISCO|SEATTLE|SIOUX CITY|SIOUX FALLS|WASHINGTON"),
    ("britain", "LONDON"), ("japan", "TOKYO|OSAKA"), ("france", "PARIS"),
    ("west germany", "BONN|FRANKFURT|HAMBURG|DUESSELDORF|MUNICH"),
    ("belgium", "BRUSSELS|ANTWERP"), ("netherlands", "AMSTERDAM|THE HAGUE|ROTTERDAM"),
    ("switzerland", "ZURICH|GENEVA|BERNE|BASLE"), ("italy", "ROME|MILAN"),
    ("spain", "MADRID"), ("portugal", "LISBON"), ("sweden", "STOCKHOLM"),
    ("norway", "OSLO"), ("denmark", "COPENHAGEN"), ("finland", "HELSINKI"),
    ("austria", "VIENNA"), ("greece", "ATHENS"), ("ireland", "DUBLIN"),
    ("canada", "OTTAWA|TORONTO|MONTREAL|VANCOUVER|WINNIPEG|CALGARY|EDMONTON|HALIFAX"),
    ("australia", "SYDNEY|MELBOURNE|CANBERRA|PERTH|ADELAIDE|BRISBANE"),
    ("new zealand", "WELLINGTON"),
    ("china", "PEKING|BEIJING|SHANGHAI"), ("taiwan", "TAIPEI"),
    ("philippines", "MANILA"), ("indonesia", "JAKARTA"), ("malaysia", "KUALA LUMPUR"),
    ("thailand", "BANGKOK"), ("pakistan", "KARACHI|ISLAMABAD"), ("soviet", "MOSCOW"),
    ("brazil", "BRASILIA|RIO DE JANEIRO|SAO PAULO"), ("argentina", "BUENOS AIRES"),
    ("mexico", "MEXICO CITY"), ("venezuela", "CARACAS"), ("ecuador", "QUITO"),
    ("saudi arabia", "RIYADH|JEDDAH"), ("iran", "TEHRAN"), ("iraq", "BAGHDAD"),
    ("egypt", "CAIRO"), ("nigeria", "LAGOS"),
)  # fmt: skip
_COUNTRY_OF = {city: land for land, cities in _BUREAUS for city in cities.split("|")}


def dateline_country(text: str) -> str:
    """The country a dated dateline at the start of ``text`` places the story in,
    casefolded ("u.s." for "CUPERTINO, Calif., March 6 -" or "WASHINGTON, March 5 -",
    "philippines" for "MANILA, March 9 -"), or "" (a place not listed: Kuwait is a city and
    a country, Nicosia files the Gulf's news)."""
    found = DATELINE.match(text) or _TITLED.match(text)
    if found is None or not found["date"]:
        return ""
    parts = [part.strip() for part in found["place"].split(",")]
    if len(parts) == 2 and parts[1] in _STATES:
        return "u.s."
    return _COUNTRY_OF.get(parts[0].upper(), "") if len(parts) == 1 else ""
