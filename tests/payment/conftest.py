# The orders' fixtures: a buyer (with the areas loaded) and SKUs to order.
from tests.orders.conftest import address, band, buyer, phone  # noqa: F401
