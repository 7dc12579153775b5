"""The web UI end to end, in headless Chromium (Debian's /usr/bin/chromium through Playwright):
search, read with highlights, correct a figure and see the correction everywhere it is told,
escaped hostile text, and every page of the nav loading cleanly. Each page is kept as a full-page
screenshot under test-artifacts/screenshots (or $SITREP_ARTIFACTS/screenshots)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from conftest import WebServer, serve_store
from playwright.sync_api import Dialog, Locator, Page, expect

from sitrep.cli import main
from sitrep.export import write_jsonl
from sitrep.jobs import ingest_paths
from sitrep.pipeline import Pipeline
from sitrep.store import SQLiteStore

# Col. Steve Warren's claim that IS lost about 10 percent of its territory in Syria: the figure
# the correction flow changes to 12.
WARREN_FIGURE = "about 10 percent"
WARREN_SEARCH = '"about 10 percent" Warren'
BRIEF_ROW = "Territory share lost · Islamic State · Syria"
FILTER_FORMS = (("/claims", "Filter"), ("/events", "Filter"), ("/brief", "Make the brief"))
NAV = ("Articles", "Claims", "Events", "Sources", "Actors", "Brief", "Reviews")
HOSTILE = """---
title: Raid on <script>alert("title")</script> Hasakah
outlet: Test Wire
published: 2016-03-01
---
HASAKAH, Syria (Test Wire) -- Gunmen killed 4 people in a raid on Hasakah on Monday, officials \
said. They left a note reading <script>alert("body")</script> and <img src=x onerror=alert(1)>.

"We will rebuild <b>everything</b>," said Ahmed Ali, the town's mayor.
"""


def shoot(page: Page, folder: Path, name: str) -> None:
    page.screenshot(path=folder / f"{name}.png", full_page=True)


def visit(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url}: {response}"


def search(page: Page, server: WebServer, words: str) -> None:
    """The articles page's hits for `words`, by address: the search form itself is tested in
    `test_web_browser_search_narrows_the_articles` (it fails on an app bug, which would
    otherwise hide every test that reaches an article through a search)."""
    visit(page, f"{server.url}/articles?{urlencode({'q': words})}")


def open_first_hit(page: Page, server: WebServer, words: str) -> None:
    search(page, server, words)
    with page.expect_navigation():
        page.locator("li.hit a.title").first.click()


def background(locator: Locator) -> str:
    return str(locator.evaluate("el => getComputedStyle(el).backgroundColor"))


def submit_form(page: Page, button: str) -> int:
    """Submit the page's filter form unchanged but for what the test typed; the status."""
    with page.expect_navigation() as page_load:
        page.locator("form.filters").get_by_role("button", name=button).click()
    assert page_load.value is not None
    return page_load.value.status


def busiest_event_link(page: Page) -> Locator:
    """The events table's link to the event with the most reports (the Reports column)."""
    rows = page.locator("table.events tbody tr")
    counts = [int(text.split()[0]) for text in rows.locator("td:last-child").all_inner_texts()]
    return rows.nth(counts.index(max(counts))).locator("td:nth-child(2) a")


def record_at(records: list[dict[str, Any]], text: str) -> dict[str, Any]:
    [found] = [r for r in records if r["text"] == text]
    return found


def test_web_browser_search_narrows_the_articles(
    web_server: WebServer, web_page: Page, screenshot_dir: Path
) -> None:
    visit(web_page, f"{web_server.url}/articles")
    everything = web_page.locator("li.hit").count()
    shoot(web_page, screenshot_dir, "articles")
    # The hits the form's words ask for, checked first so that the form's bug (below) leaves
    # what the search finds tested.
    search(web_page, web_server, "Shaddadi")
    hits = web_page.locator("li.hit")
    assert 0 < hits.count() < everything
    for text in hits.all_inner_texts():
        assert "shaddadi" in text.lower()
    shoot(web_page, screenshot_dir, "search")
    found = hits.locator("a.title").all_inner_texts()
    visit(web_page, f"{web_server.url}/articles")
    web_page.get_by_role("searchbox").fill("Shaddadi")
    # The form also sends its blank fields (since=&until=): blank means no filter.
    assert submit_form(web_page, "Search") == 200, web_page.locator("main").inner_text()
    assert web_page.locator("li.hit a.title").all_inner_texts() == found


def test_web_browser_filter_forms_submit_blank_fields(
    web_server: WebServer, web_page: Page
) -> None:
    # A form sends its blank fields; each page is tried before the one assertion, to name every
    # page that refuses them.
    statuses = {}
    for path, button in FILTER_FORMS:
        visit(web_page, f"{web_server.url}{path}")
        statuses[path] = submit_form(web_page, button)
    assert statuses == {"/claims": 200, "/events": 200, "/brief": 200}


