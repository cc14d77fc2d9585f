"""A guest's cookie that is not one we signed is an empty cart, replaced; never a 500, and
never unpickled."""

import base64
import pickle
from pathlib import Path

import pytest
from django.core import signing

from apps.carts.stores import COOKIE_NAME, COOKIE_SALT, Line
from tests.helpers.carts import cookie_lines, cookie_with

pytestmark = pytest.mark.django_db


class TouchOnUnpickle:
    """Unpickling this creates a file: the classic Meiduo cookie's remote code execution."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.touch, (self.path,))


def bad_cookies(tmp_path: Path, sku_id: int) -> dict[str, str]:
    exploit = pickle.dumps({sku_id: {"count": 1, "selected": True, "x": TouchOnUnpickle(tmp_path / "pwned")}})
    genuine = cookie_with({sku_id: Line(2, True)})
    value, signature = genuine.rsplit(":", 1)
    return {
        # the classic Meiduo cookie: base64 of a pickle, unsigned
        "pickle": base64.b64encode(exploit).decode(),
        # a pickle signed with our own key (a leaked key must still not run code)
        "signed pickle": signing.Signer(salt=COOKIE_SALT).sign(base64.urlsafe_b64encode(exploit).decode()),
        "garbage": "%%%not a cookie at all",
        "forged signature": f"{value}:{'A' * len(signature)}",
        "other purpose": signing.dumps({str(sku_id): [2, True]}, salt="meiduo.something_else"),
        "not an object": signing.dumps([sku_id, 2], salt=COOKIE_SALT),
        "count not a number": signing.dumps({str(sku_id): ["2", True]}, salt=COOKIE_SALT),
        "count too large": signing.dumps({str(sku_id): [10_000, True]}, salt=COOKIE_SALT),
        "key not an id": signing.dumps({"../etc": [2, True]}, salt=COOKIE_SALT),
    }


@pytest.mark.parametrize(
    "kind",
    ["pickle", "signed pickle", "garbage", "forged signature", "other purpose", "not an object", "count not a number",
     "count too large", "key not an id"],
)  # fmt: skip
def test_an_unreadable_cookie_is_an_empty_cart_and_is_replaced(guest, skus, tmp_path, kind):
    guest.cookies[COOKIE_NAME] = bad_cookies(tmp_path, skus[0].id)[kind]

    response = guest.get("/cart/")

    assert response.status_code == 200
    assert response.json() == []
    assert response.cookies[COOKIE_NAME].value != ""
    assert cookie_lines(guest) == {}
    assert not (tmp_path / "pwned").exists()


def test_adding_with_an_unreadable_cookie_starts_a_new_cart(guest, skus, tmp_path):
    guest.cookies[COOKIE_NAME] = bad_cookies(tmp_path, skus[0].id)["forged signature"]

    response = guest.post("/cart/", {"sku_id": skus[1].id, "count": 1}, format="json")

    assert response.status_code == 201
    assert cookie_lines(guest) == {skus[1].id: Line(1, True)}


def test_an_expired_cookie_is_an_empty_cart(guest, skus, settings):
    guest.cookies[COOKIE_NAME] = cookie_with({skus[0].id: Line(1, True)})
    settings.CART_COOKIE_MAX_AGE = -1

    assert guest.get("/cart/").json() == []


def test_a_genuine_cookie_is_read_and_left_alone(guest, skus):
    guest.cookies[COOKIE_NAME] = cookie_with({skus[0].id: Line(2, False)})

    response = guest.get("/cart/")

    assert [(line["id"], line["count"], line["selected"]) for line in response.json()] == [(skus[0].id, 2, False)]
    assert COOKIE_NAME not in response.cookies
