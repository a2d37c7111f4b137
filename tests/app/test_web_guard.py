"""Security headers and the sign-in brake, on a small ASGI app (the whole app: test_app_api)."""

import asyncio
from typing import Any

from assistant.app.web_guard import HEADERS, LoginThrottle, SecurityHeaders


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def app_answering(status: int) -> Any:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"x-frame-options", b"ALLOWALL")]})  # fmt: skip
        await send({"type": "http.response.body", "body": b"{}"})

    return app


def call(app: Any, path: str = "/login", method: str = "POST", client: str = "10.0.0.7") -> Any:
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "path": path, "method": method, "client": (client, 5000)}
    asyncio.run(app(scope, receive, send))
    return sent[0]["status"], dict(sent[0]["headers"])


def test_every_response_gets_the_headers_and_none_of_the_apps_own() -> None:
    status, headers = call(SecurityHeaders(app_answering(200)), path="/", method="GET")
    assert status == 200
    for name, value in HEADERS.items():
        assert headers[name.encode()] == value.encode()
    assert b"frame-ancestors 'none'" in headers[b"content-security-policy"]
    assert headers[b"x-frame-options"] == b"DENY"


def test_failed_sign_ins_lock_the_address_out_for_longer_each_time() -> None:
    clock = Clock()
    throttle = LoginThrottle(app_answering(400), clock=clock)
    statuses = [call(throttle)[0] for _ in range(LoginThrottle.free)]
    assert statuses == [400] * LoginThrottle.free  # the fifth failure sets the lock
    status, headers = call(throttle)  # so the sixth attempt is refused (SECURITY.md: "after 5")
    assert status == 429 and headers[b"retry-after"] == b"31"
    assert call(throttle, client="10.0.0.8")[0] == 400  # another address is not locked
    clock.now += 31
    assert call(throttle)[0] == 400  # allowed again; failing once more doubles the lock
    assert 59 < throttle.wait_for("10.0.0.7") <= 60
    clock.now += 10_000
    assert throttle.wait_for("10.0.0.7") == 0


def test_a_success_clears_the_count_and_other_routes_pass_freely() -> None:
    clock = Clock()
    failing = LoginThrottle(app_answering(400), clock=clock)
    for _ in range(4):
        call(failing)
    failing.app = app_answering(200)
    assert call(failing)[0] == 200 and failing.records == {}
    locked = LoginThrottle(app_answering(400), clock=clock)
    for _ in range(10):
        call(locked)
    assert call(locked)[0] == 429
    assert call(locked, path="/gradio_api/info", method="GET")[0] == 400  # not a sign-in


def test_the_schema_and_docs_count_towards_the_brake_and_obey_it() -> None:
    """/docs and /openapi.json take credentials too: guesses there count, and a locked
    address is refused there as everywhere (issue 21)."""
    throttle = LoginThrottle(app_answering(401), auth=("ana", "correct-horse"), clock=Clock())

    def docs(path: str) -> int:
        sent: list[dict[str, Any]] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        scope = {"type": "http", "path": path, "method": "GET", "client": ("10.0.0.9", 1),
                 "headers": [(b"authorization", b"Basic Z3Vlc3M6Z3Vlc3M=")]}  # fmt: skip
        asyncio.run(throttle(scope, receive, send))
        return int(sent[0]["status"])

    assert [docs(p) for p in ("/docs", "/openapi.json", "/docs/static/x", "/docs", "/docs")] == [
        401, 401, 401, 401, 401,
    ]  # fmt: skip
    assert docs("/openapi.json") == 429


def api_call(throttle: LoginThrottle, path: str, method: str, password: str) -> int:
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    token = f"Bearer ana:{password}".encode()
    scope = {"type": "http", "path": path, "method": method, "client": ("10.0.0.5", 1),
             "headers": [(b"authorization", token)]}  # fmt: skip
    asyncio.run(throttle(scope, receive, send))
    return int(sent[0]["status"])


def test_a_wrong_password_on_an_unknown_route_or_method_still_counts() -> None:
    """Issue 26: a 404 or 405 answered a wrong password, and the brake took it as a
    success and cleared the count (260 guesses, never a 429). The credentials decide."""
    auth = ("ana", "correct-horse")
    for status in (404, 405):
        throttle = LoginThrottle(app_answering(status), auth=auth, clock=Clock())
        guesses = [api_call(throttle, "/api/nothing-here", "PATCH", f"guess{n}") for n in range(5)]
        assert guesses == [status] * 5
        assert api_call(throttle, "/api/articles", "GET", "guess9") == 429
    right = LoginThrottle(app_answering(404), auth=auth, clock=Clock())
    for n in range(4):
        api_call(right, "/api/articles", "GET", f"guess{n}")
    assert api_call(right, "/api/nothing-here", "GET", "correct-horse") == 404
    assert right.records == {}  # the right password clears the count, whatever the route
