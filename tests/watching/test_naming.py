"""The names a watch's question gives, and whether a report gives them: as written, a
country under another of its names, a run of names under its initials."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.records import Citation
from assistant.watching.naming import (
    another_of_its_family,
    aside_names,
    gives_names,
    names_given,
    names_of,
    source_names,
    without_asides,
)
from assistant.watching.reports import reports_on


@pytest.mark.parametrize(
    ("text", "first", "names"),
    [("What is the West German (Bundesbank) discount rate?", False, ["west", "german"]),
     ("What is Citibank's U.S. prime rate?", False, ["citibank", "u.s."]),
     ("Argentina debt talks with creditor banks", True, ["argentina"]),
     ("What's new on OPEC?", True, ["opec"]),
     ("What is Marathon Petroleum's posted price?", False, ["marathon"]),  # "Marathon's"
     ("What is Capitol Bancorp's quarterly dividend?", False, ["capitol"]),
     ("What is the highest offer for Purolator Courier Corp?", False, ["purolator"]),
     ("What is Hudson Bay Mining and Smelting's zinc price?", False, ["hudson", "bay"]),
     ("What is the estimate of the May/September Bahia cocoa crop?", False, ["bahia"]),
     ("What dividend does K mart Corp pay?", False, ["k mart"]),  # a name styled so
     ("How many U.S.-built new cars did automakers sell?", False, ["u.s."]),  # where made
     ("What does Coca-Cola Co pay?", False, ["coca-cola"])],
)  # fmt: skip
def test_the_names_a_question_or_query_gives(text: str, first: bool, names: list[str]) -> None:
    assert names_of(text, first=first) == names


def test_a_story_must_name_what_the_query_names() -> None:
    names = names_of("Argentina debt talks with creditor banks", first=True)
    assert names_given(names, "Argentina's debt talks resume.", "")
    assert names_given(names, "Talks with creditor banks resume.", "ARGENTINA DEBT TALKS")
    assert not names_given(names, "Brazil's debt talks with creditor banks resume.", "BRAZIL")


def test_a_country_asked_by_one_name_is_given_by_another() -> None:
    names = names_of("What are British clearing banks' base lending rates?")
    assert names == ["british"]
    assert names_given(names, "Barclays cut its base rate to 10.5 pct.", "U.K. CLEARING BANKS")
    assert names_given(names, "Britain's clearing banks cut base rates.", "")
    assert not names_given(names, "Hongkong Bank cut its prime rate.", "HONG KONG PRIME RATE")


def test_the_dollar_unqualified_names_the_us() -> None:
    """ "The dollar was fixed lower at 1.8063 marks" (reuters21578/10751) is the U.S.
    dollar's fixing; "the Australian dollar" is not."""
    names = names_of("At what rate was the U.S. dollar fixed at the latest Frankfurt fixing?")
    assert names == ["u.s.", "frankfurt"]
    fixing = "FRANKFURT, March 30 - The dollar was fixed lower at 1.8063 marks."
    assert names_given(names, fixing, "")
    assert not names_given(names, fixing.replace("The dollar", "The Australian dollar"), "")
    assert not names_given(names, fixing.replace("The dollar", "Sterling"), "")


WTI = "What is Marathon Petroleum's posted price for West Texas Intermediate crude?"


def test_a_us_state_asked_is_given_by_its_dateline_s_short_form() -> None:
    names = names_of("What does Peoples Savings Bank of Worcester, Massachusetts pay?")
    assert names_given(
        names, "WORCESTER, Mass., March 19 - Qtly div 12 cts", "PEOPLES SAVINGS BANK"
    )
    assert not names_given(names, "WORCESTER, Calif. - Qtly div 12 cts", "PEOPLES SAVINGS BANK")
    assert not names_given(names, "It reached a critical mass. Qtly div", "PEOPLES SAVINGS BANK")


