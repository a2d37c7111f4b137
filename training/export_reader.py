"""Export a Hugging Face question-answering model to the folder the product's reader loads.

    python -m training.export_reader --model DIR --out models/reader --quantize int8

writes ``model.onnx`` (torch's exporter, dynamic batch and length, then fp16 weights,
int8 weights computed in fp32, int8 dynamic quantization, or plain fp32),
``tokenizer.json``, ``reader.json`` (the runtime settings of
``assistant/answering/reader.py``) and a model card ``README.md`` with the sha256 of
every file. The folder is built beside the target and swapped in whole, so a reader
never loads half an export. The quantization recipes compared by
``benchmarks/reader_formats.py`` live here; ``DEFAULT_INT8`` is the one it chose.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.answering.reader import INPUTS, OUTPUTS, ReaderSettings
from training.model_card import write_card

OPSET = 17
FORMATS = ("fp16", "int8-weights", "int8", "fp32")
# Formats whose arithmetic is fp32 (to ~1e-5 the same logits on every CPU).
FP32_MATH = frozenset({"fp16", "int8-weights", "fp32"})
REPORT = "training_report.json"


@dataclass(frozen=True)
class Int8Recipe:
    """One way to quantize dynamically: which ops, per channel or not, signed or not."""

    name: str
    op_types: tuple[str, ...] = ()  # empty: every op onnxruntime can quantize
    per_channel: bool = False
    unsigned: bool = False  # QUInt8 weights instead of QInt8
    keep_head: bool = False  # leave the span head (qa_outputs, 2 outputs) in fp32
    # 7-bit weights: AVX2's vpmaddubsw cannot saturate, so it sums as VNNI and AMX do
    reduce_range: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


INT8_RECIPES = {
    recipe.name: recipe
    for recipe in (
        Int8Recipe("default"),  # quantize_dynamic as it comes
        Int8Recipe("keep-head", keep_head=True),
        Int8Recipe("per-channel-keep-head", per_channel=True, keep_head=True),
        Int8Recipe("per-channel-keep-head-u8", per_channel=True, unsigned=True, keep_head=True),
        Int8Recipe("matmul-per-channel-keep-head", ("MatMul",), per_channel=True, keep_head=True),
        Int8Recipe(  # 7-bit weights: the same on every CPU (same_on_every_cpu)
            "per-channel-keep-head-7bit", per_channel=True, keep_head=True, reduce_range=True
        ),
        Int8Recipe(  # attention's fused projections stay fp32
            "matmul-embed-per-channel-keep-head-7bit",
            ("MatMul", "EmbedLayerNormalization"),
            per_channel=True,
            keep_head=True,
            reduce_range=True,
        ),
    )
}
DEFAULT_INT8 = "per-channel-keep-head"


def same_on_every_cpu(quantize: str, recipe: Int8Recipe | None) -> bool:
    """Whether a format's logits agree across instruction sets (benchmarks/README.md, 5b).

    fp32 arithmetic does. int8 with 8-bit weights does not: without VNNI (SSE4.1, AVX2) the
    u8 x s8 pairs are summed by ``pmaddubsw``, which saturates at 16 bits, so logits moved by
    up to 1.3. With 7-bit weights (``reduce_range``) no pair sum can saturate, and every
    kernel adds the same integers: logits agree to 4e-4, but only when every op is
    quantized: an fp32 attention beside int8 MatMuls moved them by 0.15 (its sums' order
    differs by CPU, and the next op's quantization turns that into whole steps).
    """
    if quantize in FP32_MATH:
        return True
    return quantize == "int8" and recipe is not None and recipe.reduce_range and not recipe.op_types


def export_fp32(model_dir: Path, target: Path) -> None:
    """The model as fp32 ONNX: three int64 inputs, start and end logits, any batch and length."""
    import torch
    from transformers import AutoModelForQuestionAnswering

    # eager attention exports as plain MatMul/Softmax, which onnxruntime can fuse (fuse())
    model = AutoModelForQuestionAnswering.from_pretrained(
        model_dir, dtype=torch.float32, attn_implementation="eager"
    ).eval()

    class _Logits(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            out = self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.start_logits, out.end_logits

    sample = {
        "input_ids": torch.tensor([[101, 2040, 102, 1037, 3793, 102], [101, 2054, 102, 0, 0, 0]]),
        "attention_mask": torch.tensor([[1, 1, 1, 1, 1, 1], [1, 1, 1, 0, 0, 0]]),
        "token_type_ids": torch.tensor([[0, 0, 0, 1, 1, 1], [0, 0, 0, 0, 0, 0]]),
    }
    axes = {name: {0: "batch", 1: "tokens"} for name in (*INPUTS, *OUTPUTS)}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer notes about control flow we do not use
        torch.onnx.export(
            _Logits(),
            tuple(sample[name] for name in INPUTS),
            str(target),
            input_names=list(INPUTS),
            output_names=list(OUTPUTS),
            dynamic_axes=axes,
            opset_version=OPSET,
            dynamo=False,
        )


def fuse(source: Path, target: Path, model_dir: Path) -> bool:
    """onnxruntime's BERT fusions (attention, embeddings + norm, skip norm, bias GELU).

    Fused attention runs faster on this CPU and quantizes to one QAttention op. Only for
    BERT models; returns False (and writes nothing) for any other architecture.
    """
    from onnxruntime.transformers import optimizer

    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    if config.get("model_type") != "bert":
        return False
    fused = optimizer.optimize_model(
        str(source),
        model_type="bert",
        num_heads=int(config["num_attention_heads"]),
        hidden_size=int(config["hidden_size"]),
        opt_level=0,
    )
    fused.save_model_to_file(str(target))
    return True


def quantize_int8(source: Path, target: Path, recipe: Int8Recipe) -> None:
    """Dynamic int8: weights quantized offline, activations at run time (no calibration)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    head = [
        node.name
        for node in onnx.load(str(source), load_external_data=False).graph.node
        if node.op_type == "MatMul" and "qa_outputs" in node.name
    ]
    if recipe.keep_head and not head:
        raise ValueError(f"{source} has no qa_outputs MatMul to keep in fp32")
    quantize_dynamic(
        source,
        target,
        op_types_to_quantize=list(recipe.op_types) or None,
        per_channel=recipe.per_channel,
        reduce_range=recipe.reduce_range,
        weight_type=QuantType.QUInt8 if recipe.unsigned else QuantType.QInt8,
        nodes_to_exclude=head if recipe.keep_head else None,
        # fused ops come from another domain; their tensors are fp32
        extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
    )


def convert_fp16(source: Path, target: Path) -> None:
    """Weight matrices stored as fp16, cast back to fp32 as the graph starts.

    Half the file; the arithmetic stays fp32 (onnxruntime folds the casts when it loads
    the model, and this CPU has no fast fp16 math). Written with onnx's own helpers, as
    onnxconverter-common is not a dependency; vectors and scalars (biases, norms, the
    attention mask's large negative constant) keep fp32.
    """
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(source))
    casts = []
    for tensor in model.graph.initializer:
        if tensor.data_type != TensorProto.FLOAT or len(tensor.dims) < 2:
            continue
        name = tensor.name
        half = numpy_helper.from_array(numpy_helper.to_array(tensor).astype(np.float16), name)
        half.name = f"{name}.fp16"
        tensor.CopyFrom(half)
        casts.append(helper.make_node("Cast", [half.name], [name], to=TensorProto.FLOAT))
    nodes = [*casts, *model.graph.node]
    del model.graph.node[:]
    model.graph.node.extend(nodes)
    onnx.checker.check_model(model)
    onnx.save(model, str(target))


