import json
from pathlib import Path

from conftest import SEED

from assistant.ingest.loaders import find_files, load_file, load_paths
from assistant.records import Article, Problem, headline_only


def load(path: Path) -> tuple[list[Article], list[Problem]]:
    items = list(load_file(path))
    return [i for i in items if isinstance(i, Article)], [
        i for i in items if isinstance(i, Problem)
    ]


def test_founding_article_metadata() -> None:
    [article], problems = load(SEED)
    assert problems == []
    assert article.title == "Lere attack"
    assert article.date == "2024-05-27"
    assert article.source == "Agence France-Presse"
    assert article.text.startswith("Mon. May 27th, 2024")
    # comment-form debris after the article is not part of it
    assert "Leave a Reply" not in article.text
    assert article.text.endswith("Agence France-Presse")


def test_html_keeps_text_and_drops_scripts_styles_and_markup(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(
        """<html><head><title>Site | Floods hit the valley</title>
        <meta property="og:title" content="Floods hit the valley">
        <meta property="article:published_time" content="2023-04-02T08:00:00Z">
        <meta property="og:site_name" content="Valley Herald">
        <style>p { color: red }</style><script>var secret = 1;</script></head>
        <body><h1>Floods hit the valley</h1><p>Rain fell for <b>three</b> days.</p>
        <script>alert('x')</script><noscript>enable js</noscript>
        <p>The river rose 2 metres.</p></body></html>""",
        encoding="utf-8",
    )
    [article], _ = load(page)
    assert article.title == "Floods hit the valley"
    assert article.date == "2023-04-02"
    assert article.source == "Valley Herald"
    assert "Rain fell for three days." in article.text
    assert "The river rose 2 metres." in article.text
    for leaked in ("secret", "alert", "color", "<", "enable js"):
        assert leaked not in article.text


def test_bylines_are_kept_from_every_format(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "---\ntitle: Port strike ends\nsource: Harbour News\nauthor: Ana Lima\n---\n"
        "Dockers voted.\n"
    )
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"title": "Floods", "text": "Rain fell.", "author": ["Li Wei", "Jo Park"]})
        + "\n"
    )
    (tmp_path / "c.html").write_text(
        '<html><head><meta name="author" content="Sam Obi"><title>Storm</title></head>'
        "<body><article><h1>Storm</h1><p>The storm closed the port of Lagos on Monday, "
        "officials said, and ships waited outside for two days.</p></article></body></html>"
    )
    articles = [a for a in load_paths([tmp_path]) if isinstance(a, Article)]
    assert {a.title: a.author for a in articles} == {
        "Port strike ends": "Ana Lima", "Floods": "Li Wei, Jo Park", "Storm": "Sam Obi",
    }  # fmt: skip


def test_markdown_front_matter_heading_and_links(tmp_path: Path) -> None:
    page = tmp_path / "note.md"
    page.write_text(
        "---\ntitle: Port strike ends\ndate: 2021-09-14\nsource: Harbour News\n---\n"
        "# Port strike ends\n\nDockers voted **to return** after [talks](http://example.com).\n",
        encoding="utf-8",
    )
    [article], _ = load(page)
    assert (article.title, article.date, article.source) == (
        "Port strike ends", "2021-09-14", "Harbour News",
    )  # fmt: skip
    assert "Dockers voted to return after talks." in article.text
    assert "http" not in article.text


def test_json_and_jsonl_records_keep_their_ids_and_metadata(tmp_path: Path) -> None:
    records = [
        {
            "id": "a1",
            "title": "One",
            "text": "First story.",
            "date": "2020-01-02",
            "source": "Wire",
        },
        {"id": "a2", "title": "Two", "body": "Second story.", "url": "https://example.org/2"},
    ]
    (tmp_path / "feed.json").write_text(json.dumps(records), encoding="utf-8")
    (tmp_path / "feed2.jsonl").write_text(
        "\n".join(json.dumps(r) for r in records), encoding="utf-8"
    )
    for name in ("feed.json", "feed2.jsonl"):
        articles, problems = load(tmp_path / name)
        assert problems == []
        stem = Path(name).stem
        assert [a.id for a in articles] == [f"{stem}/a1", f"{stem}/a2"]
        assert articles[0].date == "2020-01-02" and articles[0].source == "Wire"
        assert articles[1].text == "Second story." and articles[1].url == "https://example.org/2"


