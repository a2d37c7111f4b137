"""A credit rating asked is answered by a grade of the agency's scale, compared as grades."""

from __future__ import annotations

import pytest
from test_context import in_story  # a sentence of a story, cited from the story's start

from assistant.watching.grades import (
    Scale,
    agency_named,
    another_rated_thing,
    grade_in,
    scales_asked,
)
from assistant.watching.reports import reports_on
from assistant.watching.sameness import same_value
from assistant.watching.wanted import Wanted

CHRYSLER = "What rating does Standard and Poor's give Chrysler Corp's senior debt?"
CHI_CHIS = (
    "What rating does Standard and Poor's assign to Chi-Chi's Inc's convertible subordinated "
    "debentures?"
)


@pytest.mark.parametrize(
    ("question", "scales"),
    [(CHRYSLER, {Scale.LETTERS}),
     ("What is Moody's rating of IBM's senior debt?", {Scale.MOODYS}),
     ("How is General Motors' debt rated?", set(Scale)),  # no agency: either scale
     ("What are the Nielsen ratings of CBS's evening news?", set()),  # no rated debt
     ("What is Hudson Bay Mining's U.S. price for high grade zinc?", set()),
     ("What is Citibank's prime rate?", set())],
)  # fmt: skip
def test_a_credit_rating_is_asked_with_an_agency_or_a_rated_debt(
    question: str, scales: set[Scale]
) -> None:
    assert scales_asked(question) == scales


@pytest.mark.parametrize(
    ("value", "grade"),
    [("BBB", "BBB"), ("BB-plus", "BB+"), ("BB+", "BB+"), ("AA-minus", "AA-"),
     ("to BB from BB-plus", "BB"), ("from BB-plus to BB-minus", "BB-"),  # the new grade
     ("BBB rating", "BBB"), ("A-1-plus", "A1+"), ("Baa-2", "Baa2"), ("BA-1", "Ba1"),
     ("Prime-1", "P1"),
     ("185 mln dlrs", ""), ("grading", ""), ("Chrysler", ""), ("Class A", ""),
     ("CCC preferred stock rating", ""), ("B-rated", "")],  # other words: no grade alone
)  # fmt: skip
def test_a_grade_is_read_in_one_spelling(value: str, grade: str) -> None:
    assert grade_in(value) == grade


def test_a_grade_of_the_other_agency_s_scale_is_no_answer() -> None:
    wanted = Wanted.of(CHRYSLER)
    assert wanted.takes("BBB") and wanted.takes("BB-plus")
    assert not wanted.takes("Baa-2")  # Moody's writing, asked Standard and Poor's
    assert not wanted.takes("19 billion dlrs")  # the debt rated, not its rating
    assert Wanted.of("What is Moody's rating of IBM's senior debt?").takes("Aa-1")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("BB-plus", "BB+", True), ("Baa-2", "Baa2", True),
     ("BB-plus", "BB", False), ("A", "A-plus", False), ("A-1", "A-1-plus", False)],
)  # fmt: skip
def test_a_downgrade_is_a_change_however_alike_the_words(a: str, b: str, same: bool) -> None:
    assert same_value(a, b) is same


def test_the_agency_asked_is_the_source_of_its_grades() -> None:
    assert agency_named(CHRYSLER) == "Standard and Poor's"
    assert agency_named("What is Citibank's prime rate?") == ""


@pytest.mark.parametrize(
    ("before", "following", "another"),
    [("The company's senior debt rating is", "", True),
     ("Affirmed were its", "senior debt, AA-minus subordinated debt", True),
     ("said it cut to", "from B-plus 50 mln dlrs of convertible subordinated debentures", False),
     ("its", "senior subordinated notes", False),  # "senior subordinated" is subordinated
     ("It affirmed the", "rating", False)],  # no rated thing said
)  # fmt: skip
def test_a_grade_of_another_rated_thing_is_not_the_one_asked(
    before: str, following: str, another: bool
) -> None:
    assert another_rated_thing(CHI_CHIS, before, following) is another


ALLIS = (  # reuters21578/2284
    "NEW YORK, March 5 - Standard and Poor's Corp said it placed on creditwatch with "
    "developing implications Allis-Chalmers Corp because of the company's recapitalization "
    "plans. Allis-Chalmers carries B-minus senior debt and C-rated preferred stock."
)
CHI_CHI_S_CUT = (  # reuters21578/17667
    "NEW YORK, June 1 - Standard and Poor's Corp said it cut to B from B-plus 50 mln dlrs of "
    "convertible subordinated debentures of Chi-Chi's Inc. The company's senior debt rating "
    "is BB-minus."
)
CHI_CHI_S_WATCH = (  # reuters21578/6072
    "NEW YORK, March 17 - Standard and Poor's Corp said it may downgrade Chi-Chi's Inc's 50 "
    "mln dlrs of B-plus convertible subordinated debentures due 2009."
)


@pytest.mark.parametrize(
    ("question", "story", "answer", "reports"),
    [("What rating does Standard and Poor's give Allis-Chalmers Corp's senior debt?", ALLIS,
      "B-minus", True),  # the agency named in the story's lead is the deeper sentence's source
     ("What rating does Moody's give Allis-Chalmers Corp's senior debt?", ALLIS, "B-minus",
      False),  # another agency's story
     (CHI_CHIS, CHI_CHI_S_CUT, "BB-minus", False),  # senior debt's, not the debentures'
     (CHI_CHIS, CHI_CHI_S_WATCH, "B-plus", True)],  # "may downgrade" its standing B-plus
)  # fmt: skip
def test_a_grade_reported_through_the_guards(
    question: str, story: str, answer: str, reports: bool
) -> None:
    assert reports_on(question, in_story(story, answer)) is reports
