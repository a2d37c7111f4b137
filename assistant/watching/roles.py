"""Whose role a "who" watch's answer holds: the role asked, of the country asked.

"Who is Saudi Arabia's oil minister?" is not answered by "Vice Minister ...", nor by
"Kuwait's Oil Minister, Sheikh Ali", nor by "OPEC President Rilwanu Lukman, who is also
Nigerian Oil Minister", though the article's headline names Saudi Arabia.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.text.places import countries_in

# A role's deputy, or its former holder, is not the one asked for.
_OTHER_HOLDER = r"(?:vice|deputy|former|ex|acting|assistant|co)[\s-]+"
ROLE_WORDS = 5  # the words before a name or a role that say whose it is ("Kuwait's Oil")


def another_holder(roles: Sequence[str], quote: str) -> bool:
    """Whether every role word asked is in the quote only as another's: "Vice Chairman
    Manuel Johnson" when the chairman is asked."""
    for role in roles:
        found = re.findall(rf"({_OTHER_HOLDER})?\b{re.escape(role)}\b", quote, re.IGNORECASE)
        if found and all(found):
            return True
    return False


def another_country(question: str, roles: Sequence[str], before: str, sentence: str) -> bool:
    """Whether the answer's role is another country's: the words right ``before`` the answer
    in its ``sentence``, or before the role asked where the sentence names it ("who is also
    Nigerian Oil Minister"), name countries, and none the question names."""
    asked = countries_in(question)
    near: set[str] = set()
    places = [before.split()[-ROLE_WORDS:]]
    for role in roles[-1:]:  # the role's head: "minister" of "oil minister"
        for found in re.finditer(rf"\b{re.escape(role)}\b", sentence, re.IGNORECASE):
            places.append(sentence[: found.start()].split()[-ROLE_WORDS:])
    for words in places:
        named = countries_in(" ".join(words))
        if named & asked:
            return False  # "Saudi Arabian Oil Minister Hisham Nazer"
        near |= named
    return bool(near)
