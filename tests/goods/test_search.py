"""G4 over the real Tantivy index with jieba's Chinese words."""

import io
import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import tantivy
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from haystack import connections
from rest_framework.test import APIClient

from apps.goods.models import SKU
from apps.goods.search_backends import SCHEMA, IKElasticsearchSearchBackend
from apps.goods.search_indexes import sku_index_update
from meiduo_mall.utils.outages import SEARCH_DOWN
from tests.clients import Terminal
from tests.factories import CategoryFactory, SKUFactory, SPUFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_index(tmp_path: Path) -> Iterator[None]:
    """A search index of the test's own. Haystack keeps a backend per thread, so it is
    reloaded after the settings are back, or later tests would search this one."""
    default = settings.HAYSTACK_CONNECTIONS["default"]
    with override_settings(HAYSTACK_CONNECTIONS={"default": {**default, "PATH": str(tmp_path / "search_index")}}):
        connections.reload("default")
        yield
    connections.reload("default")
    shutil.rmtree(tmp_path / "search_index", ignore_errors=True)


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
    card = {"id", "name", "price", "default_image_url", "comments"}
    assert set(first) == {"text", "object"} | card  # the flat shape, and the classic nested one
    assert first["object"] == {field: first[field] for field in card}
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


# --- paging: every hit exactly once, one search per page -------------------------------------------


def phones(total: int) -> set[int]:
    """`total` SKUs that 手机 finds (and one it does not), indexed."""
    spu = SPUFactory(cat3=CategoryFactory(name="数码产品", parent=CategoryFactory(parent=CategoryFactory())))
    found = {SKUFactory(spu=spu, name=f"华为手机 型号 {number}", caption="限时优惠").id for number in range(total)}
    SKUFactory(spu=spu, name="联想笔记本电脑", caption="限时优惠")
    call_command("rebuild_index", interactive=False, verbosity=0)
    return found


def every_page(page_size: int) -> tuple[list[int], list[int]]:
    """The ids of every page of 手机, following `next` from the first; and each page's count."""
    ids: list[int] = []
    counts = []
    response = APIClient().get("/skus/search/", {"text": "手机", "page_size": page_size})
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        assert len(body["results"]) <= page_size
        ids += [result["id"] for result in body["results"]]
        counts.append(body["count"])
        if not body["next"]:
            return ids, counts
        response = APIClient().get(body["next"])


@pytest.mark.parametrize("total", [1, 9, 10, 11, 23, 41])
def test_every_hit_is_on_exactly_one_page_for_any_total_and_page_size(total: int) -> None:
    found = phones(total)
    ranked, _ = every_page(20)

    for page_size in (1, 3, 7, 10, 20):
        ids, counts = every_page(page_size)

        assert len(ids) == total, f"page_size={page_size}"
        assert set(ids) == found, f"page_size={page_size}"
        assert set(counts) == {total}
        assert ids == ranked, "pages of any size follow one ranking"


def test_the_page_after_the_last_is_a_404_and_the_last_page_holds_the_rest() -> None:
    found = phones(23)

    last = search("手机", page_size=10, page=3)
    beyond = APIClient().get("/skus/search/", {"text": "手机", "page_size": 10, "page": 4})

    assert len(last["results"]) == 3
    assert last["next"] is None
    assert {result["id"] for result in last["results"]} <= found
    assert beyond.status_code == 404


def test_a_page_is_one_search(settings) -> None:  # type: ignore[no-untyped-def]
    phones(23)
    settings.DEBUG = True  # Haystack lists the searches it runs only then
    connections["default"].reset_queries()

    body = search("手机", page_size=10, page=3)

    assert body["count"] == 23
    assert len(connections["default"].queries) == 1


def test_a_search_after_the_index_changed_sees_the_change() -> None:
    found = phones(3)
    assert {result["id"] for result in search("手机")["results"]} == found
    newcomer = SKUFactory(spu=SKU.objects.get(pk=min(found)).spu, name="小米手机 新品", caption="")

    sku_index_update(sku_ids=[newcomer.id])

    assert {result["id"] for result in search("手机")["results"]} == found | {newcomer.id}


# --- the embedded index shared by processes --------------------------------------------------------


def index_path() -> str:
    return str(settings.HAYSTACK_CONNECTIONS["default"]["PATH"])


def test_a_writer_waits_while_another_process_writes_then_indexes() -> None:
    found = phones(2)
    writing = threading.Event()

    def another_process_writes() -> None:
        writer = tantivy.Index(SCHEMA, path=index_path(), reuse=True).writer(15_000_000, 1)
        writing.set()
        time.sleep(0.5)
        writer.wait_merging_threads()  # done: the lock is free

    newcomer = SKUFactory(spu=SKU.objects.get(pk=min(found)).spu, name="小米手机 新品", caption="")
    other = threading.Thread(target=another_process_writes)
    other.start()
    writing.wait(5)
    started = time.monotonic()
    sku_index_update(sku_ids=[newcomer.id])
    waited = time.monotonic() - started
    other.join()

    assert waited >= 0.4
    assert {result["id"] for result in search("手机")["results"]} == found | {newcomer.id}


def test_an_index_of_another_version_is_a_503_until_rebuild_index_replaces_it(catalog) -> None:
    shutil.rmtree(index_path())
    os.makedirs(index_path())
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("body", stored=True)
    tantivy.Index(builder.build(), path=index_path())  # an older layout in the same folder
    connections.reload("default")

    response = APIClient().get("/skus/search/", {"text": "手机"})
    assert response.status_code == 503
    assert response.json()["message"] == SEARCH_DOWN

    call_command("rebuild_index", interactive=False, verbosity=0)
    assert search("手机")["count"] == 2