@pytest.mark.parametrize(
    ("question", "names"),
    [("Who is chairman of Allegis Corp (formerly UAL Inc, the parent of United Airlines)?",
      [["ual"]]),
     ("What dividend does Peoples Savings Bank (ticker PEBW) pay?", [["pebw"]]),
     ("How much is BTR offering for Borg-Warner (Australia) Ltd (BWA)?", [["btr", "bwa"]]),
     ("What is Malaysia's tin export quota under the Association of Tin Producing Countries "
      "(ATPC)?", [["malaysia", "atpc"]]),  # the aside stands for the run it follows alone
     ("What is the Tokyo market's 225-share (NIKKEI) average?", [["nikkei"]]),  # the whole
     ("Who is the European Community's agriculture (farm) commissioner?", []),
     ("What is the Australian government's (Treasurer Paul Keating's) forecast?", []),
     ("Who is director of the Banco do Brasil's foreign trade department (Cacex)?", [])],
)  # fmt: skip
def test_an_aside_gives_another_name_but_a_country_only_narrows(
    question: str, names: list[list[str]]
) -> None:
    """A report naming the aside's name ("UAL") names what the question asks ("Allegis"),
    and the question's other names still ("Malaysia": a Thai quota under the ATPC is none of
    Malaysia's; fresh12's watch-c21, read after it was run blind); "(Australia)" says where,
    and a report naming Australia alone names no company."""
    assert aside_names(question) == names


def test_a_run_of_names_is_given_by_its_initials_in_capitals() -> None:
    names = names_of(WTI)
    assert names == ["marathon", "west", "texas", "intermediate"]
    flash = "MARATHON RAISES CRUDE POSTED PRICES 50 CTS A BBL, EFFECTIVE TODAY, WTI AT 17 DLRS/BBL."
    assert names_given(names, flash)
    assert names_given(names, "Marathon said WTI will cost 17 dlrs.", "")
    assert not names_given(names, "Sun said WTI will cost 17 dlrs.", "")  # Marathon is missing
    assert not names_given(names, "Marathon said wti will cost 17 dlrs.", "")  # not capitals
    assert not names_given(names, "MARATHON RAISES TEXAS POSTINGS, WI AT 17 DLRS", "")


def test_an_aside_is_left_out() -> None:
    assert without_asides("How much is the Taft group (Theta Corp) offering for Taft?") == (
        "How much is the Taft group offering for Taft?"
    )


@pytest.mark.parametrize(
    ("text", "given"),
    [("CANADA 91-DAY T-BILLS AVERAGE 7.29 PCT", True), ("the French 13-week T-bill", True),
     ("Top discount rate at U.K. Bill tender falls to 9.3657 pct", True),
     ("U.S. BILL AUCTIONS SEEN AT 5.63-65", True),
     ("a T-shirt maker's treasure", False), ("the 91-day bills", False),
     ("eligible bank bills", False)],
)  # fmt: skip
def test_a_treasury_bill_is_given_as_a_t_bill_or_a_bill_at_tender(text: str, given: bool) -> None:
    assert names_given(["treasury"], text) is given


@pytest.mark.parametrize(
    ("text", "given"),
    [("U.S. BANK DISCOUNT BORROWINGS AVERAGE 233 MLN DLRS, FED SAYS", True),
     ("the Fed said borrowings fell", True), ("the Federal Reserve said", True),
     ("the data fed into the model", False)],
)  # fmt: skip
def test_the_federal_reserve_is_given_as_the_fed(text: str, given: bool) -> None:
    assert names_given(["federal", "reserve"], text) is given


@pytest.mark.parametrize(
    ("text", "given"),
    [("EC COMMISSION GIVEN PLAN TO SAVE STEEL INDUSTRY", True),
     ("the EC's farm ministers", True), ("the European Community said", True),
     ("the Community's ministers", False), ("ECU RATES", False)],
)  # fmt: skip
def test_the_european_community_is_given_as_the_ec(text: str, given: bool) -> None:
    assert names_given(["european", "community"], text) is given


FUND = "What monthly dividend does the Franklin U.S. Government Securities Fund pay?"


