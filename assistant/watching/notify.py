"""New alerts sent through Apprise (e-mail, chat, push) to the URLs ``ASSISTANT_WATCH_NOTIFY``
names, space-separated: ``mailto://...``, ``slack://...``, ``ntfy://...``, ``json://...``.

An optional extra (``pip install 'news-archive-qa[notify]'``): Apprise speaks a hundred
services' protocols, which we do not write again. It opens its own connections, so each
URL's server is checked first: a name that resolves to this machine or the local network
is refused unless ``ASSISTANT_FETCH_PRIVATE=1`` allows it, as for a fetch and the webhook
(unlike theirs, this check cannot pin the connection to the address it checked). A name
that does not resolve is left to Apprise: in most services' URLs it is a token, not a
server. Messages are plain text, so no service renders an article's markup. A notification
that fails is logged; the alert stays in the inbox and the feeds.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from assistant.config import Settings
from assistant.errors import FetchFailed
from assistant.watching.watches import Alert
from assistant.web.connect import Reach, refuse_private

log = logging.getLogger(__name__)
TIMEOUT = 10.0
_HOST_FIELDS = ("host", "smtp_host")  # where Apprise's services keep the server they reach


def notify_alerts(settings: Settings, alerts: Sequence[Alert]) -> int:
    """Send each alert to every service; how many alerts every service accepted."""
    urls = (settings.watch_notify or "").split()
    if not urls or not alerts:
        return 0
    try:
        import apprise
    except ImportError:
        log.warning(
            "ASSISTANT_WATCH_NOTIFY is set but Apprise is not installed; "
            "pip install 'news-archive-qa[notify]'"
        )
        return 0
    services = apprise.Apprise()
    reach = Reach(settings.fetch_private)
    for url in urls:
        service = _instantiate(apprise, url)
        scheme = url.split("://", 1)[0][:20]  # the rest of the URL often holds a secret
        if service is None:
            log.warning("ASSISTANT_WATCH_NOTIFY: a %s:// address Apprise cannot use", scheme)
        elif refused := refusal(service, reach):
            log.warning("ASSISTANT_WATCH_NOTIFY: the %s:// service at %s", scheme, refused)
        else:
            services.add(service)
    if not services:
        return 0
    return sum(
        bool(
            services.notify(
                body=alert.details or alert.message,
                title=alert.message,
                body_format=apprise.NotifyFormat.TEXT,
                timeout=TIMEOUT,
            )
        )
        for alert in alerts
    )


def _instantiate(apprise: Any, url: str) -> Any:
    """Apprise's service for ``url``, or None; Apprise's own log of a URL it cannot parse
    (the whole URL, secrets and all) is kept quiet: ours names only the scheme."""
    own_log = logging.getLogger("apprise")
    was, own_log.disabled = own_log.disabled, True
    try:
        return apprise.Apprise.instantiate(url)
    finally:
        own_log.disabled = was


def refusal(service: Any, reach: Reach) -> str:
    """Why ``service`` may not be reached from here ("" when it may)."""
    for name in _HOST_FIELDS:
        host = getattr(service, name, None)
        if not isinstance(host, str) or not host:
            continue
        try:
            addresses = reach.resolve(host, int(getattr(service, "port", None) or 443))
        except OSError:
            continue  # a token in the host's place, or a server Apprise cannot reach either
        try:
            refuse_private(host, addresses, reach)
        except FetchFailed as refused:
            return str(refused)
    return ""