def quantize_weights(source: Path, target: Path) -> None:
    """Weight matrices stored as int8 (symmetric, one scale per output channel), computed in fp32.

    Each becomes ``DequantizeLinear(int8, scale)``; the reader asks onnxruntime to fold
    those into fp32 constants when it loads (``session.disable_quant_qdq``), so every
    multiplication is fp32 as in ``fp16``, from a file a quarter of fp32's size.
    Embedding tables get a scale per row (a token's vector), the others per column.
    """
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(source))
    per_row = {
        name
        for node in model.graph.node
        if node.op_type in ("Gather", "EmbedLayerNormalization")
        for name in node.input
    }
    kept, nodes = [], []
    for tensor in model.graph.initializer:
        if tensor.data_type != TensorProto.FLOAT or len(tensor.dims) != 2 or _small(tensor):
            kept.append(tensor)
            continue
        weights = numpy_helper.to_array(tensor)
        axis = 0 if tensor.name in per_row else 1
        peak = np.abs(weights).max(axis=1 - axis, keepdims=True)
        scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
        values = np.clip(np.round(weights / scale), -127, 127).astype(np.int8)
        names = [f"{tensor.name}.int8", f"{tensor.name}.scale", f"{tensor.name}.zero"]
        kept += [
            numpy_helper.from_array(values, names[0]),
            numpy_helper.from_array(scale.reshape(-1), names[1]),
            numpy_helper.from_array(np.zeros(scale.size, np.int8), names[2]),
        ]
        nodes.append(helper.make_node("DequantizeLinear", names, [tensor.name], axis=axis))
    del model.graph.initializer[:]
    model.graph.initializer.extend(kept)
    graph_nodes = [*nodes, *model.graph.node]
    del model.graph.node[:]
    model.graph.node.extend(graph_nodes)
    onnx.checker.check_model(model)
    onnx.save(model, str(target))


