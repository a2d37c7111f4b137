"""A real HTTP server on 127.0.0.1 serving pages and feeds the tests define.

The fetcher under test talks to it over real sockets, so timeouts, redirects, status
codes, content types, conditional requests and robots.txt are exercised for real; no
request ever leaves the machine.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """What the server answers on one path."""

    body: bytes | str = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    trickle: float = 0.0  # seconds between chunks of 1 KB
    header_trickle: float = 0.0  # seconds between the bytes of the status line and headers
    etag: str = ""  # answer 304 when the client sends it back

    def data(self) -> bytes:
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


@dataclass
class Seen:
    """One request the server received."""

    path: str
    headers: dict[str, str]
    at: float


class LocalSite:
    """``site.routes[path] = Reply(...)`` or a callable returning one; ``site.url(path)``."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.routes: dict[str, Reply | Callable[[], Reply]] = {}
        self.requests: list[Seen] = []
        self.active = 0
        self.most_active = 0
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                with site._lock:
                    site.requests.append(Seen(self.path, dict(self.headers), time.monotonic()))
                    site.active += 1
                    site.most_active = max(site.most_active, site.active)
                try:
                    site._answer(self)
                finally:
                    with site._lock:
                        site.active -= 1

        self.server = ThreadingHTTPServer((host, port), Handler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def url(self, path: str) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}{path}"

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        route = self.routes.get(handler.path)
        if route is None:
            reply = Reply("not here", status=404, content_type="text/plain")
        else:
            reply = route() if callable(route) else route
        time.sleep(reply.delay)
        if reply.header_trickle:  # a server that sends its headers a byte at a time
            head = b"HTTP/1.1 200 OK\r\nX-Padding: " + b"x" * 400 + b"\r\n\r\n"
            try:
                for byte in head:
                    handler.wfile.write(bytes([byte]))
                    handler.wfile.flush()
                    time.sleep(reply.header_trickle)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if reply.etag and handler.headers.get("If-None-Match") == reply.etag:
            handler.send_response(304)
            handler.send_header("ETag", reply.etag)
            handler.end_headers()
            return
        data = reply.data()
        handler.send_response(reply.status)
        handler.send_header("Content-Type", reply.content_type)
        if not reply.trickle:
            handler.send_header("Content-Length", str(len(data)))
        if reply.etag:
            handler.send_header("ETag", reply.etag)
            handler.send_header("Last-Modified", formatdate(usegmt=True))
        for key, value in reply.headers.items():
            handler.send_header(key, value)
        handler.end_headers()
        try:
            for piece in _pieces(data, 1024 if reply.trickle else len(data) or 1):
                handler.wfile.write(piece)
                handler.wfile.flush()
                time.sleep(reply.trickle)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should on a slow or huge reply

    def __enter__(self) -> LocalSite:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def _pieces(data: bytes, size: int) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


def rss(title: str, items: list[tuple[str, str, str, str]]) -> str:
    """An RSS 2.0 feed; items are (guid, link, title, description)."""
    body = "".join(
        f"<item><guid>{guid}</guid><link>{link}</link><title>{item_title}</title>"
        f"<pubDate>Mon, 27 May 2024 08:00:00 GMT</pubDate>"
        f"<description><![CDATA[{text}]]></description></item>"
        for guid, link, item_title, text in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.org/</link>{body}</channel></rss>"
    )


def article_page(title: str, paragraphs: list[str], date: str = "2024-05-27") -> str:
    """A realistic news page: navigation, cookie banner, share bar, comments around the story."""
    story = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title} | Daily Example</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Daily Example">
<meta property="article:published_time" content="{date}T08:00:00Z">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a>
<a href="/subscribe">Subscribe now for full access</a></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<main><article><h1>{title}</h1><p class="byline">By Amina Yusuf</p>{story}</article>
<div class="share">Share on Facebook Share on Twitter Copy link</div>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/x">Markets rally again</a></li>
</ul></aside></main>
<section id="comments"><h2>Comments</h2><p>First! Great article, totally agree.</p></section>
<footer>© 2024 Daily Example. All rights reserved. Privacy policy. Terms of use.</footer>
</body></html>"""


class Hooks:
    """A loopback server that keeps every JSON body POSTed to it (a webhook's, Apprise's)."""

    def __init__(self) -> None:
        received: list[Any] = []
        self.received = received

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                received.append(json.loads(body))
                self.send_response(204)
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
