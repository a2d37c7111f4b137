"""Words as the keyword index and the answerer see them: lower case, light stemming.

One tokenizer for BM25, for question analysis and for answer scoring, so that "soldiers"
in a question meets "soldier" in a passage the same way everywhere.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)

STOPWORDS = frozenset(
    """
    a an the and or but if then else of at by for with about against between into through
    during before after above below to from up down in out on off over under again further
    once here there when where why how all any both each few more most other some such no
    nor not only own same so than too very s t can will just don should now is are was were
    be been being have has had having do does did doing i me my myself we our ours ourselves
    you your yours yourself yourselves he him his himself she her hers herself it its itself
    they them their theirs themselves what which who whom whose this that these those am
    would could shall may might must also as per via
    """.split()
)


# Irregular verb forms news text is full of, mapped to the base form, so "shot" meets
# "shoot" and "won" meets "win" in BM25 and in answer scoring alike.
_IRREGULAR = {
    form: base
    for base, forms in {
        "become": "became", "begin": "began begun", "bring": "brought", "build": "built",
        "buy": "bought", "catch": "caught", "choose": "chose chosen", "come": "came",
        "die": "died dying", "do": "did done", "drive": "drove driven", "eat": "ate eaten",
        "fall": "fell fallen", "feel": "felt", "fight": "fought", "find": "found",
        "fly": "flew flown", "forget": "forgot forgotten", "freeze": "froze frozen",
        "get": "got gotten", "give": "gave given", "go": "went gone", "grow": "grew grown",
        "hang": "hung", "hear": "heard", "hide": "hid hidden", "hold": "held",
        "keep": "kept", "know": "knew known", "lay": "laid", "lead": "led", "leave": "left",
        "lend": "lent", "lose": "lost", "make": "made", "mean": "meant", "meet": "met",
        "pay": "paid", "ride": "rode ridden", "ring": "rang rung", "rise": "rose risen",
        "run": "ran", "say": "said", "see": "saw seen", "seek": "sought", "sell": "sold",
        "send": "sent", "shake": "shook shaken", "shoot": "shot", "sing": "sang sung",
        "sink": "sank sunk", "sit": "sat", "speak": "spoke spoken", "spend": "spent",
        "stand": "stood", "steal": "stole stolen", "strike": "struck stricken",
        "swim": "swam swum", "take": "took taken", "teach": "taught", "tear": "tore torn",
        "tell": "told", "think": "thought", "throw": "threw thrown",
        "understand": "understood", "wake": "woke woken", "wear": "wore worn",
        "win": "won", "write": "wrote written", "bear": "bore born borne",
        "overtake": "overtook overtaken", "withdraw": "withdrew withdrawn",
    }.items()
    for form in forms.split()
}  # fmt: skip


# The news wires' abbreviations, as the words they stand for: "Qtly div 20 cts" is a
# quarterly dividend to a question, to BM25 and to a watch's check alike.
_WIRE_WORDS = {
    form: full
    for full, forms in {
        "quarterly": "qtly qtrly", "quarter": "qtr qtrs", "dividend": "div divs",
        "share": "shr shrs", "dollar": "dlr dlrs", "percent": "pct", "million": "mln",
        "billion": "bln", "average": "avg", "year": "yr yrs", "month": "mth mths", "cent": "cts",
    }.items()
    for form in forms.split()
}  # fmt: skip


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light English stemmer (plurals, -ed, -ing, irregular verbs, the wires'
    abbreviations); cached per word."""
    if word in _WIRE_WORDS:
        return _WIRE_WORDS[word]
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, replacement in (
        ("ies", "y"),
        ("sses", "ss"),
        ("ings", ""),  # "postings" meets "posted" and "posting"
        ("ing", ""),
        ("ed", ""),
        ("es", "e"),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            return word[: -len(suffix)] + replacement
    return word


def words(text: str) -> list[str]:
    """Lower-cased word tokens, stop words included."""
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


def terms(text: str) -> list[str]:
    """Stemmed content terms (stop words dropped), in order, repeats kept."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


def plain_terms(text: str) -> list[str]:
    """``terms`` with a possessive's "'s" off before stemming ("ABC's" is "abc"): a name
    asked in the possessive is the name said. (``terms`` keeps it: BM25's counts rest on
    it.)"""
    return [stem(w.removesuffix("'s")) for w in words(text) if w not in STOPWORDS]


def plain_share(asked: Sequence[str], text: str) -> float:
    """The share of ``asked`` (plain terms) that ``text`` carries, a possessive read as its
    name on both sides (1 when nothing is asked)."""
    said = set(plain_terms(text))
    return sum(t in said for t in asked) / len(asked) if asked else 1.0


_PUNCTUATION = frozenset(string.punctuation)
_ARTICLES = re.compile(r"\b(a|an|the)\b")


def normalize_answer(text: str) -> str:
    """The official SQuAD answer normalisation: lower case, no punctuation or articles."""
    text = "".join(ch for ch in text.lower() if ch not in _PUNCTUATION)
    return " ".join(_ARTICLES.sub(" ", text).split())


def term_share(stemmed: Sequence[str], text: str) -> float:
    """The share of ``stemmed`` terms that ``text`` carries (1 when there are none)."""
    if not stemmed:
        return 1.0
    present = {stem(w) for w in words(text)}
    return sum(1 for t in stemmed if t in present) / len(stemmed)
