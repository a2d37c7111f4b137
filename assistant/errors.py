"""The few exceptions the assistant raises; each message names the problem and the remedy.

Each class carries its ``kind``: what went wrong, in the terms every door decides by. The
doors (``assistant.app``) never read a message to decide anything: the JSON API maps the
kind to an HTTP status, the web page and the MCP tools show the message (worded for web
users), the command line prints it on one line. So a user never sees a traceback for a
problem they can fix.
"""

from enum import Enum


class ErrorKind(Enum):
    """What went wrong, as the doors tell it apart."""

    INVALID_INPUT = "invalid_input"  # the caller can fix the request
    NOT_FOUND = "not_found"  # the request names something that is not there
    BUSY = "busy"  # another writer holds the index: try again later
    UNAVAILABLE = "unavailable"  # a server the assistant needs cannot be reached
    UPSTREAM = "upstream"  # another site's page or feed failed, or was refused
    INTERNAL = "internal"  # the index cannot be used as it is: the operator must act


class AssistantError(Exception):
    """Base class: a problem the user can act on. ``str(error)`` is the whole message."""

    kind = ErrorKind.INTERNAL


class InvalidInput(AssistantError):
    """A question, file or option the assistant cannot use as given."""

    kind = ErrorKind.INVALID_INPUT


class NotFound(InvalidInput):
    """An id that names nothing: no such article, no such upload job.

    A kind of ``InvalidInput``, so code that catches bad input catches it too."""

    kind = ErrorKind.NOT_FOUND


class IndexProblem(AssistantError):
    """The index is missing, corrupted, foreign, or built with another embedding model."""

    kind = ErrorKind.INTERNAL


class IndexBusy(AssistantError):
    """Another process is writing to the same index."""

    kind = ErrorKind.BUSY


class BackendUnavailable(AssistantError):
    """The Chroma server or the configured LLM cannot be reached."""

    kind = ErrorKind.UNAVAILABLE


class FetchFailed(AssistantError):
    """A web page or feed could not be fetched or read; the message names the URL and why."""

    kind = ErrorKind.UPSTREAM
