"""Whose role a "who" answer holds: the deputy's and another country's are not asked."""

from __future__ import annotations

import pytest

from assistant.watching.asking import asked_about
from assistant.watching.reports import Wanted
from assistant.watching.roles import (
    another_country,
    another_holder,
    asks_office,
    holds_office,
    holds_role,
    tells_appointment,
)


def around(sentence: str, name: str) -> tuple[str, str]:
    """The words of ``sentence`` before and after ``name``."""
    at = sentence.index(name)
    return sentence[:at], sentence[at + len(name) :]


SAUDI = "Who is Saudi Arabia's oil minister?"
ROLES = ["oil", "minister"]


@pytest.mark.parametrize(
    ("sentence", "name", "another"),
    [("Saudi Arabian Oil Minister Hisham Nazer reiterated the kingdom's commitment.",
      "Hisham Nazer", False),
     ("Kuwait's Oil Minister, Sheikh Ali al-Khalifa al-Sabah, said there were no plans.",
      "Sheikh Ali", True),
     ("In Jamaica, OPEC President Rilwanu Lukman, who is also Nigerian Oil Minister, said "
      "the group planned to stick with the pricing agreement.", "Rilwanu Lukman", True),
     ("Nazer, the Saudi Oil Minister, said prices would hold.", "Nazer", False),
     ("Oil Minister Hisham Nazer said prices would hold.", "Hisham Nazer", False),
     # another country's minister later in the sentence is not the answer's role
     ("Oil Minister Hisham Nazer told reporters he would meet Kuwait's Oil Minister next "
      "week.", "Hisham Nazer", False),
     # the country asked elsewhere in the sentence does not make Kuwait's minister Saudi's
     ("Kuwait's Oil Minister Sheikh Ali al-Khalifa al-Sabah met Saudi Oil Minister Hisham "
      "Nazer.", "Sheikh Ali", True)],
)  # fmt: skip
def test_a_role_of_another_country_is_not_the_one_asked(
    sentence: str, name: str, another: bool
) -> None:
    before, after = around(sentence, name)
    assert another_country(SAUDI, ROLES, before, name, after) is another


def test_a_span_that_names_another_country_s_role_is_its() -> None:
    sentence = "Kuwait's Oil Minister, Sheikh Ali al-Khalifa al-Sabah, said there were no plans."
    after = sentence[len("Kuwait's Oil Minister") :]
    assert another_country(SAUDI, ROLES, "", "Kuwait's Oil Minister", after)


def test_a_role_after_the_name_is_read_only_in_an_apposition() -> None:
    opec = "Who is OPEC's conference president?"
    said = " said after meeting Ecuador's President Leon Febres Cordero."
    roles = ["conference", "president"]
    assert not another_country(opec, roles, "OPEC President ", "Rilwanu Lukman", said)


def test_a_deputy_is_not_the_holder_asked() -> None:
    assert another_holder(["chairman"], "Fed Vice Chairman Manuel Johnson said ...")
    assert not another_holder(["vice", "chairman"], "Fed Vice Chairman Manuel Johnson said")
    assert not another_holder(["chairman"], "Fed Chairman Paul Volcker said ...")


ACME = "Who is Acme's chief executive?"
FED_CHAIR = "Who is chairman of the U.S. Federal Reserve Board?"
FED = ["chairman"]
BIDDER = "Who is bidding for Borg-Warner?"


