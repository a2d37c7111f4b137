"""The extractive span reader: which words of a passage answer the question, and how surely.

A BERT-style question-answering model, exported to ONNX Runtime by
``training/export_reader.py`` into ``models/reader/``, scores every token of a passage as
the start and the end of the answer. Here we tokenize (question, passage) pairs with the
model's own ``tokenizer.json``, cut long passages into overlapping windows, run each window
and turn the best start/end pairs back into exact character spans of
the passages. Only numpy, onnxruntime and tokenizers are imported, so the reader loads in
well under a second and PyTorch is never needed at run time.

The [CLS] token's start + end logit is the model's "no answer in this passage" score
(``null_score``); the model was trained with such negatives, so comparing it with the
best span's score says whether the passage answers at all.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np
from tokenizers import Encoding, Tokenizer

from assistant.errors import InvalidInput
from assistant.text.wire_labels import written_out

# Where the shipped reader is: inside the installed package (a wheel carries it there,
# setup.py), else in the checkout's models/reader/ (an editable install, the repository).
PACKAGED_DIR = Path(__file__).resolve().parents[1] / "_reader"
CHECKOUT_DIR = Path(__file__).resolve().parents[2] / "models" / "reader"
DEFAULT_DIR = PACKAGED_DIR if (PACKAGED_DIR / "model.onnx").is_file() else CHECKOUT_DIR
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
OUTPUTS = ("start_logits", "end_logits")
FILES = ("model.onnx", "tokenizer.json", "reader.json")
_CANDIDATES = 300  # span candidates per window before de-duplication (40 crowded out runners-up)
_EDGE = frozenset(",;:")  # dropped from a span's ends (the model sometimes takes a comma)
_OPEN_CLOSE = {"(": ")", "[": "]", "{": "}", "“": "”", "‘": "’", "«": "»"}
_CLOSE_OPEN = {close: open_ for open_, close in _OPEN_CLOSE.items()}
_SYMMETRIC = frozenset("\"'")

Feed = dict[str, np.ndarray]
Infer = Callable[[Feed], tuple[np.ndarray, np.ndarray]]


@dataclass(frozen=True)
class Span:
    """An answer candidate: ``texts[passage][start:end] == text``."""

    passage: int
    start: int
    end: int
    text: str
    score: float  # start logit + end logit


@dataclass(frozen=True)
class PassageReading:
    """What the model found in one passage, best span first."""

    spans: tuple[Span, ...]
    null_score: float  # [CLS] start + end logit, the lowest over the passage's windows


@dataclass(frozen=True)
class ReaderSettings:
    """How passages are windowed and spans decoded (``reader.json`` beside the model)."""

    max_length: int = 384  # tokens per window, question included (as in training)
    stride: int = 128  # tokens shared by consecutive windows of a long passage
    max_answer_tokens: int = 30
    max_question_tokens: int = 64  # a longer question is cut, so a window still holds text
    top_k: int = 10  # spans kept per passage (tune_names.py chose 10; as models/reader ships)
    format: str = "fp32"  # what model.onnx holds: fp16, int8-weights, int8, fp32 (informational)
    source: str = ""  # the model folder it was exported from (informational)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ReaderSettings:
        """The known keys of ``reader.json``; the exporter's other notes are ignored."""
        names = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in names})

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class OnnxLogits:
    """Runs the exported model; an onnxruntime session may be shared by threads."""

    session: Any  # onnxruntime.InferenceSession

    def __call__(self, feed: Feed) -> tuple[np.ndarray, np.ndarray]:
        start, end = self.session.run(list(OUTPUTS), feed)
        return start, end


