"""Which of an article's equally sure reports a watch takes first (``reports.best_report``):
the one whose own sentence names the thing asked, and any story's before a wire's flash.
No model: the offers are written out as ``Assistant.offers`` hands them back."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from assistant.config import Settings
from assistant.records import Citation, Offer
from assistant.watching.reports import best_report

# A notice of two figures under one headline (written for this test, in the wire's way).
CROPS = "USDA ESTIMATES SOVIET WHEAT, COARSE GRAINS"
WHEAT = "The department forecast the Soviet 1986/87 wheat crop at 92.30 mln tonnes."
IMPORTS = "USDA estimated Soviet 1986/87 coarse grain imports at 10.00 mln tonnes."
ESTIMATED = "USDA estimated the Soviet 1986/87 wheat crop at 90 mln tonnes."
CROP_ASKED = "What is USDA's estimate of the Soviet 1986/87 wheat crop?"


def _crop_offer(
    quote: str, value: str, sure: float, article: str = "usda-0309", *, known: bool = True
) -> Offer:
    """An offer of ``value`` quoting ``quote`` (one sentence or more) of the notice."""
    text = f"{WHEAT}\n{IMPORTS}\n{ESTIMATED}"
    start = text.index(quote)
    at = text.index(value, start)
    cited = Citation(n=1, article_id=article, title=CROPS, date="1987-03-09", source="wire",
                     text=text, chunk_start=0, quote=quote, start=start,
                     end=start + len(quote), score=1.0, answer_start=at if known else None,
                     answer_end=at + len(value) if known else None)  # fmt: skip
    return Offer(value, cited, sure)


@dataclass
class Offered:
    """Hands back offers written out, in the order given (``Assistant.offers`` puts the
    reader's choice first, then the rest by margin)."""

    made: list[Offer]
    settings: Settings

    def offers(
        self, question: str, *, date_from: object = None, date_to: object = None
    ) -> list[Offer]:
        return self.made


def _best_of(*made: Offer, question: str = CROP_ASKED) -> str:
    found = best_report(Offered(list(made), Settings(abstain_below=0.5)), question)
    assert found is not None
    return found.value


def test_of_one_articles_as_sure_reports_the_one_naming_the_thing_asked_comes_first() -> None:
    imports = _crop_offer(IMPORTS, "10.00 mln tonnes", 0.99)  # "wheat" only in its headline
    assert _best_of(imports, _crop_offer(WHEAT, "92.30 mln tonnes", 0.98)) == "92.30 mln tonnes"


@pytest.mark.parametrize(
    ("crop_sure", "crop_article"),
    [(0.90, "usda-0309"),  # less sure than the first by more than SAME_SURE
     (0.99, "usda-0310")],  # another article's
)  # fmt: skip
def test_a_report_naming_the_thing_takes_no_place_less_sure_or_from_elsewhere(
    crop_sure: float, crop_article: str
) -> None:
    imports = _crop_offer(IMPORTS, "10.00 mln tonnes", 0.99)
    crop = _crop_offer(WHEAT, "92.30 mln tonnes", crop_sure, crop_article)
    assert _best_of(imports, crop) == "10.00 mln tonnes"


def test_a_first_report_that_names_the_thing_itself_keeps_its_place() -> None:
    """The first names two of the thing's three words: a fellow naming all three does not
    take its place (only a first that passed on its headline gives way)."""
    crop = _crop_offer(WHEAT, "92.30 mln tonnes", 0.99)  # "wheat crop", not "estimate"
    estimated = _crop_offer(ESTIMATED, "90 mln tonnes", 0.99)
    assert _best_of(crop, estimated) == "92.30 mln tonnes"


def test_the_sentence_that_names_the_thing_is_the_one_holding_the_answer() -> None:
    """A quote running on into the next sentence lends that sentence's words to no span."""
    both = _crop_offer(f"{IMPORTS}\n{ESTIMATED}", "10.00 mln tonnes", 0.99)
    assert _best_of(both, _crop_offer(WHEAT, "92.30 mln tonnes", 0.98)) == "92.30 mln tonnes"
    unknown = _crop_offer(IMPORTS, "10.00 mln tonnes", 0.99, known=False)  # no span: the quote
    assert _best_of(unknown, _crop_offer(WHEAT, "92.30 mln tonnes", 0.98)) == "92.30 mln tonnes"


def _flash_offer(headline: str, value: str, sure: float) -> Offer:
    """An offer from a wire's flash: an article that is its headline alone."""
    at = headline.index(value)
    cited = Citation(n=1, article_id="usda-flash", title=headline, date="1987-03-09",
                     source="wire", text=headline, chunk_start=0, quote=headline, start=0,
                     end=len(headline), score=1.0, answer_start=at,
                     answer_end=at + len(value))  # fmt: skip
    return Offer(value, cited, sure)


def test_a_story_s_report_comes_before_a_flash_s_however_sure() -> None:
    """The flash's coarser words pass the guards (its headline is its text), but the story
    under it says which crop; the flash answers only when no story does."""
    flash = _flash_offer("USDA ESTIMATES SOVIET 1986/87 WHEAT CROP AT 90 MLN TONNES.",
                         "90 MLN TONNES", 0.99)  # fmt: skip
    assert flash.citation.flash and not _crop_offer(WHEAT, "92.30 mln tonnes", 0.9).citation.flash
    assert _best_of(flash, _crop_offer(WHEAT, "92.30 mln tonnes", 0.9)) == "92.30 mln tonnes"
    assert _best_of(_crop_offer(WHEAT, "Soviet", 0.99), flash) == "90 MLN TONNES"  # no figure
