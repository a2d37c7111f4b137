"""What a report's sentence is read with (``watching.context``): a lead with its headline, a
sentence deeper in a story with the lead it refers back to ("the index", "the new price"),
not one that only names something ("the Mideast benchmark crude Dubai")."""

from __future__ import annotations

import re

import pytest
from test_reports import cited  # the quote-with-a-span builder the report tests share

from assistant.records import Citation
from assistant.watching.reports import reports_on

SCE = "What is Southern California Edison's quarterly dividend?"
NOTICE = "ROSEMEAD, Calif., March 19 - Qtly div 57 cts vs 57 cts Pay April 30"
RIGS = "What is the latest weekly U.S. drilling rig count reported by Hughes Tool?"
ASIDE = "Rigs used for onshore drilling dropped to a total of 669 from last week's 671."


@pytest.mark.parametrize(
    ("question", "quote", "answer", "title", "start", "reports"),
    [
        (SCE, NOTICE, "57 cts", "SOUTHERN CALIFORNIA EDISON CO <SCE> QTLY DIV", 0, True),
        (SCE, NOTICE, "57 cts", "SOUTHERN CALIFORNIA EDISON CO <SCE> QTLY DIV", 40, False),
        (SCE, NOTICE, "57 cts", "TRANSAMERICA CORP <TA> QTLY DIV", 0, False),
        (RIGS, ASIDE, "671", "HUGHES TOOL U.S. RIG COUNT DECLINES", 900, False),
    ],
)  # fmt: skip
def test_a_lead_is_read_with_its_headline_a_sentence_deeper_alone(
    question: str, quote: str, answer: str, title: str, start: int, reports: bool
) -> None:
    """A notice names its company only in the headline, over its first sentence; a
    sentence deeper in a story must carry the question's words itself."""
    assert reports_on(question, cited(quote, answer, title, start)) is reports


LEADING = "At what level is the U.S. Commerce Department's index of leading indicators?"
LEADS = (
    "WASHINGTON, March 3 - The U.S. index of leading indicators fell 1.0 pct in January, the "
    "Commerce Department said. The decrease left the index at 183.8 over its 1967 base of 100."
)
GHANA = "What are the Ghana Cocoa Board's cumulative cocoa purchases this season?"
COCOA = (
    "LONDON, March 9 - The Ghana Cocoa Board said it purchased 1,323 tonnes of cocoa in the "
    "21st week. Cumulative purchases so far this season stand at 216,095 tonnes, the Board said."
)


def in_story(story: str, answer: str, title: str = "") -> Citation:
    """A citation of the sentence of ``story`` (one chunk, from the article's start) that
    holds ``answer``."""
    at = story.index(answer)
    start = story.rfind(". ", 0, at) + 2 if ". " in story[:at] else 0
    end = re.compile(r"\.(?:\s|$)").search(story, at + len(answer)).start() + 1  # not "6.9"
    return Citation(n=1, article_id="a", title=title, date="1987-03-03", source="wire",
                    text=story, chunk_start=0, quote=story[start:end], start=start, end=end,
                    score=1.0, answer_start=at, answer_end=at + len(answer))  # fmt: skip


@pytest.mark.parametrize(
    ("question", "story", "answer", "reports"),
    [(LEADING, LEADS, "183.8", True),  # "the index": its lead's names and words; "over its
     # 1967 base" is no gap
     (LEADING, LEADS.replace("The decrease left the index", "It stood"), "183.8",
      False),  # no word back
     (LEADING, LEADS.replace("left the index", "left it"), "183.8", True),  # the move before
     (LEADING, LEADS.replace(" The decrease left", " The decline was the biggest since July, "
      "1984, when the index fell 1.7 pct. The January decrease left"), "183.8", True),  # the
     # sentence before tells the move, the lead names the index: read with both
     (GHANA, COCOA, "216,095 tonnes", True),  # "the Board": the lead names it
     (GHANA, COCOA, "1,323 tonnes", False),  # the week's, where the running total is asked
     (GHANA, COCOA.replace("the Board said.", "the Board said. It said cumulative purchases "
      "now total 217,000 tonnes."), "217,000 tonnes", False)],  # "It said": whose, not what
)  # fmt: skip
def test_a_sentence_deeper_that_refers_back_is_read_with_its_lead(
    question: str, story: str, answer: str, reports: bool
) -> None:
    title = "U.S. LEADING INDEX FELL 1.0 PCT" if question == LEADING else ""
    assert reports_on(question, in_story(story, answer, title)) is reports


KMART = (
    "TROY, Mich., March 24 - K mart Corp said it raised its quarterly dividend to 43.5 cts a "
    "presplit share, up from the previous 37 cts a share. After the split, the new quarterly "
    "dividend rate is equivalent to 29 cts a share."
)
NORANDA = (
    "NEW YORK, March 25 - Noranda Aluminum Inc said it has increased its primary aluminum "
    "prices by two cents a lb. The new price for unalloyed ingot will be 64.5 cents a lb."
)


