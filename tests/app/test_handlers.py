"""The web app's handlers, called as the page calls them (test_browser.py drives the page).

Uploads go through a gate: ``FolderUploads`` for a folder the test owns, and Gradio's
own record of received files (``GradioUploads`` over a real ``gr.Blocks``) for the app.
"""

from pathlib import Path

import pytest
from conftest import FAKE_EMBEDDER, SEED

from assistant.app.handlers import MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES, SEARCHING, AppHandlers
from assistant.app.uploads import FolderUploads, GradioUploads
from assistant.config import Settings
from assistant.facade import Assistant
from assistant.ingest.chunking import chunk_article
from assistant.ingest.loaders import load_file


def test_respond_streams_the_question_then_the_cited_answer(fake_seed_assistant: Assistant) -> None:
    handlers = AppHandlers(fake_seed_assistant)
    steps = list(handlers.respond("Who claimed responsibility for the attack?", [], []))
    _, chat, plain = steps[0]
    assert chat[-1]["content"] == SEARCHING
    _, chat, plain = steps[-1]
    reply = chat[-1]["content"]
    assert "Coordination of Azawad Movements" in reply and "<sup>[1]</sup>" in reply
    assert '<mark class="support">' in reply and "claimed responsibility" in reply
    assert "#open-article:" in reply
    assert plain[-1]["content"].startswith("The Coordination of Azawad Movements (CMA) [1]")
    # the follow-up uses the plain history, not the HTML
    *_, (_box, chat, plain) = handlers.respond("When did they sign a peace deal?", chat, plain)
    assert "2015" in chat[-1]["content"] and "Understood as" in chat[-1]["content"]


def test_errors_become_messages_in_the_chat(fake_seed_assistant: Assistant) -> None:
    handlers = AppHandlers(fake_seed_assistant)
    *_, (_, chat, plain) = handlers.respond("   ", [], [])
    assert "empty" in chat[-1]["content"] and plain == []
    applied, banner = handlers.apply_filters("not a date", None, [])
    assert applied == {} and "not a date" in banner and "not applied" in banner


def test_applied_filters_restrict_answers_and_say_so(fake_seed_assistant: Assistant) -> None:
    handlers = AppHandlers(fake_seed_assistant)
    applied, banner = handlers.apply_filters("2024-05-01", "2024-05-31", ["Agence France-Presse"])
    assert applied == {
        "date_from": "2024-05-01", "date_to": "2024-05-31", "sources": ["Agence France-Presse"],
        "as_of": None, "time": "auto",
    }  # fmt: skip
    assert "source Agence France&#45;Presse" in banner and "from 2024-05-01" in banner
    *_, (_, chat, _) = handlers.respond(
        "Who claimed responsibility for the attack?", [], [], applied
    )
    assert "Coordination of Azawad Movements" in chat[-1]["content"]
    elsewhere, _ = handlers.apply_filters(None, None, ["Nobody Weekly"])
    *_, (_, chat, _) = handlers.respond(
        "Who claimed responsibility for the attack?", [], [], elsewhere
    )
    assert "No indexed article matches the filters &#40;source Nobody Weekly" in chat[-1]["content"]
    assert handlers.apply_filters(None, None, []) == ({"date_from": None, "date_to": None,
                                                      "sources": [], "as_of": None,
                                                      "time": "auto"}, "")  # fmt: skip


def test_open_article_marks_the_quote(fake_seed_assistant: Assistant) -> None:
    handlers = AppHandlers(fake_seed_assistant)
    answer = fake_seed_assistant.ask("How many soldiers were killed?")
    c = answer.citations[0]
    from urllib.parse import quote

    view = handlers.open_article(f"{quote(c.article_id, safe='')}:{c.start}:{c.end}")
    assert '<mark class="support" id="quoted">' + c.quote[:20] in view
    assert "No article" in handlers.open_article("nope:1:2")
    assert "Bad article link" in handlers.open_article("garbage")


@pytest.fixture
def own_handlers(own_settings: Settings, tmp_path) -> AppHandlers:
    """Handlers over a private copy of the seed index (these tests write to it)."""
    return AppHandlers(Assistant(own_settings, embedder=FAKE_EMBEDDER), FolderUploads(tmp_path))


def test_a_pdf_may_be_larger_than_a_text_file(own_handlers: AppHandlers, tmp_path) -> None:
    """Issue 27: the limits are per type; a PDF edition with its photos runs to megabytes."""
    edition = tmp_path / "edition.pdf"
    edition.write_bytes(b"%PDF-1.7\n" + b"0" * (8 * 2**20))  # 8 MB, and no real PDF
    huge = tmp_path / "huge.pdf"
    huge.write_bytes(b"%PDF-1.7\n" + b"0" * (21 * 2**20))
    message, *_, job_id, _polling = own_handlers.upload([str(edition), str(huge)])
    assert "Refused huge.pdf: 21.0 MB, over the 20 MB limit for .pdf files" in message
    assert "Refused edition.pdf" not in message
    job = own_handlers.archive.queue.wait(job_id, 300)  # as the page polls, on a busy machine
    assert job is not None and job.finished
    assert "edition.pdf: is not a PDF that can be read" in job.describe()  # admitted, then read


