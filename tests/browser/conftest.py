"""Browser tier: Debian's chromium driven by Playwright against a live server on loopback."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.ui.test_api import free_port

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail("browser tests need Debian's chromium at /usr/bin/chromium: "
                    "apt-get install chromium (make test does this as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def live(real_index, tmp_path_factory):
    """A server over a copy of the real-model index; feedback lands beside that copy (the
    index itself may be shared with another pytest-xdist worker)."""
    from assistant import Assistant
    from tests.conftest import copy_index
    from ui.app import launch

    qa = Assistant.load(copy_index(real_index, tmp_path_factory.mktemp("live") / "index"))
    handle = launch(qa, port=free_port())
    handle.qa = qa
    yield handle
    handle.close()


@pytest.fixture
def page(browser, live):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = ctx.new_page()
    pg.goto(live.url)
    pg.wait_for_selector("#qw-question textarea")
    yield pg
    ctx.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def hostile_live(tmp_path_factory, articles):
    """A server whose corpus holds an article full of HTML, Markdown and script."""
    from assistant import Assistant
    from index import FakeEmbedder, build_index
    from ui.app import launch

    corpus = tmp_path_factory.mktemp("hostile")
    shutil.copy(articles / "002_8dbfed19f3c03168.txt", corpus)
    (corpus / "evil.md").write_text(
        "Trust and <script>window.__pwned=1</script> hacks\n\n"
        "Trust grows when <img src=x onerror=\"window.__pwned=2\"> you keep promises. "
        "Read [this](javascript:window.__pwned=3) and <b>never</b> give up on trust.\n\n"
        "Keep promises so trust grows: $$\\rule{1000px}{1000px}$$ and $x^2$ stay text.\n\n"
        "Keep promises so trust grows, says https://evil.example/trust (or www.evil.example, "
        "or write to help@evil.example).\n",
        encoding="utf-8")
    ix = tmp_path_factory.mktemp("hix") / "index"
    build_index([corpus], ix, embedder=FakeEmbedder(), progress=False)
    handle = launch(Assistant.load(ix), port=free_port())
    yield handle
    handle.close()


def pytest_collection_modifyitems(items):
    """One browser test on the real-model server first, then the tests on fake-embedder
    servers, then the other real-model ones (a stable sort: each group keeps its order).
    pytest-xdist hands the first two tests to one worker and the next two to the other, then
    the rest to whichever is free: so one worker builds the real-model index that `live`
    serves (most of the tier's CPU) from the start while the other runs the tests that do not
    need it, instead of both running those first and then one waiting for the other's build."""
    live = [item for item in items
            if item.get_closest_marker("browser") is not None and "live" in item.fixturenames]
    first = live[0] if live else None
    live = set(live)
    items.sort(key=lambda item: 0 if item is first else 2 if item in live else 1)
