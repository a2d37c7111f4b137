"""Question-answer pairs to score on: JSONL and SQuAD JSON (v1.1, and v2.0), and the
fixed shares of a SQuAD set left out of the index so its questions test abstention.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from assistant.errors import InvalidInput
from assistant.ingest.documents import record_article_id
from assistant.ingest.formats import squad_record_id


@dataclass(frozen=True)
class QAItem:
    """One question with its gold answers; ``doc_id`` names the article that holds them."""

    id: str
    question: str
    answers: tuple[str, ...]
    doc_id: str | None = None
    answerable: bool = True
    group: str = ""  # the SQuAD article title, for leave-out splits
    duplicates: tuple[str, ...] = ()  # other publications of doc_id's story (also count)
    split: str = ""  # "dev" or "test" where the set says (weights are fitted on dev only)
    # the time set (tests/eval/news-time.jsonl): the day relative words are read against,
    # the as-of day the question is asked with, and the range its time words mean
    reference: str | None = None
    as_of: str | None = None
    expected_range: tuple[str | None, str | None] | None = None
    kind: str = ""  # window, latest, as_of, changed, control

    @property
    def gold_articles(self) -> frozenset[str]:
        """The articles a passage must come from to count (any when the set names none)."""
        return frozenset((self.doc_id, *self.duplicates)) if self.doc_id else frozenset()


def load_squad(path: Path) -> list[QAItem]:
    """Questions of a SQuAD v1.1 or v2.0 file, each tied to its paragraph's article id."""
    data = json.loads(path.read_text(encoding="utf-8"))
    items: list[QAItem] = []
    for article in data["data"]:
        title = str(article.get("title", ""))
        for number, paragraph in enumerate(article.get("paragraphs", [])):
            doc_id = record_article_id(path.stem, squad_record_id(title, number))
            for qa in paragraph.get("qas", []):
                impossible = bool(qa.get("is_impossible", False))
                answers = tuple(dict.fromkeys(a["text"] for a in qa.get("answers", [])))
                items.append(
                    QAItem(
                        id=str(qa.get("id", len(items))),
                        question=qa["question"],
                        answers=() if impossible else answers,
                        doc_id=doc_id,
                        answerable=not impossible and bool(answers),
                        group=title,
                    )
                )
    return items


def load_jsonl(path: Path) -> list[QAItem]:
    """Questions from a JSONL file; ``answers: []`` marks a question the articles cannot answer."""
    items = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            answers = obj["answers"]
            answers = [answers] if isinstance(answers, str) else list(answers)
            answerable = bool(obj.get("answerable", bool(answers)))
            if answerable and not answers:
                raise ValueError("an answerable item needs answers")
            items.append(
                QAItem(
                    id=str(obj.get("id", line_no)),
                    question=str(obj["question"]),
                    answers=tuple(str(a) for a in answers),
                    doc_id=obj.get("doc_id"),
                    answerable=answerable,
                    group=str(obj.get("group", "")),
                    duplicates=tuple(str(d) for d in obj.get("duplicates", ())),
                    split=str(obj.get("split", "")),
                    reference=obj.get("reference_date"),
                    as_of=obj.get("as_of"),
                    expected_range=(
                        (obj.get("expected_from"), obj.get("expected_to"))
                        if "expected_from" in obj or "expected_to" in obj
                        else None
                    ),
                    kind=str(obj.get("kind", "")),
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            raise InvalidInput(f"{path}:{line_no}: not a QA item ({error}); fix the line") from None
    return items


def load_items(path: Path) -> list[QAItem]:
    if not path.exists():
        raise InvalidInput(f"{path} does not exist.")
    if path.suffix.lower() == ".jsonl":
        return load_jsonl(path)
    if path.suffix.lower() == ".json":
        try:
            return load_squad(path)
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise InvalidInput(f"{path} is not SQuAD JSON ({error}).") from None
    raise InvalidInput(f"{path}: use .jsonl (question, answers) or SQuAD .json.")


def left_out_groups(items: Sequence[QAItem], share: float) -> set[str]:
    """A fixed (hash-ordered) share of the item groups (SQuAD articles) to leave out."""
    groups = sorted({i.group for i in items if i.group})
    if not 0 < share < 1 or len(groups) < 2:
        raise InvalidInput("--leave-out needs a share between 0 and 1 and a SQuAD file.")
    ordered = sorted(groups, key=lambda g: hashlib.sha256(g.encode()).hexdigest())
    count = max(1, round(share * len(groups)))
    return set(ordered[:count])


def left_out_paragraphs(items: Sequence[QAItem], share: float) -> set[str]:
    """A fixed (hash-ordered) share of the paragraphs (``doc_id``) to leave out.

    The rest of each paragraph's article stays indexed: the topic is there, the answer
    is not, which is the harder case for abstention.
    """
    docs = sorted({i.doc_id for i in items if i.doc_id})
    if not 0 < share < 1 or len(docs) < 2:
        raise InvalidInput("--leave-out-paragraphs needs a share between 0 and 1 and a SQuAD file.")
    ordered = sorted(docs, key=lambda d: hashlib.sha256(d.encode()).hexdigest())
    return set(ordered[: max(1, round(share * len(docs)))])


def without_answers(item: QAItem) -> QAItem:
    """The item as a question the index cannot answer (its article or paragraph was left out)."""
    return replace(item, answers=(), answerable=False)
