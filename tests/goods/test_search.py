"""G4 over the real Whoosh index with jieba's Chinese analyzer."""

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from haystack import connections
from rest_framework.test import APIClient

from apps.goods.models import SKU
from apps.goods.search_backends import IKElasticsearchSearchBackend
from apps.goods.search_indexes import sku_index_update
from tests.clients import Terminal
from tests.factories import CategoryFactory, SKUFactory, SPUFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_index(tmp_path: Path) -> Iterator[None]:
    """A Whoosh index of the test's own. Haystack keeps a backend per thread, so it is
    reloaded after the settings are back, or later tests would search this one."""
    default = settings.HAYSTACK_CONNECTIONS["default"]
    with override_settings(HAYSTACK_CONNECTIONS={"default": {**default, "PATH": str(tmp_path / "whoosh")}}):
        connections.reload("default")
        yield
    connections.reload("default")
    shutil.rmtree(tmp_path / "whoosh", ignore_errors=True)


@pytest.fixture
def catalog() -> dict[str, SKU]:
    cat3 = CategoryFactory(name="数码产品", parent=CategoryFactory(parent=CategoryFactory()))
    spu = SPUFactory(cat3=cat3)
    names = {"huawei": "华为手机 Mate 60", "xiaomi": "小米手机 14 Pro", "laptop": "联想笔记本电脑 小新"}
    skus = {key: SKUFactory(spu=spu, name=name, caption="限时优惠") for key, name in names.items()}
    call_command("rebuild_index", interactive=False, verbosity=0)
    return skus


def search(text: str, **params) -> dict:
    response = APIClient().get("/skus/search/", {"text": text, **params})
    assert response.status_code == 200, response.content
    return response.json()


def test_a_chinese_word_finds_names_that_contain_it(catalog) -> None:
    body = search("手机")

    assert {result["id"] for result in body["results"]} == {catalog["huawei"].id, catalog["xiaomi"].id}
    first = body["results"][0]
    assert set(first) == {"text", "id", "name", "price", "default_image_url", "comments"}
    assert "手机" in first["text"]


def test_search_paginates(catalog) -> None:
    body = search("手机", page_size=1)

    assert body["count"] == 2
    assert len(body["results"]) == 1
    assert body["next"]


def test_an_unlaunched_sku_leaves_the_index(catalog) -> None:
    SKU.objects.filter(pk=catalog["xiaomi"].pk).update(is_launched=False)

    sku_index_update(sku_ids=[catalog["xiaomi"].id])

    assert [result["id"] for result in search("手机")["results"]] == [catalog["huawei"].id]


def test_an_empty_query_is_a_400() -> None:
    response = APIClient().get("/skus/search/", {"text": "  "})

    assert response.status_code == 400
    assert response.json()["message"] == "请输入搜索关键词"


def test_the_elasticsearch_mapping_indexes_with_ik_max_word_and_searches_with_ik_smart() -> None:
    # The production backend's mapping (no cluster needed to build it).
    backend = IKElasticsearchSearchBackend("default", URL="http://127.0.0.1:9/", INDEX_NAME="meiduo")
    fields = connections["default"].get_unified_index().all_searchfields()

    content_field, mapping = backend.build_schema(fields)

    assert content_field == "text"
    assert mapping["text"] == {"type": "text", "analyzer": "ik_max_word", "search_analyzer": "ik_smart"}


def test_rebuild_index_shows_its_progress_in_a_terminal(catalog):
    terminal, out = Terminal(), io.StringIO()

    call_command("rebuild_index", interactive=False, stdout=out, stderr=terminal)

    assert "Indexing 商品SKU:" in terminal.getvalue()
    assert "/3 [" in terminal.getvalue()  # a bar counting to the 3 SKUs
    assert "Indexed 3 商品SKU." in out.getvalue()
    assert search("手机")["count"] == 2
