from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from apps.goods.models import SKU
from tests.factories import SKUFactory


@pytest.fixture
def guest() -> APIClient:
    """A guest's browser: it keeps the cookies it is given, and sends `JWT undefined` as
    the classic storefronts do."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="JWT undefined")
    return client


@pytest.fixture
def skus(db: None) -> list[SKU]:
    """Three SKUs on sale, ¥10, ¥20 and ¥30, 10 of each in stock."""
    return [SKUFactory(price=Decimal(f"{n}0.00"), stock=10) for n in (1, 2, 3)]
