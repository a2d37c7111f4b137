"""Real documents made by the programs that write them, for the format tests: HTML pages
printed to PDF by Chromium (through Playwright, Debian's browser), with running headers
and page numbers as a newspaper's e-paper edition has them; Word files by python-docx;
web archives by warcio; NITF and NewsML-G2 as IPTC's specifications lay them out."""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from pathlib import Path

from app_process import launch_chromium

LEAD = "Dockers in Tema voted on Monday to end their nine-day strike after a pay offer."
MORE = "Ships began unloading on Tuesday morning, the port authority said."

HEADER = '<div style="font-size:9px;width:100%;text-align:center">The Daily Example</div>'
FOOTER = (
    '<div style="font-size:9px;width:100%;text-align:center">'
    'Page <span class="pageNumber"></span></div>'
)


def article_html(headline: str, byline: str, paragraphs: Sequence[str], columns: int = 1) -> str:
    """A printed news page: a headline across the top, then the story in ``columns``."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        "<html><head><style>body{font-family:serif;font-size:13px} h1{font-size:30px}"
        f".story{{column-count:{columns};column-gap:36px;text-align:justify}}"
        "p{margin:0 0 10px 0}</style></head><body>"
        f"<h1>{html.escape(headline)}</h1><p><em>{html.escape(byline)}</em></p>"
        f'<div class="story">{body}</div></body></html>'
    )


def front_page_html(
    masthead: str, stories: Sequence[tuple[str, Sequence[str]]], pull_quote: str = ""
) -> str:
    """A newspaper front page: a masthead, the first story across the page in two columns,
    the others side by side under it, each under its own headline; ``pull_quote`` (words
    of the second story) set large inside it."""

    def paragraphs(texts: Sequence[str]) -> str:
        return "".join(f"<p>{html.escape(t)}</p>" for t in texts)

    (top, top_text), *rest = stories
    pull = f'<p class="pull">{html.escape(pull_quote)}</p>' if pull_quote else ""
    row = "".join(
        f"<div><h2>{html.escape(title)}</h2>{paragraphs(texts[:1])}{pull if n == 0 else ''}"
        f"{paragraphs(texts[1:])}</div>"
        for n, (title, texts) in enumerate(rest)
    )
    return (
        "<html><head><style>body{font-family:serif;font-size:12px} .mast{font-size:11px;"
        "text-align:center} h1{font-size:30px;margin:14px 0 8px} h2{font-size:24px;"
        "margin:20px 0 8px} .cols{column-count:2;column-gap:30px;text-align:justify}"
        ".row{display:flex;gap:30px} .row>div{flex:1} p{margin:0 0 8px}"
        ".pull{font-size:21px;font-style:italic;margin:10px 0}</style></head><body>"
        f'<div class="mast">{html.escape(masthead)}</div><h1>{html.escape(top)}</h1>'
        f'<div class="cols">{paragraphs(top_text)}</div><div class="row">{row}</div>'
        "</body></html>"
    )


def print_pdf(page_html: str, out: Path, running_heads: bool = True) -> Path:
    """``page_html`` printed to ``out`` by Chromium (A4), with a running header and page
    numbers when asked."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page()
            page.set_content(page_html, wait_until="load")
            page.pdf(path=str(out), format="A4", display_header_footer=running_heads,
                     header_template=HEADER, footer_template=FOOTER,
                     margin={"top": "25mm", "bottom": "25mm", "left": "18mm",
                             "right": "18mm"})  # fmt: skip
        finally:
            browser.close()
    return out


def docx_file(path: Path, title: str = "Port strike ends") -> Path:
    from docx import Document

    document = Document()
    document.core_properties.title = title
    document.core_properties.author = "Kwame Mensah"
    document.add_heading(title, level=1)
    document.add_paragraph("TEMA, Ghana, 3 June 2024")
    document.add_paragraph(LEAD)
    table = document.add_table(rows=1, cols=1)
    table.rows[0].cells[0].text = MORE
    document.save(str(path))
    return path


NITF = """<?xml version="1.0" encoding="UTF-8"?>
<nitf version="-//IPTC//DTD NITF 3.6//EN">
  <head>
    <title>Port strike ends</title>
    <docdata>
      <doc-id id-string="AFP-20240603-0001"/>
      <date.issue norm="20240603T093000Z"/>
      <doc.copyright holder="Agence France-Presse"/>
    </docdata>
  </head>
  <body>
    <body.head>
      <hedline><hl1>Tema dockers end nine-day strike</hl1></hedline>
      <byline>By Kwame Mensah</byline>
      <dateline><location>TEMA, Ghana</location>, June 3</dateline>
    </body.head>
    <body.content><p>{lead}</p><p>{more}</p></body.content>
  </body>
</nitf>"""
NEWSML = """<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">
  <itemSet>
    <newsItem guid="urn:newsml:example.com:20240603:strike" version="1" standard="NewsML-G2">
      <itemMeta><versionCreated>2024-06-03T09:30:00Z</versionCreated></itemMeta>
      <contentMeta>
        <headline>Tema dockers end nine-day strike</headline>
        <by>By Kwame Mensah</by>
        <creditline>Reuters</creditline>
      </contentMeta>
      <contentSet>
        <inlineXML contenttype="application/xhtml+xml">
          <html xmlns="http://www.w3.org/1999/xhtml"><body><p>{lead}</p><p>{more}</p></body></html>
        </inlineXML>
      </contentSet>
    </newsItem>
  </itemSet>
</newsMessage>"""


def warc(path: Path, pages: int) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.suffix == ".gz")
        for n in range(pages):
            story = f"<h1>Story {n}</h1><p>{LEAD} Report {n}.</p><p>{MORE}</p>"
            html = f"<html><head><title>Story {n}</title></head><body><article>{story}"
            html += "</article></body></html>"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")  # fmt: skip
            writer.write_record(writer.create_warc_record(
                f"https://news.example/story-{n}", "response",
                payload=io.BytesIO(html.encode()), http_headers=headers))  # fmt: skip
        logo = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://news.example/logo.png", "response", payload=io.BytesIO(b"\x89PNG"),
            http_headers=logo))  # fmt: skip
    return path
