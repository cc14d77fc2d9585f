"""docs/api.md, the REST contract, cannot drift from what the backend serves: every call in
its tables is in the OpenAPI schema, every call of the schema is in its tables (or named by
its "Other spellings"), and each other spelling reaches the same view as the path it stands for."""

import re
from pathlib import Path

import pytest
from django.urls import resolve
from drf_spectacular.generators import SchemaGenerator

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
CALL = re.compile(r"`(GET|POST|PUT|DELETE|PATCH) (/[^`?\s]*)")
PATH = re.compile(r"`(/[^`\s]*)`")
METHODS = {"get", "post", "put", "delete", "patch"}


def normal(path: str) -> str:
    """A path with its parameters unnamed: /areas/<id>/ and /areas/{id}/ are one path."""
    return re.sub(r"<[^>]+>|\{[^}]+\}", "{}", path)


def table_rows(text: str) -> list[list[str]]:
    rows = []
    for line in text.splitlines():
        if line.startswith("|") and not re.fullmatch(r"\|[-| ]+\|", line):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def documented_calls(text: str) -> dict[tuple[str, str], str]:
    """(method, path) → id of every call in the doc's tables."""
    calls: dict[tuple[str, str], str] = {}
    for cells in table_rows(text):
        if len(cells) < 3:
            continue
        for method, path in CALL.findall(cells[1]):
            call = (method, normal(path))
            assert call not in calls, f"{method} {path} is in two rows"
            calls[call] = cells[0]
    return calls


def other_spellings(text: str) -> dict[str, str]:
    section = text.split("## Other spellings", 1)[1].split("\n## ", 1)[0]
    spellings = {}
    for cells in table_rows(section):
        paths = [PATH.search(cell) for cell in cells]
        if len(cells) == 2 and all(paths):
            spellings[paths[0].group(1)] = paths[1].group(1)  # type: ignore[union-attr]
    return spellings


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def served() -> set[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {
        (method.upper(), normal(path)) for path, item in schema["paths"].items() for method in item if method in METHODS
    }


def test_every_documented_call_is_served(doc, served):
    calls = documented_calls(doc)

    assert len(calls) >= 45
    assert sorted(set(calls) - served) == []


def test_every_served_call_is_documented(doc, served):
    calls = documented_calls(doc)
    spellings = {normal(alias): normal(path) for alias, path in other_spellings(doc).items()}

    undocumented = {(method, path) for method, path in served if (method, spellings.get(path, path)) not in calls}

    assert sorted(undocumented) == []


def test_every_call_has_its_own_id(doc):
    ids = [re.sub(r"\s*\*\*\[new\]\*\*", "", call_id) for call_id in documented_calls(doc).values()]

    assert all(re.fullmatch(r"[A-Z]\d+", call_id) for call_id in ids), ids
    assert len(ids) == len(set(ids))


def test_each_other_spelling_reaches_the_view_of_its_path(doc):
    spellings = other_spellings(doc)

    assert len(spellings) >= 4
    for alias, path in spellings.items():
        alias_view, path_view = (resolve(re.sub(r"<[^>]+>", "1", p)).func for p in (alias, path))
        assert alias_view.view_class is path_view.view_class, alias  # type: ignore[attr-defined]


def test_a_call_missing_from_the_doc_is_found(doc, served):
    without_g1 = "\n".join(line for line in doc.splitlines() if not line.startswith("| G1 |"))

    calls = documented_calls(without_g1)

    assert ("GET", "/categories/{}/skus/") in served - set(calls)
