"""The packaged model, on both backends: ONNX Runtime must give PyTorch's vectors."""

import numpy as np
import pytest

from assistant.config import EmbeddingBackend
from assistant.errors import InvalidInput
from assistant.index.embeddings import LangChainEmbeddings, get_embedder, model_path
from assistant.index.onnx_encoder import cache_root

pytestmark = pytest.mark.integration

TEXTS = [
    "Who claimed the Lere attack?",
    "An attack on two military camps in northern Mali claimed by armed rebel groups killed "
    "five soldiers, while 11 others are missing, the army said late Monday.",
    "",
    "Cocoa " * 400,  # longer than the model's 256-token window: truncated alike
]


def test_onnx_and_torch_give_the_same_unit_vectors() -> None:
    onnx = get_embedder(backend=EmbeddingBackend.ONNX)
    torch = get_embedder(backend=EmbeddingBackend.TORCH)
    assert (onnx.backend, torch.backend) == ("onnx", "torch")
    a, b = onnx.encode(TEXTS, batch_size=3), torch.encode(TEXTS, batch_size=3)
    assert a.shape == b.shape == (len(TEXTS), 384)
    np.testing.assert_allclose(a, b, atol=1e-5)
    np.testing.assert_allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert list(cache_root().rglob("model.onnx"))  # exported once, then reused


def test_auto_embeds_chunks_with_torch_and_questions_with_onnx() -> None:
    auto = get_embedder(backend=EmbeddingBackend.AUTO)
    auto.encode_one("loads ONNX Runtime on the first question")
    assert auto.backend == "auto" and auto.onnx is not None and not auto.bulk_onnx
    torch = get_embedder(backend=EmbeddingBackend.TORCH)
    np.testing.assert_allclose(auto.encode_short(TEXTS), torch.encode(TEXTS), atol=1e-5)
    calls = []
    real = auto.onnx
    auto.onnx = lambda batch: calls.append(len(batch)) or real(batch)
    try:
        auto.encode(TEXTS)
        assert calls == []  # chunks: PyTorch
        auto.encode_cached(["A question nobody asked before?"])
        assert calls == [1]  # a question's sentences: ONNX Runtime
    finally:
        auto.onnx = real


def test_order_and_cache_do_not_change_vectors() -> None:
    embedder = get_embedder()
    together = embedder.encode(TEXTS)
    alone = np.vstack([embedder.encode_one(t) for t in TEXTS])
    np.testing.assert_allclose(together, alone, atol=1e-5)
    np.testing.assert_allclose(embedder.encode_cached(TEXTS[::-1]), together[::-1], atol=1e-5)


def test_langchain_adapter_uses_the_same_model() -> None:
    adapter = LangChainEmbeddings()
    query = adapter.embed_query(TEXTS[0])
    np.testing.assert_allclose(query, get_embedder().encode_one(TEXTS[0]), atol=1e-5)
    assert len(adapter.embed_documents(TEXTS[:2])) == 2


def test_only_local_models_are_accepted(tmp_path) -> None:
    assert (model_path("all-MiniLM-L6-v2") / "config.json").exists()
    with pytest.raises(InvalidInput, match="cannot be downloaded"):
        model_path("sentence-transformers/all-mpnet-base-v2")
    with pytest.raises(InvalidInput, match="not a local"):
        model_path(str(tmp_path))
