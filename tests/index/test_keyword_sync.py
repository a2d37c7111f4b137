"""The keyword index as it is kept in line with the store: each chunk is searched with its
headline, as it is embedded with it. A real Chroma index; vectors from the hashing
embedder (no model needed)."""

from __future__ import annotations

import pytest
from conftest import fake_archive

from assistant.facade import Assistant

NOTICES = [
    ("air", "AIR PRODUCTS AND CHEMICALS INC <APD> IN PAYOUT",
     "ALLENTOWN, Pa., March 19 - Qtly div 20 cts vs 20 cts prior. Pay May 11."),
    ("dow", "DOW CHEMICAL CO <DOW> REGULAR DIVIDEND",
     "MIDLAND, MICH., March 12 - Qtly div 50 cts vs 50 cts prior. Pay April 30."),
    ("nynex", "NYNEX <NYN> INCREASES QTRLY CASH DIVIDEND",
     "NEW YORK, March 19 - Nynex Corp said it is raising its quarterly dividend to 95 cts."),
]  # fmt: skip


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    rows = [{"id": i, "title": t, "text": x, "date": "1987-03-19"} for i, t, x in NOTICES]
    return fake_archive(tmp_path_factory, "wire", rows)


def test_a_name_only_in_the_headline_finds_its_article(archive: Assistant) -> None:
    retriever = archive.retriever
    retriever.refresh()  # type: ignore[attr-defined]
    keyword = retriever.keyword  # type: ignore[attr-defined]
    hits = keyword.search("What quarterly dividend does Air Products and Chemicals pay?", 3)
    assert hits[0].chunk_id == "wire/air:0"  # "air", "products" are in its headline alone
    assert keyword.search("Nynex dividend", 3)[0].chunk_id == "wire/nynex:0"
