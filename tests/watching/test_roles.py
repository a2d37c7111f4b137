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
     ("Oil Minister Hisham Nazer said prices would hold.", "Hisham Nazer", False)],
)  # fmt: skip
def test_a_role_of_another_country_is_not_the_one_asked(
    sentence: str, name: str, another: bool
) -> None:
    before = sentence[: sentence.index(name)]
    assert another_country(SAUDI, ROLES, before, sentence) is another


def test_a_deputy_is_not_the_holder_asked() -> None:
    assert another_holder(["chairman"], "Fed Vice Chairman Manuel Johnson said ...")
    assert not another_holder(["chairman"], "Fed Chairman Paul Volcker said ...")
