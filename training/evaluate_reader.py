"""How well a span reader reads: official SQuAD EM/F1 with the gold paragraph given.

    python -m training.evaluate_reader --model models/reader \\
        --squad ../shared/data/squad-v1.1-dev-13articles.json [--limit N] [--out FILE]

``--model`` is either an exported reader folder (``model.onnx``, run through
``assistant/answering/reader.py`` as the product runs it) or a Hugging Face model folder (run in
PyTorch through the same windowing and span decoding), so the two give comparable
numbers. Besides EM/F1 it reports how often the [CLS] "no answer" score beats the best
span on a paragraph that does answer (false refusals, if one declined on that alone) and
milliseconds per question.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.answering.reader import Feed, PassageReading, ReaderSettings, SpanReader
from assistant.evaluation.metrics import exact_match, f1


@dataclass(frozen=True)
class Item:
    """A SQuAD question with its gold paragraph and the paragraph's place in its article."""

    id: str
    question: str
    answers: tuple[str, ...]
    context: str
    article: int
    paragraph: int


def load_squad(path: Path) -> tuple[list[Item], list[list[str]]]:
    """The questions, and every article's paragraphs (for distractor passages)."""
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    items: list[Item] = []
    paragraphs: list[list[str]] = []
    for a, article in enumerate(data):
        paragraphs.append([p["context"] for p in article["paragraphs"]])
        for p, paragraph in enumerate(article["paragraphs"]):
            for qa in paragraph["qas"]:
                answers = tuple(answer["text"] for answer in qa["answers"])
                items.append(Item(qa["id"], qa["question"], answers, paragraph["context"], a, p))
    return items, paragraphs


def sample(items: list[Item], limit: int | None, seed: int = 0) -> list[Item]:
    """A fixed seeded sample of ``limit`` items (all of them, in order, without a limit)."""
    if not limit or limit >= len(items):
        return items
    return sorted(random.Random(seed).sample(items, limit), key=lambda item: item.id)


def torch_reader(
    model_dir: Path, threads: int = 2, settings: ReaderSettings | None = None
) -> SpanReader:
    """A Hugging Face QA model run in PyTorch behind the product's windowing and decoding."""
    import torch
    from transformers import AutoModelForQuestionAnswering

    from training.export_reader import tokenizer_json

    torch.set_num_threads(threads)
    model = AutoModelForQuestionAnswering.from_pretrained(model_dir, dtype=torch.float32).eval()

    def infer(feed: Feed) -> tuple[np.ndarray, np.ndarray]:
        with torch.inference_mode():
            out = model(**{name: torch.from_numpy(array) for name, array in feed.items()})
        return out.start_logits.numpy(), out.end_logits.numpy()

    return SpanReader.build(tokenizer_json(model_dir), settings or ReaderSettings(), infer)


def load_reader(path: Path, threads: int = 2) -> SpanReader:
    """An exported folder (or its model.onnx) through ONNX Runtime, else a HF folder."""
    folder = path.parent if path.suffix == ".onnx" else path
    if (folder / "model.onnx").is_file():
        return SpanReader.load(folder, threads=threads)
    if (folder / "config.json").is_file():
        return torch_reader(folder, threads)
    raise SystemExit(f"{path} holds neither model.onnx nor a Hugging Face config.json")


def best_span_text(reading: PassageReading) -> str:
    return reading.spans[0].text if reading.spans else ""


def evaluate(reader: SpanReader, items: Sequence[Item]) -> dict[str, Any]:
    """EM, F1 (official SQuAD scoring), the share where "no answer" wins, ms per question.

    The gold paragraph alone is read, as the reference reader's figures were measured.
    """
    ems, f1s, nulls, times = [], [], [], []
    for item in items:
        began = time.perf_counter()
        reading = reader.read(item.question, [item.context])[0]
        times.append(time.perf_counter() - began)
        ems.append(exact_match(best_span_text(reading), item.answers))
        f1s.append(f1(best_span_text(reading), item.answers))
        nulls.append(not reading.spans or reading.null_score > reading.spans[0].score)
    return {
        "n": len(items),
        "em": round(float(np.mean(ems)), 4),
        "f1": round(float(np.mean(f1s)), 4),
        "null_preferred": round(float(np.mean(nulls)), 4),
        "ms_per_question": round(1000 * float(np.median(times)), 2),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True, help="reader folder or HF folder")
    parser.add_argument("--squad", type=Path, required=True, help="SQuAD v1.1 JSON")
    parser.add_argument("--limit", type=int, help="a seeded sample of this many questions")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", type=Path, help="write the figures here as JSON")
    args = parser.parse_args(argv)
    items, _ = load_squad(args.squad)
    reader = load_reader(args.model, args.threads)
    figures = {
        "model": str(args.model),
        "squad": args.squad.name,
        **evaluate(reader, sample(items, args.limit, args.seed)),
    }
    print(json.dumps(figures, indent=2))
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