def test_web_browser_highlights_spans_and_flashes_them(
    web_server: WebServer, web_page: Page, console_errors: list[str], screenshot_dir: Path
) -> None:
    open_first_hit(web_page, web_server, "Shaddadi")
    for kind in ("quantities", "quotes", "places", "times", "actors", "events"):
        assert web_page.locator(f".text mark.hl-{kind}").count() > 0, kind
    jump = web_page.locator("aside.panel a.jump[href^='#quantities-']").first
    anchor = jump.get_attribute("data-anchor")
    jump.click()
    # Every piece of the span flashes, and only pieces of that span: the page's script reads
    # the address's anchor, so the flash is the script working, not the :target rule.
    expect(web_page.locator(f"mark#{anchor}")).to_have_class(re.compile(r"\bflash\b"))
    expect(web_page.locator(f"mark#{anchor}")).to_be_in_viewport()
    for anchors in web_page.locator("mark.flash").evaluate_all(
        "els => els.map(e => e.dataset.anchors)"
    ):
        assert anchor in anchors.split()
    assert console_errors == []
    shoot(web_page, screenshot_dir, "article")


def test_web_browser_highlights_take_the_legend_colours(
    web_server: WebServer, web_page: Page
) -> None:
    open_first_hit(web_page, web_server, "Shaddadi")
    # A mark of one kind only (overlaps mix classes), against the legend's sample of its kind.
    # Quotes are left out: each speaker has a colour of their own, by design.
    kinds = ("quantities", "places", "times", "events", "actors")
    marks = {k: background(web_page.locator(f".text mark[data-kinds='{k}']").first) for k in kinds}
    legend = {k: background(web_page.locator(f".legend .hl-{k}")) for k in kinds}
    # A rule more specific than the kinds' own (`mark.hl`) once hid every colour but quotes'.
    assert marks == legend


def test_web_browser_correction_shows_everywhere(
    fresh_web_server: WebServer, web_page: Page, screenshot_dir: Path, tmp_path: Path
) -> None:
    article_id = correct_warren_figure(web_page, fresh_web_server)
    web_page.reload()
    item = warren_item(web_page)
    expect(item.locator(".status")).to_have_text("corrected")
    # The reviewer's name is remembered for the next review (static/app.js).
    expect(web_page.locator("#reviewer-name")).to_have_value("Browser Test")
    item.locator("summary").click()
    expect(item.locator("input[name='field.value']")).to_have_value("12")
    shoot(web_page, screenshot_dir, "article-corrected")
    see_correction_in_claims(web_page, fresh_web_server, article_id)
    see_correction_in_brief(web_page, fresh_web_server)
    see_correction_in_json(web_page, fresh_web_server, article_id)
    see_correction_in_export(fresh_web_server.db, article_id, tmp_path)
    visit(web_page, f"{fresh_web_server.url}/reviews")
    expect(web_page.locator("table.reviews tbody tr")).to_have_count(1)
    expect(web_page.locator("table.reviews tbody tr")).to_contain_text("value: 12")


def warren_item(page: Page) -> Locator:
    """The side panel's entry for Warren's figure."""
    jump = page.locator("a.jump[href^='#quantities-']", has_text=re.compile(f"^{WARREN_FIGURE}$"))
    return page.locator("aside.panel li.item").filter(has=jump)


def correct_warren_figure(page: Page, server: WebServer) -> str:
    """Find Warren's article by searching, correct its figure to 12; returns its id."""
    open_first_hit(page, server, WARREN_SEARCH)
    expect(page.locator(".text mark.hl-quantities", has_text=WARREN_FIGURE)).not_to_have_count(0)
    item = warren_item(page)
    item.locator("summary").click()
    form = item.locator("form.review-form")
    form.locator("input.reviewer-field").fill("Browser Test")
    form.locator("input[name='field.value']").fill("12")
    with page.expect_navigation():
        form.get_by_role("button", name="Correct").click()
    assert "reviewed=1" in page.url
    return page.url.split("/articles/")[1].split("?")[0]


def see_correction_in_claims(page: Page, server: WebServer, article_id: str) -> None:
    visit(page, f"{server.url}/claims")
    figures = page.locator(f"a.figure[href^='/articles/{article_id}#claims-']")
    expect(figures.filter(has_text=re.compile(r"^about 12\b"))).to_have_count(1)
    expect(figures.filter(has_text=re.compile(r"^about 10\b"))).to_have_count(0)


def see_correction_in_brief(page: Page, server: WebServer) -> None:
    visit(page, f"{server.url}/brief")
    row = page.frame_locator("iframe.brief").locator("tr", has_text=BRIEF_ROW)
    expect(row).to_contain_text("12%")
    with page.expect_download() as download:
        page.get_by_role("link", name="Markdown").click()
    markdown = Path(download.value.path()).read_text("utf-8")
    [row_text] = [line for line in markdown.splitlines() if line.startswith(f"| {BRIEF_ROW} |")]
    assert "| 12% " in row_text


def see_correction_in_json(page: Page, server: WebServer, article_id: str) -> None:
    response = page.request.get(f"{server.url}/api/articles/{article_id}")
    assert response.status == 200
    record = response.json()
    assert record_at(record["quantities"], WARREN_FIGURE)["value"] == 12
    assert record_at(record["claims"], WARREN_FIGURE)["value"] == 12
    assert [r["action"] for r in record["reviews"]] == ["correct"]


