"""manage.py seed_demo: a believable catalog, built once however often it runs."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image
from rest_framework.test import APIClient

from apps.goods.demo import images
from apps.goods.models import SKU, SPU, Content, GoodsCategory, GoodsChannel, SKUSpecification
from apps.users.models import User
from tests.clients import Terminal
from tests.standins.fastdfs import FastDFSStandIn

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(tmp_path: Path, settings) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GENERATED_PAGES_ROOT = tmp_path / "pages"


def test_seed_demo_builds_the_mall_once() -> None:
    call_command("seed_demo", "--no-pages", stdout=io.StringIO())
    counts = (GoodsCategory.objects.count(), SPU.objects.count(), SKU.objects.count(), Content.objects.count())

    out = io.StringIO()
    call_command("seed_demo", "--no-pages", stdout=out)

    assert (GoodsCategory.objects.count(), SPU.objects.count(), SKU.objects.count(), Content.objects.count()) == counts
    assert SPU.objects.count() >= 30
    assert SKU.objects.count() >= 120
    assert GoodsChannel.objects.count() >= 20
    assert "0 SKUs" in out.getvalue()
    # every SKU has an image and one option per specification of its SPU
    assert not SKU.objects.filter(default_image="").exists()
    phone = SKU.objects.get(name="Apple iPhone 15 蓝色 256GB")
    assert phone.price == 6999
    assert SKUSpecification.objects.filter(sku=phone).count() == 2
    assert User.objects.get(username="admin").is_superuser


def test_seed_demo_makes_a_shopper_ready_to_check_out(areas) -> None:
    call_command("seed_demo", "--no-pages", stdout=io.StringIO())
    call_command("seed_demo", "--no-pages", stdout=io.StringIO())

    shopper = User.objects.get(username="demo_shopper")
    assert not shopper.is_staff
    assert shopper.check_password("meiduo-shopper-2026")
    assert shopper.default_address is not None
    assert shopper.default_address.district.name == "东城区"
    assert shopper.addresses.count() == 1  # not a second one on the second run
    login = APIClient().post(
        "/authorizations/", {"username": "demo_shopper", "password": "meiduo-shopper-2026"}, format="json"
    )
    assert login.status_code == 200, login.content


def test_seed_demo_skus_option_adds_generated_skus() -> None:
    terminal = Terminal()
    call_command("seed_demo", "--no-pages", "--skus", "300", stdout=io.StringIO(), stderr=terminal)

    assert SKU.objects.count() == 300
    assert "Generated SKUs" in terminal.getvalue()
    assert "Demo products" in terminal.getvalue()


def test_seed_demo_draws_no_bar_for_skus_it_does_not_generate() -> None:
    terminal = Terminal()
    call_command("seed_demo", "--no-pages", stdout=io.StringIO(), stderr=terminal)

    assert "Demo products" in terminal.getvalue()
    assert "Generated SKUs" not in terminal.getvalue()  # not a stray "Generated SKUs: 0sku"


def test_seed_demo_on_fastdfs_uploads_each_picture_once(tmp_path: Path, settings) -> None:
    # given the mall's storage on a FastDFS cluster (which names every upload itself, so it
    # cannot be asked whether a demo picture is already there)
    standin = FastDFSStandIn(root=tmp_path / "fdfs").start()
    settings.FDFS_CLIENT_CONF = str(standin.client_conf(tmp_path / "client.conf"))
    settings.FDFS_BASE_URL = standin.base_url
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "meiduo_mall.utils.fastdfs.FastDFSStorage"}}
    try:
        call_command("seed_demo", "--no-pages", stdout=io.StringIO())
        uploaded = standin.files()

        # when it runs again
        out = io.StringIO()
        call_command("seed_demo", "--no-pages", stdout=out)

        # then nothing is uploaded twice, and every picture the catalog names is in the cluster
        assert standin.files() == uploaded
        assert "0 pictures" in out.getvalue()
        stored = {path.relative_to(standin.root / "data").as_posix() for path in uploaded}
        pictures = [*SKU.objects.values_list("default_image", flat=True)]
        pictures += Content.objects.exclude(image="").values_list("image", flat=True)
        named = {name.removeprefix("group1/M00/") for name in pictures}
        assert named <= stored
        assert len(uploaded) >= 100
    finally:
        standin.stop()


def test_seed_demo_makes_no_accounts_where_demo_accounts_are_off(settings) -> None:
    settings.DEMO_ACCOUNTS = False  # production's setting
    out = io.StringIO()

    call_command("seed_demo", "--no-pages", stdout=out)

    assert SKU.objects.exists()
    assert not User.objects.exists()
    assert "No demo accounts in production" in out.getvalue()


def test_the_side_advertisement_keeps_its_words_clear_of_the_picture() -> None:
    """The index's side advert is square: its title sits above the product outline, which
    once covered it."""
    drawn = Image.open(io.BytesIO(images.banner_image(title="新人专享", colour=(200, 80, 70), shape="box",
                                                      width=400, height=400))).convert("RGB")  # fmt: skip
    box_brown = (200, 140, 70)

    def browns(rows: range) -> int:
        return sum(
            1
            for y in rows
            for x in range(0, 400, 2)
            if all(abs(a - b) < 20 for a, b in zip(drawn.getpixel((x, y)), box_brown, strict=True))
        )

    assert browns(range(0, 130)) == 0  # the title's band: words on the background only
    assert browns(range(200, 400)) > 1000  # the box is drawn below
