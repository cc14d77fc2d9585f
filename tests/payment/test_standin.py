"""The local Alipay gateway (development and browser tests): it checks the app's signature,
shows the order, and on Pay notifies the API and sends the browser back, signed."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.test import Client

from apps.orders.models import OrderInfo, Payment
from tests.clients import logged_in_as
from tests.helpers.orders import placed

pytestmark = pytest.mark.django_db(transaction=True)


def gateway_path(buyer, order: OrderInfo) -> str:  # type: ignore[no-untyped-def]
    url = urlsplit(logged_in_as(buyer).get(f"/orders/{order.order_id}/payment/").json()["alipay_url"])
    return f"{url.path}?{url.query}"


def test_the_gateway_shows_the_order_and_a_pay_button(buyer, phone):
    order = placed(buyer, {phone: 1})

    page = Client().get(gateway_path(buyer, order)).content.decode()

    assert order.order_id in page
    assert "¥6009.00" in page
    assert "确认付款" in page
    # and a way back without paying, to the shopper's orders on the storefront
    assert 'href="http://127.0.0.2:8080/user_center_order.html">取消付款，返回商城</a>' in page


def test_the_gateway_refuses_a_request_the_app_did_not_sign(buyer, phone):
    order = placed(buyer, {phone: 1})
    tampered = gateway_path(buyer, order).replace("6009.00", "0.01")

    response = Client().get(tampered)

    assert response.status_code == 400
    assert "签名验证失败" in response.content.decode()


def test_paying_notifies_the_api_and_returns_signed_parameters(buyer, phone, live_server):
    order = placed(buyer, {phone: 1})
    path = gateway_path(buyer, order)
    form = dict(parse_qsl(urlsplit(path).query))

    # the shopper presses Pay
    response = Client().post(urlsplit(path).path, form)

    # the notification reached the API (the live server) before the browser is sent back
    assert OrderInfo.objects.get(pk=order.pk).status == OrderInfo.Status.UNSEND
    assert response.status_code == 302
    back = urlsplit(response["Location"])
    assert f"{back.scheme}://{back.netloc}{back.path}" == "http://127.0.0.2:8080/pay_success.html"
    returned = dict(parse_qsl(back.query))
    assert returned["out_trade_no"] == order.order_id
    # pay_success.html hands them to O5, which verifies them: the same trade, paid once
    status = logged_in_as(buyer).put(f"/payment/status/?{back.query}")
    assert status.json() == {"trade_id": returned["trade_no"]}
    assert Payment.objects.get().trade_id == returned["trade_no"]
