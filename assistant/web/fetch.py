"""Fetch web pages and feeds politely: robots.txt, one request per host at a time, limits.

Every way a fetch can go wrong (a timeout, a redirect loop, a 404 or 500, a page larger
than the limit, bytes that are not what the server says they are, an address inside the
private network) ends in one ``FetchFailed`` whose message names the URL and the cause,
so a feed refresh can record it and carry on with the next entry. Which addresses may be
connected to, and the deadline for a whole response, are enforced under every connection
(``connect``); robots.txt is read by protego (RFC 9309: wildcards, longest match).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from assistant.errors import FetchFailed
from assistant.web.connect import CheckedTransport, Reach, TooSlow, deadline

USER_AGENT = "news-assistant/0.1 (question answering over news archives; polite fetcher)"
_RETRY_STATUS = {429, 500, 502, 503, 504}
_REDIRECT_STATUS = {301, 302, 303, 307, 308}
_MAX_URL = 2000


@dataclass(frozen=True)
class FetchPolicy:
    """How patient and how polite a fetch is; tests shorten the waits."""

    timeout: float = 15.0  # seconds to connect, and between two bytes
    deadline: float = 60.0  # seconds for a whole response, however slowly it trickles
    max_bytes: int = 5_000_000
    retries: int = 2  # further tries after a timeout, a dropped connection, 429 or 5xx
    backoff: float = 2.0  # seconds before the first retry, doubled each time
    host_delay: float = 1.0  # seconds between two requests to one host
    max_redirects: int = 5
    refresh_budget: float = 120.0  # seconds one feed's refresh may spend; the rest waits
    allow_private: bool = False  # addresses on this machine or the local network


@dataclass(frozen=True)
class Fetched:
    """A response body and what a later conditional request needs."""

    url: str  # after redirects
    status: int
    content_type: str
    body: bytes = b""
    etag: str = ""
    last_modified: str = ""
    location: str = ""  # where a redirect points
    retry_after: str = ""  # what a 429 or 503 asks for

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def charset(self) -> str:
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset":
                return value.strip().strip("\"'")
        return ""


@dataclass
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)
    last: float = 0.0
    robots: Protego | None = None  # None: not read yet, or the host could not be reached
    crawl_delay: float = 0.0


def check_url(url: str) -> str:
    """The URL, stripped, if it is an http(s) address; else a ``FetchFailed`` saying why."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchFailed(f"{url[:200]!r} is not a web address; give one starting http(s)://")
    if len(url) > _MAX_URL:
        raise FetchFailed(f"{url[:80]}... is longer than {_MAX_URL} characters")
    if parts.username or parts.password:
        raise FetchFailed(f"{parts.hostname}: addresses with a user name or password are refused")
    return url


