"""End-to-end dashboard tests in a real headless Chromium (Debian's package, driven by Playwright).

No browser is downloaded: Playwright launches /usr/bin/chromium, and every request that leaves
127.0.0.1 is aborted (the dashboard and /docs must work offline). Screenshots of every view at
1400 px and 390 px are kept in artifacts/screenshots/. The database is synthetic (bench/make_events_db.py,
6,000 events over 2023-2024) and includes articles whose text carries <script>, <img onerror> and
javascript: links, which must render as inert text.
"""

from __future__ import annotations

import csv
import shutil
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "artifacts" / "screenshots"
EVENTS = 6000
WIDTHS = {"desktop": 1400, "phone": 390}

if not Path(CHROMIUM).exists():
    pytest.skip("Debian's chromium is not installed (CI installs it: apt-get install chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python) is not installed")
sys.path.insert(0, str(ROOT / "bench"))
import make_events_db  # noqa: E402

FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Collected in every page: a CSP violation is a console error too, so "no console errors" also
# means "nothing the CSP had to block".
REPORT_CSP = ("document.addEventListener('securitypolicyviolation', e => "
              "console.error('CSP violation: ' + e.violatedDirective + ' in ' + e.sourceFile))")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("e2e") / "e2e.duckdb"
    make_events_db.build(db, EVENTS, seed=11, hostile_every=5)
    _add_one_event_reported_twice(db)
    return db


UN_SENTENCE = "The United Nations criticised Russia over the strikes."


def _add_one_event_reported_twice(db: Path) -> None:
    """Two articles of one story report the same event (one event, two mentions), by an IGO whose
    record carries no name (the dashboard must still show it by name), with the coder's evidence."""
    from eventwire.records import Actor, Article, Credits, Dateline, Event, Plover, Span
    from eventwire.store.db import connect
    from eventwire.store.writer import ArticleResult, Writer

    con = connect(db)
    writer = Writer(con)
    run = writer.start_run("tests/test_dashboard_e2e.py", "synthetic")
    results = []
    for n, (publisher, reported) in enumerate((("Reuters", False), ("AP", True))):
        article = Article(id=f"un-{n}", uri=f"synthetic://un-{n}", url=f"https://{publisher.lower()}.example/un-{n}", source=publisher,
                          title=f"UN criticises Russia ({publisher})", text=UN_SENTENCE, published="2024-06-15",
                          dateline=Dateline(place=None, country=None, agency=None), credits=Credits(), language="en",
                          warnings=[])
        event = Event(
            id=f"un-{n}-0", article_id=article.id, sentence_index=0, sentence=UN_SENTENCE,
            trigger=Span(text="criticised", start=19, end=29),
            source=Actor(text="The United Nations", start=0, end=18, code="IGOUNO", kind="igo", role_source="dictionary",
                         code_source="dictionary"),
            target=Actor(text="Russia", start=30, end=36, code="RUSGOV", country="RUS", sector="GOV", name="Russia",
                         kind="state", role_source="dictionary", code_source="dictionary"),
            cameo="111", cameo_root="11", plover=Plover(type="ACCUSE", mode=[], context=[]), goldstein=-2.0, quad_class=3,
            date="2024-06-15", date_source="publication", rule="criticise", model="plover-minilm", confidence=0.93,
            rule_type="ACCUSE", model_type="ACCUSE", model_prob=0.93, decided_by="rule", reported=reported)
        results.append(ArticleResult(article=article, story_id="story-un", events=[event], quotes=[]))
    writer.write_batch(run, results, documents_seen=2, coder_version="synthetic")
    writer.finish_run(run, "finished")
    con.close()


@pytest.fixture(scope="module")
def base_url(db_path: Path) -> Iterator[str]:
    import uvicorn

    from eventwire.api import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db_path), host="127.0.0.1", port=port, log_level="warning"))
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
def browser() -> Iterator[Any]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def _new_page(browser: Any, width: int) -> Any:
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    # offline: anything not served by the app under test is refused
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1")
                  else route.abort())
    context.add_init_script(REPORT_CSP)
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.console_errors = []
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    return pg


