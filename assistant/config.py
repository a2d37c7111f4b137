"""One ``Settings`` object for the CLI, the Python API and the web app alike.

Every field but ``max_question_chars`` (the web page enforces the same limit) can be set
from an ``ASSISTANT_*`` environment variable; CLI flags and keyword arguments override
the environment. The README's configuration table lists them (a test keeps it so).
Relative paths are relative to the working directory, which is the repository root for
``make run``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any

from assistant.errors import InvalidInput


class RetrievalMode(StrEnum):
    """Which retrievers feed the answer; the evaluation suite compares all three."""

    HYBRID = "hybrid"
    DENSE = "dense"
    BM25 = "bm25"


class EmbeddingBackend(StrEnum):
    """What runs the embedding model (same vectors either way).

    ``auto`` (the default) embeds chunks with PyTorch and questions and their sentences
    with ONNX Runtime, whichever measured faster for each here (benchmarks/README.md);
    it falls back to PyTorch when ONNX cannot be exported.
    """

    AUTO = "auto"
    ONNX = "onnx"
    TORCH = "torch"


class Device(StrEnum):
    """Where the embedding model and the reader run."""

    AUTO = "auto"  # a CUDA GPU when one is visible, else the CPU
    CPU = "cpu"
    CUDA = "cuda"  # refused with a message when no GPU is visible


class TimeMode(StrEnum):
    """Whether a question's time words narrow and order the evidence."""

    AUTO = "auto"  # read them: a named window filters, "latest" prefers the newest
    OFF = "off"  # ignore them: the whole archive, as if the question had none


class AnswererKind(StrEnum):
    """How the short answer is produced from the retrieved passages."""

    EXTRACTIVE = "extractive"
    LLM = "llm"


PACKAGED_MODEL = "all-MiniLM-L6-v2"


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise InvalidInput(
            f"{name}={raw!r} is not a whole number; unset it or give e.g. {default}."
        ) from None


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError:
        raise InvalidInput(
            f"{name}={raw!r} is not a number; unset it or give e.g. {default}."
        ) from None


def _env_path(name: str) -> Path | None:
    raw = os.environ.get(name)
    return Path(raw) if raw and raw.strip() else None


def _env_list(name: str) -> tuple[str, ...]:
    raw = os.environ.get(name) or ""
    return tuple(part.strip() for part in raw.split(",") if part.strip())


def _env_flag(name: str) -> bool:
    raw = (os.environ.get(name) or "").strip().lower()
    if raw in ("", "0", "false", "no", "off"):
        return False
    if raw in ("1", "true", "yes", "on"):
        return True
    raise InvalidInput(f"{name}={raw!r} is not a yes/no value; use 1 or 0.")


def _env_enum(name: str, enum: type[Enum], default: Enum) -> Any:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return parse_enum(enum, raw, name)


def parse_enum(enum: type[Enum], raw: Any, what: str) -> Any:
    """Turn a string into a member of ``enum``, or say which values are allowed."""
    if isinstance(raw, enum):
        return raw
    try:
        return enum(str(raw).strip().lower())
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise InvalidInput(f"{what}={raw!r} is not one of: {allowed}.") from None


