"""The guards on an answer watch's new report: on topic, the question's names, stated
rather than predicted, and a value of the same kind (no model needed)."""

from __future__ import annotations

import pytest

from assistant.records import Citation
from assistant.watching.reports import asked_about, names_given, names_of, reports_on
from assistant.watching.values import same_shape

BANKS = "What prime rate are most major U.S. banks posting?"


def cited(quote: str, answer: str, title: str = "") -> Citation:
    at = quote.index(answer)
    return Citation(n=1, article_id="a", title=title, date="1987-04-01", source="wire",
                    text=quote, chunk_start=100, quote=quote, start=100, end=100 + len(quote),
                    score=1.0, answer_start=100 + at,
                    answer_end=100 + at + len(answer))  # fmt: skip


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
        ("What is Marathon Petroleum's posted price for West Texas Intermediate crude?",
         "Marathon Petroleum said it will raise its contract prices for eleven grades of crude "
         "oil 50 cts a barrel, effective tomorrow, for West Texas Intermediate.",
         "50 cts a barrel", "", False),  # a move, the verb some words before
        ("What quarterly dividend does Federal Signal pay?", "Federal Signal, which cut 500 "
         "jobs last year, pays a quarterly dividend of 20 cts.", "20 cts", "", True),
        ("Who is chairman of the U.S. Federal Reserve Board?", "U.S. Federal Reserve Board "
         "Vice Chairman Manuel Johnson said banks were too rigid.", "Manuel Johnson", "",
         False),  # another holder of the role
        ("Who is chairman of the U.S. Federal Reserve Board?", "U.S. Federal Reserve Board "
         "Chairman Paul Volcker said banks were too rigid.", "Paul Volcker", "", True),
        ("By how much did most major U.S. banks raise their prime rate?", "Most major U.S. "
         "banks raised their prime rate by 1/4 point to 7-3/4 pct.", "1/4 point", "", True),
    ],
)  # fmt: skip
def test_a_report_must_state_what_the_question_asks(
    question: str, quote: str, answer: str, title: str, reports: bool
) -> None:
    assert reports_on(question, cited(quote, answer, title)) is reports


def test_a_new_value_is_of_the_same_kind() -> None:
    assert same_shape("7-3/4 pct", "eight pct") and same_shape("Citibank", "Chase Manhattan")
    assert not same_shape("7-3/4 pct", "prime interest rate")


@pytest.mark.parametrize(
    ("text", "first", "names"),
    [("What is the West German (Bundesbank) discount rate?", False, ["west", "german"]),
     ("What is Citibank's U.S. prime rate?", False, ["citibank", "u.s."]),
     ("Argentina debt talks with creditor banks", True, ["argentina"]),
     ("What's new on OPEC?", True, ["opec"])],
)  # fmt: skip
def test_the_names_a_question_or_query_gives(text: str, first: bool, names: list[str]) -> None:
    assert names_of(text, first=first) == names


def test_a_story_must_name_what_the_query_names() -> None:
    names = names_of("Argentina debt talks with creditor banks", first=True)
    assert names_given(names, "Argentina's debt talks resume.", "")
    assert names_given(names, "Talks with creditor banks resume.", "ARGENTINA DEBT TALKS")
    assert not names_given(names, "Brazil's debt talks with creditor banks resume.", "BRAZIL")


def test_what_a_question_asks_about_is_its_own_words_not_its_names() -> None:
    assert asked_about("What is the West German (Bundesbank) discount rate?") == [
        "discount", "rate"]  # fmt: skip
    assert asked_about("What is the latest weekly U.S. drilling rig count reported by Hughes "
                       "Tool?") == ["drill", "rig", "count"]  # fmt: skip
    assert asked_about("How much per share is GAF offering for Borg-Warner?") == [
        "share", "offer"]  # fmt: skip
