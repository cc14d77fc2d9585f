"""What DJANGO_SECURE=1 turns on (tests/core/test_settings.py checks that it does), seen
from a browser: plain HTTP is redirected, HTTPS answers carry HSTS, cookies are Secure."""

import pytest

from tests.factories import SKUFactory

pytestmark = pytest.mark.django_db

HTTPS = {"HTTP_X_FORWARDED_PROTO": "https"}  # what nginx sends after TLS


@pytest.fixture
def https_only(settings):  # type: ignore[no-untyped-def]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 365 * 24 * 3600
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.CART_COOKIE_SECURE = True


def test_plain_http_is_redirected_to_https(client, https_only):
    response = client.get("/areas/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/areas/"


def test_https_answers_tell_browsers_to_stay_on_https(client, https_only):
    response = client.get("/health/", **HTTPS)

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_the_guest_cart_cookie_is_https_only(client, https_only):
    sku = SKUFactory()

    response = client.post("/cart/", {"sku_id": sku.pk, "count": 1}, content_type="application/json", **HTTPS)

    assert response.status_code == 201, response.content
    assert response.cookies["cart"]["secure"] is True
    assert response.cookies["cart"]["httponly"] is True