@pytest.mark.parametrize(
    ("sentence", "name", "holds"),
    [("Federal Reserve Board Chairman Paul Volcker said the dollar had fallen enough.",
      "Paul Volcker", True),
     ("Paul Volcker, chairman of the Federal Reserve Board, told Congress on Tuesday.",
      "Paul Volcker", True),
     ("Fed chief Paul Volcker said the dollar had fallen enough.", "Paul Volcker", True),
     ("The Fed chairman will hold rates, said Peter Klein, an economist at a Zurich bank.",
      "Peter Klein", False),  # near the office, not its holder
     ("Peter Klein, an economist at a Zurich bank, said the Fed chairman would hold rates.",
      "Peter Klein", False),  # the office is in another clause, after "said"
     ("Fed Chairman Paul Volcker said it, according to Peter Klein.", "Peter Klein", False),
     ("The chairman of the U.S. Federal Reserve Board said rates would hold.",
      "U.S. Federal Reserve Board", False)],  # an institution holds no office
)  # fmt: skip
def test_a_who_answer_is_tied_to_the_office_asked(sentence: str, name: str, holds: bool) -> None:
    before, after = around(sentence, name)
    assert holds_role(FED_CHAIR, FED, before, name, after) is holds


def test_a_who_question_without_an_office_takes_any_name() -> None:
    assert holds_role(BIDDER, ["bidding"], "said ", "GAF Corp", " on Monday.")


IRAQ = "Who is Iraq's oil minister?"
STAFF = "Who is the White House chief of staff?"
FARM = "Who is the U.S. Agriculture Secretary?"
BANK_HEAD = "Who is president of the Bundesbank?"