@dataclass(frozen=True)
class Settings:
    """Where the index lives, which models run, and how answers are made."""

    index_dir: Path = Path("index")
    corpus_dir: Path = Path("corpus")
    web_dir: Path | None = None  # fetched pages and feed entries; None: corpus_dir / "web"
    chroma_url: str | None = None
    collection: str = "news"
    embedding_model: str = PACKAGED_MODEL
    embedding_backend: EmbeddingBackend = EmbeddingBackend.AUTO
    device: Device = Device.AUTO
    chunk_max_chars: int = 800
    chunk_overlap_sentences: int = 1
    embed_batch_size: int = 16
    retrieval: RetrievalMode = RetrievalMode.HYBRID
    candidates: int = 20
    citations: int = 3
    answerer: AnswererKind = AnswererKind.EXTRACTIVE
    reader_dir: Path | None = None  # the span reader; None: the shipped models/reader/
    read_passages: int = 5
    llm: str | None = None
    llm_base_url: str | None = None
    llm_max_tokens: int = 160
    abstain_below: float = 0.64
    max_question_chars: int = 2000
    max_file_bytes: int = 20_000_000
    host: str = "127.0.0.1"
    port: int = 7860
    auth: str | None = field(default=None, repr=False)
    allowed_hosts: tuple[str, ...] = ()  # Host names the web app answers to besides loopback
    feed_minutes: int = 15  # how often the running app refreshes followed feeds; 0: never
    fetch_private: bool = False  # let the web app fetch addresses on this machine or network
    mcp_writes: bool = False  # the MCP server may ingest URLs and follow feeds

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Read ``ASSISTANT_*`` variables, then apply ``overrides`` (None means unset)."""
        env = os.environ
        base = cls(
            index_dir=Path(env.get("ASSISTANT_INDEX_DIR") or "index"),
            corpus_dir=Path(env.get("ASSISTANT_CORPUS_DIR") or "corpus"),
            web_dir=_env_path("ASSISTANT_WEB_DIR"),
            chroma_url=env.get("ASSISTANT_CHROMA_URL") or None,
            collection=env.get("ASSISTANT_COLLECTION") or "news",
            embedding_model=env.get("ASSISTANT_EMBEDDING_MODEL") or PACKAGED_MODEL,
            embedding_backend=_env_enum(
                "ASSISTANT_EMBEDDING_BACKEND", EmbeddingBackend, cls.embedding_backend
            ),
            device=_env_enum("ASSISTANT_DEVICE", Device, cls.device),
            chunk_max_chars=_env_int("ASSISTANT_CHUNK_CHARS", cls.chunk_max_chars),
            chunk_overlap_sentences=_env_int(
                "ASSISTANT_CHUNK_OVERLAP", cls.chunk_overlap_sentences
            ),
            embed_batch_size=_env_int("ASSISTANT_BATCH_SIZE", cls.embed_batch_size),
            retrieval=_env_enum("ASSISTANT_RETRIEVAL", RetrievalMode, cls.retrieval),
            candidates=_env_int("ASSISTANT_CANDIDATES", cls.candidates),
            citations=_env_int("ASSISTANT_CITATIONS", cls.citations),
            answerer=_env_enum("ASSISTANT_ANSWERER", AnswererKind, cls.answerer),
            reader_dir=_env_path("ASSISTANT_READER_DIR"),
            read_passages=_env_int("ASSISTANT_READ_PASSAGES", cls.read_passages),
            llm=env.get("ASSISTANT_LLM") or None,
            llm_base_url=env.get("ASSISTANT_LLM_BASE_URL") or None,
            llm_max_tokens=_env_int("ASSISTANT_LLM_MAX_TOKENS", cls.llm_max_tokens),
            abstain_below=_env_float("ASSISTANT_ABSTAIN_BELOW", cls.abstain_below),
            max_file_bytes=_env_int("ASSISTANT_MAX_FILE_BYTES", cls.max_file_bytes),
            host=env.get("ASSISTANT_HOST") or cls.host,
            port=_env_int("ASSISTANT_PORT", cls.port),
            auth=env.get("ASSISTANT_AUTH") or None,
            allowed_hosts=_env_list("ASSISTANT_ALLOWED_HOSTS"),
            feed_minutes=_env_int("ASSISTANT_FEED_MINUTES", cls.feed_minutes),
            fetch_private=_env_flag("ASSISTANT_FETCH_PRIVATE"),
            mcp_writes=_env_flag("ASSISTANT_MCP_WRITES"),
        )
        llm_named = overrides.get("llm") or base.llm
        if llm_named and "ASSISTANT_ANSWERER" not in env and overrides.get("answerer") is None:
            overrides = {**overrides, "answerer": AnswererKind.LLM}  # naming a model selects it
        return base.with_overrides(**overrides)

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the given fields replaced; ``None`` values are ignored."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise InvalidInput(f"Unknown setting(s): {', '.join(unknown)}.")
        changes: dict[str, Any] = {k: v for k, v in overrides.items() if v is not None}
        for name in ("index_dir", "corpus_dir", "reader_dir", "web_dir"):
            if name in changes:
                changes[name] = Path(changes[name])
        if "retrieval" in changes:
            changes["retrieval"] = parse_enum(RetrievalMode, changes["retrieval"], "retrieval")
        if "embedding_backend" in changes:
            changes["embedding_backend"] = parse_enum(
                EmbeddingBackend, changes["embedding_backend"], "embedding_backend"
            )
        if "device" in changes:
            changes["device"] = parse_enum(Device, changes["device"], "device")
        if "answerer" in changes:
            changes["answerer"] = parse_enum(AnswererKind, changes["answerer"], "answerer")
        if isinstance(changes.get("allowed_hosts"), str):
            changes["allowed_hosts"] = tuple(
                h.strip() for h in changes["allowed_hosts"].split(",") if h.strip()
            )
        settings = replace(self, **changes)
        settings.validate()
        return settings

    def validate(self) -> None:
        """Reject settings that would fail later in a confusing way."""
        if self.chunk_max_chars < 80:
            raise InvalidInput("chunk size must be at least 80 characters.")
        if not 0 <= self.chunk_overlap_sentences <= 3:
            raise InvalidInput("chunk overlap must be 0 to 3 sentences.")
        if self.citations < 1 or self.candidates < self.citations:
            raise InvalidInput("citations must be at least 1 and no more than candidates.")
        if not 1 <= self.read_passages <= self.candidates:
            raise InvalidInput("passages to read must be at least 1 and no more than candidates.")
        if self.feed_minutes < 0:
            raise InvalidInput("feed refresh minutes must be 0 (never) or more.")
        if self.embed_batch_size < 1:
            raise InvalidInput("batch size must be at least 1.")
        if self.chroma_url and not self.chroma_url.startswith(("http://", "https://")):
            raise InvalidInput(
                f"ASSISTANT_CHROMA_URL={self.chroma_url!r} must start with http:// or https://"
                " (for example http://127.0.0.1:8000)."
            )
        if self.answerer is AnswererKind.LLM and not self.llm:
            raise InvalidInput(
                "ASSISTANT_ANSWERER=llm needs ASSISTANT_LLM (smollm2, gguf:PATH, ollama:MODEL, "
                "openai:MODEL)."
            )

    @property
    def web_folder(self) -> Path:
        """Where fetched web pages and feed entries are kept as article files."""
        return self.web_dir if self.web_dir is not None else self.corpus_dir / "web"

    @property
    def backend_label(self) -> str:
        """Where the index lives, in words, for status lines and errors."""
        return f"Chroma server {self.chroma_url}" if self.chroma_url else f"{self.index_dir}/"
