"""The web app's handlers and launch rules, without a browser (see test_browser.py for that)."""

import pytest
from conftest import SEED

from assistant.chat import Assistant
from assistant.chunking import chunk_article
from assistant.config import Settings
from assistant.errors import InvalidInput
from assistant.loaders import load_file
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


@pytest.fixture
def own_handlers(seed_settings: Settings, tmp_path) -> AppHandlers:
    """Handlers over a private copy of the seed index (these tests write to it)."""
    import shutil

    shutil.copytree(seed_settings.index_dir, tmp_path / "index")
    (tmp_path / "corpus").mkdir()
    settings = seed_settings.with_overrides(
        index_dir=tmp_path / "index", corpus_dir=tmp_path / "corpus"
    )
    return AppHandlers(Assistant(settings))


def test_uploads_are_limited_in_count_size_and_type(own_handlers: AppHandlers, tmp_path) -> None:
    from assistant.ui import MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES

    many = []
    for n in range(MAX_UPLOAD_FILES + 1):
        path = tmp_path / f"n{n}.txt"
        path.write_text(f"Note {n}.", encoding="utf-8")
        many.append(str(path))
    message, *_ = own_handlers.upload(many)
    assert f"the limit is {MAX_UPLOAD_FILES}" in message
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * (MAX_UPLOAD_BYTES // 5 + 1))
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    message, _, _, status, _ = own_handlers.upload([str(big), str(exe), str(empty)])
    assert "big.txt" in message and "limit" in message
    assert "tool.exe" in message and "unsupported type" in message
    assert "empty.txt" in message and "empty file" in message
    assert "**1** articles" in status
    assert not list(own_handlers.uploads.glob("*"))


def test_upload_indexes_good_files_and_drops_unreadable_ones(
    own_handlers: AppHandlers, tmp_path
) -> None:
    good = tmp_path / "ferry.txt"
    good.write_text("Ferry strike\n\nFerries to Faro stopped for two days.", encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    message, rows, _, status, _ = own_handlers.upload([str(good), str(broken)])
    assert "Added 1" in message and "broken.json" in message and "not valid JSON" in message
    assert [r[0] for r in rows if r[0] == "Ferry strike"] == ["Ferry strike"]
    assert "**2** articles" in status
    assert sorted(p.name for p in own_handlers.uploads.iterdir()) == ["ferry.txt"]
    article_id = next(r[4] for r in rows if r[0] == "Ferry strike")
    message, rows, *_ = own_handlers.delete(article_id)
    assert "Deleted Ferry strike" in message and "uploaded file was removed" in message
    assert not list(own_handlers.uploads.iterdir())
    assert all(r[0] != "Ferry strike" for r in rows)


def test_library_search_and_api_helpers(own_handlers: AppHandlers) -> None:
    rows, _ = own_handlers.library("lere")
    assert [r[0] for r in rows] == ["Lere attack"]
    assert own_handlers.library("no such words")[0] == []
    settings = own_handlers.assistant.settings
    [article] = load_file(SEED)
    chunks = chunk_article(article, settings.chunk_max_chars, settings.chunk_overlap_sentences)
    assert own_handlers.api_stats() == {"articles": 1, "chunks": len(chunks)}
    assert own_handlers.api_ask("")["error"].startswith("Ask a question")
    assert own_handlers.api_articles()[0]["title"] == "Lere attack"
    assert "No article" in own_handlers.api_delete("nope")["error"]