@pytest.mark.parametrize(
    ("question", "sentence", "name", "holds"),
    [(IRAQ, "Iraq's Oil Minister Qassem Ahmed Taqi has been moved to the Heavy Industries "
      "ministry.", "Qassem Ahmed Taqi", False),
     (IRAQ, "The decree named Isam al-Chalaby oil minister.", "Isam al-Chalaby", True),
     (STAFF, "The report prompted the abrupt exit of Donald Regan as White House chief of "
      "staff.", "Donald Regan", False),
     (STAFF, "White House chief of staff Donald Regan resigned on Friday.", "Donald Regan",
      False),
     (ACME, "Acme said its board will elect in April Jane Roe as its chief executive.",
      "Jane Roe", False),  # one to come
     (ACME, "Jane Roe, Acme's chief executive, said profits would rise.", "Jane Roe", True),
     (ACME, "Acme Vice Chairman Jane Roe said profits would rise.", "Jane Roe", False),
     (STAFF, "Former White House Chief of Staff Donald Regan, who resigned last week, spoke.",
      "Donald Regan", False),
     (STAFF, "The sources said New White House Chief of Staff Howard Baker has a good "
      "relationship with the Treasury.", "Howard Baker", True),
     (ACME, "Acme Co Chief Executive Jane Roe said profits would rise.", "Jane Roe", True),
     (FED_CHAIR, "Steven Roberts, assistant to Federal Reserve Board Chairman Paul Volcker, "
      "left.", "Paul Volcker", True),  # the assistant is another: the chairman holds it
     (ACME, "Jane Roe, now vice chairman, was named to succeed John Doe as chief executive.",
      "Jane Roe", False),  # to come, told after the name
     (ACME, "Acme said Jane Roe will succeed John Doe as chief executive on April 30.",
      "John Doe", True),  # the holder until then
     (ACME, "Acme said Jane Roe will succeed John Doe as chief executive on April 30.",
      "Jane Roe", False),
     (ACME, "Jane Roe was named chairman, succeeding John Doe as chief executive.",
      "John Doe", False),  # succeeded already
     (ACME, "ACME NOMINATES JANE ROE CHIEF EXECUTIVE", "JANE ROE", False),  # a vote to come
     (ACME, "Joe Bloggs is chairman and chief executive of Riverside Water Systems Inc, a "
      "subsidiary of Acme.", "Joe Bloggs", False),  # a subsidiary's, after the title's "of"
     (ACME, "Jane Roe, chief executive of Acme, said profits would rise.", "Jane Roe", True),
     (ACME, "Jane Roe, chief executive of the company, said profits would rise.", "Jane Roe",
      True),
     (FED_CHAIR, "Paul Volcker, chairman of the Fed, spoke.", "Paul Volcker", True),
     (FED_CHAIR, "John Doe, chairman of Chase Manhattan Bank, spoke.", "John Doe", False),
     (FED_CHAIR, "The chairman of the Federal Reserve Board, John Doe, has written to the "
      "chairman of the House Banking Committee.", "John Doe", True),  # the title six back
     (FED_CHAIR, "The chairman of the House Banking Committee, John Doe, wrote to the Fed.",
      "John Doe", False),
     ("Who is executive director of the International Cocoa Organization (ICCO)?",
      "The ICCO executive director drafted the compromise.", "ICCO", False),  # itself
     (FARM, "Jane Roe, Deputy Secretary of Agriculture, will head the delegation.",
      "Jane Roe", False),  # a deputy, the office written capitalised in the question
     (FARM, "Talks were held with the Under Secretary of Agriculture, Jane Roe.", "Jane Roe",
      False),  # an under secretary
     (FARM, "U.S. Secretary of State John Doe said it was up to the Agriculture Department.",
      "John Doe", False),  # another office after its "of"
     (FARM, "U.S. Agriculture Secretary Richard Roe said the bonus stands.", "Richard Roe",
      True),
     (BANK_HEAD, "Also under discussion as president was Jane Roe, a board member.",
      "Jane Roe", False),  # one talked of, not the holder
     (BANK_HEAD, "Jane Roe is expected to be named president of the Bundesbank.", "Jane Roe",
      False),
     ("Who is governor of the Bank of England?", "They met Chancellor Nigel Lawson and "
      "Governor of the Bank of England Robin Roe.", "Robin Roe", True),  # a body's name
     # runs from the title's "of" to the name, no comma
     ("Who is director of the Banco do Brasil's foreign trade department (Cacex)?",
      "The director of the Banco do Brasil's foreign trade department (CACEX), Jane Roe, "
      "told reporters exports rose.", "Jane Roe", True),  # a long "of" phrase, a comma
     ("Who is the United Arab Emirates' oil minister?", "He will meet UAE President Sheikh "
      "Zaid and Oil Minister Jane Roe.", "Jane Roe", True),  # a visit to come, not an office
     (BANK_HEAD, "The board will meet in April to name Jane Roe president of the Bundesbank.",
      "Jane Roe", False),  # to come still
     ("Who is Greece's prime minister?", "The ambassador in Athens, Nazmi Akiman, was due to "
      "meet Prime Minister Andreas Papandreou today.", "Nazmi Akiman", False),  # the title
     # after the name is another's: it stands before Papandreou's name (fresh12's watch-c29)
     ("Who is Greece's prime minister?", "The ambassador in Athens, Nazmi Akiman, was due to "
      "meet Prime Minister Andreas Papandreou today.", "Andreas Papandreou", True),
     (BANK_HEAD, "Jane Roe, who was named Bundesbank President Tuesday, spoke.", "Jane Roe",
      True),  # a day after the title is no other holder's name
     ("Who is the U.S. Attorney General?", "The SEC's general counsel told attorneys "
      "representing Texaco and Pennzoil it would act.", "Texaco and Pennzoil", False),  # two
     # names joined are no one holder (fresh14's watch-j25, read after its blind run)
     ("Who is chairman of the U.S. House Banking Committee?", "Senate Banking committee "
      "chairman William Proxmire said a conference will be held with the House Banking "
      "committee.", "William Proxmire", False),  # the other chamber's (fresh14's watch-j22)
     ("Who is chairman of the U.S. House Banking Committee?", "The bill was backed by House "
      "Banking Committee chairman Fernand St Germain.", "Fernand St Germain", True),
     ("Who is chairman of General Motors Corp?", "General Motors Corp's Hughes Aircraft Co "
      "said it named Albert Wheelon as chairman.", "Albert Wheelon", False),  # GM is named
     # only as the owner of the company whose chairman it is (fresh14's watch-j26)
     ("Who is chairman of General Motors Corp?", "General Motors Corp said it named Roger "
      "Smith as chairman.", "Roger Smith", True)],
)  # fmt: skip
def test_the_holder_of_an_office_now(question: str, sentence: str, name: str, holds: bool) -> None:
    before, after = around(sentence, name)
    about = asked_about(question)
    assert holds_office(question, about, sentence, before, name, after) is holds


