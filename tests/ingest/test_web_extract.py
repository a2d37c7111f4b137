"""Main text and metadata of news pages (assistant/ingest/web_extract.py).

The unit tests use small hand-written pages; the integration test scores the real test set
in ../shared/data/news-html with the benchmark's scorer (benchmarks/extraction.py).
"""

from __future__ import annotations

import logging
import sys

import pytest
from conftest import ROOT, SHARED_DATA

from assistant.ingest.web_extract import ExtractedPage, extract_page

sys.path.insert(0, str(ROOT / "benchmarks"))
from extraction import load_pages, normalise, ours, page_ok, score

URL = "https://news.example.org/environment/2024/03/05/river-clean-up-salmon?utm_source=feed"
CANONICAL = "https://news.example.org/environment/2024/03/05/river-clean-up-salmon"
LEAD = (
    "Ten years after the mills closed, volunteers have pulled four hundred tonnes of waste "
    "from the Elm and the salmon are spawning again."
)
BODY = [
    "When the last paper mill on the Elm shut its gates in 2014, the river below the town was "
    "a brown channel of sludge, tyres and shopping trolleys.",
    "Ten years on, the volunteers have removed four hundred tonnes of waste, planted willows "
    "along both banks and rebuilt two weirs so that fish can climb past them again.",
    "This autumn the county's fisheries officers counted more than three hundred salmon redds "
    "in the gravel beds below the old mill race",
    "the volunteers say they will keep going until the last trolley is out of the water.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>River clean-up brings salmon back | Example News</title>
<meta property="og:title" content="River clean-up brings salmon back to the Elm">
<meta property="og:site_name" content="Example News">
<meta name="description" content="{LEAD}">
<meta property="article:published_time" content="2024-03-05T08:00:00+01:00">
<meta property="article:modified_time" content="2024-03-09T17:45:00+01:00">
<link rel="canonical" href="{CANONICAL}">
<script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "River clean-up brings salmon back to the Elm",
 "author": {{"@type": "Person", "name": "Jane Rivers"}},
 "datePublished": "2024-03-05T08:00:00+01:00"}}
</script>
</head>
<body>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience.
  <button>Accept all cookies</button></div>
<header><nav class="main-nav"><ul>
  <li><a href="/world">World news and analysis</a></li>
  <li><a href="/business">Business and markets today</a></li>
  <li><a href="/sport">Sport results and fixtures</a></li>
</ul></nav></header>
<main>
<div class="article-header">
  <h1>River clean-up brings salmon back to the Elm</h1>
  <p class="standfirst">{LEAD}</p>
</div>
<article>
  <div class="share-buttons"><a href="https://www.facebook.com/sharer?u=x">Share on Facebook</a>
    <a href="https://twitter.com/intent/tweet?url=x">Share on Twitter</a></div>
  <div class="article-body">
    <p>When the last paper mill on the Elm shut its gates in 2014, the river below the town was
    a brown channel of sludge, tyres and shopping trolleys. Anglers had given up on it decades
    earlier, and the council's own survey found no fish at all along a six-mile stretch.</p>
    <p>A group of retired engineers and schoolchildren started pulling rubbish out on Saturday
    mornings. Ten years on, the volunteers have removed four hundred tonnes of waste, planted
    willows along both banks and rebuilt two weirs so that fish can climb past them again.</p>
    <script>document.write('<p>script payload ran</p>'); fetch('https://evil.example/x');</script>
    <img src="x.jpg" onerror="alert('onerror payload ran')" alt="">
    <p>Read also: <a href="/environment/2024/02/01/otters">Otters return to the upper valley</a></p>
    <p>This autumn the county's fisheries officers counted more than three hundred salmon redds
    in the gravel beds below the old mill race, the first confirmed spawning on the Elm since
    records began. "We did not dare to hope for this," said the group's founder, Amira Patel.</p>
    <p>The council has now promised to fund a permanent warden and a monitoring station, and the
    volunteers say they will keep going until the last trolley is out of the water.</p>
  </div>
  <div class="follow">Follow us on Facebook, Twitter and Instagram</div>
</article>
<section id="comments" class="comments">
  <h2>Comments</h2>
  <div class="comment"><p>Brilliant news, I used to fish there as a boy and never thought I
  would see it again.</p></div>
  <div class="comment"><p>Shame the council took ten years to notice what the volunteers were
  doing all along.</p></div>
</section>
<aside class="related"><h2>Related stories</h2><ul>
  <li><a href="/environment/2024/01/10/floods">Floods cost the county millions this winter</a></li>
  <li><a href="/environment/2023/12/02/beavers">Beavers released in the national park</a></li>
