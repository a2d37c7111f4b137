"""The launch rules of the web app: loopback by default, strong credentials elsewhere."""

import pytest

from assistant.app.serving import launch_options
from assistant.config import Settings
from assistant.errors import InvalidInput


def test_listening_beyond_loopback_requires_credentials() -> None:
    assert launch_options(Settings(host="127.0.0.1"))["auth"] is None
    with pytest.raises(InvalidInput, match="ASSISTANT_AUTH"):
        launch_options(Settings(host="0.0.0.0"))
    options = launch_options(Settings(host="0.0.0.0", auth="ana:correct-horse"))
    assert options["auth"] == ("ana", "correct-horse")
    assert options["share"] is False and options["allowed_paths"] == []


@pytest.mark.parametrize("weak", [":", "user:", ":password-long", "ana:short", "no-colon", " :x"])
def test_weak_credentials_are_refused(weak: str) -> None:
    for host in ("0.0.0.0", "127.0.0.1"):
        with pytest.raises(InvalidInput, match="at least 10 characters"):
            launch_options(Settings(host=host, auth=weak))


def test_every_route_gets_the_security_middleware() -> None:
    from assistant.app.request_guard import BodyLimit, HostGuard, SameOrigin
    from assistant.app.web_guard import LoginThrottle, SecurityHeaders

    middleware = launch_options(Settings())["app_kwargs"]["middleware"]
    assert [m.cls for m in middleware] == [
        SecurityHeaders, HostGuard, SameOrigin, BodyLimit, LoginThrottle,
    ]  # fmt: skip
