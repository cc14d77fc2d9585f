"""The operators' catalog admin: lists, search, inlines and previews, and what a save sets off
(pages regenerated and the search index updated by a real Celery worker)."""

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from apps.goods.admin import DEFERRED_WARNING
from apps.goods.models import (
    SKU,
    ContentCategory,
    DeferredFollowUp,
    SKUImage,
    SKUSpecification,
    SpecificationOption,
    SPUSpecification,
)
from celery_tasks.html.tasks import requeue_deferred
from celery_tasks.main import app as celery_app
from tests.factories import CategoryFactory, SKUFactory, SPUFactory
from tests.goods.test_search import search


@pytest.fixture
def operator(admin_user) -> Client:
    client = Client()
    client.force_login(admin_user)
    return client


def admin_form_data(response: Any) -> dict[str, Any]:
    """What the browser would post back from an admin change page left as it is: the main
    form's values and each inline formset's management form and rows (files stay as stored)."""
    forms = [response.context["adminform"].form]
    data: dict[str, Any] = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms.extend([formset.management_form, *formset.forms])
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False or hasattr(value, "url"):
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    return data


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"the worker never got there: {what}")
        time.sleep(0.1)


def page_text(relative: str) -> str:
    path = Path(settings.GENERATED_PAGES_ROOT) / relative
    return path.read_text() if path.exists() else ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model", ["goodscategory", "goodschannelgroup", "goodschannel", "brand", "spu", "spuspecification", "sku",
              "contentcategory", "content"],
)  # fmt: skip
def test_every_catalog_list_opens_with_its_filters(operator, model):
    SKUFactory()

    response = operator.get(f"/admin/goods/{model}/")

    assert response.status_code == 200


@pytest.mark.django_db
def test_skus_are_found_by_name_and_filtered_by_sale(operator):
    SKUFactory(name="华为 Mate 60 Pro 雅丹黑")
    SKUFactory(name="小米 14 白色", is_launched=False)

    found = operator.get("/admin/goods/sku/", {"q": "Mate"}).content.decode()
    withdrawn = operator.get("/admin/goods/sku/", {"is_launched__exact": "0"}).content.decode()

    assert "华为 Mate 60 Pro 雅丹黑" in found
    assert "小米 14 白色" not in found
    assert "小米 14 白色" in withdrawn
    assert "华为 Mate 60 Pro 雅丹黑" not in withdrawn


@pytest.mark.django_db
def test_sku_page_shows_images_and_specifications_inline_with_previews(operator):
    sku = SKUFactory()
    colour = SPUSpecification.objects.create(spu=sku.spu, name="颜色")
    black = SpecificationOption.objects.create(spec=colour, value="曜石黑")
    SKUSpecification.objects.create(sku=sku, spec=colour, option=black)
    SKUImage.objects.create(sku=sku, image=sku.default_image.name)

    page = operator.get(f"/admin/goods/sku/{sku.pk}/change/").content.decode()

    assert "SKU图片" in page
    assert "SKU规格" in page
    assert f'<option value="{black.pk}" selected>曜石黑</option>' in page
    assert f'<img src="{sku.default_image.url}"' in page


@pytest.mark.django_db
def test_spu_page_shows_its_specifications_and_options_inline(operator):
    spu = SPUFactory()
    storage = SPUSpecification.objects.create(spu=spu, name="机身存储")
    for value in ("128GB", "256GB"):
        SpecificationOption.objects.create(spec=storage, value=value)

    page = operator.get(f"/admin/goods/spu/{spu.pk}/change/").content.decode()

    assert "机身存储" in page
    assert "128GB、256GB" in page


def test_beat_regenerates_the_index_page_on_the_configured_interval():
    entry = celery_app.conf.beat_schedule["html-index-page"]

    assert entry["task"] == "html.generate_index_page"
    assert entry["schedule"] == settings.INDEX_PAGE_REGENERATE_SECONDS == 300


# --- through the worker ---------------------------------------------------------------------------


@pytest.fixture
def shared_index() -> Iterator[None]:
    """The search index the worker writes (the test settings' Whoosh directory), empty."""
    call_command("clear_index", interactive=False, verbosity=0)
    yield
    call_command("clear_index", interactive=False, verbosity=0)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("shared_index")
