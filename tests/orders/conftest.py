from decimal import Decimal

import pytest

from apps.carts.stores import Line, RedisCart
from apps.goods.models import SKU
from apps.users.models import Address, User
from tests.factories import AddressFactory, SKUFactory, UserFactory


def fill_cart(user: User, lines: dict[SKU, int], *, unselected: tuple[SKU, ...] = ()) -> None:
    cart = RedisCart(user.pk)
    for sku, count in lines.items():
        cart.put(sku.pk, Line(count, sku not in unselected))


@pytest.fixture
def buyer(areas: None) -> User:
    return UserFactory()


@pytest.fixture
def address(buyer: User) -> Address:
    return AddressFactory(user=buyer, receiver="李四", place="科技园南区 1 号")


@pytest.fixture
def phone(db: None) -> SKU:
    return SKUFactory(name="华为手机 Mate 60", price=Decimal("5999.00"), stock=10)


@pytest.fixture
def band(db: None) -> SKU:
    return SKUFactory(name="小米手环 9", price=Decimal("249.50"), stock=10)
