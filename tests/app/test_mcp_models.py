"""The MCP replies are the records' own fields (issue 26: one reply shape, no second copy)."""

from __future__ import annotations

from typing import get_type_hints

import pytest

from assistant.app.mcp_models import ARTICLE_NAMES, ArticleOut, CitationOut, PassageOut, out
from assistant.records import Article, Citation, Passage, Reprint


@pytest.mark.parametrize(
    ("model", "record", "names"),
    [(CitationOut, Citation, {}), (PassageOut, Passage, {}), (ArticleOut, Article, ARTICLE_NAMES)],
)
def test_each_field_an_agent_sees_has_its_records_name_and_type(model, record, names) -> None:
    hints = get_type_hints(record)
    ours = {"redacted", "also_published_by", "highlight"}  # what only MCP adds
    for name, info in model.model_fields.items():
        if name in ours:
            continue
        field = {v: k for k, v in names.items()}.get(name, name)
        assert field in hints, f"{model.__name__}.{name} is not a field of {record.__name__}"
        assert info.annotation == hints[field], name
        assert info.description, f"{model.__name__}.{name} has no description for agents"


def test_a_reply_is_filled_from_the_record() -> None:
    reprint = Reprint(
        article_id="b/2",
        title="Lere attack",
        date="2024-05-28",
        source="Reuters",
        url="https://r.example/2",
    )
    citation = Citation(n=1, article_id="a/1", title="Lere attack", date="2024-05-27",
                        source="AFP", url="", text="t", chunk_start=0, quote="q", start=3,
                        end=9, score=0.9, supports=True, also=(reprint,))  # fmt: skip
    shown = out(CitationOut, citation, redacted=False, also_published_by=[])
    assert shown.model_dump()["date"] == "2024-05-27" and shown.start == 3 and shown.n == 1
    article = Article(id="a/1", title="T", text="body", date=None, source="AFP")
    assert out(ArticleOut, article, ARTICLE_NAMES, redacted=True).article_id == "a/1"
