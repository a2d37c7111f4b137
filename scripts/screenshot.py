"""Take the README screenshot from a real session: python scripts/screenshot.py docs/screenshot.png

Starts the app on the founding article (a temporary index), asks a question and a
follow-up, opens the cited article, and saves the page. Needs Debian chromium.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from app_process import launch_chromium, running_app  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402

from assistant.config import Settings  # noqa: E402
from assistant.index.indexer import ingest  # noqa: E402


def main(target: Path) -> None:
    work = Path(tempfile.mkdtemp(prefix="screenshot-"))
    corpus = work / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    ingest([corpus], Settings.from_env(index_dir=work / "index", corpus_dir=corpus))
    with running_app(work / "index", corpus) as app, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1360, "height": 980})
        page.goto(app.url, wait_until="load")
        for question in (
            "Who claimed responsibility for the attack?",
            "When did they sign a peace deal?",
        ):
            before = page.locator("#chat .answer").count()
            page.fill("#question textarea", question)
            page.click("#ask-button")
            expect(page.locator("#chat .answer")).to_have_count(before + 1, timeout=60_000)
        reply = page.locator("#chat .message-row").last
        reply.locator("a", has_text="open article").first.click()
        page.locator("#article-view mark#quoted").wait_for()
        page.wait_for_timeout(1000)  # let the chat finish its own scrolling first
        page.locator("#chat .user-row").last.evaluate("e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
        page.screenshot(path=str(target))
        browser.close()
    print(f"wrote {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshot.png"))
