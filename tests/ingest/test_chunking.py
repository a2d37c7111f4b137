import itertools

from conftest import SEED
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.ingest.chunking import chunk_article, chunk_text
from assistant.ingest.documents import Record, build_article, normalise_text
from assistant.text.sentences import split_sentences


def seed_article():
    text = SEED.read_text(encoding="utf-8")
    return build_article(Record(text=text, path=str(SEED), file_stem=SEED.stem))


def test_chunks_point_exactly_into_the_article() -> None:
    article = seed_article()
    chunks = chunk_article(article, max_chars=520, overlap=1)
    assert len(chunks) > 3
    for n, chunk in enumerate(chunks):
        assert chunk.id == f"{article.id}:{n}"
        assert article.text[chunk.start : chunk.end] == chunk.text
        assert len(chunk.text) <= 520


def test_chunks_cover_every_sentence_and_overlap_by_one() -> None:
    article = seed_article()
    chunks = chunk_article(article, max_chars=400, overlap=1)
    for sentence in split_sentences(article.text):
        assert any(c.start <= sentence.start and sentence.end <= c.end for c in chunks)
    for first, second in itertools.pairwise(chunks):
        assert second.start < first.end  # one shared sentence
        assert second.start > first.start


def test_chunking_is_deterministic() -> None:
    article = seed_article()
    assert chunk_article(article) == chunk_article(article)


def test_a_sentence_longer_than_a_chunk_is_cut_at_spaces() -> None:
    text = " ".join(["word"] * 300) + "."
    spans = chunk_text(text, max_chars=100, overlap=0)
    assert all(s.end - s.start <= 100 for s in spans)
    assert "".join(text[s.start : s.end] for s in spans).replace(" ", "") == text.replace(" ", "")


# Property tests: for any text, chunks are exact slices, within the size limit, and
# together hold every non-space character of the text (nothing lost between chunks).
texts = st.text(
    alphabet=st.sampled_from(list("abc XYZ.!?\n\t'\"()0123456789,é—")), min_size=0, max_size=800
)


@settings(max_examples=200, deadline=None)
@given(text=texts, max_chars=st.integers(80, 400), overlap=st.integers(0, 2))
def test_property_chunks_are_exact_and_lossless(text: str, max_chars: int, overlap: int) -> None:
    text = normalise_text(text)
    spans = chunk_text(text, max_chars, overlap)
    covered = [False] * len(text)
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert span.end - span.start <= max_chars
        for i in range(span.start, span.end):
            covered[i] = True
    assert all(covered[i] or text[i].isspace() for i in range(len(text)))


@settings(max_examples=100, deadline=None)
@given(text=texts)
def test_property_ids_are_stable(text: str) -> None:
    record = Record(text=text, path="x.txt", file_stem="x")
    first, second = build_article(record), build_article(record)
    assert first == second
    if first is not None:
        assert chunk_article(first) == chunk_article(second)
