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
AFTER_WORDS = 8  # how far after a name its role may follow (", who is also Nigerian Oil ...")


def another_holder(roles: Sequence[str], quote: str) -> bool:
    """Whether a role word asked is in the quote only as another's: "Vice Chairman Manuel
    Johnson" when the chairman is asked."""
    for role in roles:
        found = re.findall(rf"({_OTHER_HOLDER})?\b{re.escape(role)}\b", quote, re.IGNORECASE)
        if found and all(found):
            return True
    return False


def another_country(
    question: str, roles: Sequence[str], before: str, answer: str, after: str
) -> bool:
    """Whether the answer's role is another country's, judged at the answer's own place:
    the ``answer`` itself and the words right ``before`` it when they name a country
    ("Kuwait's Oil Minister, Sheikh Ali"; a span "Kuwait's Oil Minister"), else, when an
    apposition follows it, the words that lead up to the role asked in its first few words
    ``after`` it (", who is also Nigerian Oil Minister"); another country, and not the
    question's, there ("said after meeting Ecuador's President" is no apposition)."""
    near = countries_in(" ".join([*before.split()[-ROLE_WORDS:], answer]))
    if not near and roles and after.lstrip().startswith(","):  # an apposition: the name's
        following = " ".join(after.split()[:AFTER_WORDS])
        role = re.search(rf"\b{re.escape(roles[-1])}\b", following, re.IGNORECASE)
        if role:
            near = countries_in(" ".join(following[: role.start()].split()[-ROLE_WORDS:]))
    return bool(near) and not near & countries_in(question)
