"""One story once: near-duplicate articles grouped into stories in the article manifest.

After every write the index's articles are grouped by their fingerprints
(``near_duplicates.group``), and articles with the same exact text (a story that several
outlets ran verbatim, ``same_text``) always share a group; each member of a group of two
or more records the group's earliest publication (date, then id) as its ``story``.
Retrieval keeps one passage per story and names the other publications under it.
Grouping every time from the stored fingerprints keeps it right whatever order articles
arrive or leave in.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, replace

from assistant.index.metadata import decode_fingerprint, encode_fingerprint
from assistant.index.near_duplicates import fingerprint, group
from assistant.index.store import Store
from assistant.records import ArticleEntry, Passage

# Two passages of one story's publications say the same when this share of the shorter's
# word pairs is in the other (reprints: 0.9 and up; different paragraphs: under 0.2).
SAME_TEXT = 0.6


def _earliest(entry: ArticleEntry) -> tuple[str, str]:
    return (entry.date or "9999-99-99", entry.id)  # undated last


def assign_stories(store: Store, story: str = "") -> int:
    """Group the index's articles into stories; returns how many articles are in a group.

    With ``story``, only that story's remaining members are regrouped: after a delete,
    nothing else can have changed (taking an article away can only split its own group).
    """
    where = {"story": story} if story else None
    manifest = {aid: e for aid, e in store.manifest(where).items() if e.ready}
    missing = {aid: e for aid, e in manifest.items() if not e.minhash}  # indexes before stories
    if missing:
        prints = {
            article_id: encode_fingerprint(fingerprint(text, title))
            for article_id, title, text in store.titles_and_texts(sorted(missing))
        }
        store.update_manifest("minhash", prints)
        manifest = {aid: e for aid, e in store.manifest(where).items() if e.ready}
    wanted: dict[str, str] = {}
    items = [(aid, decode_fingerprint(e.minhash)) for aid, e in sorted(manifest.items())
             if e.minhash]  # fmt: skip
    for members in _with_same_text(group(items), manifest):
        if len(members) > 1:
            first = min(members, key=lambda aid: _earliest(manifest[aid]))
            wanted.update(dict.fromkeys(members, first))
    changed = {aid: wanted.get(aid, "") for aid, e in manifest.items()
               if e.story != wanted.get(aid, "")}  # fmt: skip
    store.update_manifest("story", changed)
    return len(wanted)


def _with_same_text(groups: list[list[str]], manifest: dict[str, ArticleEntry]) -> list[list[str]]:
    """``groups`` with those that share an exact text joined: another outlet's verbatim
    copy is the same story even when its short body was fingerprinted with its own
    headline (``near_duplicates.article_shingles``)."""
    home = {aid: n for n, members in enumerate(groups) for aid in members}
    parent = list(range(len(groups)))

    def root(n: int) -> int:
        while parent[n] != n:
            n = parent[n]
        return n

    first_with: dict[str, int] = {}
    for aid in sorted(home):
        text_hash = manifest[aid].text_hash
        if not text_hash:
            continue
        mine, theirs = root(home[aid]), root(first_with.setdefault(text_hash, home[aid]))
        if mine != theirs:
            parent[max(mine, theirs)] = min(mine, theirs)
    joined: dict[int, list[str]] = {}
    for n, members in enumerate(groups):
        joined.setdefault(root(n), []).extend(members)
    return list(joined.values())


@dataclass(frozen=True)
class Stories:
    """Which story each grouped article belongs to, and each story's publications."""

    story_of: dict[str, str]
    members: dict[str, tuple[ArticleEntry, ...]]  # earliest first

    @classmethod
    def load(cls, store: Store) -> Stories:
        return cls.of(store.manifest().values())

    @classmethod
    def of(cls, manifest: Iterable[ArticleEntry]) -> Stories:
        entries = [e for e in manifest if e.ready and e.story]
        members: dict[str, list[ArticleEntry]] = {}
        for entry in entries:
            members.setdefault(entry.story, []).append(entry)
        return cls(
            story_of={e.id: e.story for e in entries},
            members={k: tuple(sorted(v, key=_earliest)) for k, v in members.items()},
        )

    def one_per_story(self, passages: Iterable[Passage]) -> list[Passage]:
        """Each passage once per story: a reprint's copy of a passage already kept is dropped.

        Publications of one story collapse when their passages say the same (the earliest
        publication's copy is kept, at the rank of the best copy, the others listed in
        ``also``); different passages of one article, or of one story, all stay: a long
        article answers different questions in different chunks. Articles in no group
        pass through unchanged.
        """
        chosen: list[Passage] = []
        for passage in passages:
            story = self.story_of.get(passage.article_id)
            if story is None:
                chosen.append(passage)
                continue
            copy = next(
                (
                    n
                    for n, kept in enumerate(chosen)
                    if self.story_of.get(kept.article_id) == story
                    and kept.article_id != passage.article_id
                    and _same_text(passage, kept)
                ),
                None,
            )
            if copy is None:
                chosen.append(passage)
            elif passage.article_id == story and chosen[copy].article_id != story:
                chosen[copy] = replace(passage, rank=chosen[copy].rank)  # the earliest's copy
        return [self._with_reprints(p) for p in chosen]

    def _with_reprints(self, passage: Passage) -> Passage:
        story = self.story_of.get(passage.article_id)
        others = tuple(
            e.reprint() for e in self.members.get(story or "", ()) if e.id != passage.article_id
        )
        return replace(passage, also=others) if others else passage


def _bigrams(text: str) -> set[tuple[str, str]]:
    words = text.lower().split()
    return set(itertools.pairwise(words))


def _same_text(a: Passage, b: Passage) -> bool:
    """Whether two passages say the same: most word pairs of the shorter one are in the other.

    Containment of the shorter, not overlap of both: two publications chunk differently
    when one adds a line, so a reprint's passage is often a shifted part of the original.
    Word pairs, not words: two different paragraphs of one story share many words.
    """
    first, second = _bigrams(a.text), _bigrams(b.text)
    return len(first & second) >= SAME_TEXT * max(1, min(len(first), len(second)))