def test_one_bad_jsonl_line_is_reported_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(
        '{"id": 1, "text": "Good one."}\n{"id": 2, "text": broken}\n[1, 2]\n'
        '{"id": 4, "text": "Good four."}\n',
        encoding="utf-8",
    )
    articles, problems = load(path)
    assert [a.text for a in articles] == ["Good one.", "Good four."]
    assert [p.path for p in problems] == [f"{path}:2", f"{path}:3"]
    assert "not valid JSON" in problems[0].message


def test_bad_files_are_skipped_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n ", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "broken.json").write_text('{"text": "unterminated', encoding="utf-8")
    (tmp_path / "garbage.txt").write_bytes(b"text \x81\x8d\x8f\x90\x9d" * 20)
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "doc.rtf").write_bytes(b"{\\rtf1 text}")
    (tmp_path / "good.txt").write_text("A good article. It has text.", encoding="utf-8")
    items = list(load_paths([tmp_path]))
    articles = [i for i in items if isinstance(i, Article)]
    problems = {Path(p.path).name: p.message for p in items if isinstance(p, Problem)}
    assert [a.text for a in articles] == ["A good article. It has text."]
    assert "empty" in problems["empty.txt"]
    assert "no text" in problems["blank.txt"]
    assert "binary" in problems["binary.txt"]
    assert "not valid JSON" in problems["broken.json"]
    assert "neither UTF-8 nor Windows-1252" in problems["garbage.txt"]
    assert "is not a PDF that can be read" in problems["doc.pdf"]
    assert "unsupported type .rtf" in problems["doc.rtf"]


def test_latin1_text_is_read_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\u00e9 owners in S\u00e3o Paulo protested.".encode("latin-1"))
    articles, problems = load(path)
    assert articles[0].text == "Café owners in São Paulo protested."
    assert problems and not problems[0].skipped and "Windows-1252" in problems[0].message


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("word " * 1000, encoding="utf-8")
    problems = [p for p in load_file(path, max_bytes=1000) if isinstance(p, Problem)]
    assert "over the 1,000-byte limit" in problems[0].message


def test_missing_paths_and_paths_outside_the_folder(tmp_path: Path) -> None:
    inside = tmp_path / "corpus"
    inside.mkdir()
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("Secret.", encoding="utf-8")
    link = inside / "link.txt"
    link.symlink_to(outside)
    found = list(find_files([inside / "nope.txt", outside, inside], within=inside))
    messages = [str(f) for f in found if isinstance(f, Problem)]
    assert any("nope.txt: does not exist" in m for m in messages)
    assert any("elsewhere.txt: is outside" in m for m in messages)
    assert any("link.txt: points outside" in m for m in messages)
    assert not [f for f in found if isinstance(f, Path)]


def test_same_text_gives_the_same_id_and_changed_text_another(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b" / "a.txt"
    b.parent.mkdir()
    a.write_text("Same words here.", encoding="utf-8")
    b.write_text("Same words here.", encoding="utf-8")
    [first], _ = load(a)
    [second], _ = load(b)
    assert first.id == second.id
    b.write_text("Other words here.", encoding="utf-8")
    [third], _ = load(b)
    assert third.id != first.id


def test_control_characters_and_terminal_escapes_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "escapes.txt"
    body = "The river rose two metres overnight and the ferry stayed in port. " * 3
    path.write_text(f"Red \x1b[31malert\x1b[0m text.\x07 Zero\u200bwidth. {body}", encoding="utf-8")
    [article], _ = load(path)
    assert "\x1b" not in article.text and "\x07" not in article.text
    assert article.text.startswith("Red [31malert[0m text. Zerowidth. The river")


def test_deeply_nested_json_is_one_problem_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "arrays.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp_path / "objects.json").write_text('{"a":' * 50_000 + "1" + "}" * 50_000)
    (tmp_path / "lines.jsonl").write_text(
        "[" * 100_000 + "]" * 100_000 + '\n{"text": "Rain fell on Oslo for a week."}\n'
    )
    (tmp_path / "good.txt").write_text("Snow closed the pass on Tuesday.", encoding="utf-8")
    items = list(load_paths([tmp_path]))
    texts = sorted(i.text for i in items if isinstance(i, Article))
    assert texts == ["Rain fell on Oslo for a week.", "Snow closed the pass on Tuesday."]
    deep = sorted(Path(p.path).name for p in items if isinstance(p, Problem))
    assert deep == ["arrays.json", "lines.jsonl:1", "objects.json"]
    assert all("nested too deeply" in p.message for p in items if isinstance(p, Problem))