AGRICULTURE = "Who is the Philippines' agriculture secretary?"


@pytest.mark.parametrize(
    ("sentence", "name", "holds"),
    [("Agriculture Secretary Carlos Dominguez has also raised objections.", "Carlos Dominguez",
      True),
     ("Carlos Dominguez, the agriculture secretary, raised objections.", "Carlos Dominguez",
      True),
     ("Philippine Secretary of Trade and Industry Jose Concepcion, who doubted the deal, "
      "spoke.", "Jose Concepcion", False),  # the office named after its "of"
     ("Philippine Secretary of Agriculture Carlos Dominguez spoke.", "Carlos Dominguez", True),
     ("A rift opened with Economic Planning Secretary Solita Monsod accusing the head of the "
      "delegation.", "Solita Monsod", False)],  # "the head" she accuses is not her office
)  # fmt: skip
def test_an_office_is_told_by_its_words_before_and_after_its_title(
    sentence: str, name: str, holds: bool
) -> None:
    before, after = around(sentence, name)
    roles = ["agriculture", "secretary"]
    assert holds_role(AGRICULTURE, roles, before, name, after) is holds


def test_a_headline_s_verb_of_saying_is_no_holder() -> None:
    """ "KENNETH DUBERSTEIN TO BE DEPUTY WHITE HOUSE CHIEF OF STAFF, OFFICIALS SAY": every word
    is capitalised, and the reader's "SAY" is no name."""
    assert not Wanted.of(STAFF).takes("SAY")
    assert Wanted.of(STAFF).takes("HOWARD BAKER")


def test_an_unqualified_title_is_the_office_of_the_country_a_story_is_filed_in() -> None:
    """ "CARACAS, April 27 - Finance minister Jane Roe said she will visit Japan": Venezuela's
    minister, not Japan's."""
    japan, roles = "Who is Japan's finance minister?", ["finance", "minister"]
    before, after = "CARACAS, April 27 - Finance minister ", " said she will visit Japan."
    assert another_country(japan, roles, before, "Jane Roe", after, "venezuela")
    assert not another_country(japan, roles, before, "Jane Roe", after, "japan")
    assert not another_country(
        japan, roles, "Japanese Finance Minister ", "Jane Roe", after, "venezuela"
    )  # the title says whose


def test_a_rank_below_an_office_is_no_name() -> None:
    assert not Wanted.of(FARM).takes("Deputy")
    assert not Wanted.of(FARM).takes("Under Secretary")
    assert Wanted.of(FARM).takes("Richard Lyng")


@pytest.mark.parametrize(
    ("question", "office"),
    [(SAUDI, True), ("Who is chairman of Allegis Corp?", True),
     ("Who is bidding for Borg-Warner Corp?", False),
     ("What is Citibank's prime rate?", False)],
)  # fmt: skip
def test_an_office_is_asked_by_a_who_question_with_a_title(question: str, office: bool) -> None:
    assert asks_office(question) is office


@pytest.mark.parametrize(
    ("told", "appointed"),
    [("Saudi Arabian Oil Minister Hisham Nazer said the kingdom would keep its quota.", False),
     ("Beryl Sprinkel, chairman of the Council of Economic Advisers, told reporters.", False),
     ("ALLEGIS NAMES OLSON CHAIRMAN", True),
     ("King Fahd appointed Hisham Nazer oil minister.", True),
     ("The new Saudi oil minister, Hisham Nazer, said prices would hold.", True),
     ("James Cotting was elected chairman, succeeding Lennox.", True),
     ("Analysts said new oil prices were holding.", False),
     ("The Fed's chairman spoke at its new headquarters.", False)],
)  # fmt: skip
def test_an_appointment_is_told_by_its_words(told: str, appointed: bool) -> None:
    assert tells_appointment(told) is appointed