</ul></aside>
</main>
<footer><p>© 2024 Example News. All rights reserved.</p>
<a href="/privacy">Privacy and cookie policy</a></footer>
</body>
</html>
"""

BOILERPLATE = [
    "cookies",
    "World news and analysis",
    "Share on Facebook",
    "Follow us on",
    "Brilliant news",  # a comment
    "Shame the council",  # a comment
    "Otters return to the upper valley",  # "Read also" teaser
    "Floods cost the county",  # related stories
    "Beavers released",
    "All rights reserved",
]


@pytest.fixture(scope="module")
def page() -> ExtractedPage:
    return extract_page(PAGE, URL)


def test_keeps_the_article_and_its_lead(page: ExtractedPage) -> None:
    text = normalise(page.text)
    for sentence in [LEAD, *BODY]:
        assert normalise(sentence) in text
    assert text.index("Ten years after the mills closed") < text.index("When the last paper mill")


def test_drops_navigation_banners_sharing_comments_and_teasers(page: ExtractedPage) -> None:
    for snippet in BOILERPLATE:
        assert snippet not in page.text


def test_paragraphs_are_separated_by_one_blank_line(page: ExtractedPage) -> None:
    paragraphs = page.text.split("\n\n")
    assert len(paragraphs) == 5
    assert all(p and p == p.strip() and "\n" not in p for p in paragraphs)


def test_metadata(page: ExtractedPage) -> None:
    assert page.title == "River clean-up brings salmon back to the Elm"
    assert page.author == "Jane Rivers"
    assert page.date == "2024-03-05"  # published, not modified
    assert page.sitename == "Example News"
    assert page.url == CANONICAL


def test_scripts_and_event_handlers_never_reach_the_text(page: ExtractedPage) -> None:
    for payload in ("payload ran", "document.write", "evil.example", "onerror", "<", ">"):
        assert payload not in page.text


def test_url_passed_in_when_the_page_names_none() -> None:
    html = PAGE.replace(f'<link rel="canonical" href="{CANONICAL}">', "")
    html = html.replace('<meta property="og:url"', "<meta")
    assert extract_page(html, CANONICAL).url == CANONICAL


def test_the_date_under_the_headline_beats_a_later_metadata_date() -> None:
    html = PAGE.replace(
        "<h1>River clean-up brings salmon back to the Elm</h1>",
        "<h1>River clean-up brings salmon back to the Elm</h1><p>Stand: 04.03.2024 18:00</p>",
    )
    assert extract_page(html, URL).date == "2024-03-04"


def test_no_date_gives_an_empty_string() -> None:
    # no date anywhere (htmldate would even take a lone year in the text as 1 January)
    sentences = [sentence.replace(" in 2014", "") for sentence in BODY]
    paragraphs = "".join(
        f"<p>{sentence}, and more words to fill a paragraph.</p>" for sentence in sentences
    )
    html = f"<html><head><title>Salmon</title></head><body><article>{paragraphs}</article></body>"
    page = extract_page(html, "https://news.example.org/salmon")
    assert "trolley is out of the water" in page.text
    assert page.date == ""


@pytest.mark.parametrize(
    "markup",
    [
        "",
        "   \n\t ",
        "just some plain words, no markup at all",
        "<html><body><div><p>Unclosed <b>bold <i>text",
        "</p></div><<<>>>&&&#x0;&#xD800;<!-- <![CDATA[ ]]> --><?php ?>",
        "\x00\x01\xff\xfe binary junk \ufffd\x7f",
        "<div>" * 3000 + "deep" + "</div>" * 3000,
        '<?xml version="1.0" encoding="iso-8859-1"?><html><body><p>déclaré</p></body></html>',
    ],
)
def test_odd_input_never_raises(markup: str) -> None:
    page = extract_page(markup, "not a url")
    assert isinstance(page, ExtractedPage)
    assert "\x00" not in page.text


def test_plain_text_and_broken_markup_keep_their_words() -> None:
    assert "plain words" in extract_page("just some plain words, no markup at all").text
    assert "Unclosed bold text" in extract_page("<html><body><p>Unclosed <b>bold <i>text").text
    assert extract_page("").text == ""


def test_trafilatura_and_htmldate_stay_quiet(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        extract_page("<html><body><p>too short</p></body></html>", "https://x.example/a")
    assert not [r for r in caplog.records if r.name.split(".")[0] in ("trafilatura", "htmldate")]


def test_scorer_normalises_whitespace_and_unicode() -> None:
    gold = {"with": ["Café  au\nlait"], "without": ["Read more"]}
    assert page_ok("un cafe\u0301 au lait", gold) == (["Café  au\nlait"], [])
    assert page_ok("Cafe\u0301 au   lait", gold) == ([], [])
    assert page_ok("Café au lait. Read more", gold) == ([], ["Read more"])


@pytest.mark.integration
@pytest.mark.shared_data
def test_real_news_pages_beat_the_target() -> None:
    folder = SHARED_DATA / "news-html"
    if not (folder / "gold.jsonl").exists():
        pytest.skip(
            "../shared/data/news-html is not here: the test set is read in place and never "
            "copied into the repository"
        )
    figures = score(ours, load_pages(folder))
    assert figures.pages == 141
    assert figures.share >= 0.80, figures.wrong
    assert figures.date_share >= 0.90, figures.wrong
