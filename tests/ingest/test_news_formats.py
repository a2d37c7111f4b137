"""The formats newsrooms keep (issue 27): Word, e-mail, wire XML and web archives, each
written by the library or the standard that makes them, and each hostile form refused
with one reason while the rest of the file (or folder) still goes in."""

from __future__ import annotations

import json
import mailbox
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest
from documents import LEAD, MORE, NEWSML, NITF, docx_file, warc

from assistant.ingest.loaders import load_file, load_paths
from assistant.records import Article, Problem


def read(path: Path) -> tuple[list[Article], list[Problem]]:
    items = list(load_file(path))
    return ([i for i in items if isinstance(i, Article)],
            [i for i in items if isinstance(i, Problem)])  # fmt: skip


def test_a_word_file_gives_its_paragraphs_title_author_and_date(tmp_path: Path) -> None:
    [article], problems = read(docx_file(tmp_path / "strike.docx"))
    assert problems == []
    assert (article.title, article.author, article.date) == (
        "Port strike ends", "Kwame Mensah", "2024-06-03"
    )  # fmt: skip
    assert LEAD in article.text and MORE in article.text  # the fact box's table too


def test_a_zip_bomb_dressed_as_a_word_file_is_refused_unread(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"0" * (300 * 2**20))  # 300 MB of zeros: ~300 KB
    assert bomb.stat().st_size < 2 * 2**20
    [refused] = list(load_file(bomb))
    assert isinstance(refused, Problem) and "zip bomb" in refused.message


def message(
    subject: str, body: str, sender: str = "Port Authority <press@port.example>"
) -> EmailMessage:
    mail = EmailMessage()
    mail["Subject"], mail["From"], mail["To"] = subject, sender, "desk@paper.example"
    mail["Date"] = "Mon, 03 Jun 2024 09:30:00 +0000"
    mail.set_content(body)
    return mail


def test_an_email_is_an_article_and_its_attachments_articles_of_their_own(tmp_path: Path) -> None:
    mail = message("Strike over at Tema", f"{LEAD}\n\n{MORE}")
    mail.add_attachment(docx_file(tmp_path / "statement.docx", "Union statement").read_bytes(),
                        maintype="application", subtype="octet-stream",
                        filename="statement.docx")  # fmt: skip
    mail.add_attachment(b"\x89PNG not an article", maintype="image", subtype="png",
                        filename="logo.png")  # fmt: skip
    path = tmp_path / "release.eml"
    path.write_bytes(bytes(mail))
    articles, problems = read(path)
    assert problems == []
    first, attached = articles
    assert (first.title, first.date, first.source) == (
        "Strike over at Tema", "2024-06-03", "Port Authority"
    )  # fmt: skip
    assert LEAD in first.text
    assert attached.title == "Strike over at Tema — Union statement"
    assert attached.path == f"{path}#statement.docx" and LEAD in attached.text


def test_an_html_only_email_is_read_as_a_page(tmp_path: Path) -> None:
    mail = EmailMessage()
    mail["Subject"], mail["From"] = "Ferries resume", "newsroom@ferry.example"
    mail.set_content(f"<html><body><h1>Ferries resume</h1><p>{LEAD}</p><p>{MORE}</p>"
                     "<p><a href='https://ferry.example/unsubscribe'>Unsubscribe</a></p>"
                     "</body></html>", subtype="html")  # fmt: skip
    path = tmp_path / "html.eml"
    path.write_bytes(bytes(mail))
    [article], _ = read(path)
    assert (
        LEAD in article.text
        and "<p>" not in article.text
        and article.source == "newsroom@ferry.example"
    )


def test_a_mailbox_of_100000_messages_is_read_up_to_its_bound(tmp_path: Path) -> None:
    from assistant.ingest.mail_format import MAX_MESSAGES

    path = tmp_path / "releases.mbox"
    box = mailbox.mbox(path)
    box.lock()
    for n in range(3):
        box.add(message(f"Release {n}", f"Release number {n}. {LEAD}"))
    box.flush()
    box.unlock()
    box.close()
    articles, problems = read(path)
    assert [a.title for a in articles] == ["Release 0", "Release 1", "Release 2"]
    assert problems == [] and articles[1].path == f"{path}#2"
    short = EmailMessage()
    short["Subject"], short["From"] = "Flood", "p@port.example"
    short.set_content("Rivers rose.")
    one = b"From p@port.example Mon Jun  3 09:30:00 2024\n" + bytes(short) + b"\n"
    path.write_bytes(one * 100_000)  # 100,000 messages, as an mbox writer lays them out
    assert path.stat().st_size < 20_000_000  # under the file limit: the count is the bound
    articles, problems = read(path)
    assert len(articles) == MAX_MESSAGES
    assert [p.message for p in problems] == [
        f"holds more than {MAX_MESSAGES:,} messages; the first were read, split it for the rest"
    ]


