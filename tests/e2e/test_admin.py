"""The admin in the operator's browser (Chromium at 1280 px): pages that fit the screen, and
forms that only offer what makes sense."""

import pytest
from playwright.sync_api import Page, expect

from apps.goods.models import SpecificationOption, SPUSpecification
from apps.users.models import User
from tests.factories import PASSWORD, SKUFactory, SPUFactory, UserFactory
from tests.helpers.orders import placed

pytestmark = pytest.mark.usefixtures("areas")

API = "http://127.0.0.2:8000"


@pytest.fixture
def operator(page: Page, db: None) -> Page:
    UserFactory(username="operator", is_staff=True, is_superuser=True)
    page.goto(f"{API}/admin/login/")
    page.fill("#id_username", "operator")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.locator("#user-tools")).to_contain_text("operator")
    return page


def test_the_order_list_fits_a_1280_pixel_screen(operator: Page):
    buyer: User = UserFactory(username="a_shopper_with_a_long_name")
    placed(buyer, {SKUFactory(): 1})

    operator.goto(f"{API}/admin/orders/orderinfo/")

    expect(operator.locator("#result_list tbody tr")).to_have_count(1)
    assert operator.evaluate("document.documentElement.scrollWidth") <= 1280


def test_a_skus_option_list_shows_only_the_chosen_specifications_options(operator: Page):
    spu = SPUFactory(name="华为 Mate 60")
    colour = SPUSpecification.objects.create(spu=spu, name="颜色", sequence=1)
    memory = SPUSpecification.objects.create(spu=spu, name="内存", sequence=2)
    for value in ("黑色", "白色"):
        SpecificationOption.objects.create(spec=colour, value=value)
    SpecificationOption.objects.create(spec=memory, value="12GB+256GB")
    sku = SKUFactory(spu=spu)

    operator.goto(f"{API}/admin/goods/sku/{sku.pk}/change/")
    operator.locator("#specs-group").get_by_text("添加另一个").click()
    row = operator.locator("#specs-group tr.form-row").first
    row.locator("select[name$='-spec']").select_option(label=str(colour))

    visible = row.locator("select[name$='-option'] option:not([hidden]):not([value=''])")
    expect(visible).to_have_text(["颜色：黑色", "颜色：白色"])
    row.locator("select[name$='-spec']").select_option(label=str(memory))
    expect(visible).to_have_text(["内存：12GB+256GB"])
