"""One story once: reprints of a wire story are grouped at ingest and cited once."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import FAKE_EMBEDDER

from assistant.app.cli import format_answer
from assistant.app.render import citation_html
from assistant.config import Settings
from assistant.facade import Assistant

STORY = (
    "An attack on two military camps in Lere killed five soldiers on Monday, the army said.\n\n"
    "The Coordination of Azawad Movements (CMA) claimed responsibility for the attack in a "
    "statement posted online late on Monday evening.\n\n"
    "The CMA signed a peace deal with the government in 2015 but withdrew from it last year, "
    "accusing the authorities of failing to honour its terms.\n\n"
    "Residents of Lere said they heard heavy gunfire for several hours before dawn and that "
    "many families had fled towards the border with Mauritania.\n\n"
    "The army said reinforcements had been sent to the region and that the situation was now "
    "under control, without giving further details."
)
OTHER = (
    "Gunmen attacked a convoy near Timbuktu on Friday, wounding three drivers, officials said.\n\n"
    "No group has claimed the attack, which came a week after fighting in the region of Lere.\n\n"
    "Aid agencies said they would suspend deliveries on the road until security improved, "
    "leaving thousands of people without food supplies for the coming weeks."
)


def write(corpus: Path) -> None:
    reprints = [
        {"id": "afp", "title": "Lere attack", "source": "Agence France-Presse",
         "date": "2024-05-27", "url": "https://afp.example/lere", "text": STORY},
        {"id": "daily", "title": "Five soldiers killed in Lere", "source": "Daily Example",
         "date": "2024-05-28", "url": "https://daily.example/lere",
         "text": STORY.replace(". ", ".\n", 3) + "\n\nCorrection: an earlier version erred."},
        {"id": "echo", "title": "Soldiers die in Mali camp attack", "source": "Echo",
         "date": "2024-05-29", "url": "javascript:alert(1)", "text": " ".join(STORY.split())},
        {"id": "convoy", "title": "Convoy attacked near Timbuktu", "source": "Agence France-Presse",
         "date": "2024-05-31", "text": OTHER},
    ]  # fmt: skip
    (corpus / "wire.jsonl").write_text("\n".join(json.dumps(r) for r in reprints) + "\n")


def test_reprints_are_one_story_cited_once_naming_the_others(fake_fresh: Settings) -> None:
    corpus = Path(fake_fresh.corpus_dir)
    write(corpus)
    assistant = Assistant(fake_fresh, embedder=FAKE_EMBEDDER)
    assistant.ingest([corpus])
    stories = {
        e.id.split("/")[-1]: e.story.split("/")[-1] for e in assistant.store.manifest().values()
    }
    assert stories == {"afp": "afp", "daily": "afp", "echo": "afp", "convoy": ""}

    found = assistant.search("Who claimed responsibility for the attack in Lere?", k=10)
    lere = [p for p in found if p.article_id.endswith(("afp", "daily", "echo"))]
    assert {p.article_id.split("/")[-1] for p in lere} == {"afp"}  # one story, the earliest
    cited = lere[0]
    assert [r.source for r in cited.also] == ["Daily Example", "Echo"]
    assert [r.date for r in cited.also] == ["2024-05-28", "2024-05-29"]

    answer = assistant.ask("Who claimed responsibility for the attack in Lere?")
    first = answer.citations[0]
    assert first.source == "Agence France-Presse" and len(first.also) == 2
    html = citation_html(first)
    assert "also published by 2 others" in html
    assert '<a href="https&#58;//daily.example/lere" target="_blank"' in html
    assert "javascript" not in html  # Echo's javascript: "url" is not made a link
    assert ", Echo 2024&#45;05&#45;29</div>" in html
    assert "also published by 2 others:" in format_answer(answer)
    assert answer.to_dict()["citations"][0]["also"][0]["source"] == "Daily Example"


def test_deleting_the_earliest_moves_the_story_to_the_next(fake_fresh: Settings) -> None:
    corpus = Path(fake_fresh.corpus_dir)
    write(corpus)
    assistant = Assistant(fake_fresh, embedder=FAKE_EMBEDDER)
    assistant.ingest([corpus])
    afp = next(e.id for e in assistant.articles() if e.id.endswith("/afp"))
    assistant.delete(afp)
    stories = {
        e.id.split("/")[-1]: e.story.split("/")[-1] for e in assistant.store.manifest().values()
    }
    assert stories == {"daily": "daily", "echo": "daily", "convoy": ""}


def test_an_index_from_before_stories_gets_fingerprints_at_its_next_write(
    fake_fresh: Settings,
) -> None:
    corpus = Path(fake_fresh.corpus_dir)
    write(corpus)
    assistant = Assistant(fake_fresh, embedder=FAKE_EMBEDDER)
    assistant.ingest([corpus])
    store = assistant.store
    ids = list(store.manifest())
    store.update_manifest("minhash", dict.fromkeys(ids, ""))  # as an older index has them
    store.update_manifest("story", dict.fromkeys(ids, ""))
    assert all(not e.minhash and not e.story for e in store.manifest().values())

    (corpus / "more.txt").write_text("Markets\n\nShares rose in Tokyo on Tuesday after a holiday.")
    assistant.ingest([corpus])
    manifest = store.manifest()
    assert all(e.minhash for e in manifest.values())
    assert sorted(e.id.split("/")[-1] for e in manifest.values() if e.story.endswith("/afp")) == [
        "afp", "daily", "echo",
    ]  # fmt: skip


def test_every_passage_of_an_article_stays_while_reprints_collapse(fake_fresh: Settings) -> None:
    """A story's publications collapse passage by passage; an article's own chunks never do
    (issue 20: one passage per *article* hid most of every news article from the reader)."""
    corpus = Path(fake_fresh.corpus_dir)
    write(corpus)
    settings = fake_fresh.with_overrides(chunk_max_chars=200, chunk_overlap_sentences=0)
    assistant = Assistant(settings, embedder=FAKE_EMBEDDER)
    assistant.ingest([corpus])
    chunks = {e.id.split("/")[-1]: e.chunks for e in assistant.store.manifest().values()}
    assert chunks["afp"] >= 4 and chunks["convoy"] >= 2  # long enough to be several passages

    found = assistant.search("attack Lere soldiers CMA peace deal Timbuktu convoy aid", k=20)
    by_article: dict[str, set[str]] = {}
    for passage in found:
        by_article.setdefault(passage.article_id.split("/")[-1], set()).add(passage.chunk_id)
    assert len(by_article["convoy"]) == chunks["convoy"]  # an ungrouped article: every chunk
    story = by_article.get("afp", set()) | by_article.get("daily", set())
    story |= by_article.get("echo", set())
    assert len(story) >= chunks["afp"] - 1  # the story's different passages, not one
    texts = [" ".join(p.text.split()) for p in found if p.article_id.split("/")[-1] != "convoy"]
    assert len(texts) == len(set(texts))  # and each of them once, not once per reprint

    last = assistant.search("Was the situation under control after reinforcements?", k=5)
    assert any("under control" in p.text for p in last)  # the article's last paragraph
    assert all(p.also for p in last if "under control" in p.text)  # cited with its reprints