@dataclass(frozen=True)
class SpanReader:
    """Reads passages for a question. Thread-safe: nothing here changes after ``build``."""

    settings: ReaderSettings
    # the model: input_ids/attention_mask/token_type_ids -> start, end logits
    infer: Infer = field(repr=False)
    # (question, passage) -> windows: truncates the passage, with stride
    pairs: Tokenizer = field(repr=False)
    plain: Tokenizer = field(repr=False)  # the question alone, to cut an overlong one

    @classmethod
    def build(cls, tokenizer_json: str, settings: ReaderSettings, infer: Infer) -> SpanReader:
        """A reader around any logits function (ONNX here; PyTorch in training/)."""
        pairs = Tokenizer.from_str(tokenizer_json)
        pairs.no_padding()  # we pad a batch to its longest window only
        pairs.enable_truncation(settings.max_length, stride=settings.stride, strategy="only_second")
        plain = Tokenizer.from_str(tokenizer_json)
        plain.no_padding()
        plain.no_truncation()
        return cls(settings, infer, pairs, plain)

    @classmethod
    def load(
        cls,
        model_dir: Path | None = None,
        threads: int = 0,
        providers: Sequence[str] = ("CPUExecutionProvider",),
    ) -> SpanReader:
        """The exported reader in ``model_dir`` (default: the repository's models/reader)."""
        import onnxruntime as ort

        folder = Path(model_dir) if model_dir is not None else DEFAULT_DIR
        missing = [name for name in FILES if not (folder / name).is_file()]
        if missing and model_dir is None:
            raise InvalidInput(
                f"The span reader is missing (looked in {PACKAGED_DIR} and {CHECKOUT_DIR}): "
                "reinstall the package from its wheel, or set ASSISTANT_READER_DIR to a reader "
                "folder (models/reader of the repository)."
            )
        if missing:
            raise InvalidInput(
                f"No span reader in {folder} (missing {', '.join(missing)}). Export one with "
                f"`python -m training.export_reader --model HF_MODEL_DIR --out {folder}`."
            )
        try:
            settings = ReaderSettings.from_dict(
                json.loads((folder / "reader.json").read_text(encoding="utf-8"))
            )
            options = ort.SessionOptions()
            options.intra_op_num_threads = threads or (os.cpu_count() or 1)
            # idle workers that spin between runs take the CPU from the next stage (the
            # question's embedding, the search): retrieval took twice as long beside them
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            options.inter_op_num_threads = 1
            # int8-weights models: fold DequantizeLinear of the weights into fp32 constants
            # once, at load, rather than dequantizing on every run
            options.add_session_config_entry("session.disable_quant_qdq", "1")
            session = ort.InferenceSession(
                str(folder / "model.onnx"), options, providers=list(providers)
            )
            tokenizer_json = (folder / "tokenizer.json").read_text(encoding="utf-8")
            return cls.build(tokenizer_json, settings, OnnxLogits(session))
        except Exception as error:  # onnxruntime and tokenizers raise their own types
            raise InvalidInput(
                f"The span reader in {folder} cannot be loaded ({error}). Export it again "
                f"with `python -m training.export_reader --model HF_MODEL_DIR --out {folder}`."
            ) from error

    def read(self, question: str, texts: Sequence[str]) -> list[PassageReading]:
        """One reading per text, in order; the model reads each text with the wires' line
        labels written out (``wire_labels``), and every span is one of the text's own."""
        question = self._cut(question.strip())
        if not question:
            raise InvalidInput("The question is empty: ask something about the articles.")
        if not texts:
            return []
        legible = [written_out(text) for text in texts]
        encodings = self.pairs.encode_batch([(question, text.text) for text in legible])
        windows = [(p, w) for p, enc in enumerate(encodings) for w in (enc, *enc.overflowing)]
        start, end = self._logits([w for _, w in windows])
        found: list[dict[tuple[int, int], float]] = [{} for _ in texts]
        nulls = [float("inf")] * len(texts)
        for row, (passage, window) in enumerate(windows):
            nulls[passage] = min(nulls[passage], float(start[row][0] + end[row][0]))
            for score, first, last in self._candidates(window, start[row], end[row]):
                span = _trim(legible[passage].text, first, last)
                if span is not None:
                    span = legible[passage].original(*span)
                if span is not None and score > found[passage].get(span, float("-inf")):
                    found[passage][span] = score
        return [
            PassageReading(self._best(passage, texts[passage], spans), nulls[passage])
            for passage, spans in enumerate(found)
        ]

    def _cut(self, question: str) -> str:
        """The question up to ``max_question_tokens`` tokens (long ones would crowd out text)."""
        offsets = self.plain.encode(question, add_special_tokens=False).offsets
        limit = self.settings.max_question_tokens
        return question if len(offsets) <= limit else question[: offsets[limit - 1][1]]

    def _logits(self, windows: list[Encoding]) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Start and end logits per window, each window run alone.

        Measured (benchmarks/README.md, reader formats): on this 2-core CPU one window per
        run is faster than a padded batch (no work on padding), and int8 reads better,
        since dynamic quantization scales activations over the whole batch.
        """
        starts, ends = [], []
        for window in windows:
            ids = np.array([window.ids], dtype=np.int64)
            feed = {
                "input_ids": ids,
                "attention_mask": np.ones_like(ids),
                "token_type_ids": np.array([window.type_ids], dtype=np.int64),
            }
            start, end = self.infer(feed)
            starts.append(start[0])
            ends.append(end[0])
        return starts, ends

    def _candidates(
        self, window: Encoding, start: np.ndarray, end: np.ndarray
    ) -> list[tuple[float, int, int]]:
        """The best (score, first char, last char) spans inside the window's passage text."""
        context = np.flatnonzero(np.array([s == 1 for s in window.sequence_ids]))
        if context.size == 0:
            return []
        scores = start[context][:, None] + end[context][None, :]
        gap = np.arange(context.size)[None, :] - np.arange(context.size)[:, None]
        scores = np.where((gap >= 0) & (gap < self.settings.max_answer_tokens), scores, -np.inf)
        flat = scores.ravel()
        keep = min(_CANDIDATES, int(np.isfinite(flat).sum()))
        best = np.argpartition(-flat, keep - 1)[:keep]
        offsets = window.offsets
        out = []
        for index in best:
            i, j = divmod(int(index), context.size)
            out.append((float(flat[index]), offsets[context[i]][0], offsets[context[j]][1]))
        return out

    def _best(
        self, passage: int, text: str, spans: dict[tuple[int, int], float]
    ) -> tuple[Span, ...]:
        """The ``top_k`` best spans that do not overlap a better one."""
        chosen: list[Span] = []
        for (first, last), score in sorted(spans.items(), key=lambda item: -item[1]):
            if all(last <= s.start or first >= s.end for s in chosen):
                chosen.append(Span(passage, first, last, text[first:last], score))
                if len(chosen) == self.settings.top_k:
                    break
        return tuple(chosen)


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without white space, stray commas or an unmatched bracket/quote at its ends."""
    while start < end:
        head, tail, inner = text[start], text[end - 1], text[start:end]
        if head.isspace() or head in _EDGE or _unmatched(head, inner, opening=True):
            start += 1
        elif tail.isspace() or tail in _EDGE or _unmatched(tail, inner, opening=False):
            end -= 1
        else:
            return start, end
    return None


def _unmatched(char: str, span: str, *, opening: bool) -> bool:
    """Whether ``char`` at the span's start (or end) lacks its partner inside the span."""
    if char in _SYMMETRIC:
        return span.count(char) % 2 == 1
    partner = (_OPEN_CLOSE if opening else _CLOSE_OPEN).get(char)
    return partner is not None and partner not in span
