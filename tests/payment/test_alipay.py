"""Alipay page pay with real RSA2 signatures: O4 builds a URL the gateway accepts, O5 and
O8 accept only what Alipay's key signed for our app and the order's amount."""

import base64
from decimal import Decimal
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from Cryptodome.Hash import SHA256
from Cryptodome.PublicKey import RSA
from Cryptodome.Signature import pkcs1_15
from django.conf import settings
from rest_framework.test import APIClient

from apps.orders.models import OrderInfo, Payment
from apps.payment.keys import local_keys
from apps.payment.standin import alipay_sign
from tests.clients import logged_in_as
from tests.factories import UserFactory
from tests.helpers.orders import placed

pytestmark = pytest.mark.django_db(transaction=True)

Status = OrderInfo.Status


def returned_params(order: OrderInfo, **changes: str) -> dict[str, str]:
    """What Alipay's return_url carries, signed with "Alipay's" key (the stand-in's)."""
    params = {
        "app_id": settings.ALIPAY_APP_ID, "auth_app_id": settings.ALIPAY_APP_ID, "charset": "utf-8",
        "method": "alipay.trade.page.pay.return", "out_trade_no": order.order_id, "seller_id": "2088000000000000",
        "timestamp": "2026-11-21 12:00:00", "total_amount": str(order.total_amount + order.freight),
        "trade_no": "2026112122001400000001", "version": "1.0",
    }  # fmt: skip
    return alipay_sign({**params, **changes})


def notice(order: OrderInfo, **changes: str) -> dict[str, str]:
    return returned_params(order, **{"notify_type": "trade_status_sync", "trade_status": "TRADE_SUCCESS", **changes})


def put_status(params: dict[str, str]):  # type: ignore[no-untyped-def]
    """What pay_success.html does with the parameters it was returned with."""
    return APIClient().put(f"/payment/status/?{urlencode(params)}")


def signed_by_someone_else(params: dict[str, str]) -> dict[str, str]:
    key = RSA.generate(2048)
    message = "&".join(f"{k}={v}" for k, v in sorted(params.items()) if k not in ("sign", "sign_type")).encode()
    return {**params, "sign": base64.b64encode(pkcs1_15.new(key).sign(SHA256.new(message))).decode()}


# --- O4 -------------------------------------------------------------------------------------------


def test_the_payment_url_is_signed_by_the_app_for_the_amount_with_freight(buyer, phone):
    order = placed(buyer, {phone: 2})

    response = logged_in_as(buyer).get(f"/orders/{order.order_id}/payment/")

    assert response.status_code == 200
    url = urlsplit(response.json()["alipay_url"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == settings.ALIPAY_GATEWAY_URL
    params = dict(parse_qsl(url.query))
    assert params["method"] == "alipay.trade.page.pay"
    assert params["app_id"] == settings.ALIPAY_APP_ID
    assert params["return_url"] == "http://127.0.0.2:8080/pay_success.html"
    assert params["notify_url"] == "http://127.0.0.2:8000/payment/alipay/notify/"
    assert '"total_amount":"12008.00"' in params["biz_content"]
    assert f'"out_trade_no":"{order.order_id}"' in params["biz_content"]
    # Alipay's check: the app's public key verifies the signature over all but `sign`
    message = "&".join(f"{k}={v}" for k, v in sorted(params.items()) if k != "sign").encode()
    app_public = RSA.import_key(local_keys(settings.ALIPAY_LOCAL_KEYS_DIR).app_public)
    pkcs1_15.new(app_public).verify(SHA256.new(message), base64.b64decode(params["sign"]))


@pytest.mark.parametrize("case", ["someone else's", "cash", "paid", "cancelled"])
def test_no_payment_url_for_an_order_that_is_not_to_be_paid(buyer, phone, case):
    owner = UserFactory() if case == "someone else's" else buyer
    order = placed(owner, {phone: 1}, pay_method=1 if case == "cash" else 2)
    if case == "paid":
        OrderInfo.objects.filter(pk=order.pk).update(status=Status.UNSEND)
    if case == "cancelled":
        OrderInfo.objects.filter(pk=order.pk).update(status=Status.CANCELED)

    response = logged_in_as(buyer).get(f"/orders/{order.order_id}/payment/")

    assert response.status_code == 400
    assert response.json() == {"message": "订单信息有误"}


# --- O5 -------------------------------------------------------------------------------------------


def test_a_verified_return_pays_the_order_once(buyer, phone):
    order = placed(buyer, {phone: 1})
    params = returned_params(order)

    first = put_status(params)
    again = put_status(params)

    assert first.status_code == again.status_code == 200
    assert first.json() == {"trade_id": "2026112122001400000001"}
    assert OrderInfo.objects.get(pk=order.pk).status == Status.UNSEND
    assert Payment.objects.get().amount == Decimal("6009.00")


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(lambda o: signed_by_someone_else(returned_params(o)), id="another key"),
        pytest.param(lambda o: {**returned_params(o), "total_amount": "0.01"}, id="amount changed after signing"),
        pytest.param(lambda o: returned_params(o, total_amount="0.01"), id="signed but another amount"),
        pytest.param(lambda o: returned_params(o, app_id="2021999999999999"), id="another app"),
        pytest.param(lambda o: {k: v for k, v in returned_params(o).items() if k != "sign"}, id="unsigned"),
        pytest.param(lambda o: {**returned_params(o), "sign": "not base64!"}, id="garbage signature"),
        pytest.param(lambda o: returned_params(o, out_trade_no="20260101000000000000009999"), id="no such order"),
    ],
)  # fmt: skip
def test_a_forged_return_is_refused_and_changes_nothing(buyer, phone, forge):
    order = placed(buyer, {phone: 1})

    response = put_status(forge(order))

    assert response.status_code == 403
    assert response.json() == {"message": "非法请求"}
    assert OrderInfo.objects.get(pk=order.pk).status == Status.UNPAID
    assert not Payment.objects.exists()


# --- O8 -------------------------------------------------------------------------------------------


def post_notice(params: dict[str, str]) -> str:
    response = APIClient().post("/payment/alipay/notify/", params)  # form-encoded, as Alipay posts
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    return response.content.decode()


def test_a_verified_notice_pays_the_order_and_repeats_are_harmless(buyer, phone):
    order = placed(buyer, {phone: 1})

    assert post_notice(notice(order)) == "success"
    assert post_notice(notice(order)) == "success"

    assert OrderInfo.objects.get(pk=order.pk).status == Status.UNSEND
    assert Payment.objects.count() == 1
    assert list(order.events.values_list("to_status", flat=True)) == [1, 2]


def test_a_notice_of_a_trade_not_paid_changes_nothing(buyer, phone):
    order = placed(buyer, {phone: 1})

    assert post_notice(notice(order, trade_status="WAIT_BUYER_PAY")) == "success"

    assert OrderInfo.objects.get(pk=order.pk).status == Status.UNPAID


def test_a_forged_notice_fails(buyer, phone):
    order = placed(buyer, {phone: 1})

    assert post_notice(signed_by_someone_else(notice(order))) == "failure"
    assert post_notice(notice(order, total_amount="1.00")) == "failure"

    assert OrderInfo.objects.get(pk=order.pk).status == Status.UNPAID
    assert not Payment.objects.exists()


def test_local_keys_are_made_once_and_kept(tmp_path):
    first = local_keys(tmp_path)
    again = local_keys(tmp_path)

    assert first == again
    assert first.app_private != first.alipay_private
    assert oct((tmp_path / "app_private.pem").stat().st_mode)[-3:] == "600"
