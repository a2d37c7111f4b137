"""How the web doors word an error, and the web page's error boundary.

Every door has one boundary where failures become what its users see, decided by the
error's kind (``errors.ErrorKind``), never by its message: the JSON API and the OpenAI
route map kinds to statuses (``http_api``), the MCP tools raise the SDK's ``ToolError``
(``mcp_server.said_plainly``), the command line prints one line (``cli.one_line_errors``),
and the page and the Gradio API show a message (``page_door`` below). The web doors
share the words here: ``for_web`` for an ``AssistantError``, ``unexpected`` for a bug
(logged with its traceback; users get one line without it).
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from assistant.errors import AssistantError, ErrorKind

log = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])

# Kinds whose detail is the operator's business (paths, server addresses, CLI advice):
# web users get this line instead, the log keeps the message.
_FOR_OPERATORS = {
    ErrorKind.INTERNAL: (
        logging.ERROR,
        "index problem",
        "The index cannot be used right now; the server log says why.",
    ),
    ErrorKind.BUSY: (
        logging.WARNING,
        "index busy",
        "Another process is writing to the index; try again in a few minutes.",
    ),
    ErrorKind.UNAVAILABLE: (
        logging.ERROR,
        "backend unavailable",
        "The index server cannot be reached right now; try again shortly.",
    ),
}


def for_web(error: AssistantError) -> str:
    """An error as web users should read it: what happened and what they can do, without
    the server's paths or the command line's advice (the log keeps the details)."""
    if error.kind not in _FOR_OPERATORS:
        return str(error)
    level, label, shown = _FOR_OPERATORS[error.kind]
    log.log(level, "%s: %s", label, error)
    return shown


def unexpected(error: BaseException, what: str) -> str:
    """A bug as web users should read it: what failed and the exception's type, never its
    message or traceback (the log gets both)."""
    log.error("%s failed", what, exc_info=error)
    return (
        f"Something went wrong while {what} ({type(error).__name__}); the server log has details."
    )


def said(error: BaseException, what: str) -> str:
    """Any error in a web door's words: ``for_web`` or, for a bug, ``unexpected``."""
    return for_web(error) if isinstance(error, AssistantError) else unexpected(error, what)


Call = dict[str, Any]  # a handler's arguments by name, defaults filled in


def page_door(what: str, reply: Callable[[str, Call], Any]) -> Callable[[F], F]:
    """The page's and the Gradio API's error boundary, around one handler: a failure
    becomes ``reply(message, call)``, what the page shows in place of the result (a
    streaming handler yields it as its last step); ``call`` holds the handler's arguments
    by name. ``what`` names the work in the message of a bug ("Something went wrong
    while answering").

    Gradio reads a handler's signature and whether it streams, so the wrapper keeps both.
    """

    def wrap(handler: F) -> F:
        signature = inspect.signature(handler)

        def failed(error: Exception, args: Any, kwargs: Any) -> Any:
            call = signature.bind(*args, **kwargs)
            call.apply_defaults()
            return reply(said(error, what), call.arguments)

        if inspect.isgeneratorfunction(handler):

            @functools.wraps(handler)
            def streamed(*args: Any, **kwargs: Any) -> Iterator[Any]:
                try:
                    yield from handler(*args, **kwargs)
                except Exception as error:  # the page's boundary: a message, no traceback
                    yield failed(error, args, kwargs)

            return streamed  # type: ignore[return-value]

        @functools.wraps(handler)
        def called(*args: Any, **kwargs: Any) -> Any:
            try:
                return handler(*args, **kwargs)
            except Exception as error:  # the page's boundary: a message, no traceback
                return failed(error, args, kwargs)

        return called  # type: ignore[return-value]

    return wrap