def _small(tensor: Any) -> bool:
    return int(np.prod(tensor.dims)) <= 4096  # the span head and position tables stay fp32


def tokenizer_json(model_dir: Path) -> str:
    """The model's fast tokenizer, serialised (made from vocab.txt when no tokenizer.json)."""
    from transformers import AutoTokenizer

    backend = AutoTokenizer.from_pretrained(model_dir).backend_tokenizer
    backend.no_padding()  # the reader pads and windows by itself
    backend.no_truncation()
    return backend.to_str()


def export(
    model_dir: Path,
    out: Path,
    quantize: str = "fp16",
    recipe: Int8Recipe | None = None,
    settings: ReaderSettings | None = None,
    figures: dict[str, Any] | None = None,
    card_note: str = "",
    fused: bool = True,
) -> Path:
    """Write the reader folder ``out`` from the HF model in ``model_dir``; returns ``out``."""
    if quantize not in FORMATS:
        raise ValueError(f"quantize must be one of {FORMATS}, not {quantize!r}")
    recipe = recipe or INT8_RECIPES[DEFAULT_INT8]
    settings = settings or ReaderSettings()
    settings = ReaderSettings.from_dict(
        {**settings.to_dict(), "format": quantize, "source": _shown(model_dir)}
    )
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    scratch.chmod(0o755)  # mkdtemp makes it private; the export is for everyone to read
    try:
        graph = scratch / "exported.onnx"
        export_fp32(model_dir, graph)
        if fused and fuse(graph, scratch / "fused.onnx", model_dir):
            graph = scratch / "fused.onnx"
        else:
            fused = False
        if quantize == "int8":
            quantize_int8(graph, scratch / "model.onnx", recipe)
        elif quantize == "fp16":
            convert_fp16(graph, scratch / "model.onnx")
        elif quantize == "int8-weights":
            quantize_weights(graph, scratch / "model.onnx")
        else:
            graph.rename(scratch / "model.onnx")
        for partial in scratch.glob("*.onnx"):
            if partial.name != "model.onnx":
                partial.unlink()
        (scratch / "tokenizer.json").write_text(tokenizer_json(model_dir), encoding="utf-8")
        notes = {
            "opset": OPSET,
            "fused": fused,
            "int8_recipe": recipe.to_dict() if quantize == "int8" else None,
        }
        (scratch / "reader.json").write_text(
            json.dumps({**settings.to_dict(), **notes}, indent=2) + "\n", encoding="utf-8"
        )
        report = json.loads(_read(model_dir / REPORT) or "null")
        write_card(
            scratch,
            source=_shown(model_dir),
            settings=settings,
            recipe=recipe if quantize == "int8" else None,
            fused=fused,
            figures=figures,
            training_report=report,
            note=card_note,
            source_notes=_read(model_dir / "README.md"),
        )
        _swap(scratch, out)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return out


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _shown(path: Path) -> str:
    """A path as the card shows it: relative to the repository when that is short."""
    root = Path(__file__).resolve().parents[1]
    relative = os.path.relpath(path.resolve(), root)
    return relative if not relative.startswith("../../") else str(path.resolve())


def _swap(new: Path, out: Path) -> None:
    """Put ``new`` at ``out``; the old folder (if any) moves aside first, then goes."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}-old-{os.getpid()}")
        out.rename(old)
    new.rename(out)
    if old is not None:
        shutil.rmtree(old)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True, help="a HF QA model folder")
    parser.add_argument("--out", type=Path, default=Path("models/reader"))
    parser.add_argument("--quantize", choices=FORMATS, default="fp16")
    parser.add_argument("--int8-recipe", choices=sorted(INT8_RECIPES), default=DEFAULT_INT8)
    parser.add_argument(
        "--no-fuse", action="store_true", help="skip onnxruntime's BERT fusions (attention etc.)"
    )
    parser.add_argument("--figures", type=Path, help="measured figures (JSON) for the card")
    parser.add_argument("--card-note", default="", help="a paragraph for the card: provenance")
    args = parser.parse_args(argv)
    if not (args.model / "config.json").is_file():
        parser.error(f"{args.model} is not a Hugging Face model folder (no config.json)")
    figures = json.loads(args.figures.read_text(encoding="utf-8")) if args.figures else None
    out = export(
        args.model,
        args.out,
        args.quantize,
        INT8_RECIPES[args.int8_recipe],
        figures=figures,
        card_note=args.card_note,
        fused=not args.no_fuse,
    )
    size = (out / "model.onnx").stat().st_size / 2**20
    print(f"wrote {out} ({args.quantize}, model.onnx {size:.1f} MB)")


if __name__ == "__main__":
    main()
