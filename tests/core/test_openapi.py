import subprocess
import sys
from pathlib import Path

import yaml

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
