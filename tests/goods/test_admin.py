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
    SPU,
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
    assert f'<option value="{black.pk}" selected data-spec="{colour.pk}">颜色：曜石黑</option>' in page
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
    """The search index the worker writes (the test settings' search index), empty."""
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


@pytest.mark.django_db
def test_an_operator_sees_what_waits_for_the_broker(operator):
    DeferredFollowUp.objects.create(task="html.generate_detail_pages", args=[[7, 8]])

    page = operator.get("/admin/goods/deferredfollowup/")

    assert page.status_code == 200
    assert "html.generate_detail_pages" in page.content.decode()
    assert operator.get("/admin/goods/deferredfollowup/add/").status_code == 403


def test_beat_requeues_deferred_follow_ups_every_minute():
    entry = celery_app.conf.beat_schedule["html-requeue-deferred"]

    assert entry["task"] == "html.requeue_deferred"
    assert entry["schedule"] == 60.0


# --- the SKU form keeps operators from making wrong goods -----------------------------------------


@pytest.fixture
def phone_spu() -> SPU:
    """A phone in 颜色 (黑色, 白色) × 内存 (8GB+256GB), with a black one already on sale."""
    spu = SPUFactory(name="华为 Mate 60", cat3=CategoryFactory(name="手机", parent=CategoryFactory(name="手机通讯",
                     parent=CategoryFactory(name="手机数码"))))  # fmt: skip
    colour = SPUSpecification.objects.create(spu=spu, name="颜色", sequence=1)
    memory = SPUSpecification.objects.create(spu=spu, name="内存", sequence=2)
    for value in ("黑色", "白色"):
        SpecificationOption.objects.create(spec=colour, value=value)
    SpecificationOption.objects.create(spec=memory, value="8GB+256GB")
    black = SKUFactory(spu=spu, name="华为 Mate 60 黑色 8GB+256GB")
    SKUSpecification.objects.create(sku=black, spec=colour, option=colour.options.get(value="黑色"))
    SKUSpecification.objects.create(sku=black, spec=memory, option=memory.options.get())
    return spu


def option(spu: SPU, spec: str, value: str) -> tuple[int, int]:
    chosen = SpecificationOption.objects.get(spec__spu=spu, spec__name=spec, value=value)
    return chosen.spec_id, chosen.pk


def sku_add(operator: Client, spu: SPU, *, specs: list[tuple[int, int]], category: Any = "") -> Any:
    data: dict[str, Any] = {
        "spu": spu.pk, "category": category, "name": "华为 Mate 60 新款", "caption": "", "price": "5999",
        "cost_price": "5000", "market_price": "6999", "stock": "10", "is_launched": "on",
        "images-TOTAL_FORMS": "0", "images-INITIAL_FORMS": "0",
        "specs-TOTAL_FORMS": str(len(specs)), "specs-INITIAL_FORMS": "0",
    }  # fmt: skip
    for n, (spec_id, option_id) in enumerate(specs):
        data[f"specs-{n}-spec"], data[f"specs-{n}-option"] = spec_id, option_id
    return operator.post("/admin/goods/sku/add/", data)


def errors_of(response: Any) -> dict[str, Any]:
    assert response.status_code == 200, "saved, but it should have been refused"
    specs = next(
        inline.formset for inline in response.context["inline_admin_formsets"] if inline.formset.prefix == "specs"
    )
    return {
        "form": response.context["adminform"].form.errors,
        "rows": [form.errors for form in specs.forms],
        "specs": list(specs.non_form_errors()),
    }


@pytest.mark.django_db
def test_the_category_picker_offers_third_level_categories_by_their_path(operator, phone_spu):
    field = operator.get("/admin/goods/sku/add/").context["adminform"].form.fields["category"]

    labels = [label for value, label in field.choices if value]
    assert "手机数码 › 手机通讯 › 手机" in labels
    assert all(label.count(" › ") == 2 for label in labels)


@pytest.mark.django_db
def test_a_sku_takes_its_spus_category_when_left_empty(operator, phone_spu):
    response = sku_add(
        operator, phone_spu, specs=[option(phone_spu, "颜色", "白色"), option(phone_spu, "内存", "8GB+256GB")]
    )

    assert response.status_code == 302, errors_of(response)
    white = SKU.objects.get(name="华为 Mate 60 新款")
    assert white.category == phone_spu.category3
    assert sorted(white.specs.values_list("option__value", flat=True)) == ["8GB+256GB", "白色"]


@pytest.mark.django_db
def test_a_sku_on_another_category_is_refused(operator, phone_spu):
    other = SPUFactory().category3
    top_level = phone_spu.category1

    assert "手机数码 › 手机通讯 › 手机" in errors_of(
        sku_add(operator, phone_spu, category=other.pk, specs=[option(phone_spu, "颜色", "白色"),
                option(phone_spu, "内存", "8GB+256GB")])
    )["form"]["category"][0]  # fmt: skip
    assert errors_of(sku_add(operator, phone_spu, category=top_level.pk, specs=[]))["form"]["category"]


@pytest.mark.django_db
def test_options_must_be_the_spus_own_one_per_specification_and_a_new_combination(operator, phone_spu):
    colour, memory = option(phone_spu, "颜色", "白色")[0], option(phone_spu, "内存", "8GB+256GB")
    other_spu = SPUFactory(name="小米 14")
    red = SpecificationOption.objects.create(
        spec=SPUSpecification.objects.create(spu=other_spu, name="颜色"), value="红色"
    )

    # another phone's colour, under this phone's 颜色
    assert "「红色」不是规格「颜色」的可选值" in str(
        errors_of(sku_add(operator, phone_spu, specs=[(colour, red.pk), memory]))["rows"]
    )
    # another phone's specification
    assert "不属于商品SPU「华为 Mate 60」" in str(
        errors_of(sku_add(operator, phone_spu, specs=[(red.spec_id, red.pk), memory]))["rows"]
    )
    # a specification left out
    assert errors_of(sku_add(operator, phone_spu, specs=[option(phone_spu, "颜色", "白色")]))["specs"] == [
        "还需为这些规格各选一个选项：内存。"
    ]
    # the black one's combination again
    twin = errors_of(sku_add(operator, phone_spu, specs=[option(phone_spu, "颜色", "黑色"), memory]))["specs"]
    assert twin == [
        f"商品SPU中已有相同规格组合的SKU：{phone_spu.skus.get().pk}: 华为 Mate 60 黑色 8GB+256GB。请换一个选项组合。"
    ]
    assert phone_spu.skus.count() == 1


@pytest.mark.django_db
def test_an_existing_skus_rows_offer_only_its_spus_specifications_marked_for_the_browser(operator, phone_spu):
    SPUSpecification.objects.create(spu=SPUFactory(name="小米 14"), name="颜色")
    black = phone_spu.skus.get()

    page = operator.get(f"/admin/goods/sku/{black.pk}/change/")

    specs = next(inline.formset for inline in page.context["inline_admin_formsets"] if inline.formset.prefix == "specs")
    row = specs.forms[0]
    assert {spec.spu_id for spec in row.fields["spec"].queryset} == {phone_spu.pk}
    assert [str(label) for value, label in row.fields["option"].choices if value] == [
        "颜色：黑色", "颜色：白色", "内存：8GB+256GB"
    ]  # fmt: skip
    html = page.content.decode()
    assert f'data-spec="{option(phone_spu, "颜色", "黑色")[0]}"' in html
    assert "goods/admin/sku_specifications.js" in html
