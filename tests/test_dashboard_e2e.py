"""End-to-end dashboard tests in a real headless Chromium (Debian's package, driven by Playwright).

No browser is downloaded: Playwright launches /usr/bin/chromium. Screenshots of every view are kept
in artifacts/screenshots/. The database is synthetic and includes articles whose text carries
<script>, <img onerror> and javascript: links, which must render as inert text.
"""

from __future__ import annotations

import shutil
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "artifacts" / "screenshots"

if not Path(CHROMIUM).exists():
    pytest.skip("Debian's chromium is not installed (CI installs it: apt-get install chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python) is not installed")
sys.path.insert(0, str(ROOT / "bench"))
import make_events_db  # noqa: E402

FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from eventwire.api import create_app

    db = tmp_path_factory.mktemp("e2e") / "e2e.duckdb"
    make_events_db.build(db, 800, seed=11, hostile_every=5)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[object]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        pg = context.new_page()
        pg.dialogs = []  # type: ignore[attr-defined]
        pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
        pg.console_errors = []  # type: ignore[attr-defined]
        pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))  # type: ignore[attr-defined]
        yield pg
        browser.close()


def _open(page: object, base_url: str, hash_: str, ready: str) -> None:
    page.goto(f"{base_url}/#/{hash_}")  # type: ignore[attr-defined]
    page.wait_for_selector(f"body[data-ready='{ready}']", timeout=15000)  # type: ignore[attr-defined]


def test_overview_shows_counts_mix_and_top_lists(page: object, base_url: str) -> None:
    _open(page, base_url, "overview", "overview")
    kpis = page.inner_text("#kpis")  # type: ignore[attr-defined]
    assert "events" in kpis and "articles" in kpis
    assert page.locator(".bar .q1").count() >= 1  # type: ignore[attr-defined]
    assert page.locator("table.dyads tbody tr").count() == 10  # type: ignore[attr-defined]
    page.screenshot(path=str(SHOTS / "overview.png"), full_page=True)  # type: ignore[attr-defined]


def test_dyad_explorer_draws_the_series(page: object, base_url: str) -> None:
    _open(page, base_url, "dyads", "dyads")
    assert page.locator("#dyad-chart svg path").count() >= 3  # type: ignore[attr-defined]
    assert page.locator("#dyad-chart svg circle").count() >= 2  # type: ignore[attr-defined]
    page.screenshot(path=str(SHOTS / "dyad-explorer.png"), full_page=True)  # type: ignore[attr-defined]


def test_network_graph_has_nodes_and_edges(page: object, base_url: str) -> None:
    _open(page, base_url, "network", "network")
    assert page.locator("#network svg g.node").count() >= 5  # type: ignore[attr-defined]
    assert page.locator("#network svg line").count() >= 5  # type: ignore[attr-defined]
    page.screenshot(path=str(SHOTS / "network.png"), full_page=True)  # type: ignore[attr-defined]


def test_map_draws_countries_and_event_places(page: object, base_url: str) -> None:
    _open(page, base_url, "map", "map")
    assert page.locator("#map path.country").count() > 100  # type: ignore[attr-defined]
    assert page.locator("#map circle.dot").count() >= 5  # type: ignore[attr-defined]
    page.screenshot(path=str(SHOTS / "map.png"), full_page=True)  # type: ignore[attr-defined]


def test_filter_then_open_an_event(page: object, base_url: str) -> None:
    _open(page, base_url, "events", "events")
    page.select_option("#event-filters select[name=plover]", "ASSAULT")  # type: ignore[attr-defined]
    page.click("#event-filters button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_function("location.hash.includes('plover=ASSAULT')")  # type: ignore[attr-defined]
    page.wait_for_selector("body[data-ready='events'] #events-table tbody tr")  # type: ignore[attr-defined]
    types = page.locator("#events-table tbody tr td:nth-child(3) .pill").all_inner_texts()  # type: ignore[attr-defined]
    assert types and set(types) == {"ASSAULT"}
    page.click("#events-table tbody tr >> nth=0")  # type: ignore[attr-defined]
    page.wait_for_selector("body[data-ready='event'] #event-detail")  # type: ignore[attr-defined]
    assert page.locator(".sentence mark.src").count() >= 1  # type: ignore[attr-defined]
    assert page.locator(".sentence mark.trg").count() >= 1  # type: ignore[attr-defined]
    assert "ASSAULT" in page.inner_text("#event-detail")  # type: ignore[attr-defined]
    page.screenshot(path=str(SHOTS / "event-detail.png"), full_page=True)  # type: ignore[attr-defined]


def test_hostile_article_text_renders_inert_in_every_view(page: object, base_url: str) -> None:
    views = [("events?q=alert", "events"), ("article/article-0", "article"), ("overview", "overview")]
    _open(page, base_url, "events?q=alert", "events")
    first = page.locator("#events-table tbody tr").first  # type: ignore[attr-defined]
    event_id = first.get_attribute("data-id")
    views.append((f"event/{event_id}", "event"))
    for hash_, ready in views:
        _open(page, base_url, hash_, ready)
        view = page.locator("#view")  # type: ignore[attr-defined]
        assert view.locator("script").count() == 0, hash_
        assert view.locator("img").count() == 0, hash_
        assert view.locator("a[href^='javascript']").count() == 0, hash_
        if ready != "overview":
            assert "<script>" in view.inner_text(), f"hostile text should show as text in {hash_}"
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    assert page.dialogs == []  # type: ignore[attr-defined]
    page.screenshot(path=str(SHOTS / "hostile-event.png"), full_page=True)  # type: ignore[attr-defined]