OPEC_PRICES = (
    "LONDON, March 12 - OPEC states are holding to the official prices of their pact, oil "
    "traders said. They said a cargo of the Mideast benchmark crude Dubai traded yesterday at "
    "16.50 dlrs a barrel."
)


@pytest.mark.parametrize(
    ("question", "story", "answer", "title", "reports"),
    [("What quarterly cash dividend does K mart Corp pay on its common stock?", KMART,
      "29 cts a share", "K MART CORP <KM> RAISES QUARTERLY DIVIDEND", True),  # "the new
     # quarterly dividend"
     ("What quarterly cash dividend does K mart Corp pay on its common stock?",
      KMART.replace("K mart", "Elcor"), "29 cts a share",
      "ELCOR CORP <ELK> RAISES QUARTERLY DIVIDEND", False),
     ("What is Noranda Aluminum Inc's U.S. price for unalloyed primary aluminum ingot?",
      NORANDA, "64.5 cents a lb", "NORANDA RAISES PRIMARY ALUMINUM PRICES", True),  # "the new
     # price"
     ("What is OPEC's official benchmark oil price?", OPEC_PRICES, "16.50 dlrs",
      "DUBAI CRUDE TRADES", False)],  # "the Mideast benchmark": a name's, no word back
)  # fmt: skip
def test_the_lead_is_referred_to_past_an_adjective_and_a_styled_name_is_a_name(
    question: str, story: str, answer: str, title: str, reports: bool
) -> None:
    """A "new price" refers back as "the price" does, not "the Mideast benchmark" (a
    name's); "K mart" (a lone capital and lower case) is the name a report must give:
    Elcor's dividend is not K mart's."""
    assert reports_on(question, in_story(story, answer, title)) is reports


SPAIN = (
    "What is Spain's latest year-on-year consumer price inflation rate, according to National "
    "Statistics Institute figures?"
)
SPAIN_STORY = (  # reuters21578/6385
    "MADRID, March 18 - Spain's consumer price index rose 0.4 pct in February after increases "
    "of 0.7 pct the previous month, National Statistics Institute figures show. Year-on-year "
    "inflation was six pct compared with the government five pct target for 1987."
)
HONG_KONG = "What is the prime rate of Hong Kong banks?"
HONG_KONG_STORY = (  # reuters21578/2952
    "HONG KONG, March 7 - The Hong Kong Association of Banks said it decided to leave interest "
    "rates unchanged. Prime rate is six pct."
)


@pytest.mark.parametrize(
    ("question", "story", "answer", "reports"),
    [(SPAIN, SPAIN_STORY, "six pct", True),  # the lead names Spain and the Institute
     (SPAIN, SPAIN_STORY.replace("Year-on-year inflation was", "Year-on-year inflation in "
      "Portugal was"), "six pct", False),  # a sentence that names its own country
     (SPAIN.replace("Spain's", "West Germany's"), SPAIN_STORY, "six pct", False),
     (HONG_KONG, HONG_KONG_STORY, "six pct", True),
     ("What is the prime rate of U.S. banks?", HONG_KONG_STORY, "six pct", False),
     (HONG_KONG, HONG_KONG_STORY.replace("Prime rate is", "It said its rate is"), "six pct",
      False),  # no word of the question opens it
     (HONG_KONG, HONG_KONG_STORY.replace("Prime rate is six pct.", "Prime rate guesses "
      "ranged from five pct to six pct."), "six pct", False)],  # not what the rate is
)  # fmt: skip
def test_a_sentence_deeper_that_opens_bare_on_the_thing_asked_is_read_with_its_lead(
    question: str, story: str, answer: str, reports: bool
) -> None:
    """The wires' shorthand "Prime rate is six pct." under its story's lead is that story's
    rate, unless the sentence names someone else's."""
    assert reports_on(question, in_story(story, answer)) is reports


def test_a_dateline_in_title_case_places_the_story() -> None:
    """ "New York, March 25 -" (a desk's title case) and "ADELAIDE" give the country a
    question names, as "NEW YORK" does."""
    noranda = "What is Noranda Aluminum Inc's U.S. price for unalloyed primary aluminum ingot?"
    story = NORANDA.replace("NEW YORK", "New York")
    assert reports_on(noranda, in_story(story, "64.5 cents a lb"))
    assert not reports_on(noranda, in_story(story.replace("New York", "Toronto"), "64.5 cents"))
    tmoc = "What is the highest per-share takeover offer for Australian company TMOC Resources?"
    bid = (
        "ADELAIDE, March 23 - Cooper Basin oil producer Santos Ltd said it will bid 4.00 dlrs a "
        "share for the 96.03 pct it does not already hold in TMOC Resources Ltd."
    )
    assert reports_on(tmoc, in_story(bid, "4.00 dlrs a share"))


