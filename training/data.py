"""SQuAD-format training data for the span reader: load the files, pick questions, add negatives.

The reader must learn to say "no answer here" as well as to point at a span: behind
retrieval it mostly reads passages that do not answer the question. So besides each
question with its own paragraph, the recipe pairs a share of the questions with a
paragraph of another article and a share with another paragraph of their own article that
lacks the answer (the hard case: same topic, same names); both kinds target [CLS].
Every random choice comes from a ``random.Random`` seeded with the run's seed, so the seed
fixes the data.
"""

from __future__ import annotations

import hashlib
import json
import lzma
import random
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

PATTERNS = ("*.json", "*.json.xz")


class Kind(StrEnum):
    """What an example pairs its question with."""

    ANSWER = "answer"  # its own paragraph, with the answer's span
    OTHER_ARTICLE = "other_article"  # a paragraph of another article: no answer
    SAME_ARTICLE = "same_article"  # another paragraph of its article, without the answer


@dataclass(frozen=True)
class DataFile:
    """One SQuAD file that was read, with what it held."""

    path: Path
    sha256: str
    questions: int  # with an answer to train on
    skipped: int  # whose answers are all empty (TyDi QA's English dev questions are)

    def to_dict(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "sha256": self.sha256,
            "questions": self.questions,
            "skipped_without_answer_text": self.skipped,
        }


@dataclass(frozen=True)
class Paragraph:
    article: int  # index into Corpus.articles
    context: str


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    paragraph: int  # index into Corpus.paragraphs
    answer_start: int  # of the first answer, the training target
    answer_text: str
    answers: tuple[str, ...]  # every given answer: a negative paragraph must hold none of them


@dataclass(frozen=True)
class Corpus:
    files: tuple[DataFile, ...]
    paragraphs: tuple[Paragraph, ...]
    questions: tuple[Question, ...]
    articles: tuple[tuple[int, ...], ...]  # article -> its paragraph indices


@dataclass(frozen=True)
class Example:
    """A question and the text to read; ``answer_start == -1`` means no answer (target [CLS])."""

    question: str
    context: str
    answer_start: int
    answer_end: int  # character offset just past the answer
    kind: Kind


class DataError(Exception):
    """The data folder cannot be used; the message says why, in one line."""


def find_files(folder: Path) -> list[Path]:
    """The SQuAD files directly in ``folder`` (``*.json``, ``*.json.xz``), in name order."""
    if not folder.is_dir():
        raise DataError(f"{folder} is not a folder")
    files = sorted({p for pattern in PATTERNS for p in folder.glob(pattern) if p.is_file()})
    if not files:
        raise DataError(f"no SQuAD files (*.json, *.json.xz) in {folder}")
    return files


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_json(path: Path) -> object:
    opener = lzma.open if path.name.endswith(".xz") else open
    try:
        with opener(path, "rt", encoding="utf-8") as f:
            return json.load(f)
    except (OSError, lzma.LZMAError, json.JSONDecodeError, UnicodeDecodeError) as e:
        raise DataError(f"{path}: cannot read it as JSON ({e})") from e


def answer_question(qa: dict[str, Any], paragraph: int) -> Question | None:
    """A question of the file, its first non-empty answer (trimmed) the target; None if none."""
    answers = [a for a in qa["answers"] if a["text"].strip()]
    if not answers:
        return None
    text = answers[0]["text"]
    return Question(
        id=qa["id"],
        question=qa["question"],
        paragraph=paragraph,
        answer_start=answers[0]["answer_start"] + len(text) - len(text.lstrip()),
        answer_text=text.strip(),
        answers=tuple(a["text"].strip() for a in answers),
    )