@pytest.mark.parametrize(
    ("question", "text", "another"),
    [(FUND, "Franklin Pennsylvania Investors U.S. Government Securities Fund said its board "
      "declared an initial monthly dividend of 7.8 cts", True),  # words inside: another fund
     (FUND, "SAN MATEO - Franklin U.S. Government Securities Fund said it declared", False),
     (FUND, "FRANKLIN U.S. GOVERNMENT SECURITIES FUND SETS MONTHLY PAYOUT", False),
     (FUND, "Franklin's U.S. Government Securities Fund Inc declared", False),  # no run spread
     ("What is the prime rate of Chase Manhattan Bank?",  # under four words: no family read
      "Chase Lincoln First Manhattan Bank said", False)],
)  # fmt: skip
def test_a_long_name_with_words_inside_is_another_of_its_family(
    question: str, text: str, another: bool
) -> None:
    assert another_of_its_family(question, text) is another


JAPAN = (
    "What were Japan's external (foreign exchange) reserves at the end of the latest month "
    "reported by the Finance Ministry?"
)
JAPAN_FLASH = "JAPAN MAY EXTERNAL RESERVES HIT RECORD 68.94 BILLION DLRS"


def test_a_flash_may_leave_the_source_out_but_not_whose_figure_it_is() -> None:
    """A wire's flash of an official figure names no source: the question's names for its
    source ("reported by the Finance Ministry") are not asked of it, but its other names
    are, and a story must still give its source."""
    assert source_names(JAPAN) == ["finance", "ministry"]
    assert gives_names(JAPAN, JAPAN_FLASH, JAPAN_FLASH, "", flash=True)
    assert not gives_names(JAPAN, JAPAN_FLASH, JAPAN_FLASH, "", flash=False)
    taiwan = JAPAN_FLASH.replace("JAPAN", "TAIWAN")
    assert not gives_names(JAPAN, taiwan, taiwan, "", flash=True)
    own = "What is South Korea's M-2 money supply, according to the Bank of Korea?"
    assert not gives_names(own, "M-2 MONEY SUPPLY RISES", "M-2 MONEY SUPPLY RISES", "",
                           flash=True)  # fmt: skip  # "Korea" is whose as well as the source's


def test_a_flash_without_its_source_reports_through_the_watch_s_guards() -> None:
    """The same through ``reports_on``: a flash (its text is its headline) of Japan's
    reserves reports on the question; the same words deeper in a story, without the
    ministry, do not."""
    at = JAPAN_FLASH.index("68.94")
    flash = Citation(n=1, article_id="f", title=JAPAN_FLASH, date="1987-06-02",
                     source="wire", text=JAPAN_FLASH, chunk_start=0, quote=JAPAN_FLASH,
                     start=0, end=len(JAPAN_FLASH), score=1.0, answer_start=at,
                     answer_end=at + len("68.94 BILLION DLRS"))  # fmt: skip
    assert flash.flash and reports_on(JAPAN, flash)
    story = dataclasses.replace(flash, title="JAPAN RESERVES")
    assert not story.flash and not reports_on(JAPAN, story)


DEPOSITS = (
    "What were New Zealand trading banks' total deposits at the end of the latest month, "
    "according to the Reserve Bank?"
)
DEPOSITS_STORY = (  # reuters21578/16063
    "New Zealand's trading bank seasonally adjusted deposit growth rose 2.1 pct in February "
    "compared with a 2.6 pct rise in January, the Reserve Bank said. Total deposits rose to "
    "17.55 billion N.Z. Dlrs in February compared with 17.18 billion in January."
)


@pytest.mark.parametrize(
    ("story", "reports"),
    [(DEPOSITS_STORY, True),  # the lead names the source
     (DEPOSITS_STORY.replace("the Reserve Bank said", "a private survey said"), False)],
)  # fmt: skip
def test_a_deeper_sentence_is_its_lead_s_source_s(story: str, reports: bool) -> None:
    """A figure deeper in a story is attributed by its lead ("..., the Reserve Bank said"):
    the question's names for its source are given there; its other names ("New Zealand":
    "N.Z.") still in the sentence or its headline."""
    at = story.index("17.55")
    start = story.index("Total deposits")
    cited = Citation(n=1, article_id="d", title="N.Z. TRADING BANK DEPOSIT GROWTH EASES",
                     date="1987-04-09", source="wire", text=story, chunk_start=0,
                     quote=story[start:], start=start, end=len(story), score=1.0,
                     answer_start=at, answer_end=at + len("17.55 billion N.Z. Dlrs"))  # fmt: skip
    assert reports_on(DEPOSITS, cited) is reports
