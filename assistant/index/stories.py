"""One story once: near-duplicate articles grouped into stories in the article manifest.

After every write the index's articles are grouped by their fingerprints
(``near_duplicates.group``); each member of a group of two or more records the group's
earliest publication (date, then id) as its ``story``. Retrieval keeps one passage per
story and names the other publications under it. Grouping every time from the stored
fingerprints keeps it right whatever order articles arrive or leave in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from assistant.index.metadata import decode_fingerprint, encode_fingerprint
from assistant.index.near_duplicates import fingerprint, group
from assistant.index.store import Store
from assistant.records import ArticleEntry, Passage, Reprint


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
    for members in group(items):
        if len(members) > 1:
            first = min(members, key=lambda aid: _earliest(manifest[aid]))
            wanted.update(dict.fromkeys(members, first))
    changed = {aid: wanted.get(aid, "") for aid, e in manifest.items()
               if e.story != wanted.get(aid, "")}  # fmt: skip
    store.update_manifest("story", changed)
    return len(wanted)


@dataclass(frozen=True)
class Stories:
    """Which story each grouped article belongs to, and each story's publications."""

    story_of: dict[str, str]
    members: dict[str, tuple[ArticleEntry, ...]]  # earliest first

    @classmethod
    def load(cls, store: Store) -> Stories:
        entries = [e for e in store.manifest().values() if e.ready and e.story]
        members: dict[str, list[ArticleEntry]] = {}
        for entry in entries:
            members.setdefault(entry.story, []).append(entry)
        return cls(
            story_of={e.id: e.story for e in entries},
            members={k: tuple(sorted(v, key=_earliest)) for k, v in members.items()},
        )

    def one_per_story(self, passages: Iterable[Passage]) -> list[Passage]:
        """The best passage of each story, from its earliest publication when retrieved.

        The story keeps the rank of its best passage; its other publications are listed
        in ``also``. Articles in no group pass through unchanged.
        """
        ranked = list(passages)
        chosen: dict[str, Passage] = {}
        order: list[str] = []
        for passage in ranked:
            story = self.story_of.get(passage.article_id, passage.article_id)
            if story not in chosen:
                order.append(story)
                chosen[story] = passage
            elif passage.article_id == story and _same_text(passage, chosen[story]):
                chosen[story] = passage  # the earliest publication's copy of the same passage
        out = []
        for story in order:
            passage = chosen[story]
            others = tuple(
                e.reprint() for e in self.members.get(story, ()) if e.id != passage.article_id
            )
            out.append(_with_reprints(passage, others))
        return out


def _with_reprints(passage: Passage, also: tuple[Reprint, ...]) -> Passage:
    return replace(passage, also=also) if also else passage


def _same_text(a: Passage, b: Passage) -> bool:
    """Whether two passages say the same (most of their words shared), not just one story."""
    first, second = set(a.text.lower().split()), set(b.text.lower().split())
    return len(first & second) >= 0.8 * max(len(first), len(second), 1)