@pytest.mark.parametrize(("name", "markup", "source"), [("story.xml", NITF, "Agence France-Presse"),
                                                      ("item.xml", NEWSML, "Reuters")])  # fmt: skip
def test_wire_xml_gives_headline_byline_date_and_source(
    tmp_path: Path, name: str, markup: str, source: str
) -> None:
    path = tmp_path / name
    path.write_text(markup.format(lead=LEAD, more=MORE), encoding="utf-8")
    [article], problems = read(path)
    assert problems == []
    assert (article.title, article.date, article.source, article.author) == (
        "Tema dockers end nine-day strike", "2024-06-03", source, "Kwame Mensah"
    )  # fmt: skip
    assert LEAD in article.text and MORE in article.text


def test_ninjs_json_is_read_in_both_versions(tmp_path: Path) -> None:
    old = {"uri": "urn:example:1", "headline": "Tema dockers end strike", "byline": "Kwame Mensah",
           "versioncreated": "2024-06-03T09:30:00Z", "body_text": f"{LEAD}\n\n{MORE}",
           "copyrightholder": "AFP"}  # fmt: skip
    new = {"uri": "urn:example:2", "headlines": [{"value": "Ferries resume"}],
           "bodies": [{"contentType": "text/html", "value": f"<p>{LEAD}</p><p>{MORE}</p>"}],
           "firstcreated": "2024-06-04T08:00:00Z", "located": "TEMA"}  # fmt: skip
    path = tmp_path / "wire.json"
    path.write_text(json.dumps([old, new]), encoding="utf-8")
    first, second = read(path)[0]
    assert (first.title, first.date, first.source, first.author) == (
        "Tema dockers end strike", "2024-06-03", "AFP", "Kwame Mensah"
    )  # fmt: skip
    assert (second.title, second.date) == ("Ferries resume", "2024-06-04")
    assert second.text.startswith("TEMA\n\n") and "<p>" not in second.text


def test_billion_laughs_and_external_entities_are_refused_and_the_folder_still_goes_in(
    tmp_path: Path,
) -> None:
    laughs = '<!DOCTYPE nitf [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
    (tmp_path / "laughs.xml").write_text(f"{laughs}<nitf><body>&lol2;</body></nitf>")
    outside = '<!DOCTYPE nitf [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    (tmp_path / "outside.nitf").write_text(f"{outside}<nitf><body>&x;</body></nitf>")
    (tmp_path / "good.xml").write_text(NITF.format(lead=LEAD, more=MORE), encoding="utf-8")
    items = list(load_paths([tmp_path]))
    problems = {Path(p.path).name: p.message for p in items if isinstance(p, Problem)}
    assert "declares XML entities" in problems["laughs.xml"]
    assert "declares XML entities" in problems["outside.nitf"]
    assert [a.title for a in items if isinstance(a, Article)] == [
        "Tema dockers end nine-day strike"
    ]


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_a_web_archive_gives_each_captured_page(tmp_path: Path, name: str) -> None:
    articles, problems = read(warc(tmp_path / name, 3))
    assert [a.title for a in articles] == ["Story 0", "Story 1", "Story 2"]
    assert articles[2].url == "https://news.example/story-2" and LEAD in articles[2].text
    assert [p.message for p in problems] == [
        "1 record(s) that are not article pages (requests, images, ...) skipped"
    ]


def test_a_truncated_web_archive_keeps_the_pages_before_the_cut(tmp_path: Path) -> None:
    whole = warc(tmp_path / "whole.warc.gz", 3).read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    articles, problems = read(cut)
    assert [a.title for a in articles] == ["Story 0", "Story 1"]
    assert any("is truncated or broken" in p.message for p in problems), problems
