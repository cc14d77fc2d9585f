"""Product descriptions are operators' HTML shown on the storefront's origin: only a safe
subset of it is stored from the admin, and only that subset reaches a generated page."""

from pathlib import Path

import pytest
from django.forms.models import model_to_dict

from apps.goods import pages
from apps.goods.admin import SPUAdminForm
from apps.goods.descriptions import description_clean
from tests.factories import SKUFactory, SPUFactory
from tests.helpers.catalog import PAYLOADS

KEPT = (
    '<h3>华为 Mate 60</h3><p><strong>卫星通话</strong>，<a href="https://www.meiduo.site/">详情</a></p>'
    '<img src="https://www.meiduo.site/group1/M00/a.jpg" alt="正面">'
)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_cleaner_keeps_no_script_handler_frame_or_dangerous_url(payload):
    cleaned = description_clean(payload)

    for dangerous in ("onerror", "onclick", "onload", "<script", "javascript:", "<iframe", "data:", "style="):
        assert dangerous not in cleaned


def test_the_cleaner_keeps_formatting_pictures_and_links():
    with_rel = 'href="https://www.meiduo.site/" rel="noopener noreferrer nofollow"'
    assert description_clean(KEPT) == KEPT.replace('href="https://www.meiduo.site/"', with_rel)


@pytest.mark.django_db
def test_the_admin_stores_descriptions_cleaned():
    spu = SPUFactory()
    data = {**model_to_dict(spu), "desc_detail": KEPT + PAYLOADS[0], "desc_pack": PAYLOADS[1], "desc_service": ""}

    form = SPUAdminForm(data=data, instance=spu)
    assert form.is_valid(), form.errors
    form.save()

    spu.refresh_from_db()
    assert "onerror" not in spu.desc_detail
    assert "<strong>卫星通话</strong>" in spu.desc_detail
    assert "script" not in spu.desc_pack


@pytest.mark.django_db
def test_a_description_written_around_the_admin_is_cleaned_on_the_page(settings, tmp_path):
    settings.GENERATED_PAGES_ROOT = tmp_path
    sku = SKUFactory(spu=SPUFactory(desc_detail=KEPT + "".join(PAYLOADS)))

    pages.generate_detail_pages(sku_ids=[sku.pk])

    html = (Path(tmp_path) / "goods" / f"{sku.pk}.html").read_text()
    assert "<strong>卫星通话</strong>" in html
    assert "pwned" not in html.split('id="sku-data"')[1]
