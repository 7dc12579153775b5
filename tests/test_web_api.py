"""The JSON API and the pages' server side (sitrep.web), in-process over a copy of the demo store:
every endpoint, the one error shape, the token rule, anti-forgery and escaping (issue 9)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from sitrep.errors import UsageError
from sitrep.jobs import ingest_paths
from sitrep.store import SQLiteStore
from sitrep.web import create_app

LOCAL = "http://127.0.0.1:8000"


def warren(client: TestClient) -> dict[str, Any]:
    """The demo's "about 10 percent" of Syrian territory, as the claims API gives it."""
    groups = client.get("/api/claims", params={"measure": "territory_share", "limit": 100})
    for group in groups.json()["groups"]:
        for period in group["periods"]:
            for stated in period["stated"]:
                for report in stated["claims"]:
                    if report["claim"]["text"] == "about 10 percent":
                        return report  # type: ignore[no-any-return]
    raise AssertionError("no Warren figure in the demo store")


def review_body(report: dict[str, Any], **changes: Any) -> dict[str, Any]:
    claim = report["claim"]
    return {
        "article_id": report["article_id"],
        "kind": "claims",
        "start_char": claim["start_char"],
        "end_char": claim["end_char"],
        "action": "correct",
        "reviewer": "ana",
        "changes": changes,
    }


def assert_error(response: Any, status: int, words: str) -> None:
    body = response.json()
    assert response.status_code == status
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message", "remedy"}
    assert body["error"]["status"] == status and words in body["error"]["message"]


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("/api/articles", "articles"),
        ("/api/articles?q=Shaddadi", "articles"),
        ("/api/articles?outlet=Gulf%20Courier", "articles"),
        ("/api/articles?place=Hilla", "articles"),
        ("/api/articles?actor=Islamic%20State&since=2016-01-01&until=2016-12-31", "articles"),
        ("/api/claims", "groups"),
        ("/api/claims?conflicts=true", "groups"),
        ("/api/events", "events"),
        ("/api/events?type=bombing&place=IQ", "events"),
        ("/api/sources", "sources"),
        ("/api/actors", "actors"),
        ("/api/reviews", "reviews"),
    ],
)
def test_web_api_lists_answer_with_their_rows(web_client: TestClient, path: str, key: str) -> None:
    response = web_client.get(path)
    assert response.status_code == 200, response.text
    assert isinstance(response.json()[key], list)


@pytest.mark.parametrize("blank", ["%1F", "%20%20", "%09"])
def test_web_api_blank_search_words_list_every_article(web_client: TestClient, blank: str) -> None:
    """Schemathesis found that `q=%1F` (a unit separator: blank to Python) answered 400 "empty
    search query"; blank words are no search (issue 9)."""
    every = web_client.get("/api/articles", params={"limit": 100}).json()["articles"]
    response = web_client.get(f"/api/articles?limit=100&q={blank}")
    assert response.status_code == 200, response.text
    assert response.json()["articles"] == every


def test_web_api_filters_narrow_the_articles(web_client: TestClient) -> None:
    every = web_client.get("/api/articles", params={"limit": 100}).json()["articles"]
    hilla = web_client.get("/api/articles", params={"place": "hilla"}).json()["articles"]
    found = web_client.get("/api/articles", params={"q": "Shaddadi"}).json()["articles"]
    assert 0 < len(hilla) < len(every) and 0 < len(found) < len(every)
    assert all("[" in hit["snippet"] for hit in found)


def test_web_api_article_event_source_and_stats(web_client: TestClient) -> None:
    article_id = web_client.get("/api/articles").json()["articles"][0]["id"]
    article = web_client.get(f"/api/articles/{article_id}").json()
    event_id = web_client.get("/api/events").json()["events"][0]["event_id"]
    source = web_client.get("/api/sources").json()["sources"][0]["name"]
    assert article["id"] == article_id and article["reviews"] == [] and article["quantities"]
    assert web_client.get(f"/api/events/{event_id}").json()["reports"]
    assert web_client.get(f"/api/sources/{source}").json()["statements"]
    assert web_client.get("/api/stats").json()["articles"] == 16  # 15 files, one has 2 stories


def test_web_api_lists_give_summaries_and_a_group_gives_every_claim(
    web_client: TestClient,
) -> None:
    """Lists read stored summaries (each voice's latest claim, each event without its
    reports, with their counts); a group's and an event's own endpoint give them all."""
    groups = web_client.get("/api/claims", params={"limit": 100}).json()["groups"]
    events = web_client.get("/api/events", params={"limit": 100}).json()["events"]
    assert all(g["summary"] for g in groups) and all(e["summary"] for e in events)
    assert all(e["reports"] == [] and e["report_count"] > 0 for e in events)
    for listed in groups:
        whole = web_client.get(f"/api/claims/{listed['group_id']}").json()
        stated = [s for p in whole["periods"] for s in p["stated"]]
        assert not whole["summary"] and whole["claims"] == listed["claims"]
        assert all(len(s["claims"]) == s["count"] for s in stated)
        assert whole["linked"] == listed["linked"]  # one page holds every group here
    event = web_client.get(f"/api/events/{events[0]['event_id']}").json()
    assert len(event["reports"]) == events[0]["report_count"] and not event["summary"]


