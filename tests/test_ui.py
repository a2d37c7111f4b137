"""The web app's handlers and launch rules, without a browser (see test_browser.py for that)."""

import pytest

from assistant.chat import Assistant
from assistant.config import Settings
from assistant.errors import InvalidInput
from assistant.ui import SEARCHING, AppHandlers, launch_options

pytestmark = pytest.mark.slow


def test_respond_streams_the_question_then_the_cited_answer(seed_assistant: Assistant) -> None:
    handlers = AppHandlers(seed_assistant)
    steps = list(handlers.respond("Who claimed the Lere attack?", [], [], "", "", []))
    _, chat, plain = steps[0]
    assert chat[-1]["content"] == SEARCHING
    _, chat, plain = steps[-1]
    reply = chat[-1]["content"]
    assert "Coordination of Azawad Movements" in reply and "<sup>[1]</sup>" in reply
    assert '<mark class="support">' in reply and "claimed responsibility" in reply
    assert "#open-article:" in reply
    assert plain[-1]["content"].startswith("The Coordination of Azawad Movements (CMA) [1]")
    # the follow-up uses the plain history, not the HTML
    *_, (_box, chat, plain) = handlers.respond(
        "When did they sign a peace deal?", chat, plain, "", "", []
    )
    assert "2015" in chat[-1]["content"] and "Understood as" in chat[-1]["content"]


def test_errors_become_messages_in_the_chat(seed_assistant: Assistant) -> None:
    handlers = AppHandlers(seed_assistant)
    *_, (_, chat, plain) = handlers.respond("   ", [], [], "", "", [])
    assert "empty" in chat[-1]["content"] and plain == []
    *_, (_box, chat, plain) = handlers.respond("Who?", [], [], "not a date", "", [])
    assert "not a date" in chat[-1]["content"]


def test_open_article_marks_the_quote(seed_assistant: Assistant) -> None:
    handlers = AppHandlers(seed_assistant)
    answer = seed_assistant.ask("How many soldiers were killed?")
    c = answer.citations[0]
    from urllib.parse import quote

    view = handlers.open_article(f"{quote(c.article_id, safe='')}:{c.start}:{c.end}")
    assert '<mark class="support" id="quoted">' + c.quote[:20] in view
    assert "No article" in handlers.open_article("nope:1:2")
    assert "Bad article link" in handlers.open_article("garbage")


def test_listening_beyond_loopback_requires_credentials() -> None:
    assert launch_options(Settings(host="127.0.0.1"))["auth"] is None
    with pytest.raises(InvalidInput, match="ASSISTANT_AUTH"):
        launch_options(Settings(host="0.0.0.0"))
    options = launch_options(Settings(host="0.0.0.0", auth="ana:s3cret"))
    assert options["auth"] == ("ana", "s3cret")
    assert options["share"] is False and options["allowed_paths"] == []
