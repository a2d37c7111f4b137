"""Characters that hide, or that change how the text around them is shown.

Variation selectors (U+FE00-FE0F, U+E0100-E01EF) choose a glyph's form; a run of them
after one letter draws nothing and can carry hidden bytes (one selector a byte), so only
one selector stays, and only after a character that has variants (an emoji or symbol, a
digit of a keycap, an ideograph); the rest of the tag block U+E0000-E0FFF, assigned or
not, shows nothing and goes.

Bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) reverse the display
of whatever follows them, so an article's title could make the app's own date read
"50-60-4202"; zero-width characters hide text. They are removed when an article is
ingested and again when anything is rendered (an index built before this rule, or a
question, may still hold them). Zero-width joiners stay only where a script needs them:
between two letters of a non-Latin script (Persian, Indic) or inside an emoji sequence.
"""

from __future__ import annotations

import re
import unicodedata

# Format characters that can sit inside a word and show nothing: soft hyphen, zero-width
# space, the left-to-right and right-to-left marks, word joiner and invisible operators, BOM.
_IN_WORD = "\xad\u200b\u200e\u200f\u2060-\u2064\ufeff"
# Always removed: the C0/C1 controls terminals act on, and every Unicode format character
# (category Cf) but the joiners (below) and the prepended number signs of Arabic, Syriac
# and Kaithi, which show: bidi embeddings, overrides and isolates, marks, zero-width
# space, word joiner, invisible operators, BOM, soft hyphen, interlinear annotation, and
# the tag block U+E0000-E0FFF but its variation selectors (tag characters spell out
# hidden text, for an LLM, that no reader sees). tests/text/test_invisible.py checks the
# list against unicodedata.
_ALWAYS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u180e\u202a-\u202e\u2066-\u206f"
    f"{_IN_WORD}\ufff9-\ufffb"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e00ff"
    "\U000e01f0-\U000e0fff]"
)
# What splits a word in two for anything that compares words (near-duplicate shingles):
# the in-word characters above and both joiners, always. A fixed list on purpose, not
# ``visible``: a joiner ``visible`` keeps (Persian, Indic) would still split the word, and
# every stored near-duplicate fingerprint was made with exactly these removed
# (index/near_duplicates.py), so changing the list would change the fingerprints.
SPLITS_WORDS = re.compile(f"[{_IN_WORD}\u200c\u200d]")
SHOWN_FORMAT = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2"
                         "\U000110bd\U000110cd")  # fmt: skip
_JOINERS = re.compile(r"[\u200c\u200d]")
_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]+")
_TAKES_SELECTOR = frozenset(("So", "Sm", "Sk", "Nd", "Lo"))


def _selector_kept(before: str, selector: str) -> bool:
    """Whether one variation selector after ``before`` picks a form a reader sees."""
    if not before or _SELECTORS.fullmatch(before):
        return False
    if selector >= "\U000e0100":  # ideographic variation sequences: CJK ideographs only
        return unicodedata.name(before, "").startswith("CJK")
    return unicodedata.category(before) in _TAKES_SELECTOR or before in "#*"


def _selectors(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        start = match.start()
        before = text[start - 1] if start else ""
        selector = match.group()[0]
        return selector if len(match.group()) == 1 and _selector_kept(before, selector) else ""

    return _SELECTORS.sub(one, text)


def _joins(before: str, after: str) -> bool:
    """Whether a joiner between these characters does something a reader would see."""
    if not before or not after:
        return False
    kinds = unicodedata.category(before)[0] + unicodedata.category(after)[0]
    if kinds == "SS" or before == "\ufe0f" or unicodedata.category(before) == "Sk":
        return True  # emoji sequences: 👩‍💻, 🏳️‍🌈
    return kinds in ("LL", "LM", "ML", "MM") and not (before.isascii() or after.isascii())


def shows_nothing(char: str) -> bool:
    """White space, or a character that shows nothing (zero-width, format, control).

    Wider than what ``visible`` removes (every format character, joiners and number signs
    included, and all white space): for strings that must be typed back exactly, such as
    credentials, where a character that cannot be seen is refused rather than removed.
    """
    return char.isspace() or unicodedata.category(char) in ("Cf", "Cc", "Zs", "Zl", "Zp")


def visible(text: str) -> str:
    """``text`` without invisible format characters; newlines and tabs stay."""
    text = _selectors(_ALWAYS.sub("", text))
    if "\u200c" not in text and "\u200d" not in text:
        return text
    out = []
    for index, char in enumerate(text):
        if _JOINERS.fullmatch(char):
            before = text[index - 1] if index else ""
            after = text[index + 1] if index + 1 < len(text) else ""
            if not _joins(before, after):
                continue
        out.append(char)
    return "".join(out)
