"""Turn examples into the reader's training windows with their start/end targets, and batches.

The standard Hugging Face SQuAD preprocessing: the fast tokenizer cuts each question +
paragraph into windows of ``max_length`` tokens that overlap by ``stride`` tokens
(``truncation="only_second"``: only the paragraph is cut). A window's target is the
answer's first and last token when the whole answer lies inside it, else [CLS] (index 0),
as for every window of a negative. Windows are kept unpadded (token ids end to end in one
array: the 195k windows of the full data take 68 MB) and padded per batch, so a batch of
short windows runs short.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from typing import TYPE_CHECKING

import numpy as np
import torch

from training.data import Example, Kind

if TYPE_CHECKING:
    from transformers import PreTrainedTokenizerBase

# Longer questions are cut to this many tokens (BERT's run_squad max_query_length), so
# that every window keeps room for the paragraph and its stride.
MAX_QUESTION_TOKENS = 64
KINDS = list(Kind)


@dataclass(frozen=True)
class Features:
    """Training windows, column-wise; window ``i`` is ``ids[offsets[i]:offsets[i + 1]]``."""

    ids: np.ndarray  # token ids of all windows, end to end
    offsets: np.ndarray  # int64, one more than there are windows
    question_lengths: np.ndarray  # tokens of segment 0: [CLS] question [SEP]
    start_positions: np.ndarray  # int64 token index of the answer's start, 0 = [CLS]
    end_positions: np.ndarray
    kinds: np.ndarray  # int8 index into KINDS: what the window's example pairs

    def __len__(self) -> int:
        return len(self.question_lengths)

    @property
    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)

    def counts(self) -> dict[str, object]:
        """Windows in all, with an answer span, targeting [CLS], and per example kind."""
        spans = int(np.count_nonzero(self.start_positions))
        return {
            "features": len(self),
            "features_with_span": spans,
            "features_cls_target": len(self) - spans,
            "features_by_kind": {
                k.value: int(np.sum(self.kinds == i)) for i, k in enumerate(KINDS)
            },
        }


def clip_questions(
    tokenizer: PreTrainedTokenizerBase, questions: Sequence[str], max_tokens: int
) -> list[str]:
    """The questions, leading spaces stripped, each cut after its ``max_tokens``-th token.

    A token spans at least one character, so only questions longer than ``max_tokens``
    characters need tokenizing.
    """
    clipped = [q.lstrip() for q in questions]
    long = [i for i, q in enumerate(clipped) if len(q) > max_tokens]
    if long:
        encoded = tokenizer(
            [clipped[i] for i in long], add_special_tokens=False, return_offsets_mapping=True
        )
        for i, spans in zip(long, encoded["offset_mapping"], strict=True):
            if len(spans) > max_tokens:
                clipped[i] = clipped[i][: spans[max_tokens - 1][1]]
    return clipped


def window_target(
    spans: Sequence[tuple[int, int]], question_length: int, answer_start: int, answer_end: int
) -> tuple[int, int]:
    """The first and last token of the answer in this window, or (0, 0) when not wholly inside.

    ``spans`` are the window's character offsets; its context tokens lie between the
    question's [SEP] and the final one. The start token is the last context token starting
    at or before the answer's first character, the end token the first one ending at or
    after its last, as in Hugging Face's ``run_qa.py``. An ``answer_start`` of -1 marks a
    negative.
    """
    first, last = question_length, len(spans) - 2
    if answer_start < 0 or last < first:
        return 0, 0
    if spans[first][0] > answer_start or spans[last][1] < answer_end:
        return 0, 0
    context = spans[first : last + 1]
    start = bisect_right(context, answer_start, key=itemgetter(0)) - 1
    end = bisect_left(context, answer_end, key=itemgetter(1))
    return first + start, first + end


def build_features(
    tokenizer: PreTrainedTokenizerBase,
    examples: Sequence[Example],
    max_length: int,
    stride: int,
    batch_size: int = 2000,
) -> Features:
    """Tokenize ``examples`` in batches with the fast tokenizer into targeted windows.

    Python lists, not ``return_tensors="np"``: transformers' tensor conversion of padded
    offsets costs several times the tokenizing itself.
    """
    questions = clip_questions(tokenizer, [e.question for e in examples], MAX_QUESTION_TOKENS)
    id_type = np.uint16 if len(tokenizer) <= np.iinfo(np.uint16).max + 1 else np.int32
    parts: list[tuple[np.ndarray, ...]] = []
    for begin in range(0, len(examples), batch_size):
        batch = examples[begin : begin + batch_size]
        encoded = tokenizer(
            questions[begin : begin + batch_size],
            [e.context for e in batch],
            truncation="only_second",
            max_length=max_length,
            stride=stride,
            return_overflowing_tokens=True,
            return_offsets_mapping=True,
            return_token_type_ids=False,
            return_attention_mask=False,
        )
        windows = encoded["input_ids"]
        owners = [batch[i] for i in encoded["overflow_to_sample_mapping"]]
        question_lengths = [ids.index(tokenizer.sep_token_id) + 1 for ids in windows]
        targets = [
            window_target(spans, length, e.answer_start, e.answer_end)
            for spans, length, e in zip(
                encoded["offset_mapping"], question_lengths, owners, strict=True
            )
        ]
        lengths = np.array([len(ids) for ids in windows], dtype=np.int64)
        parts.append(
            (
                np.fromiter(chain.from_iterable(windows), id_type, int(lengths.sum())),
                lengths,
                np.array(question_lengths, dtype=np.int32),
                np.array(targets, dtype=np.int64).reshape(-1, 2),
                np.array([KINDS.index(e.kind) for e in owners], dtype=np.int8),
            )
        )
    ids, lengths, question_lengths, targets, kinds = (
        np.concatenate(column) for column in zip(*parts, strict=True)
    )
    return Features(
        ids=ids,
        offsets=np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64),
        question_lengths=question_lengths,
        start_positions=targets[:, 0].copy(),
        end_positions=targets[:, 1].copy(),
        kinds=kinds,
    )


def make_batch(features: Features, indices: np.ndarray, pad_id: int) -> dict[str, torch.Tensor]:
    """Model inputs and targets for these windows, padded to the longest (a multiple of 8)."""
    lengths = features.lengths[indices]
    width = -(-int(lengths.max()) // 8) * 8
    ids = np.full((len(indices), width), pad_id, dtype=np.int64)
    for row, i in enumerate(indices):
        ids[row, : lengths[row]] = features.ids[features.offsets[i] : features.offsets[i + 1]]
    positions = np.arange(width)
    attention = positions < lengths[:, None]
    token_types = (positions >= features.question_lengths[indices][:, None]) & attention
    return {
        "input_ids": torch.from_numpy(ids),
        "attention_mask": torch.from_numpy(attention.astype(np.int64)),
        "token_type_ids": torch.from_numpy(token_types.astype(np.int64)),
        "start_positions": torch.from_numpy(features.start_positions[indices]),
        "end_positions": torch.from_numpy(features.end_positions[indices]),
    }
