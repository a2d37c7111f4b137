"""The one definition of the ``[n]`` citation marker, plain and escaped."""

from assistant.text.markers import MARKER, escaped_marker, marker_numbers, without_markers


def test_markers_go_with_the_space_before_them() -> None:
    text = "Five soldiers died [2] [10] in Gao [3]. The year [2024] too."
    assert without_markers(text) == "Five soldiers died in Gao. The year too."
    assert marker_numbers(text) == (2, 10, 3, 2024)
    assert marker_numbers("no markers, [a] [ 1] [-1]") == ()
    assert without_markers("[1]Lead [1]") == "Lead"
    assert MARKER.pattern == r"\s*\[(\d+)\]"


def test_escaped_markers_are_found_as_markdown_and_html_write_them() -> None:
    markdown = escaped_marker("\\[", "\\]", most_digits=2)
    assert markdown.pattern == r"\\\[(\d{1,2})\\\]"
    assert markdown.sub(r"[\1]", r"Gao \[3\] \[12\] \[123\] [4]") == r"Gao [3] [12] \[123\] [4]"
    html = escaped_marker("&#91;", "&#93;", most_digits=3)
    assert html.findall("&#91;7&#93; &#91;1000&#93; &#91;x&#93; [8]") == ["7"]
