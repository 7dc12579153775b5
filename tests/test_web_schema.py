"""Property tests of the JSON API against its own OpenAPI description (schemathesis): generated
requests, valid and not, never make the server fail, and every answer, errors included, has the
status and shape the description promises (issue 9)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.specs.openapi.checks import positive_data_acceptance

from sitrep.web import create_app

# Operations of the description, by method and path; the test fails if one is missing, so that a
# new endpoint is not left untested.
OPERATIONS = [
    ("GET", "/api/stats"),
    ("GET", "/api/articles"),
    ("GET", "/api/articles/{article_id}"),
    ("GET", "/api/claims"),
    ("GET", "/api/claims/{group_id}"),
    ("GET", "/api/events"),
    ("GET", "/api/events/{event_id}"),
    ("GET", "/api/sources"),
    ("GET", "/api/sources/{name}"),
    ("GET", "/api/actors"),
    ("GET", "/api/reviews"),
    ("POST", "/api/reviews"),
    ("GET", "/api/brief"),
]


@pytest.fixture(scope="module")
def api_schema(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    # One copy for every generated case: reviews pile up, which the checks allow.
    copy = tmp_path_factory.mktemp("schema") / "demo.db"
    shutil.copyfile(demo_db, copy)
    return schemathesis.openapi.from_asgi("/api/openapi.json", create_app(copy))


def test_web_schema_describes_every_endpoint(api_schema: Any) -> None:
    described = {(op.ok().method.upper(), op.ok().path) for op in api_schema.get_all_operations()}
    assert described == set(OPERATIONS)


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_web_schema_api_keeps_its_description(api_schema: Any, method: str, path: str) -> None:
    operation = api_schema[path][method]
    # A review whose fields fit the description may still name a record the article lacks or a
    # value that cannot be read (422, docs/review.md): those are refusals, not failures.
    excluded = [positive_data_acceptance] if method == "POST" else []

    # The brief reads every article: fewer examples keep the suite quick.
    @settings(
        max_examples=8 if path == "/api/brief" else 30,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        case = data.draw(operation.as_strategy())
        case.call_and_validate(headers={"host": "127.0.0.1:8000"}, excluded_checks=excluded)

    check()
