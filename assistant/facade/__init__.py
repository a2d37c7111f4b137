"""The facade: the ``Assistant`` (one per index, shared by every door), the plain ``ask`` and
``timeline`` functions over the environment's index, and the table of answerers.
"""

from assistant.facade.assistant import TIMELINE_PASSAGES, Assistant
from assistant.facade.defaults import ask, default_assistant, timeline
from assistant.facade.parts import ANSWERERS, Parts

__all__ = [
    "ANSWERERS",
    "TIMELINE_PASSAGES",
    "Assistant",
    "Parts",
    "ask",
    "default_assistant",
    "timeline",
]
