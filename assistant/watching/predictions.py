"""Whether a sentence predicts the figure it gives rather than states it: "analysts put
the March book-to-bill at around 1.15" and "could rise to 18 dlrs" are forecasts; "said it
would cut its rate to 11.5 pct" is a decision told, and "grew at an estimated annualised
rate of 17 pct in March" a first count of a month past.
"""

from __future__ import annotations

import re

from assistant.watching.headlines import FORECAST

# Analysts who put a figure at a level estimate it ("Semiconductor analysts contacted by
# Reuters put the March book-to-bill ... at around 1.15"), before the figure is reported.
_ESTIMATED = re.compile(
    r"\b(?:analysts?|economists?)\b(?:\s+[^\s.;]+){0,6}?\s+(?:put|puts|see|sees|reckon\w*)\b"
)
# A past move told at an estimated figure is a first count, not a forecast ("grew at an
# estimated annualised rate of 17 pct in March", "rose an estimated 2.5 pct").
_ESTIMATE_OF_FACT = re.compile(
    r"\b(?:grew|rose|fell|increased|decreased|declined|expanded|contracted)\s+"
    r"(?:(?:at|by|to)\s+)?an\s+estimated\b",
    re.IGNORECASE,
)
# A figure right after "than the" is the known level a forecast is measured against ("could
# attract a higher bid than the 27 dlrs per share offered", "would exceed the 90.25 dlrs a
# share price offered by Dixons"): stated, not predicted.
THAN_THE = re.compile(r"\b(?:than|exceed(?:s|ed|ing)?|top(?:s|ped|ping)?)\s+the\s*$", re.I)
# A decision told in reported speech is news, not a forecast: "Midland said it would cut
# its standard rate of mortgage payment to 11.5 pct from April 1"; "Italy today announced
# that its official discount rate would be cut to 11.5 pct".
_ANNOUNCED = re.compile(
    r"\b(?:said|announced|decided)\s+(?:that\s+)?(?:it|they|(?:its|their)(?:\s+[^\s,;.]+){1,4}?)"
    r"\s+would\s+(?:be\s+)?"
    r"(?:cut|raised?|lower(?:ed)?|increased?|reduced?|set)\b",
    re.IGNORECASE,
)
# A clause of its own after an estimate's, with its own verb stating its figure: "Domestic
# crude oil production was estimated at 8.35 mln bpd, ..., and gross daily crude imports
# ... averaged 3.44 mln bpd" (fresh16's o12) states the imports; "expects output to rise
# to 16 mln bpd in 1987, and to 17 mln in 1988" has none, and stays a forecast.
_CLAUSE_OF_ITS_OWN = re.compile(r"(?:,\s+(?:and|while|but|whereas)|;)\s+(?P<rest>[^,;]*)$")
_STATED = re.compile(
    r"\b(?:was|were|is|are|stood|averaged|totall?ed|rose|fell|reached|increased|decreased"
    r"|declined|gained|dropped)\b",
    re.IGNORECASE,
)
_CONDITION = re.compile(r"\b(?:if|unless|provided|subject\s+to)\b", re.IGNORECASE)  # not decided
# When an offer is asked, these tell its terms, not a forecast ("plans to begin a tender
# offer at 25 dlrs"); "would" stays one ("would increase the price ... if ...").
_OFFER_TERMS = re.compile(r"plan|propos|ask|request|urg")


def predicted_figure(before: str, following: str, *, offer: bool) -> bool:
    """Whether the words ``before`` an answer in its sentence predict it rather than state
    it: a figure "than the" one offered is stated, a decision told in reported speech is
    made ("said it would cut"; not one on a condition ``following`` it: "if Cyclops
    agreed"), and an offer's plan is the offer ("plans to begin a tender offer at 25 dlrs a
    share") when an ``offer`` is asked; a past move at an estimated figure is a first
    count; a clause of its own, with its own verb, is read alone."""
    if THAN_THE.search(before):
        return False
    if _ESTIMATED.search(before.casefold()):
        return True  # "analysts ... put the March book-to-bill ... at around 1.15"
    told = before if _CONDITION.search(following) else _ANNOUNCED.sub(" ", before)
    told = _ESTIMATE_OF_FACT.sub(" ", told)  # "grew at an estimated ... 17 pct in March"
    own = _CLAUSE_OF_ITS_OWN.search(told)
    told = own["rest"] if own and _STATED.search(own["rest"]) else told
    found = (m[0] for m in FORECAST.finditer(told))
    return any(not (offer and _OFFER_TERMS.match(word)) for word in found)
