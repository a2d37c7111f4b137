"""Where a fetch may connect, and how long it may take: under every request httpx makes.

httpx (through httpcore) opens every connection through a network backend; this one
resolves the host name itself, refuses it when any address is not on the open internet
(unless private addresses are allowed), and connects to exactly the address it checked.
So every hop is checked (redirects, robots.txt and its redirects, retries), and a name
that resolves to a public address for the check cannot connect to a private one after
(DNS rebinding). Its streams also enforce a deadline for the whole response: a server
that trickles its headers or body a byte at a time is cut off when the deadline passes,
however short each wait between bytes.
"""

from __future__ import annotations

import contextlib
import contextvars
import ipaddress
import socket
import ssl
import time
import typing
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import httpcore
import httpx

from assistant.errors import FetchFailed

_DEADLINE: contextvars.ContextVar[float] = contextvars.ContextVar("deadline", default=0.0)


class TooSlow(Exception):
    """The server answers, but not with a whole response within the deadline."""


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Every read and write of the requests made inside must end within ``seconds``."""
    token = _DEADLINE.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def _remaining(timeout: float | None) -> float | None:
    end = _DEADLINE.get()
    if not end:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        raise TooSlow("no whole response within the deadline")
    return left if timeout is None else min(timeout, left)


def is_global(address: str) -> bool:
    """On the open internet (not loopback, private, link-local, metadata, reserved)."""
    return ipaddress.ip_address(address).is_global


def system_resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]).split("%")[0] for info in infos]


@dataclass(frozen=True)
class Reach:
    """Where connections may go: the resolver, and which addresses count as public.

    Tests, whose servers all live on loopback, name a resolver and a ``public`` rule of
    their own; the product uses the system's resolver and ``is_global``.
    """

    allow_private: bool = False
    resolve: Callable[[str, int], list[str]] = system_resolve
    public: Callable[[str], bool] = is_global


def public_addresses(host: str, port: int, reach: Reach) -> list[str]:
    """The addresses ``host`` resolves to; ``FetchFailed`` when one is not public."""
    try:
        addresses = list(dict.fromkeys(reach.resolve(host, port)))
    except OSError as error:
        reason = error.strerror or error
        raise FetchFailed(f"{host}: the name does not resolve ({reason})") from None
    if not addresses:
        raise FetchFailed(f"{host}: the name does not resolve")
    refuse_private(host, addresses, reach)
    return addresses


def refuse_private(host: str, addresses: Sequence[str], reach: Reach) -> None:
    """``FetchFailed`` when one of ``host``'s addresses is not public and ``reach`` does not
    allow private ones (also for connections another library opens: Apprise's)."""
    if not reach.allow_private and not all(reach.public(a) for a in addresses):
        raise FetchFailed(
            f"{host}: points at a private or local address; refused "
            "(set ASSISTANT_FETCH_PRIVATE=1 to allow it)"
        )


class _Stream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the request's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self.inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            return self.inner.read(max_bytes, _remaining(timeout))
        except httpcore.ReadTimeout:
            if _DEADLINE.get() and time.monotonic() >= _DEADLINE.get():
                raise TooSlow("no whole response within the deadline") from None
            raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, _remaining(timeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        return _Stream(self.inner.start_tls(ssl_context, server_hostname, _remaining(timeout)))

    def get_extra_info(self, info: str) -> typing.Any:
        return self.inner.get_extra_info(info)


class CheckedBackend(httpcore.NetworkBackend):
    """Connects only to addresses it resolved and checked itself."""

    def __init__(self, reach: Reach) -> None:
        self.reach = reach
        self.inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = public_addresses(host, port, self.reach)
        error: Exception | None = None
        for address in addresses:  # the checked addresses only, in the resolver's order
            try:
                stream = self.inner.connect_tcp(
                    address, port, _remaining(timeout), local_address, socket_options
                )
                return _Stream(stream)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as failed:
                error = failed
        assert error is not None
        raise error

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        raise FetchFailed(f"{path}: unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class CheckedTransport(httpx.HTTPTransport):
    """httpx's own transport over ``CheckedBackend`` (TLS checks the URL's host name)."""

    def __init__(self, reach: Reach) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=100,
            max_keepalive_connections=20,
            keepalive_expiry=5.0,  # httpx's own defaults
            network_backend=CheckedBackend(reach),
        )
