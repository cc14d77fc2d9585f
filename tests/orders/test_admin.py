"""The operators' order admin: search, filters, the order's lines and history, shipping."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from apps.orders.models import OrderInfo
from tests.factories import AddressFactory, UserFactory
from tests.helpers.orders import placed

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def operator(admin_user) -> Client:
    client = Client()
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize("query", ["order_id", "part of the id", "username", "mobile", "receiver mobile"])
def test_orders_are_found_by_id_user_or_mobile(operator, buyer, phone, query):
    AddressFactory(user=buyer, mobile="13612345678")
    order = placed(buyer, {phone: 1})
    other = placed(UserFactory(username="another_one", mobile="13700000000"), {phone: 1})
    text = {
        "order_id": order.order_id,
        "part of the id": order.order_id[-9:],  # the tail: the shopper's number
        "username": buyer.username,
        "mobile": buyer.mobile,
        "receiver mobile": "13612345678",
    }[query]

    page = operator.get("/admin/orders/orderinfo/", {"q": text}).content.decode()

    assert order.order_id in page
    assert other.order_id not in page


def test_orders_are_filtered_by_status(operator, buyer, phone):
    unpaid = placed(buyer, {phone: 1})
    cash = placed(buyer, {phone: 1}, pay_method=1)

    page = operator.get("/admin/orders/orderinfo/", {"status__exact": "2"}).content.decode()

    assert cash.order_id in page
    assert unpaid.order_id not in page


def test_an_order_page_shows_its_lines_and_history_read_only(operator, buyer, phone):
    order = placed(buyer, {phone: 2})

    page = operator.get(f"/admin/orders/orderinfo/{order.order_id}/change/").content.decode()

    assert phone.name in page
    assert "11998.00" in page
    assert "下单" in page  # the placement event
    assert 'name="total_amount"' not in page  # money is not editable
    assert operator.get("/admin/orders/orderinfo/add/").status_code == 403


def test_marking_shipped_moves_only_orders_waiting_for_it(operator, buyer, phone):
    cash = placed(buyer, {phone: 1}, pay_method=1)
    unpaid = placed(buyer, {phone: 1})

    response = operator.post(
        "/admin/orders/orderinfo/",
        {"action": "mark_shipped", "_selected_action": [cash.order_id, unpaid.order_id]},
        follow=True,
    )

    assert OrderInfo.objects.get(pk=cash.pk).status == OrderInfo.Status.UNRECEIVED
    assert OrderInfo.objects.get(pk=unpaid.pk).status == OrderInfo.Status.UNPAID
    page = response.content.decode()
    assert "1 个订单已标记为发货" in page
    assert "1 个订单不是待发货状态" in page


def test_orders_are_browsed_by_year_month_and_day(operator, buyer, phone):
    """date_hierarchy: needs MariaDB's time zone tables (scripts/services.sh loads them)."""
    order = placed(buyer, {phone: 1})
    today = timezone.localdate()

    def on(day: date) -> str:
        query = {"create_time__year": day.year, "create_time__month": day.month, "create_time__day": day.day}
        response = operator.get("/admin/orders/orderinfo/", query)
        assert response.status_code == 200
        return response.content.decode()

    index = operator.get("/admin/orders/orderinfo/").content.decode()
    assert f"?create_time__year={today.year}" in index  # the hierarchy offers this year
    assert order.order_id in on(today)
    assert order.order_id not in on(today - timedelta(days=1))
