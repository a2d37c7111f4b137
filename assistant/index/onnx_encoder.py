"""The embedding model run by ONNX Runtime: the same vectors as PyTorch, faster on a CPU.

The packaged model is exported to ONNX once, offline, from the weights already on disk
(torch's exporter), and cached; mean pooling and normalisation are done here in numpy,
as sentence-transformers does them. Only models with that shape (a transformer, mean
pooling, normalisation) are run this way; anything else stays on PyTorch.
Measured here: about 1.4x the chunks per second of PyTorch at equal vectors
(benchmarks/README.md).
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

log = logging.getLogger(__name__)
_FORMAT = "1"
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def cache_root() -> Path:
    """Where exported models are kept (``ASSISTANT_CACHE_DIR``, else ~/.cache/news-assistant)."""
    configured = os.environ.get("ASSISTANT_CACHE_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "news-assistant"


def _modules(model: SentenceTransformer) -> list[str]:
    return [type(module).__name__ for module in model]


def supported(model: SentenceTransformer) -> bool:
    """Whether the model is transformer + mean pooling (+ normalise), which we reproduce."""
    names = _modules(model)
    if names[:2] != ["Transformer", "Pooling"] or any(n not in ("Normalize",) for n in names[2:]):
        return False
    pooling = model[1]
    mode = getattr(pooling, "pooling_mode", None) or (
        "mean" if getattr(pooling, "pooling_mode_mean_tokens", False) else ""
    )
    return str(mode) == "mean"


def _fingerprint(model_dir: Path) -> str:
    """Changes when the weights or the exporter change, so a stale export is never used."""
    import torch

    digest = hashlib.sha256(f"{_FORMAT}|{torch.__version__}".encode())
    for file in sorted(model_dir.glob("*.safetensors")) + sorted(model_dir.glob("*.json")):
        stat = file.stat()
        digest.update(f"{file.name}|{stat.st_size}|{int(stat.st_mtime)}".encode())
    return digest.hexdigest()[:16]


def export(model: SentenceTransformer, target: Path) -> None:
    """Write the model's transformer as ONNX (dynamic batch and length), atomically."""
    import torch

    transformer: Any = model[0].auto_model  # typed loosely by sentence-transformers
    transformer.eval()

    class _Hidden(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inner: Any = transformer

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    sample = model.tokenizer(
        ["an example", "another example text"], padding=True, return_tensors="pt"
    )
    axes = {name: {0: "batch", 1: "tokens"} for name in (*_INPUTS, "last_hidden_state")}
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        partial = Path(scratch) / "model.onnx"
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer notes about control flow we do not use
            torch.onnx.export(
                _Hidden(),
                tuple(sample[name] for name in _INPUTS),
                str(partial),
                input_names=list(_INPUTS),
                output_names=["last_hidden_state"],
                dynamic_axes=axes,
                opset_version=17,
                dynamo=False,
            )
        os.replace(partial, target)


class OnnxEncoder:
    """Encodes like ``SentenceTransformer.encode(normalize_embeddings=True)``."""

    def __init__(self, model: SentenceTransformer, model_dir: Path, threads: int = 0) -> None:
        import onnxruntime as ort

        self.tokenizer = model.tokenizer
        self.max_length = int(model.max_seq_length or 256)
        self.normalize = "Normalize" in _modules(model)
        path = cache_root() / "onnx" / _fingerprint(model_dir) / "model.onnx"
        if not path.exists():
            log.info("exporting the embedding model to ONNX at %s", path)
            export(model, path)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or (os.cpu_count() or 1)
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")  # see reader
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.needs_types = "token_type_ids" in {i.name for i in self.session.get_inputs()}

    def __call__(self, texts: list[str]) -> np.ndarray:
        batch = self.tokenizer(
            texts, padding=True, truncation=True, max_length=self.max_length, return_tensors="np"
        )
        feed = {name: batch[name].astype(np.int64) for name in _INPUTS if name in batch}
        if self.needs_types and "token_type_ids" not in feed:
            feed["token_type_ids"] = np.zeros_like(feed["input_ids"])
        hidden = self.session.run(None, feed)[0]
        mask = feed["attention_mask"][..., None].astype(np.float32)
        pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
        if self.normalize:
            pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return pooled.astype(np.float32)
