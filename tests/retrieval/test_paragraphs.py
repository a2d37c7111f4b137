"""Reading windows: neighbouring chunks joined, grown to whole paragraphs, offsets exact."""

import pytest

from assistant.facade import Assistant
from assistant.records import Passage, StoredChunk
from assistant.retrieval.paragraphs import MAX_WINDOW, neighbours_joined, whole_paragraph

ARTICLE = (
    "Lead paragraph about the attack.\n\n"
    "The Coordination of Azawad Movements (CMA) claimed it. "
    "It had signed a peace agreement in 2015.\n\n"
    "A closing paragraph on the junta."
)


def piece(n: int, start: int, end: int, rank: int = 1) -> Passage:
    return Passage(
        chunk_id=f"a:{n}", article_id="a", title="T", date=None, source="S", url="",
        text=ARTICLE[start:end], start=start, end=end, score=0.5, rank=rank,
    )  # fmt: skip


def stored(n: int, start: int, end: int) -> StoredChunk:
    return StoredChunk(
        id=f"a:{n}", article_id="a", text=ARTICLE[start:end], start=start, end=end,
        title="T", date=None, source="S", url="", date_key=0,
    )  # fmt: skip


CMA = ARTICLE.index("The Coordination")
DEAL = ARTICLE.index("It had signed")
CLOSING = ARTICLE.index("A closing")


def test_neighbouring_chunks_of_one_article_are_read_as_one_window() -> None:
    first, second = piece(1, CMA, DEAL, rank=1), piece(2, DEAL - 5, CLOSING, rank=3)
    [window] = neighbours_joined([first, second])
    assert window.text == ARTICLE[CMA:CLOSING] and window.start == CMA
    assert window.rank == 1  # the better-ranked one's place and scores


def test_chunks_that_are_not_neighbours_stay_apart() -> None:
    apart = [piece(0, 0, CMA), piece(2, DEAL, CLOSING)]
    assert neighbours_joined(apart) == apart
    other = Passage(**{**piece(1, CMA, DEAL).__dict__, "article_id": "b", "chunk_id": "b:1"})
    assert len(neighbours_joined([piece(0, 0, CMA), other])) == 2


def test_a_window_grows_to_the_paragraph_it_sits_in() -> None:
    """The chunk holds only the paragraph's second sentence; the first names the CMA."""
    middle = piece(2, DEAL, DEAL + 30)
    neighbours = [stored(1, 0, DEAL), stored(3, DEAL + 30, len(ARTICLE))]
    grown = whole_paragraph(middle, neighbours)
    assert grown.text == ARTICLE[CMA : CLOSING - 2]
    assert ARTICLE[grown.start : grown.end] == grown.text


def test_a_paragraph_longer_than_a_window_is_read_as_its_chunk() -> None:
    text = "x" * (2 * MAX_WINDOW + 200)
    at = MAX_WINDOW + 100  # too far from either end to grow to one
    passage = Passage(chunk_id="l:1", article_id="l", title="", date=None, source="", url="",
                      text=text[at : at + 100], start=at, end=at + 100, score=0.1)  # fmt: skip
    neighbour = StoredChunk(id="l:0", article_id="l", text=text, start=0, end=len(text),
                            title="", date=None, source="", url="", date_key=0)  # fmt: skip
    assert whole_paragraph(passage, [neighbour]) == passage


@pytest.mark.integration
def test_the_reader_reads_windows_cut_from_the_article(seed_assistant: Assistant) -> None:
    windows = seed_assistant.reading_windows("When did the CMA sign a peace deal?")
    read = windows[: seed_assistant.settings.read_passages]
    for window in read:
        assert seed_assistant.article(window.article_id).text[window.start : window.end] == (
            window.text
        )
    assert any("signed a peace agreement" in w.text and "2015" in w.text for w in read)