@pytest.fixture(scope="module", params=list(WIDTHS), ids=list(WIDTHS))
def page(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    pg = _new_page(browser, WIDTHS[request.param])
    pg.width_name = request.param
    yield pg
    pg.context.close()


@pytest.fixture(scope="module")
def desktop(browser: Any) -> Iterator[Any]:
    pg = _new_page(browser, WIDTHS["desktop"])
    yield pg
    pg.context.close()


def _open(page: Any, base_url: str, hash_: str, ready: str) -> None:
    url = f"{base_url}/#/{hash_}"
    # going to the very URL the page shows changes nothing (no hashchange): reload it instead
    _navigate(page, (lambda: page.reload()) if page.url == url else (lambda: page.goto(url)), ready)


def _navigate(page: Any, action: Any, ready: str) -> None:
    """Do ``action`` (a click, a goto) and wait until the view it leads to is drawn. The marker is
    cleared first: a hash change keeps the document, and the previous view's marker with it."""
    page.evaluate("delete document.body.dataset.ready")
    action()
    page.wait_for_selector(f"body[data-ready='{ready}']", timeout=20000)


def _hash_params(page: Any) -> dict[str, str]:
    return dict(page.evaluate("[...new URLSearchParams(location.hash.split('?')[1] || '')]"))


def _total(page: Any) -> int:
    text = page.inner_text("#events-total")
    return int(text.split()[0].replace(",", ""))


def _first_event_id(page: Any, base_url: str) -> str:
    return str(page.evaluate("fetch('/api/events?page_size=1').then(r => r.json()).then(d => d.items[0].id)"))


# ------------------------------------------------------------------ every view, both widths

VIEWS = [("overview", "overview", "#month-chart canvas"), ("dyads", "dyads", "#dyad-chart canvas"),
         ("network", "network", "#network-canvas canvas"), ("map", "map", "#map circle.dot"),
         ("events", "events", "#events-table tbody tr"), ("event/{event}", "event", "#event-evidence .sentence"),
         ("article/article-1", "article", "#article-text")]


@pytest.mark.parametrize(("hash_", "ready", "drawn"), VIEWS, ids=[v[1] for v in VIEWS])
def test_every_view_renders_without_sideways_scroll(page: Any, base_url: str, hash_: str, ready: str, drawn: str) -> None:
    if "{event}" in hash_:
        page.goto(base_url + "/")
        hash_ = hash_.format(event=_first_event_id(page, base_url))
    page.console_errors.clear()
    _open(page, base_url, hash_, ready)
    assert page.locator(drawn).count() >= 1, f"{ready}: {drawn} not drawn"
    page.wait_for_timeout(200)  # charts and the network lay out after the data arrive
    scroll, inner = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
    assert scroll <= inner, f"{ready} at {inner}px scrolls sideways ({scroll}px wide)"
    assert "null" not in page.inner_text("#view").split(), f"a literal null on {ready}"
    assert page.console_errors == [], page.console_errors
    if page.width_name == "phone":  # the menu stays within two lines of the header, not three
        header = page.evaluate("document.querySelector('header.top').getBoundingClientRect().height")
        nav = page.evaluate("document.querySelector('header.top nav').getBoundingClientRect().height")
        assert nav < 40 and header < 100, (nav, header)
    page.screenshot(path=str(SHOTS / f"{ready}-{inner}.png"), full_page=True)


# ------------------------------------------------------------------ overview and drill-downs


def _click_chart_point(page: Any, canvas: str, dataset: int, index: int) -> None:
    """Click where Chart.js drew element ``index`` of ``dataset`` in ``canvas``."""
    x, y = page.evaluate(
        """([sel, ds, i]) => { const c = document.querySelector(sel); const el = Chart.getChart(c).getDatasetMeta(ds).data[i];
           const r = c.getBoundingClientRect(); return [r.left + el.x, r.top + (el.y + (el.base ?? el.y)) / 2]; }""",
        [canvas, dataset, index])
    page.mouse.click(x, y)


def test_overview_counts_and_month_bar_drills_down(desktop: Any, base_url: str) -> None:
    _open(desktop, base_url, "overview", "overview")
    kpis = desktop.inner_text("#kpis")
    assert "events" in kpis and "event mentions" in kpis and "articles" in kpis
    assert desktop.locator("table.dyads tbody tr").count() == 10
    # the card holds its table: nothing sticks out of Top dyads
    card, table = desktop.evaluate("[document.querySelector('#overview-dyads').getBoundingClientRect().right,"
                                   " document.querySelector('#overview-dyads table').getBoundingClientRect().right]")
    assert table <= card
    chart = desktop.evaluate("(() => { const c = Chart.getChart(document.querySelector('#month-chart canvas'));"
                             " return {y: c.options.scales.y.title.text, ticks: c.scales.y.ticks.length,"
                             " legend: c.legend.legendItems.map(i => i.text), months: c.data.datasets[0].data.length}; })()")
    assert chart["y"] == "events" and chart["ticks"] >= 3 and len(chart["legend"]) == 4
    assert chart["months"] == 24
    stats = desktop.evaluate("fetch('/api/stats').then(r => r.json())")
    _navigate(desktop, lambda: desktop.click("#overview-mix .bar .q4"), "events")  # a QuadClass -> its events
    assert _hash_params(desktop) == {"quad": "4"} and _total(desktop) == stats["quad_counts"]["4"]
    assert desktop.is_visible("#event-filters select[name=quad]")  # its folded field opens when set
    _open(desktop, base_url, "overview", "overview")
    stats = desktop.evaluate("fetch('/api/stats').then(r => r.json())")
    month = stats["by_month"][5]
    _navigate(desktop, lambda: _click_chart_point(desktop, "#month-chart canvas", 0, 5), "events")
    params = _hash_params(desktop)
    assert params["date_from"] == month["period"][:7] + "-01" and params["date_to"].startswith(month["period"][:7])
    assert _total(desktop) == month["events"]
    # the filters the drill-down applied are in the form, visibly
    assert desktop.input_value("#event-filters input[name=date_from]") == params["date_from"]
    assert desktop.is_visible("#event-filters input[name=date_from]")


def test_dyad_point_drills_down_and_every_filter_shows(desktop: Any, base_url: str) -> None:
    _open(desktop, base_url, "dyads?a=RUS&b=UKR&by=month", "dyads")
    chart = desktop.evaluate("(() => { const c = Chart.getChart(document.querySelector('#dyad-chart canvas'));"
                             " return {x: c.options.scales.x.type, y: c.options.scales.y.title.text,"
                             " y2: c.options.scales.y2.title.text, data: c.data.datasets[2].data.map(p => p.y)}; })()")
    assert chart["x"] == "time" and chart["y"] == "events" and "Goldstein" in chart["y2"]
    index = next(i for i, value in enumerate(chart["data"]) if value is not None)
    _navigate(desktop, lambda: _click_chart_point(desktop, "#dyad-chart canvas", 0, index), "events")
    params = _hash_params(desktop)
    assert params["actor"] == "RUS" and params["actor2"] == "UKR" and params["date_from"] and params["date_to"]
    for name in ("actor", "actor2", "date_from", "date_to"):
        field = f"#event-filters input[name={name}]"
        assert desktop.is_visible(field) and desktop.input_value(field) == params[name], name
    assert _total(desktop) >= 1
    # a row of the per-period table: that direction in that period
    _open(desktop, base_url, "dyads?a=RUS&b=UKR&by=month", "dyads")
    if desktop.locator("#dyad-table details").count():
        desktop.click("#dyad-table details summary")
    row = desktop.locator("#dyad-table tbody tr").first
    direction, events = row.locator("td:nth-child(2)").inner_text(), int(row.locator("td:nth-child(5)").inner_text())
    _navigate(desktop, lambda: row.click(), "events")
    params = _hash_params(desktop)
    assert f"{params['source']}->{params['target']}" == direction and params["date_from"] and params["date_to"]
    assert _total(desktop) == events
    # "Show all events of this dyad": the same, without dates
    _open(desktop, base_url, "dyads?a=RUS&b=UKR", "dyads")
    _navigate(desktop, lambda: desktop.click("#dyad-events"), "events")
    assert desktop.input_value("#event-filters input[name=actor2]") == "UKR"


def test_day_periods_over_two_years_stay_readable(desktop: Any, base_url: str) -> None:
    _open(desktop, base_url, "dyads?a=RUS&b=UKR&by=day", "dyads")
    ticks = desktop.evaluate("Chart.getChart(document.querySelector('#dyad-chart canvas')).scales.x.ticks.length")
    assert 3 <= ticks <= 30  # a time axis labels a readable number of dates, not every day
    assert desktop.locator("#dyad-table details").count() == 1  # the long table starts folded
    _open(desktop, base_url, "dyads?a=RUS&b=UKR", "dyads")  # auto: two years read by month
    assert "per month" in desktop.inner_text("#dyad-chart h3")


def test_network_controls_labels_and_edge_drill_down(desktop: Any, base_url: str) -> None:
    _open(desktop, base_url, "network?limit=25", "network")
    desktop.wait_for_selector("#network-canvas canvas", state="attached")
    edges = desktop.evaluate("document.querySelector('#network-canvas').cy.edges().length")
    assert 1 <= edges <= 25
    # no two shown labels overlap
    boxes = desktop.evaluate("""document.querySelector('#network-canvas').cy.nodes(':not(.nolabel)').map(n =>
        n.renderedBoundingBox({includeNodes: false, includeEdges: false, includeLabels: true}))""")
    assert len(boxes) >= 5
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"] and b["y1"] < a["y2"]), (a, b)
    x, y, source, target = desktop.evaluate("""(() => { const box = document.querySelector('#network-canvas');
        const e = box.cy.edges().max(e => e.data('width')).ele; const p = e.renderedMidpoint();
        const r = box.getBoundingClientRect(); return [r.left + p.x, r.top + p.y, e.data('source'), e.data('target')]; })()""")
    _navigate(desktop, lambda: desktop.mouse.click(x, y), "dyads")
    params = _hash_params(desktop)
    assert {params["a"], params["b"]} == {source, target}


def test_events_sort_and_completion(desktop: Any, base_url: str) -> None:
    _open(desktop, base_url, "events", "events")
    column = "#events-table tbody tr td:nth-child(6)"
    _navigate(desktop, lambda: desktop.click("#events-table th button[data-sort=goldstein]"), "events")
    assert _hash_params(desktop)["sort"] == "goldstein"
    highest = [float(v) for v in desktop.locator(column).all_inner_texts()]
    assert highest == sorted(highest, reverse=True)
    _navigate(desktop, lambda: desktop.click("#events-table th button[data-sort=goldstein]"), "events")  # again
    assert _hash_params(desktop)["order"] == "asc"
    lowest = [float(v) for v in desktop.locator(column).all_inner_texts()]
    assert lowest == sorted(lowest) and lowest[0] < highest[0]
    field = desktop.locator("#event-filters input[name=actor]")
    field.fill("Russ")
    list_id = field.get_attribute("list")
    # (not wait_for_function: Playwright evaluates its string with eval, which the app's CSP forbids)
    desktop.wait_for_selector(f"datalist#{list_id} option", state="attached", timeout=5000)
    options = desktop.evaluate(f"[...document.getElementById('{list_id}').options].map(o => o.value)")
    assert any(code.startswith("RUS") for code in options), options


def test_full_download_of_a_filtered_set_over_1000_rows(desktop: Any, base_url: str, tmp_path: Path) -> None:
    _open(desktop, base_url, "events?date_from=2024-01-01&date_to=2024-12-31", "events")
    total = _total(desktop)
    assert total > 1000
    with desktop.expect_download() as csv_download:
        desktop.click("#events-total a[data-format=csv]")
    saved = tmp_path / "events.csv"
    csv_download.value.save_as(saved)
    with saved.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == total
    assert all("2024-01-01" <= row["date"] <= "2024-12-31" for row in rows)
    with desktop.expect_download() as parquet_download:
        desktop.click("#events-total a[data-format=parquet]")
    saved = tmp_path / "events.parquet"
    parquet_download.value.save_as(saved)
    import pyarrow.parquet as pq

    assert pq.read_metadata(saved).num_rows == total


def test_every_view_offers_downloads(desktop: Any, base_url: str) -> None:
    for hash_, ready in (("overview", "overview"), ("dyads", "dyads"), ("network", "network"), ("map", "map"),
                         ("events", "events")):
        _open(desktop, base_url, hash_, ready)
        for fmt in ("csv", "parquet"):
            links = desktop.locator(f"#view a[data-format={fmt}]")
            assert links.count() >= 1, (hash_, fmt)
            href = links.first.get_attribute("href")
            status = desktop.evaluate("url => fetch(url).then(r => r.status)", href)
            assert status == 200, (hash_, href, status)


def test_event_page_shows_the_evidence(desktop: Any, base_url: str) -> None:
    _open(desktop, base_url, "events?plover=ASSAULT", "events")
    types = desktop.locator("#events-table tbody tr td:nth-child(3) .pill").all_inner_texts()
    assert types and set(types) == {"ASSAULT"}
    _navigate(desktop, lambda: desktop.click("#events-table tbody tr >> nth=0"), "event")
    assert desktop.locator(".sentence mark.src").count() >= 1
    assert desktop.locator(".sentence mark.trg").count() >= 1
    evidence = desktop.inner_text("#event-evidence")
    for label in ("Trigger", "Rule", "Model", "Confidence"):
        assert label in evidence
    assert "ASSAULT" in desktop.inner_text("#event-detail")
    assert "null" not in desktop.inner_text("#view").split()


def test_api_docs_render_offline_under_the_csp(desktop: Any, base_url: str) -> None:
    desktop.console_errors.clear()
    desktop.goto(base_url + "/docs")
    desktop.wait_for_selector(".swagger-ui .opblock", timeout=20000)
    assert desktop.locator(".swagger-ui .opblock").count() >= 9
    assert "/api/events" in desktop.inner_text(".swagger-ui")
    assert desktop.console_errors == []
    desktop.screenshot(path=str(SHOTS / "docs-1400.png"))


def test_hostile_article_text_renders_inert_in_every_view(desktop: Any, base_url: str) -> None:
    views = [("events?q=onerror", "events"), ("article/article-0", "article"), ("overview", "overview")]
    _open(desktop, base_url, "events?q=onerror", "events")
    event_id = desktop.locator("#events-table tbody tr").first.get_attribute("data-id")
    views.append((f"event/{event_id}", "event"))
    for hash_, ready in views:
        _open(desktop, base_url, hash_, ready)
        view = desktop.locator("#view")
        assert view.locator("script").count() == 0, hash_
        assert view.locator("img").count() == 0, hash_
        assert view.locator("a[href^='javascript']").count() == 0, hash_
        if ready != "overview":
            assert "<script>" in view.inner_text(), f"hostile text should show as text in {hash_}"
    desktop.wait_for_timeout(300)
    assert desktop.dialogs == []
    desktop.screenshot(path=str(SHOTS / "hostile-event.png"), full_page=True)


# ------------------------------------------------------------------ events vs mentions, names, evidence


def _tooltip(page: Any, canvas: str, dataset: int, index: int) -> list[str]:
    """The lines of the Chart.js tooltip shown while the mouse is over that element."""
    x, y = page.evaluate(
        """([sel, ds, i]) => { const c = document.querySelector(sel); const el = Chart.getChart(c).getDatasetMeta(ds).data[i];
           const r = c.getBoundingClientRect(); return [r.left + el.x, r.top + (el.y + (el.base ?? el.y)) / 2]; }""",
        [canvas, dataset, index])
    page.mouse.move(x, y)
    page.wait_for_timeout(100)
    return list(page.evaluate("""sel => { const t = Chart.getChart(document.querySelector(sel)).tooltip;
        return [...t.title, ...t.body.flatMap(b => b.lines), ...t.footer]; }""", canvas))


def test_one_event_reported_twice_is_one_event_and_two_mentions(desktop: Any, base_url: str) -> None:
    _open(desktop, base_url, "events?actor=IGOUNO", "events")
    assert _total(desktop) == 1
    row = desktop.locator("#events-table tbody tr").first
    assert "(IGOUNO)" in row.inner_text()
    assert row.locator("td:nth-child(7)").inner_text() == "2"  # the Mentions column
    _navigate(desktop, lambda: row.click(), "event")
    assert "Evidence: 2 mentions" in desktop.inner_text("#event-evidence")
    assert "2 mentions in 2 articles from 2 sources" in desktop.inner_text("#event-detail")
    evidence = desktop.locator("#event-evidence dl.evidence").all_inner_texts()
    assert len(evidence) == 2
    for shown in evidence:
        for expected in ("Rule type\nACCUSE", "Model type\nACCUSE", "Model probability\n0.930", "Decided by\nrule",
                         "Source actor code from\ndictionary", "Target actor code from\ndictionary", "Symmetric\nno"):
            assert expected in shown, (expected, shown)
    assert sorted(text.split("Reported speech\n")[1].split()[0] for text in evidence) == ["no", "yes:"]
    # the dyad, named (the IGO's record carries no name: the dictionary gives it)
    _open(desktop, base_url, "dyads?a=IGOUNO&b=RUS&by=month", "dyads")
    assert desktop.inner_text("#dyad-title") == "United Nations (IGOUNO) ↔ Russia (RUS)"
    values = desktop.evaluate("Chart.getChart(document.querySelector('#dyad-chart canvas')).data.datasets[1].data.map(p => p.y)")
    index = values.index(1)
    lines = _tooltip(desktop, "#dyad-chart canvas", 1, index)
    assert "Jun 2024" in lines[0]
    assert "Conflict (QuadClass 3-4): 1 event" in lines
    assert "1 event, reported in 2 mentions" in lines


def test_month_tooltip_counts_events_and_says_so(desktop: Any, base_url: str) -> None:
    _open(desktop, base_url, "overview", "overview")
    stats = desktop.evaluate("fetch('/api/stats').then(r => r.json())")
    month = stats["by_month"][3]
    lines = _tooltip(desktop, "#month-chart canvas", 0, 3)
    assert all(line.endswith(("event", "events")) for line in lines[1:5]), lines
    assert f"{month['events']:,} events, reported in {month['mentions']:,} mentions" in lines


def test_network_tooltips_say_events_and_mentions(desktop: Any, base_url: str) -> None:
    _open(desktop, base_url, "network", "network")
    x, y = desktop.evaluate("""(() => { const box = document.querySelector('#network-canvas');
        const e = box.cy.edges().max(e => e.data('width')).ele; const p = e.renderedMidpoint();
        const r = box.getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; })()""")
    desktop.mouse.move(x, y)
    desktop.wait_for_selector("#network .tip:not([hidden])")
    tip = desktop.inner_text("#network .tip")
    assert " events, reported in " in tip and " mentions" in tip and "Goldstein" in tip, tip
