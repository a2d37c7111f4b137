"""One ``Settings`` object for the CLI, the Python API and the web app alike.

Every field but ``max_question_chars`` (the web page enforces the same limit) can be set
from an ``ASSISTANT_*`` environment variable; CLI flags and keyword arguments override
the environment. The README's configuration table lists them (a test keeps it so).
Relative paths are relative to the working directory, which is the repository root for
``make run``.
"""

from __future__ import annotations

import os
import typing
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


class Hemisphere(StrEnum):
    """Where the archive's readers live: which months "the summer of 2019" means."""

    NORTH = "north"  # summer is June to August
    SOUTH = "south"  # summer is December to February (of 2019: December 2019 on)


class IngestEngine(StrEnum):
    """Where ingest embeds (``index.engines``)."""

    LOCAL = "local"  # in this process
    RAY = "ray"  # on a Ray cluster: the cluster extra


class AnswererKind(StrEnum):
    """How the short answer is produced from the retrieved passages."""

    EXTRACTIVE = "extractive"
    LLM = "llm"


PACKAGED_MODEL = "all-MiniLM-L6-v2"


# Every setting's environment variable: the one table the environment, ``from_env``'s
# overrides, CLI flags and the HTTP API's parameters all convert through (``convert``).
ENV_NAMES = {
    "index_dir": "ASSISTANT_INDEX_DIR",
    "corpus_dir": "ASSISTANT_CORPUS_DIR",
    "web_dir": "ASSISTANT_WEB_DIR",
    "chroma_url": "ASSISTANT_CHROMA_URL",
    "collection": "ASSISTANT_COLLECTION",
    "embedding_model": "ASSISTANT_EMBEDDING_MODEL",
    "embedding_backend": "ASSISTANT_EMBEDDING_BACKEND",
    "device": "ASSISTANT_DEVICE",
    "chunk_max_chars": "ASSISTANT_CHUNK_CHARS",
    "chunk_overlap_sentences": "ASSISTANT_CHUNK_OVERLAP",
    "embed_batch_size": "ASSISTANT_BATCH_SIZE",
    "retrieval": "ASSISTANT_RETRIEVAL",
    "candidates": "ASSISTANT_CANDIDATES",
    "citations": "ASSISTANT_CITATIONS",
    "answerer": "ASSISTANT_ANSWERER",
    "reader_dir": "ASSISTANT_READER_DIR",
    "read_passages": "ASSISTANT_READ_PASSAGES",
    "llm": "ASSISTANT_LLM",
    "llm_base_url": "ASSISTANT_LLM_BASE_URL",
    "llm_max_tokens": "ASSISTANT_LLM_MAX_TOKENS",
    "abstain_below": "ASSISTANT_ABSTAIN_BELOW",
    "max_file_bytes": "ASSISTANT_MAX_FILE_BYTES",
    "host": "ASSISTANT_HOST",
    "port": "ASSISTANT_PORT",
    "auth": "ASSISTANT_AUTH",
    "allowed_hosts": "ASSISTANT_ALLOWED_HOSTS",
    "feed_minutes": "ASSISTANT_FEED_MINUTES",
    "fetch_private": "ASSISTANT_FETCH_PRIVATE",
    "watch_webhook": "ASSISTANT_WATCH_WEBHOOK",
    "watch_notify": "ASSISTANT_WATCH_NOTIFY",
    "mcp_writes": "ASSISTANT_MCP_WRITES",
    "hemisphere": "ASSISTANT_HEMISPHERE",
    "engine": "ASSISTANT_ENGINE",
    "ray_address": "ASSISTANT_RAY_ADDRESS",
}
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def _where(name: str) -> str:
    env = ENV_NAMES.get(name)
    return f"{name} ({env})" if env else name


def convert(name: str, raw: Any, kind: Any) -> Any:
    """``raw`` (a string from the environment, a CLI flag or a request, or a typed value)
    as setting ``name``'s type; a bad value is one line naming the setting and what it takes."""
    text = raw.strip() if isinstance(raw, str) else raw
    if text == "" or text is None:
        return None
    try:
        if kind is bool:
            if isinstance(text, bool):
                return text
            lowered = str(text).lower()
            if lowered in _TRUE or lowered in _FALSE:
                return lowered in _TRUE
            raise ValueError("a yes/no value: 1 or 0 (true/false, yes/no, on/off)")
        if kind is int:
            if isinstance(text, bool) or (isinstance(text, float) and not text.is_integer()):
                raise ValueError("a whole number")
            return int(text)
        if kind is float:
            return float(text)
        if kind is Path:
            return Path(text)
        if kind == "hosts":
            items = text.split(",") if isinstance(text, str) else list(text)
            return tuple(str(part).strip() for part in items if str(part).strip())
        if isinstance(kind, type) and issubclass(kind, Enum):
            return parse_enum(kind, text, _where(name))
        if not isinstance(text, str):
            raise ValueError("text")
        return text
    except InvalidInput:
        raise
    except (TypeError, ValueError) as error:
        what = str(error) if "a " in str(error)[:2] else _KIND_WORDS.get(kind, "text")
        raise InvalidInput(f"{_where(name)}={raw!r} is not valid: give {what}.") from None


