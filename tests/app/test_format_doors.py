"""Every format through every door (issue 27): the CLI ingests a PDF and cites its page;
the JSON API takes a PDF, a Word file, an e-mail, NITF and a web archive in one upload; the
OpenAI route and MCP name the page of what they quote."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from app_process import App, running_app

from assistant.config import Settings

pytestmark = [pytest.mark.integration, pytest.mark.browser]
ROOT = Path(__file__).resolve().parents[2]
FACT = "The harbour master of Faro, Rui Costa, ordered the quay closed to lorries."
QUESTION = "Who is the harbour master of Faro?"


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from documents import article_html, print_pdf

    story = [
        f"Paragraph {n}: boats in town {n} went back to sea after {n} days of storms, "
        "their crews counting what the water had taken from the quays."
        for n in range(36)
    ]
    page = article_html("Storms close the harbours", "By Ana Silva, 3 June 2024",
                        [*story, FACT], 2)  # fmt: skip
    return print_pdf(page, tmp_path_factory.mktemp("pdf-doors") / "storms.pdf")


@pytest.fixture(scope="module")
def app(pdf: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    work = tmp_path_factory.mktemp("pdf-app")
    (work / "corpus").mkdir()
    with running_app(work / "index", work / "corpus") as app:
        files = [("files", ("storms.pdf", pdf.read_bytes(), "application/pdf")),
                 *[("files", (p.name, p.read_bytes(), "application/octet-stream"))
                   for p in others(work)]]  # fmt: skip
        uploaded = httpx.post(f"{app.url}/api/ingest?wait=60", files=files, timeout=120)
        assert uploaded.status_code == 200, uploaded.text
        assert "Added 5" in uploaded.json()["message"], uploaded.text
        yield app


def others(folder: Path) -> list[Path]:
    """A Word file, an e-mail, a NITF story and a web archive, as their writers make them."""
    from email.message import EmailMessage

    from documents import LEAD, NITF, docx_file, warc

    mail = EmailMessage()
    mail["Subject"], mail["From"] = "Ferry strike called off", "Port Authority <p@port.example>"
    mail["Date"] = "Tue, 04 Jun 2024 08:00:00 +0000"
    mail.set_content("Ferries to Faro sail again on Wednesday, the port authority said.")
    (folder / "release.eml").write_bytes(bytes(mail))
    (folder / "wire.xml").write_text(NITF.format(lead=LEAD, more="Talks went on."), "utf-8")
    return [docx_file(folder / "union.docx", "Union statement"), folder / "release.eml",
            folder / "wire.xml", warc(folder / "crawl.warc.gz", 1)]  # fmt: skip


def test_every_format_in_one_upload_is_indexed(app: App) -> None:
    titles = {a["title"] for a in httpx.get(f"{app.url}/api/articles", timeout=30).json()}
    assert titles == {"Storms close the harbours", "Union statement", "Ferry strike called off",
                      "Tema dockers end nine-day strike", "Story 0"}  # fmt: skip
    asked = {"question": "When do ferries to Faro sail again?"}
    answer = httpx.post(f"{app.url}/api/ask", json=asked, timeout=60).json()
    assert answer["citations"][0]["source"] == "Port Authority"


def test_the_cli_ingests_a_pdf_and_names_the_page_it_quotes(pdf: Path, tmp_path: Path) -> None:
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(tmp_path / "index")}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "assistant", *args], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=600)  # fmt: skip

    ingested = cli("ingest", str(pdf), "--quiet")
    assert ingested.returncode == 0, ingested.stderr
    asked = cli("ask", QUESTION)
    assert asked.returncode == 0 and "Rui Costa" in asked.stdout, asked.stdout
    assert "Storms close the harbours | 2024-06-03 | " in asked.stdout
    assert "| page 2" in asked.stdout


def test_the_json_api_and_the_openai_route_cite_the_page(app: App) -> None:
    answer = httpx.post(f"{app.url}/api/ask", json={"question": QUESTION}, timeout=60).json()
    [cited] = [c for c in answer["citations"] if "Rui Costa" in c["quote"]]
    assert cited["page"] == 2 and answer["short_answer"].endswith("Rui Costa")
    chat = httpx.post(f"{app.url}/v1/chat/completions", timeout=60,
                      json={"messages": [{"role": "user", "content": QUESTION}]})  # fmt: skip
    assert "(2024-06-03, page 2)" in chat.json()["choices"][0]["message"]["content"]


def test_mcp_names_the_page_of_each_citation(app: App) -> None:
    from mcp import Client

    async def steps() -> dict:
        async with Client(f"{app.url}/mcp") as client:
            return (await client.call_tool("ask", {"question": QUESTION})).structured_content

    answer = asyncio.run(steps())
    assert any(c["page"] == 2 and "Rui Costa" in c["quote"] for c in answer["citations"])


def test_mcp_ingest_url_takes_a_pdf_behind_a_link(pdf: Path, fake_fresh: Settings) -> None:
    """The MCP write tool (and `assistant ingest URL`, WebSources) fetch a linked PDF: read
    by the same reader as an upload, kept with its URL and pages."""
    from conftest import FAKE_EMBEDDER
    from local_site import LocalSite, Reply
    from mcp import Client

    from assistant.app.mcp_server import build_mcp
    from assistant.facade import Assistant

    settings = fake_fresh.with_overrides(fetch_private=True)  # the site is on this machine
    assistant = Assistant(settings, embedder=FAKE_EMBEDDER)
    with LocalSite() as site:
        site.routes["/reports/storms.pdf"] = Reply(pdf.read_bytes(), content_type="application/pdf")

        async def steps() -> tuple[str, dict]:
            async with Client(build_mcp(assistant, writes=True)) as client:
                done = await client.call_tool(
                    "ingest_url", {"urls": [site.url("/reports/storms.pdf")]}
                )
                asked = await client.call_tool("ask", {"question": QUESTION})
                return done.content[0].text, asked.structured_content

        done, answer = asyncio.run(steps())
    assert done.startswith("1 added"), done
    [entry] = assistant.articles()
    assert entry.url.endswith("/reports/storms.pdf") and entry.title == "Storms close the harbours"
    assert len(assistant.article(entry.id).pages) == 2
    assert any(c["page"] == 2 and "Rui Costa" in c["quote"] for c in answer["citations"])