def test_saving_a_sku_regenerates_its_page_and_reindexes_it(operator, celery_worker_process):
    cat3 = CategoryFactory(name="手机", parent=CategoryFactory(parent=CategoryFactory()))
    sku = SKUFactory(spu=SPUFactory(cat3=cat3), name="华为 Mate 60 旧名字")
    form = admin_form_data(operator.get(f"/admin/goods/sku/{sku.pk}/change/"))

    # the operator renames the SKU and saves
    response = operator.post(f"/admin/goods/sku/{sku.pk}/change/", {**form, "name": "华为手机 Mate 60 雅丹黑"})
    assert response.status_code == 302, response.context["adminform"].form.errors

    # the worker rewrites goods/<id>.html and indexes the new name
    wait_for(lambda: "华为手机 Mate 60 雅丹黑" in page_text(f"goods/{sku.pk}.html"), "the detail page")
    wait_for(lambda: search("雅丹黑")["count"] == 1, "the search index")
    assert search("手机")["results"][0]["name"] == "华为手机 Mate 60 雅丹黑"

    # withdrawing it from sale takes it out of search and marks its page
    operator.post("/admin/goods/sku/", {"action": "withdraw", "_selected_action": [sku.pk]})
    wait_for(lambda: search("雅丹黑")["count"] == 0, "the search index")
    wait_for(lambda: "该商品已下架" in page_text(f"goods/{sku.pk}.html"), "the detail page")
    assert not SKU.objects.get(pk=sku.pk).is_launched

    # deleting it removes its page
    operator.post(f"/admin/goods/sku/{sku.pk}/delete/", {"post": "yes"})
    wait_for(lambda: not (Path(settings.GENERATED_PAGES_ROOT) / f"goods/{sku.pk}.html").exists(), "the page removed")


@pytest.mark.django_db(transaction=True)
def test_saving_an_index_content_regenerates_the_index_page(operator, celery_worker_process):
    news = ContentCategory.objects.create(name="快讯", key="index_kx")

    response = operator.post(
        "/admin/goods/content/add/",
        {"category": news.pk, "title": "双十一全场包邮", "url": "/list.html?cat=1", "text": "", "sequence": 1,
         "status": "on"},
    )  # fmt: skip
    assert response.status_code == 302

    wait_for(lambda: "双十一全场包邮" in page_text("index.html"), "index.html")

    # and taking it down takes it off the page
    content = news.contents.get()
    operator.post(f"/admin/goods/content/{content.pk}/delete/", {"post": "yes"})
    wait_for(lambda: "双十一全场包邮" not in page_text("index.html"), "index.html without it")


@pytest.fixture
def broker_down(free_port) -> Iterator[Callable[[], None]]:
    """This process's Celery app pointed at a port where no Redis listens, as when the broker
    is down; the test calls what it yields to bring the broker back."""
    original = celery_app.conf.broker_url

    def point_at(url: str) -> None:
        celery_app.conf.broker_url = url
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    point_at(f"redis://127.0.0.1:{free_port}/0")
    yield lambda: point_at(original)
    point_at(original)


@pytest.mark.django_db(transaction=True)
def test_a_save_while_the_broker_is_down_is_kept_and_reaches_the_page_once_it_is_back(
    operator, celery_worker_process, broker_down
):
    sku = SKUFactory(name="华为 Mate 60 旧名字")
    form = admin_form_data(operator.get(f"/admin/goods/sku/{sku.pk}/change/"))

    response = operator.post(f"/admin/goods/sku/{sku.pk}/change/", {**form, "name": "华为 Mate 60 新名字"}, follow=True)

    # saved, and the operator is told the page follows later: not a 503 for a committed save
    assert response.status_code == 200
    assert response.redirect_chain[0][0] == "/admin/goods/sku/"
    shown = [str(message) for message in response.context["messages"]]
    assert DEFERRED_WARNING in shown
    assert any("成功" in message for message in shown)
    assert SKU.objects.get(pk=sku.pk).name == "华为 Mate 60 新名字"
    assert sorted((f.task, f.args) for f in DeferredFollowUp.objects.all()) == [
        ("html.generate_detail_pages", [[sku.pk]]),
        ("search.update_sku_index", [[sku.pk]]),
    ]

    # the broker is back: beat's next requeue hands them to the worker, which refreshes the page
    broker_down()
    assert requeue_deferred.apply().get() == 2
    assert not DeferredFollowUp.objects.exists()
    wait_for(lambda: "华为 Mate 60 新名字" in page_text(f"goods/{sku.pk}.html"), "the detail page")


def test_beat_requeues_deferred_follow_ups_every_minute():
    entry = celery_app.conf.beat_schedule["html-requeue-deferred"]

    assert entry["task"] == "html.requeue_deferred"
    assert entry["schedule"] == 60.0