def see_correction_in_export(db: Path, article_id: str, tmp_path: Path) -> None:
    """Both the library's export and `sitrep export` carry the correction."""
    stream = io.StringIO()
    with SQLiteStore.open(db) as store:
        write_jsonl(store.articles(), stream)
    out = tmp_path / "export.jsonl"
    assert main(["export", "--db", str(db), "-o", str(out)]) == 0
    for text in (stream.getvalue(), out.read_text("utf-8")):
        [record] = [r for r in map(json.loads, text.splitlines()) if r["id"] == article_id]
        assert record_at(record["quantities"], WARREN_FIGURE)["value"] == 12
        assert record_at(record["claims"], WARREN_FIGURE)["value"] == 12


def test_web_browser_script_in_a_story_shows_as_text(
    web_page: Page, console_errors: list[str], pipeline: Pipeline, tmp_path: Path
) -> None:
    story = tmp_path / "story.txt"
    story.write_text(HOSTILE, encoding="utf-8")
    with SQLiteStore.open(tmp_path / "hostile.db") as store:
        assert ingest_paths([str(story)], store, pipeline=pipeline).new == 1
    dialogs: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    web_page.on("dialog", dismiss)
    with serve_store(tmp_path / "hostile.db") as server:
        visit(web_page, f"{server.url}/articles")
        expect(
            web_page.get_by_text('Raid on <script>alert("title")</script> Hasakah')
        ).to_be_visible()
        with web_page.expect_navigation():
            web_page.locator("li.hit a.title").first.click()
        expect(web_page.locator("h1")).to_have_text(
            'Raid on <script>alert("title")</script> Hasakah'
        )
        expect(web_page.locator(".text")).to_contain_text('<script>alert("body")</script>')
        expect(web_page.locator(".text")).to_contain_text("<img src=x onerror=alert(1)>")
        only_own_script(web_page)
        visit(web_page, f"{server.url}/brief/preview")
        only_own_script(web_page)
    assert dialogs == []
    assert console_errors == []


def only_own_script(page: Page) -> None:
    """No element of the story made it into the document: no script but the app's, none of the
    story's tags."""
    assert page.locator("script:not([src='/static/app.js'])").count() == 0
    assert page.locator("img[src='x'], b:text-is('everything')").count() == 0


def test_web_browser_every_nav_page_loads_cleanly(
    web_server: WebServer, web_page: Page, console_errors: list[str], screenshot_dir: Path
) -> None:
    visit(web_page, f"{web_server.url}/articles")
    for label in NAV:
        with web_page.expect_navigation() as page_load:
            web_page.locator("header nav").get_by_role("link", name=label, exact=True).click()
        assert page_load.value is not None and page_load.value.status == 200, label
        expect(web_page.locator("h1").first).to_be_visible()
        settle(web_page, label)
        shoot(web_page, screenshot_dir, label.lower())
        detail = detail_link(web_page, label)
        if detail is not None:
            open_detail(web_page, detail, label)
            shoot(web_page, screenshot_dir, label.lower().removesuffix("s"))
            web_page.go_back()
    assert console_errors == []


def settle(page: Page, label: str) -> None:
    """Wait for what draws after the load: the brief's frame; check the map is not empty."""
    if label == "Brief":
        expect(page.frame_locator("iframe.brief").locator("h1").first).to_be_visible()
    if label == "Events":
        assert page.locator("figure.map svg circle").count() > 0


def detail_link(page: Page, label: str) -> Locator | None:
    """The link to one page of the kind a list page lists, where there is one to visit."""
    if label == "Events":
        return busiest_event_link(page)
    if label in ("Sources", "Actors"):
        return page.locator("table.names tbody a").first
    if label == "Claims":
        return page.locator("section.group.conflict h2 a").first
    return None


def open_detail(page: Page, link: Locator, label: str) -> None:
    with page.expect_navigation() as page_load:
        link.click()
    assert page_load.value is not None and page_load.value.status == 200, label
    expect(page.locator("h1").first).not_to_be_empty()


def test_web_browser_event_shows_reports_side_by_side(
    web_server: WebServer, web_page: Page
) -> None:
    visit(web_page, f"{web_server.url}/events")
    with web_page.expect_navigation():
        busiest_event_link(web_page).click()
    reports = web_page.locator(".reports article.report")
    assert reports.count() >= 2
    first, second = reports.nth(0).bounding_box(), reports.nth(1).bounding_box()
    assert first is not None and second is not None
    # Side by side: one row, the second to the right of the first, neither overlapping.
    assert abs(first["y"] - second["y"]) < 1
    assert second["x"] >= first["x"] + first["width"]


def test_web_browser_serves_a_favicon(web_server: WebServer, web_page: Page) -> None:
    # A browser asks for /favicon.ico when a page names no icon, and logs the 404 as a console
    # error on its first page only, which the console checks cannot find reliably.
    visit(web_page, f"{web_server.url}/articles")
    declared = web_page.locator("head link[rel~='icon']").count() > 0
    served = web_page.request.get(f"{web_server.url}/favicon.ico").status == 200
    assert declared or served, "no <link rel=icon> and /favicon.ico is not served"