MORTGAGE = (
    "What was the average effective interest rate on all home mortgage loans closed by major "
    "lenders, according to the latest Federal Home Loan Bank Board survey?"
)
FHLBB = (
    "WASHINGTON, April 3 - The Federal Home Loan Bank Board said home mortgage rates fell "
    "from early February to early March. The effective rate for ARMS was 8.39 pct. The "
    "average effective interest rate on all loans closed by major mortgage lenders declined "
    "nine basis points from early February to early March, the agency said. The fall brought "
    "the rate to 9.14 pct."
)
FHLBB_TITLE = "FHLBB SAYS MORTGAGE RATES CONTINUE DECLINE"
SUN = (
    "What is Sun Co's (Sun Refining and Marketing) contract barge price for heating oil in New "
    "York harbor?"
)
SUN_STORY = (
    "NEW YORK, April 2 - Sun Co's Sun Refining and Marketing Co subsidiary said it raised the "
    "price it charges contract barge customers for heating oil in New York harbor by 0.50 "
    "cent a gallon, effective today. The 0.50 cent price hike brings Sun's heating oil price "
    "to 50.75 cts a gallon, the company said."
)


@pytest.mark.parametrize(
    ("question", "story", "answer", "title", "reports"),
    [(MORTGAGE, FHLBB, "9.14 pct", FHLBB_TITLE, True),  # what fell is named in the sentence
     # before
     (MORTGAGE, FHLBB.replace("The fall brought", "It brought"), "9.14 pct", FHLBB_TITLE,
      False),  # no move named
     (MORTGAGE, FHLBB, "nine basis points", FHLBB_TITLE, False),  # "declined nine basis
     # points": the move
     (MORTGAGE, FHLBB.replace("The average effective interest rate on all loans closed by "
      "major mortgage lenders", "The average yield on 30-year Treasury bonds"), "9.14 pct",
      FHLBB_TITLE, False),
     (SUN, SUN_STORY, "50.75 cts a gallon", "", True),  # a move told in a few words: the
     # sentence before names the price, contract barge, the harbor
     (SUN, SUN_STORY.replace("The 0.50 cent price hike brings", "Traders said that brings"),
      "50.75 cts a gallon", "", False)],  # no move opens it: the sentence alone
)  # fmt: skip
def test_a_sentence_opening_on_the_move_before_it_is_read_with_that_sentence(
    question: str, story: str, answer: str, title: str, reports: bool
) -> None:
    """A sentence "The fall brought the rate to 9.14 pct" says what fell only in the
    sentence before (which "declined nine basis points" tells as a move, not a rate)."""
    assert reports_on(question, in_story(story, answer, title)) is reports


BELGIUM = (
    "What is Belgium's latest unemployment rate (jobless drawing benefit, as a percentage of "
    "the working population)?"
)
BELGIAN = (
    "BRUSSELS, April 2 - Belgian unemployment, based on the number of jobless drawing "
    "unemployment benefit, fell to 11.8 pct of the working population at the end of March."
)


@pytest.mark.parametrize(
    ("story", "reports"),
    [(BELGIAN, True),  # "Belgian" is Belgium's
     (BELGIAN.replace("Belgian", "Dutch"), False)],  # another country's
)  # fmt: skip
def test_a_country_asked_is_on_topic_in_its_adjective(story: str, reports: bool) -> None:
    """The question's "Belgium" counts as said where the story writes "Belgian": it is one
    of the three words the topic is judged on."""
    assert reports_on(BELGIUM, in_story(story, "11.8 pct")) is reports


WELLINGTON = (  # reuters21578/18362
    "WELLINGTON, June 3 - Westpac Banking Corp <WSTP.S> said it is cutting its indicator "
    "lending rate to 22 pct from 23.0 pct effective from June 15. The Australia and New "
    "Zealand Banking Group Ltd <ANZA.S> rate remains at 23 pct."
)
MELBOURNE = (  # reuters21578/19022
    "MELBOURNE, June 19 - The Australia and New Zealand Banking Group Ltd <ANZA.S> said it "
    "will cut its prime rate to 16.00 pct from 16.50, effective June 22."
)


@pytest.mark.parametrize(
    ("story", "title", "answer", "reports"),
    [(WELLINGTON, "WESTPAC DROPS NEW ZEALAND INDICATOR LENDING RATE", "23 pct", False),
     (MELBOURNE, "ANZ BANKING GROUP CUTS PRIME RATE TO 16.00 PCT", "16.00 pct", True)],
)  # fmt: skip
def test_a_country_in_a_company_s_name_is_no_country_said(
    story: str, title: str, answer: str, reports: bool
) -> None:
    """The issue's watch-a09 asks for ANZ's Australian rate; a Wellington story's line on
    ANZ's New Zealand rate wrote "Australia" only inside the bank's name. The bank's own
    report, which names no country but in its name, is still on topic."""
    question = "What is ANZ Banking Group's Australian prime lending rate?"
    assert reports_on(question, in_story(story, answer, title)) is reports
