"""OpenAI's chat format and the assistant's: messages to a question and its history, and
an ``Answer`` to a reply whose text carries its numbered sources.

Chat front-ends render a reply as Markdown (some allow HTML in it), so every string an
article supplies is escaped for Markdown here: its text shows literally and nothing in it
becomes a link, an image or markup.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.errors import InvalidInput
from assistant.records import Answer
from assistant.text.invisible import visible
from assistant.text.markers import escaped_marker

# emphasis, code, links and images (no "[" means no link), HTML, entities, GFM extras
_MARKDOWN = re.compile(r"([\\`*_\[\]<>&|~])")
_BLOCK_START = re.compile(r"^([#>+\-=])")  # a heading, quote, list or underline
_ORDERED = re.compile(r"^(\d+)\.")  # an ordered list
_MARKER = escaped_marker(r"\[", r"\]", most_digits=2)  # as escaped: our [n] stay readable


# what GFM and linkify turn into links without any markup: web addresses and e-mails
_BARE_LINK = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)


def markdown_literal(text: str) -> str:
    """``text`` escaped so Markdown (and HTML inside it) shows it as written.

    Bare web addresses and e-mail addresses become code spans: GFM renderers and
    linkify make them links otherwise, escaped or not, and nothing is linked in code.
    """
    flat = " ".join(visible(str(text)).split())
    pieces, last = [], 0
    for match in _BARE_LINK.finditer(flat):
        pieces += [_escaped(flat[last : match.start()]), _code(match.group())]
        last = match.end()
    pieces.append(_escaped(flat[last:]))
    return "".join(pieces)


def _escaped(text: str) -> str:
    escaped = _BLOCK_START.sub(r"\\\1", _MARKDOWN.sub(r"\\\1", text))
    return _ORDERED.sub(r"\1\\.", escaped)


def _code(text: str) -> str:
    """A code span holding ``text`` literally, whatever backticks it holds."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _text(content: Any) -> str:
    """A message's text: a string, or OpenAI's list of parts (only text parts are read)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(
            str(part.get("text", ""))
            for part in content
            if isinstance(part, dict) and part.get("type") == "text"
        )
    return ""


def openai_history(messages: list[dict[str, Any]]) -> tuple[str, list[dict[str, str]]]:
    """The last user message as the question, and the turns before it as history."""
    turns = [
        {"role": str(m.get("role")), "content": _text(m.get("content"))}
        for m in messages
        if isinstance(m, dict) and m.get("role") in ("user", "assistant")
    ]
    if not turns or turns[-1]["role"] != "user" or not turns[-1]["content"].strip():
        raise InvalidInput("The last message must be the user's question, as text.")
    return turns[-1]["content"], turns[:-1]


def completion_text(answer: Answer) -> str:
    """The answer, then its sources: ``[n] Title (date, source): "quote"``."""
    lines = [_MARKER.sub(r"[\1]", markdown_literal(answer.text))]
    if answer.time_note:  # how the question's time was read; "time": "off" undoes it
        lines += ["", f"_{markdown_literal(answer.time_note)}_"]
    if answer.citations:
        lines += ["", "Sources:"]
    for citation in answer.citations:
        parts = (citation.date or "undated", citation.source, citation.where)
        where = ", ".join(p for p in parts if p)
        related = "" if citation.supports else " (related)"
        lines.append(
            f"[{citation.n}] {markdown_literal(citation.title)} ({markdown_literal(where)})"
            f"{related}: “{markdown_literal(citation.quote)}”"
        )
        if citation.also:
            names = ", ".join(markdown_literal(r.source or r.title) for r in citation.also)
            lines.append(f"    also published by {len(citation.also)}: {names}")
    return "\n".join(lines)


def completion(reply_id: str, created: int, model: str, answer: Answer) -> dict[str, Any]:
    """The whole reply as OpenAI's ``chat.completion`` object, with our citations beside it."""
    return {
        "id": reply_id,
        "object": "chat.completion",
        "created": created,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": completion_text(answer)},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        "citations": [c.to_dict() for c in answer.citations],
    }
