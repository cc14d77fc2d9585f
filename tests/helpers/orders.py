"""Orders as a test places and moves them, through the services a shopper's and an
operator's requests use."""

from apps.goods.models import SKU
from apps.orders import services
from apps.orders.models import OrderInfo
from apps.users.models import User
from tests.factories import AddressFactory
from tests.helpers.carts import fill_cart


def placed(user: User, lines: dict[SKU, int], pay_method: int = 2) -> OrderInfo:
    address = user.addresses.first() or AddressFactory(user=user)
    fill_cart(user, lines)
    return services.order_create(user=user, address_id=address.pk, pay_method=pay_method)


def received(user: User, lines: dict[SKU, int]) -> OrderInfo:
    order = placed(user, lines, pay_method=1)
    services.orders_mark_shipped(order_ids=[order.order_id])
    return services.order_receipt_confirm(user=user, order_id=order.order_id)


def events(order: OrderInfo) -> list[tuple[int | None, int]]:
    return list(order.events.values_list("from_status", "to_status"))


# --- O3 -------------------------------------------------------------------------------------------
