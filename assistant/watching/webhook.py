"""New alerts POSTed as JSON to the address ``ASSISTANT_WATCH_WEBHOOK`` names.

The request goes through the same checked connection as every fetch (``web.connect``):
an address on this machine or the local network is refused unless
``ASSISTANT_FETCH_PRIVATE=1`` allows it, whatever the name resolves to, and no redirect is
followed. A webhook that fails is logged; the alert stays in the inbox and the feeds.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from urllib.parse import urlsplit

import httpx

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.watching.watches import Alert
from assistant.web.connect import CheckedTransport, Reach
from assistant.web.fetch import check_url

log = logging.getLogger(__name__)
TIMEOUT = 10.0


def post_alerts(settings: Settings, alerts: Sequence[Alert]) -> bool:
    """POST ``{"alerts": [...]}`` to the webhook; True when it answered 2xx."""
    url = settings.watch_webhook
    if not url or not alerts:
        return False
    try:
        with httpx.Client(
            transport=CheckedTransport(Reach(settings.fetch_private)),
            timeout=TIMEOUT,
            follow_redirects=False,
            trust_env=False,
        ) as client:
            reply = client.post(check_url(url), json={"alerts": [a.to_dict() for a in alerts]})
    except (httpx.HTTPError, AssistantError) as error:  # the alerts are stored: nothing lost
        log.warning("the watch webhook at %s failed: %s", _host(url), error)
        return False
    if not reply.is_success:
        log.warning("the watch webhook at %s answered %s", _host(url), reply.status_code)
    return reply.is_success


def _host(url: str) -> str:
    """Where the webhook is, for the log: its path and query often carry a secret token."""
    return urlsplit(url).hostname or "?"