def test_a_link_out_of_a_folder_is_not_read(tmp_path: Path) -> None:
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    corpus.mkdir()
    (outside / "deep").mkdir(parents=True)
    (outside / "secret.txt").write_text("Server secret.", encoding="utf-8")
    (outside / "deep" / "also.txt").write_text("Another secret.", encoding="utf-8")
    (corpus / "link.txt").symlink_to(outside / "secret.txt")
    (corpus / "folder").symlink_to(outside / "deep")  # links to folders are not followed
    (corpus / "story.txt").write_text("A story.", encoding="utf-8")
    (corpus / "same.txt").symlink_to(corpus / "story.txt")  # a link inside is fine
    found = list(find_files([corpus]))
    assert [f.name for f in found if isinstance(f, Path)] == ["story.txt", "story.txt"]
    [problem] = [f for f in found if isinstance(f, Problem)]
    assert problem.path.endswith("link.txt") and "points outside" in problem.message


def test_markdown_links_with_parentheses_and_yaml_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(
        "---\ntitle: \"He said \\\"no\\\" twice\"\ndate: 2024-05-27\nsource: 'O''Brien Post'\n"
        "---\nRead [the report](javascript:alert(1)) and ![chart](a_(b).png) today.\n",
        encoding="utf-8",
    )
    [article], _ = load(path)
    assert article.title == 'He said "no" twice'
    assert article.source == "O'Brien Post" and article.date == "2024-05-27"
    assert article.text == "Read the report and chart today."


def test_records_without_text_are_skipped_and_files_name_no_source(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"title": "", "text": " "}\n{"title": "T", "text": "Body."}\n')
    articles, problems = load(feed)
    assert [a.title for a in articles] == ["T"] and articles[0].source == "feed"
    assert problems[0].path.endswith("feed.jsonl#1") and "no text" in problems[0].message
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    (uploads / "story.txt").write_text("Storm\n\nWind felled trees.", encoding="utf-8")
    [article], _ = load(uploads / "story.txt")
    assert article.source == ""  # not "uploads": a folder's name is not a publisher


def test_a_record_of_a_headline_alone_is_a_flash_read_as_its_headline(tmp_path: Path) -> None:
    feed = tmp_path / "wire.jsonl"
    flash = "MARATHON RAISES CRUDE POSTED PRICES 50 CTS A BBL, WTI AT 17 DLRS/BBL."
    feed.write_text(json.dumps({"id": 2174, "title": f" {flash}\n", "text": ""}) + "\n")
    [article], problems = load(feed)
    assert not problems
    assert article.text == article.title == flash and article.id == "wire/2174"
    assert headline_only(article.title, article.text, 0)
    assert not headline_only("MARATHON RAISES PRICES", "Marathon raised its prices.", 0)
    assert not headline_only(flash, flash, 120)  # a chunk deeper in an article


def test_invisible_format_characters_leave_title_source_and_text(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps(
            {
                "title": "Flood \u202e2024-06-05\u202c report\u2066",
                "source": "Daily\u200f \u2067Wire\u2069",
                "text": "Water\u200b rose.\u202d Family 👩\u200d👩\u200d👧 safe. می\u200cخواهم.",
            }
        ),
        encoding="utf-8",
    )
    [article], _ = load(path)
    assert article.title == "Flood 2024-06-05 report" and article.source == "Daily Wire"
    assert article.text == "Water rose. Family 👩\u200d👩\u200d👧 safe. می\u200cخواهم."


def test_a_date_after_today_is_doubted_and_said_so(tmp_path: Path) -> None:
    """Issue 26: an article dated 2099 won every "latest" answer; it is indexed undated."""
    records = [
        {"id": "future", "title": "Toll rises", "date": "2099-01-01", "text": "Nine were killed."},
        {"id": "past", "title": "Toll", "date": "2024-05-27", "text": "Five were killed."},
    ]
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    articles, problems = load(path)
    assert [a.date for a in articles] == [None, "2024-05-27"]
    [note] = problems
    assert not note.skipped and "dated 2099-01-01, after today; indexed as undated" in note.message
