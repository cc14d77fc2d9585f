"""GET /limits/: the limits the backend enforces, as the storefront reads them (from the
settings and models that enforce them, so a changed setting reaches every storefront)."""

import pytest
from rest_framework.test import APIClient

from apps.orders.models import OrderInfo


@pytest.fixture
def answer():  # type: ignore[no-untyped-def]
    def ask():  # type: ignore[no-untyped-def]
        response = APIClient().get("/limits/", HTTP_AUTHORIZATION="JWT undefined")
        assert response.status_code == 200
        return response

    return ask


def test_the_limits_are_the_settings_that_enforce_them(answer, settings):
    body = answer().json()

    assert body == {
        "sms_resend_seconds": settings.SMS_RESEND_SECONDS,
        "sms_code_seconds": settings.SMS_CODE_SECONDS,
        "cart_max_line_count": settings.CART_MAX_LINE_COUNT,
        "cart_max_lines": settings.CART_MAX_LINES,
        "page_size_max": 20,
        "order_statuses": {str(value): label for value, label in OrderInfo.Status.choices},
    }
    assert body["order_statuses"]["2"] == "待发货"


def test_an_operators_setting_reaches_the_answer(answer, settings):
    settings.CART_MAX_LINE_COUNT = 7
    settings.SMS_RESEND_SECONDS = 45

    body = answer().json()

    assert (body["cart_max_line_count"], body["sms_resend_seconds"]) == (7, 45)


@pytest.mark.django_db
def test_browsers_may_keep_it_a_few_minutes_and_it_reads_nothing(answer, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = answer()

    assert response["Cache-Control"] == "public, max-age=300"
