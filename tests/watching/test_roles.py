"""Whose role a "who" answer holds: the deputy's and another country's are not asked."""

from __future__ import annotations

import pytest

from assistant.watching.roles import another_country, another_holder

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
    at = sentence.index(name)
    before, after = sentence[:at], sentence[at + len(name) :]
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
    assert not another_holder(["chairman"], "Fed Chairman Paul Volcker said ...")
