"""The running app's named API endpoints, called with gradio_client from the test process."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from app_process import seed_app
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError

from assistant.config import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, seed_settings: Settings) -> Iterator[Client]:
    with seed_app(tmp_path_factory.mktemp("api"), seed_settings.index_dir) as app:
        yield Client(app.url, verbose=False)


def test_named_endpoints_are_published(client: Client) -> None:
    names = set(client.view_api(return_format="dict", print_info=False)["named_endpoints"])
    assert {"/ask", "/stats", "/articles", "/delete_article", "/upload"} <= names


def test_ask_returns_the_answer_as_json(client: Client) -> None:
    answer = client.predict("Who claimed the Lere attack?", None, "", "", None, api_name="/ask")
    assert "Coordination of Azawad Movements" in answer["short_answer"]
    assert answer["citations"][0]["title"] == "Lere attack"
    history = [
        {"role": "user", "content": "Who claimed the Lere attack?"},
        {"role": "assistant", "content": answer["text"]},
    ]
    follow = client.predict(
        "When did they sign a peace deal?", history, "", "", None, api_name="/ask"
    )
    assert follow["short_answer"] == "2015"
    bad = client.predict("   ", None, "", "", None, api_name="/ask")
    assert "empty" in bad["error"]


def test_upload_ask_and_delete(client: Client, tmp_path: Path) -> None:
    story = tmp_path / "port strike.txt"
    story.write_text(
        "Port strike ends\n\nDockers in Rotterdam voted on Tuesday to end a nine-day strike "
        "over pay, the union said.",
        encoding="utf-8",
    )
    before = client.predict(api_name="/stats")
    message, *_ = client.predict([handle_file(str(story))], "", api_name="/upload")
    assert "Added 1" in message
    after = client.predict(api_name="/stats")  # the short story is one chunk
    assert after == {"articles": before["articles"] + 1, "chunks": before["chunks"] + 1}
    answer = client.predict("Where did dockers end a strike?", None, "", "", None, api_name="/ask")
    assert "Rotterdam" in answer["citations"][0]["quote"]
    [entry] = [a for a in client.predict(api_name="/articles") if a["title"] == "Port strike ends"]
    assert client.predict(entry["id"], api_name="/delete_article")["deleted"] == entry["id"]
    assert client.predict(api_name="/stats")["articles"] == 1
    pdf = tmp_path / "notes.pdf"
    pdf.write_bytes(b"%PDF-1.4 not an article")
    with pytest.raises(AppError, match="Invalid file type"):  # Gradio refuses it server-side
        client.predict([handle_file(str(pdf))], "", api_name="/upload")
