"""Near-duplicate articles: one story under several ids, found at ingest by MinHash over shingles.

The same wire story reprinted by several outlets, a re-sent correction, a longer or a
shorter version of the same report, or one page under two URLs should be shown once.
Exact hashes miss these: one changed word, a correction line or a re-wrapped paragraph
gives a new hash. So each article's body gets a MinHash signature (``fingerprint``) of
its word 5-shingles, small enough to store beside the article, and a ``DuplicateIndex``
(LSH over the signatures, rebuilt from the stored ones on open) finds the articles that
tell the same story.

What counts as the same story (figures: ``benchmarks/near_duplicates.py`` on
Reuters-21578 and BBC News):

- Text is compared after NFC, case folding and splitting into runs of letters and
  digits, so white space, line wrapping, punctuation and case never matter.
- The headline is left out: outlets rewrite headlines and corrections prefix them, and
  the body alone decides. The one exception is a short text (see below).
- Two bodies are one story when at least ``CONTAINMENT`` (90%) of the shorter one's
  shingles are in the longer one, and the shorter one is at least about half the size of
  the longer one (estimated Jaccard >= ``MIN_JACCARD``). Containment rather than plain
  Jaccard lets a story match its version with an added paragraph or correction line,
  while two issues of one template report (USDA crop estimates a month apart) stay apart
  once a few figures differ: for bodies of equal length, 90% containment is Jaccard 0.82.
  A bigger size gap (a first take and the full story) is left apart: the floor keeps a
  digest of several stories from joining them all into one group.
- A body of fewer than ``SHORT_SHINGLES`` shingles (about 55 words) says too little: one
  changed figure in a 40-word template ("Fed adds reserves...", a dividend notice) is
  another day's story, and many dividend notices of different companies have the same
  body word for word. Short bodies are therefore shingled together with their headline
  and match only when nearly identical (estimated Jaccard >= ``SHORT_JACCARD``).
- An empty body matches nothing.

Text alone cannot tell two days apart when the words are (nearly) the same: a long fixed
boilerplate with only a quote changed ("U.S. feeder steer price"), or an identical notice
re-issued a fortnight later ("Bundesbank leaves credit policies unchanged"). A caller
that knows publication dates can refuse matches more than a day or two apart.

Fingerprints use a fixed seed and datasketch's (2.0+) ``affine32`` scheme, so they are the
same bytes on every run and machine; a test pins them, so an upgrade that changes the
hashing fails loudly rather than silently splitting stored stories from new ones.
"""

from __future__ import annotations

import re
import struct
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from assistant.text.invisible import SPLITS_WORDS

if TYPE_CHECKING:  # datasketch (and the scipy it loads) is imported when first used
    from datasketch import LeanMinHash

NUM_PERM = 128
SEED = 1
SHINGLE_WORDS = 5
CONTAINMENT = 0.9  # share of the shorter body's shingles found in the longer one
MIN_JACCARD = 0.5  # ... and the shorter has at least about half the longer one's shingles
SHORT_SHINGLES = 50  # bodies with fewer shingles are "short": headline included, near-exact
SHORT_JACCARD = 0.95

_SCHEME = "affine32"
_VERSION = 1
_SHORT = 1  # flag: the headline was shingled with the body
_HEADER = struct.Struct("<BBI")  # version, flags, number of distinct shingles
_SIZE = _HEADER.size + 4 * NUM_PERM
# 42 bands of 3 rows: a pair with Jaccard 0.5 (the lowest that can match) is a candidate
# with probability 0.996, one with Jaccard 0.1 with probability 0.04.
_BANDS, _ROWS = 42, 3
_WORD = re.compile(r"[^\W_]+")


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=_SCHEME).permutations


def words(text: str) -> list[str]:
    """Runs of letters and digits after NFC and case folding: what shingles are made of."""
    # Soft hyphens and zero-width characters would split a word in two; drop them first.
    text = SPLITS_WORDS.sub("", unicodedata.normalize("NFC", text))
    return _WORD.findall(text.casefold())


def shingles(tokens: list[str]) -> set[str]:
    """Distinct runs of ``SHINGLE_WORDS`` words; a shorter text is one shingle of itself."""
    if not tokens:
        return set()
    last = max(1, len(tokens) - SHINGLE_WORDS + 1)
    return {" ".join(tokens[i : i + SHINGLE_WORDS]) for i in range(last)}


def article_shingles(text: str, title: str = "") -> tuple[set[str], bool]:
    """The shingles ``fingerprint`` hashes, and whether the body was short (title added)."""
    body = words(text)
    if not body:
        return set(), False
    if len(shingles(body)) >= SHORT_SHINGLES:
        return shingles(body), False
    return shingles(words(title) + body), True


def fingerprint(text: str, title: str = "") -> bytes:
    """The article's MinHash signature as 518 bytes, to store beside it.

    ``text`` is the body without the headline; ``title`` is the headline, used only when
    the body is short (see the module's notes). Stable across runs and machines.
    """
    found, short = article_shingles(text, title)
    from datasketch import MinHash

    sketch = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=_SCHEME, permutations=_permutations())
    sketch.update_batch([s.encode("utf-8") for s in found])
    header = _HEADER.pack(_VERSION, _SHORT if short else 0, len(found))
    return header + sketch.hashvalues.astype("<u4").tobytes()


