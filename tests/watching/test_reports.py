"""Which of the reader's spans a watch takes: the surest that reports on the question, is
not a date, and is a value of the kind the watch holds (no model: the reader's spans are
written out as a real reading of the Fed's M-1 report scored them, 1987-03-05, and made
offers as ``Assistant.offers`` makes them); and the guards on the sentence of a new report:
on topic, the question's names, stated rather than predicted, a level rather than a move."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from assistant.answering.answerer import Reading
from assistant.answering.candidates import Alternative, Candidate
from assistant.answering.offers import offers
from assistant.config import Settings
from assistant.records import Citation, Offer, Passage
from assistant.watching.reports import (
    Wanted,
    best_report,
    reports_on,
)
from assistant.watching.values import is_date, same_shape

M1 = "What is the latest weekly level of U.S. M-1 money supply reported by the Federal Reserve?"
TEXT = (
    "U.S. M-1 money supply rose 1.9 billion dlrs to a seasonally adjusted 738.5 billion dlrs "
    "in the February 23 week, the Federal Reserve said. The previous week's M-1 level was "
    "revised to 736.6 billion dlrs from 736.7 billion dlrs."
)


@dataclass
class Reads:
    """Hands back the offers of one reading, as ``Assistant.offers`` would make them."""

    reading: Reading
    settings: Settings

    def offers(
        self, question: str, *, date_from: object = None, date_to: object = None
    ) -> list[Offer]:
        return offers(question, self.reading)


def span(text: str, score: float) -> Alternative:
    start = TEXT.index(text)
    return Alternative(text, start, start + len(text), score)


def reading(article: str = "fed-0305", *spans: Alternative) -> Reading:
    passage = Passage(chunk_id=f"{article}:0", article_id=article, title="U.S. M-1 MONEY SUPPLY "
                      "RISES 1.9 BILLION DLRS", date="1987-03-05", source="Reuters", text=TEXT,
                      start=0, end=len(TEXT), score=0.9, dense=0.7, rank=1)  # fmt: skip
    best, *rest = spans or (
        span("736.6 billion dlrs from 736.7", 10.9),  # last week's, revised
        span("February 23", 8.4),  # the week the figure covers
        span("738.5 billion dlrs", 6.2),
    )
    candidate = Candidate(passage, best.text, best.start, best.end, best.score, -1.9,
                          tuple(rest))  # fmt: skip
    return Reading(candidate, (candidate,), 0.97, question=M1)


def reads(found: Reading, floor: float = 0.0) -> Reads:
    return Reads(found, Settings(abstain_below=floor))


@pytest.mark.parametrize(
    ("text", "date"),
    [("February 23", True), ("week ended March 4", True), ("March 5, 1987", True),
     ("Monday", True), ("738.5 billion dlrs", False), ("7-3/4 pct", False),
     ("May Department Stores", False)],
)  # fmt: skip
def test_a_day_is_no_value_of_a_watch(text: str, date: bool) -> None:
    assert is_date(text) is date


def test_a_watch_takes_the_runner_up_that_reports_the_figure() -> None:
    found = best_report(reads(reading()), M1)
    assert found is not None and found.value == "738.5 billion dlrs"
    assert found.citation.quote.startswith("U.S. M-1 money supply rose")
    assert found.citation.answer_start == TEXT.index("738.5")


def test_a_report_from_another_article_or_of_another_kind_is_not_taken() -> None:
    assert best_report(reads(reading()), M1, among={"another-article"}) is None
    assert best_report(reads(reading()), M1, like="Paul Volcker") is None  # a name is held
    dated = reading("fed-0305", span("February 23", 8.4), span("738.5 billion dlrs", 6.2))
    found = best_report(reads(dated), M1, like="736.7 billion dlrs")  # the reader's choice
    assert found is not None and found.value == "738.5 billion dlrs"  # is a day: passed over


def test_no_report_below_the_assistant_s_confidence() -> None:
    assert best_report(reads(reading(), floor=0.0), M1) is not None
    assert best_report(reads(reading(), floor=1.0), M1) is None


def test_a_span_that_runs_on_is_read_to_its_sentence_s_end() -> None:
    run_on = "738.5 billion dlrs in the February 23 week, the Federal Reserve said. The previous"
    found = best_report(reads(reading("fed-0305", span(run_on, 9.0))), M1)
    assert found is not None and found.value.startswith("738.5 billion dlrs")
    assert "previous" not in found.value


@pytest.mark.parametrize(
    ("question", "value", "taken"),
    [("How much per share is Sosnoff offering for Caesars World?", "28 dlrs", True),
     ("How much per share is Sosnoff offering for Caesars World?", "3,878,700 shares", False),
     ("How much per share is Sosnoff offering for Caesars World?", "29.1 mln", False),
     ("What quarterly dividend does Pillsbury pay?", "25 cts", True),
     ("What is the Bundesbank's Lombard emergency financing rate?", "5.0 pct", True),
     ("What is the Bundesbank's Lombard emergency financing rate?", "5.3 billion", False),
     ("What is the latest weekly U.S. drilling rig count?", "766", True),
     ("What is the highest per-share offer for Borg-Warner?", "3.16 billion dlr", False),
     ("What is the highest per-share offer for Borg-Warner?", "44 dlrs a share, or 3.29 "
      "billion dlrs", True),  # a price per share, with the deal's total beside it
     ("What quarterly dividend does Pillsbury pay?", "12.5 mln dlrs", False),
     ("What is the highest per-share offer for IC Gas ordinary shares?", "700p", True),
     ("How much per share is Borg-Warner being offered?", "20 dlrs cash and 0.5 share",
      True),  # cash and stock
     ("How much per share is Mitsui offering for the Tokyo bank?", "3.18 mln yen", True),
     ("How much per share is Pacific Enterprises offering for NECO?", "170,000 shares of "
      "NECO Enterprises Inc at 26 dlrs each", False),  # a purchase, not a price
     ("How much per common share is Sunter Acquisition offering for Allegheny?",
      "500 mln dlrs", False),
     ("What is the highest per-share offer for IC Gas ordinary shares?", "68.6 mln stg",
      False),  # a total in any money
     ("How much per share is Pacific Enterprises offering for NECO?", "500,000 new shares "
      "or a 9.8 pct stake at 26 dlrs", False),  # a placing of new shares, not an offer
     ("What is Unocal's posted price for West Texas Intermediate crude?", "1.5 mln dlrs",
      True),  # no share asked: a total is not refused for that
     ("Who is Japan's finance minister?", "Kiichi Miyazawa", True),
     ("Who is Argentina's economy minister?", "Juan Vital Sourrouille", True),
     ("Who is Kuwait's oil minister?", "Sheikh Ali Khalifa al-Sabah", True),
     ("Who is Brazil's planning minister?", "Joao Sayad", True),
     ("Who is bidding for Borg-Warner?", "the GAF Corp", True),
     ("Who is Japan's finance minister?", "Japanese economy", False),  # about one, no name
     ("Who is Japan's finance minister?", "the finance ministry said", False),
     ("Who is Japan's finance minister?", "Japanese Finance Minister", False)],  # the role
)  # fmt: skip
def test_a_value_in_other_units_than_asked_is_not_taken(
    question: str, value: str, taken: bool
) -> None:
    assert Wanted.of(question).takes(value) is taken


def test_a_watch_on_a_level_starts_from_a_number_not_the_reader_s_name() -> None:
    named = reading("fed-0305", span("Federal Reserve", 9.0), span("738.5 billion dlrs", 6.2))
    found = best_report(reads(named), M1)  # no value held yet: the question asks a level
    assert found is not None and found.value == "738.5 billion dlrs"


BANKS = "What prime rate are most major U.S. banks posting?"
SIX_MONTH = "What average rate did the latest U.S. Treasury auction of six-month bills produce?"
AUCTION = ("The U.S. Treasury's auction of three-month bills produced an average rate of 5.63 "
           "pct, and its auction of six-month bills an average rate of 5.59 pct.")  # fmt: skip


def cited(quote: str, answer: str, title: str = "", start: int = 100) -> Citation:
    at = quote.index(answer)
    return Citation(n=1, article_id="a", title=title, date="1987-04-01", source="wire",
                    text=quote, chunk_start=start, quote=quote, start=start,
                    end=start + len(quote), score=1.0, answer_start=start + at,
                    answer_end=start + at + len(answer))  # fmt: skip


@pytest.mark.parametrize(
    ("question", "quote", "answer", "title", "reports"),
    [
        (BANKS, "Most major U.S. banks are now posting a 7-3/4 pct rate.", "7-3/4 pct", "", True),
        (BANKS, "Among the major banks which today announced prime rate increases to 7-3/4 "
                "pct were Bankers Trust and Chemical Bank.", "7-3/4 pct",
         "MAJOR U.S. BANKS MOVE TO HIGHER 7-3/4 PCT PRIME", True),  # the name in the headline
        (BANKS, "Major U.K. banks lowered their base lending rates today to 9.5 pct.",
         "9.5 pct", "CURRENCY FUTURES", False),  # another country's banks
        (BANKS, "Prime rate is 6-1/2 pct.", "6-1/2 pct", "HONG KONG BANKS", False),
        (BANKS, "Allen Sinai predicted a rise in U.S. bank prime lending rates to eight pct "
                "from 7-3/4 pct.", "eight pct", "", False),  # a forecast
        (BANKS, "Chemical and Marine Midland kept their U.S. prime rates at 9-1/4 pct while "
                "they waited to see what rates would do.", "9-1/4 pct", "", True),
        ("What crop does the USDA forecast for Soviet wheat?", "The USDA forecast the "
         "Soviet wheat crop at 90 mln tonnes.", "90 mln tonnes", "", True),  # asked for one
        ("What is the latest weekly U.S. drilling rig count reported by Hughes Tool (Baker "
         "Hughes)?", "U.S. drilling activity slowed, resulting in the number of U.S. active "
         "rotary rigs to plunge by 35 to a total of 766, Hughes Tool Co. said.", "766",
         "", True),  # the name in parentheses restates one: not required
        (BANKS, "Analysts had expected a rise. Most major U.S. banks are now posting a 7-3/4 "
         "pct prime rate.", "7-3/4 pct", "", True),  # the forecast is the sentence before
        ("What is the highest per-share offer made for ChemLawn Corp?", "ChemLawn Corp could "
         "attract a higher bid than the 27 dlrs per share offered by Waste Management Inc.",
         "27 dlrs", "", True),  # the known bid a forecast is measured against
        ("What is the highest per-share offer made for ChemLawn Corp?", "Arbitrageurs said "
         "the ChemLawn Corp bid could top 30 dlrs per share.", "30 dlrs", "",
         False),  # a forecast, no "than the"
        (SIX_MONTH, "These rates compared with averages of 5.55 pct for each of the three- "
         "and six-month bills sold last week.", "5.55 pct", "U.S. TREASURY BILL AUCTION RATES",
         False),  # last week's
        (SIX_MONTH, "These rates were averages of 5.55 pct for each of the three- and "
         "six-month bills.", "5.55 pct", "U.S. TREASURY BILL AUCTION RATES", True),
        ("Who is Acme Corp's chief executive officer?", "Acme Corp said its board will elect "
         "in April Jane Roe as its chief executive officer.", "Jane Roe", "", False),  # to be
        ("Who is Acme Corp's chief executive officer?", "Acme Corp said Jane Roe, its chief "
         "executive officer, will retire in April.", "Jane Roe", "", True),
        ("What is the Bank of France's money market intervention rate?", "The Bank of France "
         "cut its intervention rate to 7-3/4 pct and its seven-day repurchase rate to 8-1/2 "
         "pct.", "8-1/2 pct", "", False),  # another rate's
        ("What is the dollar's exchange rate against the yen?", "The dollar's exchange rate "
         "closed against the yen at 145.50 yen.", "145.50 yen", "", True),  # no old level
        ("What is Citibank's prime rate?", "Citibank raised its prime rate earlier today to "
         "7-3/4 pct.", "7-3/4 pct", "", True),  # "earlier" today is no earlier level
        ("What is the highest per-share offer made for ChemLawn Corp?", "ChemLawn had "
         "rejected Waste Management's earlier 27 dlr per share offer.", "27 dlr", "", False),
        ("What quarterly dividend does Lowe's Cos pay?", "Lowe's Cos qtly div 60 cts vs 57 "
         "cts prior.", "57 cts", "", False),  # the dividend before
        ("What quarterly dividend does Lowe's Cos pay?", "Lowe's Cos qtly div 60 cts vs 57 "
         "cts prior.", "60 cts", "", True),
        ("How much per share is USAir Group offering in its tender offer for Piedmont "
         "Aviation?", "USAir Group Inc said Piedmont Aviation Inc has agreed to be acquired "
         "for 69 dlrs per share.", "69 dlrs", "", True),  # an offer in other words
        ("How much per share is Mark IV Industries offering in its tender offer for Conrac "
         "Corp?", "Mark IV Industries Inc said it plans to begin a tender offer at 25 dlrs a "
         "share for all outstanding shares of Conrac Corp.", "25 dlrs", "", True),  # its plan
        ("How much per share is Mark IV Industries offering for Conrac Corp?", "Analysts "
         "said Mark IV Industries could raise its Conrac Corp offer to 28 dlrs a share.",
         "28 dlrs", "", False),  # "could": a forecast still
        ("How much per share is Dixons Group paying for Cyclops Corp?", "Dixons Group said "
         "it would increase the price it pays for Cyclops Corp to 92.50 dlrs if Cyclops "
         "agreed.", "92.50 dlrs", "", False),  # an offer on a condition: "would"
        ("What prime rate are most major U.S. banks posting?", "Most major U.S. banks plan "
         "to post a prime rate of eight pct.", "eight pct", "", False),  # a plan, no offer
        (SIX_MONTH, AUCTION, "5.63 pct", "", False),  # the three-month bills' rate
        (SIX_MONTH, AUCTION, "5.59 pct", "", True),
        (BANKS, "Most major U.S. banks raised their prime rate by 1/4 point to 7-3/4 pct.",
         "1/4 point", "", False),  # the move, not the rate
        (BANKS, "Most major U.S. banks raised their prime rate by 1/4 point to 7-3/4 pct.",
         "7-3/4 pct", "", True),
        ("What is the West German (Bundesbank) discount rate?", "The West German federal "
         "railway is raising 900 mln marks with a coupon of 6-1/4 pct, a Bundesbank "
         "spokesman said.", "6-1/4 pct", "", False),  # the names, not the thing asked
        ("What is USDA's estimate of the Soviet 1986/87 wheat crop?", "While the USDA Soviet "
         "import target for grain for 1986/87 was 22 mln tonnes, analysts have revised their "
         "estimates of Soviet imports.", "22 mln tonnes", "", False),
        ("What is the latest weekly level of Canada's M-1 money supply?", "Canada's M-1 "
         "money supply rose 592 mln dlrs to 33.36 billion dlrs in the week.",
         "592 mln dlrs to 33.36 billion", "", True),  # the span tells the move and the level
        ("What is the latest weekly level of Canada's M-1 money supply?", "Canada's M-1 "
         "money supply rises 217 mln dlrs in the week.", "217 mln dlrs", "", False),  # a move
        ("What is Marathon Petroleum's posted price for West Texas Intermediate crude?",
         "Marathon Petroleum said it will raise its contract prices for eleven grades of crude "
         "oil 50 cts a barrel, effective tomorrow, for West Texas Intermediate.",
         "50 cts a barrel", "", False),  # a move, the verb some words before
        ("What is USDA's estimate of Soviet 1986/87 coarse grain imports?", "While the USDA "
         "Soviet import target for grain for 1986/87 was 22 mln tonnes, analysts have revised "
         "their estimates of Soviet imports.", "22 mln tonnes", "", False),  # conceded
        ("What is OPEC's official benchmark oil price?", "OPEC members agreed in December on "
         "a benchmark price of 18 dlrs a barrel from February 1.", "18 dlrs a barrel", "",
         True),  # the possessive asked is the name said
        ("What quarterly dividend does Federal Signal pay?", "Federal Signal, which cut 500 "
         "jobs last year, pays a quarterly dividend of 20 cts.", "20 cts", "", True),
        ("Who is chairman of the U.S. Federal Reserve Board?", "U.S. Federal Reserve Board "
         "Vice Chairman Manuel Johnson said banks were too rigid.", "Manuel Johnson", "",
         False),  # another holder of the role
        ("Who is chairman of the U.S. Federal Reserve Board?", "U.S. Federal Reserve Board "
         "Chairman Paul Volcker said banks were too rigid.", "Paul Volcker", "", True),
        ("Who is Brazil's finance minister?", "BRASILIA, April 29 - Brazil's finance "
         "minister said the talks would go on.", "BRASILIA", "", False),  # the dateline
        ("How many U.S. grain carloadings were there in the latest week?", "WASHINGTON, "
         "April 3 - U.S. grain carloadings totaled 25,744 cars in the week ended March 28.",
         "3", "", False),  # the dateline's day (fresh12's watch-c18, read after its blind run)
        ("How many U.S. grain carloadings were there in the latest week?", "WASHINGTON, "
         "April 3 - U.S. grain carloadings totaled 25,744 cars in the week ended March 28.",
         "25,744 cars", "", True),
        ("Who is Greece's prime minister?", "Turkey's ambassador in Athens, Nazmi Akiman, was "
         "due to meet Prime Minister Andreas Papandreou.", "Nazmi Akiman", "TURKEY CALLS FOR "
         "DIALOGUE", False),  # Turkey's, written as the country (fresh12's watch-c29)
        ("Who is Brazil's finance minister?", "ROSEMEAD, Calif., March 19 - Brazil's finance "
         "minister Dilson Funaro said the talks would go on.", "Dilson Funaro", "", True),
        ("What is Exxon U.S.A.'s contract barge price for heating oil in New York harbor?",
         "Exxon U.S.A. reduced the price it charges contract barge customers for heating oil "
         "in New York harbor 0.75 cent a gallon.", "0.75 cent a gallon", "", False),  # a move
        # told fourteen words after its verb
        ("How much cash per Viacom share is National Amusements (Sumner Redstone's Arsenal "
         "Holdings, a theatre chain based in Dedham) offering?", "National Amusements is "
         "offering 42.00 dlrs a Viacom share in cash.", "42.00 dlrs", "", True),  # an aside
        # need not be said
        ("Who is Saudi Arabia's oil minister?", "Saudi Arabia will keep to its quota, "
         "Kuwait's Oil Minister Sheikh Ali al-Khalifa al-Sabah said.",
         "Sheikh Ali al-Khalifa al-Sabah", "", False),  # another country's minister
        ("Who is Saudi Arabia's oil minister?", "Saudi Arabia will keep to its quota, Saudi "
         "Oil Minister Hisham Nazer said.", "Hisham Nazer", "", True),
        ("By how much did most major U.S. banks raise their prime rate?", "Most major U.S. "
         "banks raised their prime rate by 1/4 point to 7-3/4 pct.", "1/4 point", "", True),
        ("What is the West German (Bundesbank) discount rate?", "The Dutch central bank "
         "left its five pct official secured loans rate alone. Dealers pointed to a further "
         "fall in the West German repo rate.", "five pct", "", False),  # names after it
        ("What is the West German (Bundesbank) discount rate?", "The West German central bank "
         "met today. It left its discount rate at three pct.", "three pct", "", True),  # before it
        ("What is the highest offer per share for Harper and Row?", "NEWS CORP LTD TO ACQUIRE "
         "HARPER AND ROW PUBLISHERS INC FOR 65 DLRS/SHARE", "65 DLRS/SHARE", "", True),  # a
        # flash: "highest" is how the question asks (``extremes``), not the thing asked
    ],
)  # fmt: skip
def test_a_report_must_state_what_the_question_asks(
    question: str, quote: str, answer: str, title: str, reports: bool
) -> None:
    assert reports_on(question, cited(quote, answer, title)) is reports


def test_an_acronym_the_question_gives_stands_for_its_name_s_words() -> None:
    question = "Who is chairman of the Chicago Board of Trade (CBT)?"
    quote = "CBT Chairman Karsten Mahlmann will present the views of the CBT's committee."
    assert reports_on(question, cited(quote, "Karsten Mahlmann"))
    assert not reports_on(question, cited(quote.replace("CBT", "CME"), "Karsten Mahlmann"))


def test_a_new_value_is_of_the_same_kind() -> None:
    assert same_shape("7-3/4 pct", "eight pct") and same_shape("Citibank", "Chase Manhattan")
    assert not same_shape("7-3/4 pct", "prime interest rate")


@pytest.mark.parametrize(
    ("held", "new", "same"),
    [("13.76 mln tonnes", "13.9 mln tonnes white value", True),
     ("13.76 mln tonnes", "421,000 hectares", False),  # the area sown, not the output
     ("17.50 dlrs a barrel", "18 dlrs", True),
     ("7-3/4 pct", "eight", True),  # a bare figure agrees with any unit
     ("7-3/4 pct", "25 dlrs", False),
     ("15.8 mln barrels per day", "16.6 mln barrels", True),  # per day unsaid
     ("135 dlrs a share", "800,000 shares or 15.4 pct at 65 dlrs", True)],
)  # fmt: skip
def test_a_new_figure_is_in_units_that_agree(held: str, new: str, same: bool) -> None:
    assert same_shape(held, new) is same


def test_a_watch_on_one_figure_takes_no_band_of_estimates() -> None:
    imports = "What is USDA's estimate of total Soviet grain imports in 1986/87?"
    assert not Wanted.of(imports, like="26 mln tonnes").takes("25-28 mln tonnes")
    assert Wanted.of(imports, like="26 mln tonnes").takes("28 mln tonnes")
    assert Wanted.of(imports, like="20 to 21 mln tonnes").takes("25-28 mln tonnes")


def test_the_year_ago_figure_of_a_monthly_report_is_not_its_latest() -> None:
    norway = "What were Norway's central bank reserves at the end of the latest month?"
    quote = ("Norway's central bank reserves totalled 74.77 billion crowns in March "
             "against 70.56 billion in February and 98.55 billion in March 1986.")  # fmt: skip
    assert reports_on(norway, cited(quote, "74.77 billion crowns"))
    assert not reports_on(norway, cited(quote, "98.55 billion"))


def test_a_record_s_earlier_mark_is_no_report() -> None:
    """A figure in "the smallest since a decline last June of 75,000" is the earlier month
    the news is measured against (fresh14's watch-j01, read after it was run blind)."""
    question = ("By how many jobs did U.S. non-farm payroll employment change in the latest "
                "monthly Labor Department employment report?")  # fmt: skip
    text = ("The U.S. civilian unemployment rate fell to 6.6 pct in March, the Labor "
            "Department said.\n    The rise in non-farm payrolls was the smallest since a\n"
            "decline last June of 75,000, the department said.")  # fmt: skip
    at, start = text.index("75,000"), text.index("The rise")
    found = Citation(n=1, article_id="a", title="U.S. MARCH JOBLESS RATE FELL TO 6.6 PCT",
                     date="1987-04-03", source="wire", text=text, chunk_start=0,
                     quote=text[start:], start=start, end=len(text), score=1.0,
                     answer_start=at, answer_end=at + len("75,000"))  # fmt: skip
    assert not reports_on(question, found)


def test_a_previous_record_is_no_report() -> None:
    """A figure the sentence gives to "the previous record" is the mark the news beat, not
    the latest month's (fresh16's o13, reuters21578/12381)."""
    question = ("What was total monthly trading volume (futures and options) at the Chicago "
                "Mercantile Exchange in the latest month reported?")  # fmt: skip
    quote = (
        "The previous record for quarterly volume total was established in the third "
        "quarter of 1986, when 18,106,452 futures and options were traded at the CME."
    )
    assert not reports_on(question, cited(quote, "18,106,452"))
    month = "Total trading volume for March reached 6,750,431 contracts at the CME."
    assert reports_on(question, cited(month, "6,750,431 contracts"))