def test_uploads_are_limited_in_count_size_and_type(own_handlers: AppHandlers, tmp_path) -> None:
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
    good = tmp_path / "ferry.txt"
    good.write_text("Ferry strike\n\nFerries to Faro stopped for two days.", encoding="utf-8")
    message, _, _, status, _, picker, _, polling = own_handlers.upload(
        [str(big), str(exe), str(empty), str(good)]
    )
    assert "Refused big.txt: 5.0 MB, over the 5 MB limit" in message
    assert "Refused tool.exe: unsupported type" in message
    assert "Refused empty.txt: empty file" in message
    assert "Added 1" in message and "**2** articles" in status  # the good one still goes in
    assert [p.name for p in own_handlers.uploads.glob("[!.]*")] == ["ferry.txt"]  # .jobs.json aside
    assert picker is None and polling is False  # picker emptied; the small job is done
    assert "&#" not in message  # plain text for the API and the text box


def test_upload_indexes_good_files_and_drops_unreadable_ones(
    own_handlers: AppHandlers, tmp_path
) -> None:
    good = tmp_path / "ferry.txt"
    good.write_text("Ferry strike\n\nFerries to Faro stopped for two days.", encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    message, rows, _, status, *_ = own_handlers.upload([str(good), str(broken)])
    assert "Added 1" in message and "broken.json" in message and "not valid JSON" in message
    assert [r[0] for r in rows if r[0] == "Ferry strike"] == ["Ferry strike"]
    assert "**2** articles" in status
    assert sorted(p.name for p in own_handlers.uploads.glob("[!.]*")) == ["ferry.txt"]
    article_id = next(r[4] for r in rows if r[0] == "Ferry strike")
    message, rows, *_ = own_handlers.delete(article_id)
    assert "Deleted Ferry strike" in message and "uploaded file was removed" in message
    assert not list(own_handlers.uploads.glob("[!.]*"))
    assert all(r[0] != "Ferry strike" for r in rows)


def test_the_same_file_twice_is_one_article(own_handlers: AppHandlers, tmp_path: Path) -> None:
    story = tmp_path / "dock.txt"
    story.write_text("Dock strike\n\nDockers in Antwerp walked out on Monday.", encoding="utf-8")
    first, *_ = own_handlers.upload([str(story)])
    again, _, _, status, *_ = own_handlers.upload([str(story)])
    assert "Added 1" in first
    assert "dock.txt is already in the library (as dock.txt)" in again and "unchanged 1" in again
    assert "**2** articles" in status and len(list(own_handlers.uploads.glob("[!.]*"))) == 1


def test_a_windows_1252_file_is_added_with_a_note(own_handlers: AppHandlers, tmp_path) -> None:
    story = tmp_path / "cafe.txt"
    story.write_bytes("Café strike\n\nWaiters in Nîmes struck for a day.".encode("cp1252"))
    message, *_ = own_handlers.upload([str(story)])
    assert "Added 1" in message and "Note: cafe.txt: is not valid UTF-8" in message
    assert "Skipped" not in message


def test_deleting_through_the_api_removes_the_uploaded_file_too(
    own_handlers: AppHandlers, tmp_path: Path
) -> None:
    story = tmp_path / "rail.txt"
    story.write_text("Rail strike\n\nTrains stopped in Lyon on Friday.", encoding="utf-8")
    own_handlers.upload([str(story)])
    [entry] = [a for a in own_handlers.api_articles() if a["title"] == "Rail strike"]
    reply = own_handlers.api_delete(entry["id"])
    assert reply["deleted"] == entry["id"] and reply["file_removed"] is True
    assert not list(own_handlers.uploads.glob("[!.]*"))
    for nothing in (None, "", 5):
        assert own_handlers.api_delete(nothing)["error"].startswith("Choose an article")  # type: ignore[arg-type]
    message, *_ = own_handlers.delete(None)
    assert message.startswith("⚠ Choose an article") and "rebuild" not in message


def test_the_app_reads_only_files_gradio_received(fake_seed_settings: Settings, tmp_path) -> None:
    """The critical hole: a client names a file on the server as if it had uploaded it."""
    import gradio as gr

    secret = tmp_path / "server-notes.txt"
    secret.write_text("Server notes\n\nThe vault code is 4242.", encoding="utf-8")
    settings = fake_seed_settings.with_overrides(corpus_dir=tmp_path / "corpus")
    handlers = AppHandlers(Assistant(settings, embedder=FAKE_EMBEDDER), GradioUploads(gr.Blocks()))
    message, _, _, status, *_ = handlers.upload([{"path": str(secret), "orig_name": "a.txt"}])
    assert "Refused server-notes.txt: was not received as an upload" in message
    assert "**1** articles" in status and not handlers.uploads.exists() and secret.exists()


def test_library_search_and_api_helpers(own_handlers: AppHandlers) -> None:
    rows, _ = own_handlers.library("lere")
    assert [r[0] for r in rows] == ["Lere attack"]
    assert own_handlers.library("no such words")[0] == []
    settings = own_handlers.assistant.settings
    [article] = load_file(SEED)
    chunks = chunk_article(article, settings.chunk_max_chars, settings.chunk_overlap_sentences)
    assert own_handlers.api_stats() == {"articles": 1, "chunks": len(chunks)}
    assert own_handlers.api_ask("")["error"].startswith("Ask a question")
    assert own_handlers.api_ask("Who?", sources=5)["error"].startswith("sources must be")  # type: ignore[arg-type]
    assert own_handlers.api_articles()[0]["title"] == "Lere attack"
    assert "No article" in own_handlers.api_delete("nope")["error"]
    assert own_handlers.status() == f"Index: **1** articles, **{len(chunks)}** chunks"