def test_web_pages_claim_group_page_lists_every_claim(web_client: TestClient) -> None:
    group = web_client.get("/api/claims", params={"conflicts": "true"}).json()["groups"][0]
    listing = web_client.get("/claims").text
    page = web_client.get(f"/claims/{group['group_id']}")
    assert f'href="/claims/{group["group_id"]}"' in listing
    assert page.status_code == 200 and "conflict" in page.text
    whole = web_client.get(f"/api/claims/{group['group_id']}").json()
    cited = {r["article_id"] for p in whole["periods"] for s in p["stated"] for r in s["claims"]}
    assert all(f'href="/articles/{article_id}#claims-' in page.text for article_id in cited)
    assert page.text.count('class="figure"') == group["claims"]
    assert web_client.get("/claims/0000000000000000").status_code == 404


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/api/articles/0000000000000000", 404, "no article"),
        ("/api/events/0000000000000000", 404, "no event"),
        ("/api/claims/0000000000000000", 404, "no claim group"),
        ("/api/claims/not-a-group", 422, "group_id"),
        ("/api/articles/not-an-id", 422, "article_id"),
        ("/api/articles?limit=101", 422, "limit"),
        ("/api/articles?offset=-1", 422, "offset"),
        ("/api/articles?q=" + "x" * 201, 422, "q"),
        ("/api/articles?since=yesterday", 422, "since"),
        ("/api/articles?q=AND", 400, "cannot search"),
        ("/api/nothing-here", 404, "Not Found"),
    ],
)
def test_web_api_errors_share_one_shape(
    web_client: TestClient, path: str, status: int, words: str
) -> None:
    assert_error(web_client.get(path), status, words)


def test_web_api_review_reaches_claims_brief_and_export(web_client: TestClient) -> None:
    report = warren(web_client)
    made = web_client.post("/api/reviews", json=review_body(report, value="12"))
    assert made.status_code == 201, made.text
    assert made.json()["after"]["value"] == 12.0 and made.json()["before"]["value"] == 10.0
    assert warren_value(web_client, report) == 12.0
    article = web_client.get(f"/api/articles/{report['article_id']}").json()
    assert [r["changes"] for r in article["reviews"]] == [{"value": 12.0}]
    assert {q["value"] for q in article["quantities"] if q["text"] == "about 10 percent"} == {12.0}
    brief = web_client.get("/api/brief", params={"format": "markdown"}).text
    assert "(corrected in review to about 12%)" in brief


def warren_value(client: TestClient, report: dict[str, Any]) -> float:
    groups = client.get("/api/claims", params={"measure": "territory_share", "limit": 100})
    return next(
        r["claim"]["value"]
        for g in groups.json()["groups"]
        for p in g["periods"]
        for s in p["stated"]
        for r in s["claims"]
        if r["article_id"] == report["article_id"]
        and r["claim"]["start_char"] == report["claim"]["start_char"]
    )


@pytest.mark.parametrize(
    ("changes", "status", "words"),
    [
        ({"value": "lots"}, 422, "not a number"),
        ({"colour": "red"}, 422, "cannot be corrected"),
        ({}, 422, "at least one"),
    ],
)
def test_web_api_review_refuses_bad_corrections(
    web_client: TestClient, changes: dict[str, Any], status: int, words: str
) -> None:
    response = web_client.post("/api/reviews", json=review_body(warren(web_client), **changes))
    assert_error(response, status, words)
    assert web_client.get("/api/reviews").json()["reviews"] == []


def test_web_api_review_takes_json_only_and_same_site_only(web_client: TestClient) -> None:
    body = review_body(warren(web_client), value="12")
    as_form = web_client.post("/api/reviews", data={"article_id": body["article_id"]})
    elsewhere = web_client.post("/api/reviews", json=body, headers={"origin": "http://evil.test"})
    huge = web_client.post("/api/reviews", json=body | {"note": "x" * 70_000})
    assert_error(as_form, 400, "JSON")
    assert_error(elsewhere, 403, "another site")
    assert_error(huge, 400, "larger than")
    assert web_client.get("/api/reviews").json()["reviews"] == []


def test_web_serve_beyond_loopback_needs_a_token(demo_copy: Path) -> None:
    with pytest.raises(UsageError, match="token"):
        create_app(demo_copy, public=True)


def test_web_token_rule_guards_every_write_not_reads(demo_copy: Path) -> None:
    app = create_app(demo_copy, token="s3cret", public=True)
    with TestClient(app, base_url=LOCAL) as client:
        body = review_body(warren(client), value="12")
        anonymous = client.post("/api/reviews", json=body)
        wrong = client.post("/api/reviews", json=body, headers={"authorization": "Bearer nope"})
        right = client.post("/api/reviews", json=body, headers={"authorization": "Bearer s3cret"})
        assert client.get("/api/articles").status_code == 200
    assert_error(anonymous, 401, "token")
    assert_error(wrong, 401, "token")
    assert right.status_code == 201