@dataclass(frozen=True)
class _Print:
    values: np.ndarray  # uint32 hash values, NUM_PERM of them
    size: int  # distinct shingles; 0 for an empty body
    short: bool


def _decode(fp: bytes) -> _Print:
    if len(fp) != _SIZE or fp[0] != _VERSION:
        raise ValueError(
            "not a near-duplicate fingerprint of this version (recompute it with fingerprint())"
        )
    _, flags, size = _HEADER.unpack_from(fp)
    values = np.frombuffer(fp, dtype="<u4", count=NUM_PERM, offset=_HEADER.size)
    return _Print(values.astype(np.uint32), size, bool(flags & _SHORT))


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two fingerprints' shingle sets (0 if either is empty)."""
    first, second = _decode(a), _decode(b)
    return _jaccard(first, second) if first.size and second.size else 0.0


def _jaccard(a: _Print, b: _Print) -> float:
    return float(np.count_nonzero(a.values == b.values)) / NUM_PERM


def _same_story(a: _Print, b: _Print) -> bool:
    jaccard = _jaccard(a, b)
    if a.short or b.short:
        return jaccard >= SHORT_JACCARD
    small, large = sorted((a.size, b.size))
    shared = jaccard * (small + large) / (1 + jaccard)  # |A ∩ B| from J, |A| and |B|
    return jaccard >= MIN_JACCARD and shared >= CONTAINMENT * small


def same_story(a: bytes, b: bytes) -> bool:
    """Whether two fingerprints are near-duplicates by the rule ``DuplicateIndex`` applies."""
    first, second = _decode(a), _decode(b)
    return bool(first.size and second.size) and _same_story(first, second)


class DuplicateIndex:
    """LSH over fingerprints, in memory: which indexed articles tell the same story.

    Rebuilt on open from the stored fingerprints (22k articles in 7 to 11 s). LSH only
    proposes candidates; each is checked against the rule of ``same_story``. Not
    thread-safe: the caller serialises ``add``, ``remove`` and ``matches``.
    """

    def __init__(self) -> None:
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(num_perm=NUM_PERM, params=(_BANDS, _ROWS))
        self._prints: dict[str, _Print] = {}

    def __len__(self) -> int:
        return len(self._prints)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._prints

    def add(self, article_id: str, fp: bytes) -> None:
        """Index ``fp`` under ``article_id``, replacing what that id had."""
        found = _decode(fp)
        self.remove(article_id)
        self._prints[article_id] = found
        if found.size:
            self._lsh.insert(article_id, _sketch(found))

    def remove(self, article_id: str) -> None:
        """Forget ``article_id``; an id that is not indexed is ignored."""
        found = self._prints.pop(article_id, None)
        if found is not None and found.size:
            self._lsh.remove(article_id)

    def matches(self, fp: bytes) -> list[str]:
        """Ids of indexed near-duplicates of ``fp``, most similar first.

        An indexed article matches its own fingerprint: exclude its id when asking about
        an article that is already in the index.
        """
        query = _decode(fp)
        if not query.size:
            return []
        found = []
        for article_id in self._lsh.query(_sketch(query)):
            other = self._prints[article_id]
            if _same_story(query, other):
                found.append((-_jaccard(query, other), article_id))
        return [article_id for _, article_id in sorted(found)]

    def candidates(self, fp: bytes) -> list[tuple[str, float]]:
        """What LSH proposes for ``fp``, with estimated Jaccard, before the same-story check.

        For tuning and diagnostics: the pairs just below the rule are among these.
        """
        query = _decode(fp)
        if not query.size:
            return []
        found = [(i, _jaccard(query, self._prints[i])) for i in self._lsh.query(_sketch(query))]
        return sorted(found, key=lambda pair: (-pair[1], pair[0]))


def _sketch(found: _Print) -> LeanMinHash:
    from datasketch import LeanMinHash

    return LeanMinHash(seed=SEED, hashvalues=found.values, scheme=_SCHEME)


def group(items: Iterable[tuple[str, bytes]]) -> list[list[str]]:
    """Stories: ``(id, fingerprint)`` pairs grouped by near-duplication, singletons included.

    A group is a connected component of ``same_story`` (a long story, its correction and
    a reprint of the correction are one group even if the first and last differ more).
    Every id is in exactly one group; groups come in the order of their first member and
    members in input order. Ids must be unique.
    """
    index = DuplicateIndex()
    order: list[str] = []
    parent: dict[str, str] = {}

    def root(article_id: str) -> str:
        while parent[article_id] != article_id:
            parent[article_id] = parent[parent[article_id]]
            article_id = parent[article_id]
        return article_id

    for article_id, fp in items:
        if article_id in parent:
            raise ValueError(f"article id {article_id!r} given twice")
        parent[article_id] = article_id
        order.append(article_id)
        for other in index.matches(fp):
            first, second = root(other), root(article_id)
            if first != second:
                parent[second] = first
        index.add(article_id, fp)
    groups: dict[str, list[str]] = {}
    for article_id in order:
        groups.setdefault(root(article_id), []).append(article_id)
    return list(groups.values())
