import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from drf_spectacular.generators import SchemaGenerator

ROOT = Path(__file__).resolve().parents[2]


def test_schema_validates_without_warnings(tmp_path):
    schema_file = tmp_path / "schema.yaml"

    result = subprocess.run(
        [sys.executable, "manage.py", "spectacular", "--validate", "--fail-on-warn", "--file", str(schema_file)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    schema = yaml.safe_load(schema_file.read_text(encoding="utf-8"))
    assert schema["openapi"].startswith("3.")
    assert {"/areas/", "/areas/{id}/"} <= set(schema["paths"])


def test_schema_is_served(client):
    response = client.get("/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    assert "/areas/{id}/" in response.json()["paths"]


def test_swagger_ui_is_served_without_a_cdn(client):
    response = client.get("/docs/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn." not in html


# --- what the schema says each operation answers (tests/core/test_schema_conformance.py checks
# that the API really answers so) ---------------------------------------------------------------


@pytest.fixture(scope="module")
def api_schema() -> dict[str, Any]:
    return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def component(schema: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
    return schema["components"]["schemas"][body["content"]["application/json"]["schema"]["$ref"].split("/")[-1]]


def test_every_operation_documents_the_outage_answer(api_schema):
    for name, operation in operations(api_schema):
        assert component(api_schema, operation["responses"]["503"])["required"] == ["message"], name


def test_operations_that_check_a_token_document_401(api_schema):
    checked = [name for name, operation in operations(api_schema) if {"jwtAuth": []} in operation.get("security", [])]

    assert len(checked) == 20
    for name, operation in operations(api_schema):
        assert ("401" in operation["responses"]) == (name in checked or name == "POST /authorizations/refresh/"), name


def test_operations_naming_an_object_document_404(api_schema):
    for name, operation in operations(api_schema):
        if any(parameter["in"] == "path" for parameter in operation.get("parameters", [])):
            assert "404" in operation["responses"], name


def test_throttled_operations_document_429(api_schema):
    throttled = {name for name, operation in operations(api_schema) if "429" in operation["responses"]}

    assert throttled >= {
        "POST /authorizations/", "GET /sms_codes/", "GET /sms_codes/{mobile}/", "GET /usernames/{username}/count/",
        "GET /mobiles/{mobile}/count/", "PUT /emails/",
    }  # fmt: skip


@pytest.mark.parametrize("path", ["/categories/{category_id}/skus/", "/skus/search/", "/orders/"])
def test_paginated_lists_are_documented_with_their_envelope(api_schema, path):
    operation = api_schema["paths"][path]["get"]

    envelope = component(api_schema, operation["responses"]["200"])
    assert set(envelope["properties"]) == {"count", "next", "previous", "results"}
    assert envelope["properties"]["results"]["type"] == "array"
    parameters = {parameter["name"]: parameter["schema"] for parameter in operation["parameters"]}
    assert parameters["page"] == parameters["page_size"] == {"type": "integer", "minimum": 1}
    assert {"400", "404"} <= set(operation["responses"])


def test_error_bodies_have_their_real_shape(api_schema):
    paths = api_schema["paths"]

    # field errors or a message (DRF serializers, our own checks)
    error = component(api_schema, paths["/addresses/"]["post"]["responses"]["400"])
    assert set(error["properties"]) == {"message", "non_field_errors"}
    assert "required" not in error
    # O2: a bare list of messages, for classic storefronts that alert data[0]
    assert paths["/orders/"]["post"]["responses"]["400"]["content"]["application/json"]["schema"] == {
        "type": "array",
        "items": {"type": "string"},
    }