def test_web_login_form_keeps_the_token_for_the_browser(demo_copy: Path) -> None:
    app = create_app(demo_copy, token="s3cret", public=True)
    with TestClient(app, base_url=LOCAL) as client:
        client.get("/login")
        csrf = client.cookies["sitrep_csrf"]
        refused = client.post("/login", data={"token": "nope", "csrf": csrf})
        taken = client.post(
            "/login", data={"token": "s3cret", "csrf": csrf}, follow_redirects=False
        )
        assert refused.status_code == 401 and taken.status_code == 303
        made = client.post("/api/reviews", json=review_body(warren(client), value="12"))
    assert made.status_code == 201


def form_of(client: TestClient, report: dict[str, Any], **fields: str) -> dict[str, str]:
    page = client.get(f"/articles/{report['article_id']}")
    assert page.status_code == 200
    claim = report["claim"]
    return {
        "csrf": client.cookies["sitrep_csrf"],
        "kind": "quantities",
        "start_char": str(claim["start_char"]),
        "end_char": str(claim["end_char"]),
        "reviewer": "ana",
        "anchor": "panel-quantities-1",
        **fields,
    }


def test_web_page_form_review_with_anti_forgery_token(web_client: TestClient) -> None:
    report = warren(web_client)
    form = form_of(
        web_client,
        report,
        action="correct",
        **{"field.value": "12", "was.value": "10", "field.unit": "percent", "was.unit": "percent"},
    )
    done = web_client.post(
        f"/articles/{report['article_id']}/reviews", data=form, follow_redirects=False
    )
    assert done.status_code == 303 and done.headers["location"].endswith("#panel-quantities-1")
    [logged] = web_client.get("/api/reviews").json()["reviews"]
    assert logged["changes"] == {"value": 12.0}  # the unchanged unit is no correction


def test_web_page_form_review_without_its_token_is_refused(web_client: TestClient) -> None:
    report = warren(web_client)
    form = form_of(web_client, report, action="confirm") | {"csrf": "forged"}
    refused = web_client.post(f"/articles/{report['article_id']}/reviews", data=form)
    assert refused.status_code == 403 and "anti-forgery" in refused.text
    assert web_client.get("/api/reviews").json()["reviews"] == []


@pytest.mark.parametrize(
    "path",
    [
        "/articles",
        "/articles?q=truce",
        "/claims",
        "/claims?conflicts=true",
        "/events",
        "/sources",
        "/actors",
        "/brief",
        "/brief/preview",
        "/reviews",
        "/login",
    ],
)
def test_web_pages_render(web_client: TestClient, path: str) -> None:
    response = web_client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "frame-ancestors 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_web_page_errors_use_the_error_page(web_client: TestClient) -> None:
    missing = web_client.get("/articles/0000000000000000")
    assert missing.status_code == 404 and "no article" in missing.text and "<h1>" in missing.text


def test_web_article_text_is_escaped(tmp_path: Path, write_file: Any) -> None:
    """A story containing <script> shows as text: nothing in an article runs."""
    story = write_file(
        "story.txt",
        "<script>alert('x')</script> & Co. <b>bold</b>\n\n"
        "At least 12 people were killed in Hilla on Tuesday, police said.",
    )
    db = tmp_path / "s.db"
    with SQLiteStore.open(db) as store:
        ingest_paths([str(story)], store)
    with TestClient(create_app(db), base_url=LOCAL) as client:
        article_id = client.get("/api/articles").json()["articles"][0]["id"]
        page = client.get(f"/articles/{article_id}").text
        listing = client.get("/articles").text
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "<b>bold" not in page and "<script>alert" not in listing


def test_web_app_start_takes_lasting_objects_out_of_collection(demo_copy: Path) -> None:
    """The app's start loads what pages share and freezes what is alive, so that full garbage
    collections no longer walk it (issue 9: 40 ms pauses on list pages)."""
    import gc

    with TestClient(create_app(demo_copy)) as client:
        assert gc.get_freeze_count() > 0
        assert client.get("/claims").status_code == 200


def test_web_api_serves_and_reviews_a_store_of_each_backend(backend_web_client: TestClient) -> None:
    """The app over SQLite and over PostgreSQL (issue 10): lists, search, pages and a review."""
    client = backend_web_client
    hits = client.get("/api/articles", params={"q": "Shaddadi"}).json()
    assert len(hits["articles"]) >= 3
    group_id = client.get("/api/claims").json()["groups"][0]["group_id"]
    event_id = client.get("/api/events").json()["events"][0]["event_id"]
    for page in ("/", "/claims", "/events", f"/claims/{group_id}", f"/events/{event_id}"):
        assert client.get(page).status_code == 200, page
    for place in ("Shaddadi", "shaddadi", "Syria"):
        assert client.get("/api/articles", params={"place": place}).status_code == 200
    report = warren(client)
    made = client.post("/api/reviews", json=review_body(report, value="12"))
    assert made.status_code == 201, made.text
    assert warren_value(client, report) == 12.0
