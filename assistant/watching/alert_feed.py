"""Alerts as an Atom feed, so any feed reader can subscribe to a watch (or to all).

feedgen writes the XML (escaping every string); what is ours is what goes in: each entry's
title is the alert's message, its content both quotes as plain text (``type="text"``, so
no reader renders an article's markup), its link the new report's address when that is a
web address, and no character XML cannot carry.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator

from assistant.watching.watches import Alert

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
EPOCH = "1970-01-01T00:00:00+00:00"


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _web(url: str) -> str:
    return url if urlsplit(url).scheme in ("http", "https") else ""


def atom_feed(alerts: Sequence[Alert], title: str, self_url: str, feed_id: str) -> bytes:
    """The Atom document of ``alerts`` (newest first), served at ``self_url``."""
    feed = FeedGenerator()
    feed.id(feed_id)
    feed.title(_text(title))
    feed.link(href=self_url, rel="self")
    feed.updated(max((a.raised for a in alerts if a.raised), default=EPOCH))
    for alert in reversed(alerts):  # feedgen puts the last added first
        entry = feed.add_entry()
        entry.id(f"{feed_id}:alert:{alert.id}")
        entry.title(_text(alert.message))
        entry.updated(alert.raised or EPOCH)
        entry.content(_text(alert.details), type="text")
        if link := _text(_web(alert.citation.url)):
            entry.link(href=link)
    return bytes(feed.atom_str(pretty=True))