class Fetcher:
    """One fetcher per process: it remembers each host's robots.txt and last request."""

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        reach: Reach | None = None,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self._sleep = sleep
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT},
            timeout=httpx.Timeout(self.policy.timeout),
            follow_redirects=False,  # each hop is checked against robots.txt
            trust_env=False,  # no proxy from the environment: this machine fetches itself
            transport=CheckedTransport(reach or Reach(self.policy.allow_private)),  # network
        )

    def close(self) -> None:
        self._client.close()

    def get(
        self, url: str, etag: str = "", last_modified: str = "", accept: str = "*/*"
    ) -> Fetched:
        """The page at ``url`` (redirects followed), or 304 when unchanged since the validators."""
        url = check_url(url)
        seen = [url]
        for _ in range(self.policy.max_redirects + 1):
            headers = {"Accept": accept}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            response = self._request(url, headers)
            if response.status not in _REDIRECT_STATUS:
                return response
            target = response.location
            if not target:
                raise FetchFailed(f"{url}: redirect ({response.status}) without a Location")
            url = check_url(urljoin(url, target))
            if url in seen:
                raise FetchFailed(f"{seen[0]}: redirects in a loop ({len(seen)} hops); not fetched")
            seen.append(url)
        raise FetchFailed(
            f"{seen[0]}: more than {self.policy.max_redirects} redirects; not fetched"
        )

    # -- one hop ------------------------------------------------------------------------

    def _host(self, url: str) -> _Host:
        key = urlsplit(url).netloc.lower()
        with self._hosts_lock:
            return self._hosts.setdefault(key, _Host())

    def _request(self, url: str, headers: dict[str, str]) -> Fetched:
        host = self._host(url)
        with host.lock:  # one request at a time per host, spaced out
            if host.robots is None:
                self._read_robots(url, host)
            assert host.robots is not None
            if not host.robots.can_fetch(url, USER_AGENT):
                raise FetchFailed(f"{url}: the site's robots.txt asks robots not to fetch it")
            return self._with_retries(url, headers, host)

    def _wait_turn(self, host: _Host) -> None:
        delay = max(self.policy.host_delay, host.crawl_delay)
        wait = host.last + delay - time.monotonic()
        if wait > 0:
            self._sleep(wait)

    def _with_retries(self, url: str, headers: dict[str, str], host: _Host) -> Fetched:
        for attempt in range(self.policy.retries + 1):
            self._wait_turn(host)
            last_try = attempt == self.policy.retries
            try:
                result = self._once(url, headers)
            except FetchFailed as error:  # refused by the network check, or too large
                raise FetchFailed(f"{url}: {_reason(str(error))}") from None
            except TooSlow:  # the server is up, just slow: trying again won't help
                raise FetchFailed(
                    f"{url}: timed out (no whole response within {self.policy.deadline:g} s)"
                ) from None
            except httpx.TimeoutException:
                if last_try:
                    raise FetchFailed(
                        f"{url}: timed out (no answer within {self.policy.timeout:g} s); "
                        f"tried {attempt + 1} times"
                    ) from None
                result = None
            except httpx.TransportError as error:
                if last_try:
                    raise FetchFailed(
                        f"{url}: cannot connect ({error or type(error).__name__}); "
                        f"tried {attempt + 1} times"
                    ) from None
                result = None
            finally:
                host.last = time.monotonic()
            if result is not None and result.status not in _RETRY_STATUS:
                if result.status >= 400:
                    raise FetchFailed(f"{url}: the server answered {result.status}")
                return result
            if result is not None and last_try:
                raise FetchFailed(
                    f"{url}: the server answered {result.status}; tried {attempt + 1} times"
                )
            pause = self.policy.backoff * 2**attempt
            if result is not None and result.status == 429:
                pause = max(pause, _retry_after(result.retry_after))
            self._sleep(min(pause, 60.0))
        raise AssertionError("unreachable")

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        """One GET, connecting only where allowed, whole within the policy's deadline."""
        with (
            deadline(self.policy.deadline),
            self._client.stream("GET", url, headers=headers) as response,
        ):
            status = response.status_code
            if status in _REDIRECT_STATUS or status == 304 or status >= 400:
                return Fetched(
                    url,
                    status,
                    "",
                    location=response.headers.get("location", ""),
                    retry_after=response.headers.get("retry-after", ""),
                )
            declared = int(response.headers.get("content-length") or 0)
            if declared > self.policy.max_bytes:
                raise FetchFailed(
                    f"{url}: is {declared:,} bytes, over the {self.policy.max_bytes:,}-byte "
                    "limit; not fetched"
                )
            body = bytearray()
            for piece in response.iter_bytes():
                body += piece
                if len(body) > self.policy.max_bytes:
                    raise FetchFailed(
                        f"{url}: is larger than the {self.policy.max_bytes:,}-byte limit; "
                        "not fetched"
                    )
            return Fetched(
                url=str(response.url),
                status=status,
                content_type=response.headers.get("content-type", ""),
                body=bytes(body),
                etag=response.headers.get("etag", ""),
                last_modified=response.headers.get("last-modified", ""),
            )

    def _read_robots(self, url: str, host: _Host) -> None:
        """RFC 9309: a missing robots.txt (4xx) allows all; a failing one (5xx) none.

        Every hop, redirects included, is checked like any fetch (a redirect to a private
        address is refused, not followed). A host that cannot be reached at all is said so,
        and asked again at the next fetch rather than remembered.
        """
        robots_url = urljoin(url, "/robots.txt")
        text = "User-agent: *\nDisallow: /"
        try:
            response = self._once(robots_url, {"Accept": "text/plain"})
            for _ in range(self.policy.max_redirects):
                if response.status not in _REDIRECT_STATUS or not response.location:
                    break
                response = self._once(check_url(urljoin(robots_url, response.location)), {})
        except FetchFailed as error:  # a private address, a name that does not resolve
            raise FetchFailed(f"{url}: {_reason(str(error))}") from None
        except (httpx.HTTPError, TooSlow) as error:
            host.last = time.monotonic()
            raise FetchFailed(
                f"{url}: cannot reach {urlsplit(url).hostname} ({error or type(error).__name__});"
                " nothing fetched"
            ) from None
        if 200 <= response.status < 300:
            text = response.body.decode("utf-8", "replace")
        elif 400 <= response.status < 500:
            text = ""  # no robots.txt: everything is allowed
        parser = Protego.parse(text)
        host.last = time.monotonic()
        host.crawl_delay = min(float(parser.crawl_delay(USER_AGENT) or 0), 30.0)
        host.robots = parser


def _reason(message: str) -> str:
    """A ``FetchFailed`` message without the address it starts with."""
    head, sep, rest = message.partition(": ")
    return rest if sep and " " not in head else message


def _retry_after(value: str) -> float:
    if not value:
        return 0.0
    if value.strip().isdigit():
        return float(value.strip())
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return 0.0
