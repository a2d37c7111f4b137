"""The few exceptions the assistant raises; each message names the problem and the remedy.

Callers at the edges (CLI, web UI) catch ``AssistantError`` and show its message, so a
user never sees a traceback for a problem they can fix.
"""


class AssistantError(Exception):
    """Base class: a problem the user can act on. ``str(error)`` is the whole message."""


class InvalidInput(AssistantError):
    """A question, file or option the assistant cannot use as given."""


class IndexProblem(AssistantError):
    """The index is missing, corrupted, foreign, or built with another embedding model."""


class IndexBusy(AssistantError):
    """Another process is writing to the same index."""


class BackendUnavailable(AssistantError):
    """The Chroma server or the configured LLM cannot be reached."""


class FetchFailed(AssistantError):
    """A web page or feed could not be fetched or read; the message names the URL and why."""
