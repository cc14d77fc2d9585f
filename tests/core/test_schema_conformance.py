"""Every operation of the OpenAPI schema, called with generated data (schemathesis), answers
what the schema documents: no 5xx, only documented status codes, content types, headers and
bodies. Each operation is called as generated (mostly ids that do not exist) and again on
objects of a small mall that do (the shopper's address and order, a SKU on sale ...), so the
answers with data are checked too. Bounded: a few examples per operation, about a minute."""

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis import checks

from apps.areas.models import Area
from apps.orders.models import OrderInfo
from apps.orders.services import order_create
from apps.users.services import login_tokens
from meiduo_mall.wsgi import application
from tests.factories import AddressFactory, SKUFactory, UserFactory
from tests.helpers.carts import fill_cart

EXAMPLES_PER_OPERATION = 5
# Checked: no 5xx, and every answer (status code, content type, headers, body) is one the
# schema documents; authentication is enforced where documented; other methods get a 405.
# Left out: a schema-valid request may still be refused for what only the server knows (a
# wrong captcha or password, a SKU that does not exist); DRF accepts spellings beyond the
# schema's types (`0`/`"true"` for booleans, numeric strings), which classic storefronts
# send; the stateful checks need links between operations, which the schema does not have.
NOT_CHECKED = [
    checks.positive_data_acceptance,
    checks.negative_data_rejection,
    checks.use_after_free,
    checks.ensure_resource_availability,
    checks.object_level_authorization,
]

schema = schemathesis.openapi.from_wsgi("/schema/", application, headers={"Accept": "application/vnd.oai.openapi+json"})


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """Requests go straight to the WSGI application: keep Django from closing the test's
    database connection at the end of each one, as Django's own test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def mall(db: None) -> dict[str, Any]:
    """A shopper with an address and an unpaid Alipay order of a SKU on sale: the values of
    every path parameter that names something that exists, and the shopper's token."""
    province = Area.objects.create(id=440000, name="广东省")
    city = Area.objects.create(id=440300, name="深圳市", parent=province)
    Area.objects.create(id=440305, name="南山区", parent=city)
    shopper = UserFactory()
    address = AddressFactory(user=shopper)
    sku = SKUFactory(stock=10)
    fill_cart(shopper, {sku: 1})
    order = order_create(user=shopper, address_id=address.pk, pay_method=OrderInfo.PayMethod.ALIPAY)
    return {
        "authorization": f"JWT {login_tokens(user=shopper).access}",
        "path": {
            "account": shopper.username,
            "address_id": address.pk,
            "category_id": sku.category_id,
            "id": province.pk,
            "mobile": shopper.mobile,
            "order_id": order.order_id,
            "provider": "qq",
            "sku_id": sku.pk,
            "user_id": shopper.pk,
            "username": shopper.username,
        },
    }


@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
    derandomize=True,  # the same examples every run: CI fails on the code, never on the dice
)
def test_every_operation_answers_as_documented(case, mall):
    headers = {"Authorization": mall["authorization"]}
    case.call_and_validate(headers=headers, excluded_checks=NOT_CHECKED)

    existing = {name: mall["path"][name] for name in case.path_parameters or {} if name in mall["path"]}
    if existing:
        case.path_parameters = {**case.path_parameters, **existing}
        case.call_and_validate(headers=headers, excluded_checks=NOT_CHECKED)
