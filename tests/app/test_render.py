"""Everything an article says is shown as text, never run or rendered as markup."""

import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.app.render import (
    _in_context,
    answer_html,
    article_html,
    citation_html,
    highlighted,
    inert,
)
from assistant.records import Answer, AnswerTime, Article, Citation

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click me](javascript:alert(1))",
    "![x](http://evil.example/x.png)",
    '<a href="javascript:alert(1)">link</a>',
    "**bold** _it_ `code` $$x^2$$ # heading",
    '"><svg onload=alert(1)>',
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_inert_leaves_no_markup_characters(payload: str) -> None:
    escaped = inert(payload)
    outside_entities = re.sub(r"&#?\w+;", "", escaped)
    assert not re.search(r"[<>\"'`*_\[\]()$#!:]", outside_entities)
    assert "javascript:" not in escaped  # the colon is an entity too


def test_inert_keeps_plain_text_readable_and_paragraphs() -> None:
    assert inert("Mali’s army — five soldiers") == "Mali’s army — five soldiers"
    assert inert("One.\n\nTwo.") == "One.<br><br>Two."


def test_highlight_marks_exactly_the_quote() -> None:
    html = highlighted("Before. The quote. After.", 8, 18)
    assert html == 'Before. <mark class="support">The quote.</mark> After.'


def make_citation(text: str, quote_start: int, quote_end: int) -> Citation:
    return Citation(
        n=1, article_id="x", title="<b>Title</b>", date=None, source="<i>src</i>", url="",
        text=text, chunk_start=100, quote=text[quote_start:quote_end],
        start=100 + quote_start, end=100 + quote_end, score=1.0,
    )  # fmt: skip


def test_citation_and_answer_html_escape_every_article_string() -> None:
    payload = HOSTILE[0] + HOSTILE[1]
    citation = make_citation(f"Intro. {payload} ends.", 7, 7 + len(payload))
    answer = Answer(
        question=payload, text=f"{payload} [1]", citations=(citation,), abstained=False,
        standalone_question=payload + "?", short_answer=payload,
    )  # fmt: skip
    for html in (citation_html(citation), answer_html(answer)):
        assert "<script" not in html and "<img" not in html and "onerror=" not in html
        assert "<b>" not in html and "<i>" not in html
        assert "&lt;script&gt;" in html
    assert '<mark class="support">' in citation_html(citation)


def test_the_answer_is_marked_inside_its_supporting_sentence() -> None:
    text = "Intro here. Five soldiers were killed and 11 are missing. Then more."
    start = text.index("Five")
    end = text.index(" Then")
    answer_at = 100 + text.index("11")
    citation = replace(
        make_citation(text, start, end), answer_start=answer_at, answer_end=answer_at + 2
    )
    html = citation_html(citation)
    marked = '<mark class="answer-span">11</mark>'
    assert f'<mark class="support">Five soldiers were killed and {marked}' in html
    related = citation_html(replace(citation, supports=False, answer_start=None, answer_end=None))
    assert "<mark" not in related and '<span class="tag">related</span>' in related
    assert "citation related" in related


def test_bidi_controls_in_article_strings_cannot_turn_the_page_around() -> None:
    title = "Flood \u202e2024-06-05\u202c \u2066report"
    citation = make_citation("Water \u202erose\u202c.", 0, 12)
    html = citation_html(replace(citation, title=title, source="Wire\u2067"))
    assert "Flood 2024&#45;06&#45;05 report" in html and "Wire" in html
    assert not any(ch in html for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2069")


def test_article_view_escapes_text_and_only_links_http_urls() -> None:
    article = Article(id="a", title="T", text="<script>x()</script>", url="javascript:alert(1)")
    html = article_html(article, 0, 8)
    assert "<script" not in html and "href" not in html
    safe = Article(id="a", title="T", text="t", url='https://example.org/a"onmouseover="x')
    assert 'href="https://example.org/a&quot;onmouseover=&quot;x"' in article_html(safe)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab .\n")), min_size=1, max_size=400),
    data=st.data(),
    context=st.integers(0, 200),
)
def test_property_context_keeps_the_quote_exactly(text: str, data, context: int) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    piece, a, b = _in_context(text, start, end, context)
    assert piece[a:b] == text[start:end]


def test_a_note_on_unread_time_words_offers_no_undo() -> None:
    """The page's "Search every date instead" undoes a read window; with nothing read
    there is nothing to undo (issue 28)."""
    note = "I did not read 'during <b>Ramadan</b>' as dates; searching every date."
    unread = Answer("q", "five [1]", (), False, time=AnswerTime(unread="x", note=note))
    read = Answer("q", "five [1]", (), False, time=AnswerTime(label="articles from 2019", note="n"))
    shown = answer_html(unread)
    assert "during &lt;b&gt;Ramadan&lt;/b&gt;" in shown and "time-off" not in shown
    assert 'href="#time-off"' in answer_html(read)
