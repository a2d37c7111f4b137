"""Article text handed to a model or an agent as data, never as instructions.

An article may address the AI reading it ("ignore previous instructions and ..."). Before
passage text reaches an LLM's prompt or an agent's tool result, each sentence that speaks
to an AI is replaced by a marker, and the prompt's own block delimiters are defanged; the
invisible and tag characters were already removed at ingest (``invisible``).
"""

from __future__ import annotations

import re

from assistant.text.sentences import split_sentences

INSTRUCTION = re.compile(
    r"\b(ignore|disregard|forget|override)\b[^.!?\n]{0,60}\b(instructions?|prompts?|rules|"
    r"everything|above|previous|prior)\b"
    r"|\b(you are now|act as|pretend to be|from now on)\b"
    r"|\b(system|developer|hidden) (prompt|message|instructions?)\b"
    r"|\b(reply|respond|answer|say|print|output) (only |just )?(with|that|the word)\b"
    r"|\b(AI|assistant|language model|LLM|chatbot)s?\b[^.!?\n]{0,40}\b(must|should|will)\b",
    re.IGNORECASE,
)
REMOVED = "[a sentence addressed to an AI was removed here]"


def defang(text: str) -> str:
    """Passage text as inert data: no sentence addressed to an AI, no block delimiters."""
    kept = []
    for span in split_sentences(text):
        sentence = text[span.start : span.end]
        kept.append(REMOVED if INSTRUCTION.search(sentence) else sentence)
    return " ".join(kept).replace("<passage", "‹passage").replace("</passage", "‹/passage")
