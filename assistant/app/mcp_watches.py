"""The MCP server's watching tools: ``watch_add``, ``watch_list``, ``watch_alerts``,
``digest``, and the resource ``alerts://recent``.

A watch is the agent's (or its user's) question, saved beside the index; it writes no
article, so it needs no write permission. What comes back passes the same "text as data"
rule as every other tool (``text.records_as_data``): an alert's answers, titles and
quotes are an article's words.
"""

from __future__ import annotations

from typing import Any, Literal

from assistant.facade import Assistant
from assistant.text.records_as_data import record_as_data
from assistant.watching import api

RECENT = 50  # alerts the resource lists


def _shown(record: Any) -> dict[str, Any]:
    shielded, redacted = record_as_data(record)
    return {**shielded.to_dict(), "redacted": redacted}


def add_watch_tools(server: Any, assistant: Assistant, guard: Any) -> None:
    """Add the watching tools to ``server``; ``guard(kind)`` is the door's error boundary."""
    from mcp.server.mcpserver.exceptions import ResourceError, ToolError

    @server.tool(description="Watch a question: you are alerted when its short answer "
                 "changes (kind=answer, values compared as numbers: 7-1/2 pct is 7.5 pct), "
                 "or once per new story matching a query (kind=stories).")  # fmt: skip
    @guard(ToolError)
    def watch_add(question: str, kind: Literal["answer", "stories"] = "answer") -> dict[str, Any]:
        return _shown(api.watch_add(question, kind, assistant=assistant))

    @server.tool(description="The saved watches and what each answers now.")
    @guard(ToolError)
    def watch_list() -> list[dict[str, Any]]:
        return [_shown(w) for w in api.watch_list(assistant=assistant)]

    @server.tool(description="The alerts the watches raised, newest first: what changed "
                 "from what to what, with both citations (since: YYYY-MM-DD).")  # fmt: skip
    @guard(ToolError)
    def watch_alerts(
        since: str | None = None, watch_id: str | None = None, unread: bool = False
    ) -> list[dict[str, Any]]:
        found = api.watch_alerts(since, watch_id, unread, assistant=assistant)
        return [_shown(a) for a in found]

    @server.tool(description="What is new on a subject since a day: the new stories by "
                 "day, one cited line each, reprints folded into 'also published by'.")  # fmt: skip
    @guard(ToolError)
    def digest(query: str, since: str, to: str | None = None) -> dict[str, Any]:
        return _shown(api.digest(query, since, to, "mcp", assistant=assistant))

    @server.resource("alerts://recent", description="The newest watch alerts, as JSON")
    @guard(ResourceError)
    def recent_alerts() -> str:
        import json

        found = api.watch_alerts(assistant=assistant)[:RECENT]
        return json.dumps([_shown(a) for a in found], ensure_ascii=False)
