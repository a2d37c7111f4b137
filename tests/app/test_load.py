"""Fifty conversations at once against the running app (loopback, bounded in count and time).

Only correctness is asserted; the latency figures live in benchmarks/README.md
(benchmarks/load.py)."""

import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from app_process import seed_app
from conftest import ROOT

from assistant.config import Settings

sys.path.insert(0, str(ROOT / "benchmarks"))
from load import conversation

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory, seed_settings: Settings) -> Iterator[str]:
    with seed_app(tmp_path_factory.mktemp("load"), seed_settings.index_dir) as app:
        yield app.url


def test_fifty_concurrent_conversations_all_get_their_answers(app_url: str) -> None:
    with ThreadPoolExecutor(max_workers=50) as pool:
        futures = [pool.submit(conversation, app_url, 2) for _ in range(50)]
        outcomes = [future.result(timeout=600) for future in futures]
    assert len(outcomes) == 50
    assert all(ok for outcome in outcomes for _, ok in outcome)
    assert sum(len(o) for o in outcomes) == 100