_KIND_WORDS: dict[Any, str] = {int: "a whole number", float: "a number", Path: "a folder path"}


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
    answerer: str = AnswererKind.EXTRACTIVE  # extractive, llm, or one a plugin registers
    reader_dir: Path | None = None  # the span reader; None: the shipped models/reader/
    read_passages: int = 5
    llm: str | None = None
    llm_base_url: str | None = None
    llm_max_tokens: int = 160
    abstain_below: float = 0.77
    max_question_chars: int = 2000
    max_file_bytes: int = 20_000_000
    host: str = "127.0.0.1"
    port: int = 7860
    auth: str | None = field(default=None, repr=False)
    allowed_hosts: tuple[str, ...] = ()  # Host names the web app answers to besides loopback
    feed_minutes: int = 15  # how often the running app refreshes followed feeds; 0: never
    fetch_private: bool = False  # let the web app fetch addresses on this machine or network
    watch_webhook: str | None = field(default=None, repr=False)  # POST new alerts here (JSON)
    watch_notify: str | None = field(default=None, repr=False)  # Apprise URLs, space-separated
    mcp_writes: bool = False  # the MCP server may ingest URLs and follow feeds
    hemisphere: Hemisphere = Hemisphere.NORTH  # which months a season in a question means
    engine: IngestEngine = IngestEngine.LOCAL  # where ingest embeds: here, or a Ray cluster
    ray_address: str | None = None  # the Ray cluster's address (None: this machine's cores)

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Read ``ASSISTANT_*`` variables, then apply ``overrides`` (None means unset); both
        go through ``convert``, so ``fetch_private="no"`` is False and ``candidates="20"`` 20."""
        from_environment = {
            name: os.environ[env] for name, env in ENV_NAMES.items() if os.environ.get(env)
        }
        base = cls().with_overrides(**from_environment)
        llm_named = overrides.get("llm") or base.llm
        explicit = "ASSISTANT_ANSWERER" in os.environ or overrides.get("answerer") is not None
        if llm_named and not explicit:
            overrides = {**overrides, "answerer": AnswererKind.LLM}  # naming a model selects it
        return base.with_overrides(**overrides)

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the given fields replaced (``None`` values are ignored), each value
        converted to its field's type (``convert``) and the whole checked (``validate``)."""
        kinds = _field_kinds()
        unknown = sorted(set(overrides) - set(kinds))
        if unknown:
            raise InvalidInput(f"Unknown setting(s): {', '.join(unknown)}.")
        changes: dict[str, Any] = {}
        for name, raw in overrides.items():
            value = convert(name, raw, kinds[name])
            if value is not None:
                changes[name] = value
        settings = replace(self, **changes)
        settings.validate()
        return settings

    def validate(self) -> None:
        """Reject settings that would fail later in a confusing way (named, with the range)."""
        rules = [
            ("chunk_max_chars", self.chunk_max_chars >= 80, "at least 80 characters"),
            ("chunk_overlap_sentences", 0 <= self.chunk_overlap_sentences <= 3, "0 to 3 sentences"),
            ("citations", 1 <= self.citations <= self.candidates, "1 to candidates"),
            ("read_passages", 1 <= self.read_passages <= self.candidates,
             "1 to candidates (passages to read)"),
            ("feed_minutes", self.feed_minutes >= 0, "0 (never) or more minutes"),
            ("embed_batch_size", self.embed_batch_size >= 1, "at least 1"),
            ("port", 0 < self.port < 65536, "a port number, 1 to 65535"),
            ("abstain_below", 0.0 <= self.abstain_below <= 1.0, "a confidence from 0 to 1"),
            ("chroma_url", not self.chroma_url or self.chroma_url.startswith(("http://", "https://")),
             "an address starting http:// or https:// (for example http://127.0.0.1:8000)"),
        ]  # fmt: skip
        for name, holds, wanted in rules:
            if not holds:
                raise InvalidInput(f"{_where(name)}={getattr(self, name)!r} must be {wanted}.")
        if str(self.answerer).lower() == AnswererKind.LLM and not self.llm:
            raise InvalidInput(
                "answerer (ASSISTANT_ANSWERER)=llm needs llm (ASSISTANT_LLM): smollm2, gguf:PATH,"
                " ollama:MODEL, openai:MODEL."
            )

    @property
    def web_folder(self) -> Path:
        """Where fetched web pages and feed entries are kept as article files."""
        return self.web_dir if self.web_dir is not None else self.corpus_dir / "web"

    @property
    def backend_label(self) -> str:
        """Where the index lives, in words, for status lines and errors."""
        return f"Chroma server {self.chroma_url}" if self.chroma_url else f"{self.index_dir}/"


def _field_kinds() -> dict[str, Any]:
    """Each field's type, for ``convert``: bool, int, float, Path, an Enum, "hosts", str."""
    hints = typing.get_type_hints(Settings)
    kinds: dict[str, Any] = {}
    for item in fields(Settings):
        hint = hints[item.name]
        args = [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
        kind = args[0]
        kinds[item.name] = "hosts" if typing.get_origin(hint) is tuple else kind
    return kinds
