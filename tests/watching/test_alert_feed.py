"""The Atom feed of alerts: what an article carries that XML cannot is left out, and only
web addresses become links."""

from __future__ import annotations

import feedparser

from assistant.watching.alert_feed import atom_feed
from assistant.watching.watches import Alert, AlertKind, Quote


def test_characters_xml_cannot_carry_are_dropped_and_only_web_links_kept() -> None:
    cited = Quote(article_id="a/2", title="Citibank\x00 raises\ud800 prime", date="1987-04-01",
                  source="Reuters", url="javascript:alert(1)",
                  quote="Citibank raised its prime rate to 7-3/4 pct.\x0b")  # fmt: skip
    alert = Alert(watch_id="w1", kind=AlertKind.NEW_STORY, date="1987-04-01",
                  question="Citibank\ufffe prime", new_answer=cited.quote, citation=cited,
                  id="1", raised="1987-04-01T10:00:00+00:00")  # fmt: skip
    xml = atom_feed([alert], "Alerts\udfff", "http://127.0.0.1/alerts.atom", "urn:alerts")
    feed = feedparser.parse(xml)
    assert not feed.bozo and feed.feed.title == "Alerts"
    (entry,) = feed.entries
    assert "Citibank raises prime" in entry.content[0].value
    assert all(link.href.startswith("http") for link in entry.get("links", []))
    assert "javascript" not in xml.decode()