def load_corpus(paths: Sequence[Path]) -> Corpus:
    """Read SQuAD v1.1 files; an article is a (file, title) pair.

    In ``extra-train.json.xz`` all TyDi QA paragraphs share one untitled article and all
    Reddit posts another, so their "same article" negatives are simply other paragraphs.
    """
    files: list[DataFile] = []
    paragraphs: list[Paragraph] = []
    questions: list[Question] = []
    article_no: dict[tuple[int, str], int] = {}
    articles: list[list[int]] = []
    for file_no, path in enumerate(paths):
        data = read_json(path)
        if not isinstance(data, dict) or not isinstance(data.get("data"), list):
            raise DataError(f"{path}: not SQuAD JSON (no 'data' list)")
        before, skipped = len(questions), 0
        try:
            for article in data["data"]:
                a = article_no.setdefault((file_no, article.get("title", "")), len(articles))
                if a == len(articles):
                    articles.append([])
                for paragraph in article["paragraphs"]:
                    articles[a].append(len(paragraphs))
                    paragraphs.append(Paragraph(article=a, context=paragraph["context"]))
                    for qa in paragraph["qas"]:
                        question = answer_question(qa, len(paragraphs) - 1)
                        if question is None:
                            skipped += 1
                        else:
                            questions.append(question)
        except (KeyError, TypeError, AttributeError) as e:
            raise DataError(f"{path}: not SQuAD v1.1 JSON ({type(e).__name__}: {e})") from e
        files.append(DataFile(path, sha256(path), len(questions) - before, skipped))
    return Corpus(
        tuple(files), tuple(paragraphs), tuple(questions), tuple(tuple(m) for m in articles)
    )


def select(questions: Sequence[Question], limit: int | None, seed: int) -> list[Question]:
    """All questions, or the first ``limit`` of a seeded shuffle (small runs see every source)."""
    if limit is None:
        return list(questions)
    order = list(range(len(questions)))
    random.Random(seed).shuffle(order)
    return [questions[i] for i in sorted(order[:limit])]


def lacks_answers(context: str, question: Question) -> bool:
    folded = context.casefold()
    return not any(answer.casefold() in folded for answer in question.answers)


def other_article_paragraph(corpus: Corpus, question: Question, rng: random.Random) -> int | None:
    """A random paragraph of another article (None when the corpus has a single article)."""
    if len(corpus.articles) < 2:
        return None
    own = corpus.paragraphs[question.paragraph].article
    while True:
        candidate = rng.randrange(len(corpus.paragraphs))
        if corpus.paragraphs[candidate].article != own:
            return candidate


def same_article_paragraph(corpus: Corpus, question: Question, rng: random.Random) -> int | None:
    """Another paragraph of the question's article holding none of its answers, if there is one.

    The scan starts at a random member and wraps around: one draw, however long the article.
    """
    members = corpus.articles[corpus.paragraphs[question.paragraph].article]
    start = rng.randrange(len(members))
    for step in range(len(members)):
        candidate = members[(start + step) % len(members)]
        if candidate != question.paragraph and lacks_answers(
            corpus.paragraphs[candidate].context, question
        ):
            return candidate
    return None


def build_examples(
    corpus: Corpus,
    questions: Sequence[Question],
    negatives_other: float,
    negatives_same: float,
    seed: int,
) -> list[Example]:
    """Every question with its paragraph, then the two kinds of negatives for seeded samples.

    ``negatives_other`` and ``negatives_same`` are shares of the questions, drawn
    independently; a question whose article has no paragraph without the answer gets no
    same-article negative (so that count can fall a little short of its share).
    """
    rng = random.Random(seed)
    examples = [
        Example(
            question=q.question,
            context=corpus.paragraphs[q.paragraph].context,
            answer_start=q.answer_start,
            answer_end=q.answer_start + len(q.answer_text),
            kind=Kind.ANSWER,
        )
        for q in questions
    ]
    for share, kind, pick in (
        (negatives_other, Kind.OTHER_ARTICLE, other_article_paragraph),
        (negatives_same, Kind.SAME_ARTICLE, same_article_paragraph),
    ):
        chosen = sorted(rng.sample(range(len(questions)), round(share * len(questions))))
        for i in chosen:
            paragraph = pick(corpus, questions[i], rng)
            if paragraph is not None:
                context = corpus.paragraphs[paragraph].context
                examples.append(Example(questions[i].question, context, -1, -1, kind))
    return examples
