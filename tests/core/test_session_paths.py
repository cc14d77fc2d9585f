"""Sessions, CSRF, request.user and messages run on the admin's paths only: the API pays for
none of them, and the admin keeps all of them."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_an_api_request_gets_no_session_user_or_messages() -> None:
    response = APIClient().get("/areas/")

    assert response.status_code == 200
    request = response.wsgi_request
    assert not hasattr(request, "session")
    assert not hasattr(request, "_messages")
    assert "csrftoken" not in response.cookies


def test_an_api_post_needs_no_csrf_token() -> None:
    response = Client(enforce_csrf_checks=True).post(
        "/authorizations/", {"username": "nobody", "password": "wrong-password"}, content_type="application/json"
    )

    assert response.status_code == 400  # a refused login, not a CSRF 403


def test_the_admin_keeps_its_session_login_and_csrf_check(admin_user) -> None:
    browser = Client(enforce_csrf_checks=True)
    login_page = browser.get("/admin/login/")
    assert hasattr(login_page.wsgi_request, "session")
    token = login_page.cookies["csrftoken"].value

    refused = browser.post("/admin/login/?next=/admin/", {"username": "admin", "password": "x"})
    logged_in = browser.post(
        "/admin/login/?next=/admin/",
        {"username": admin_user.username, "password": "password", "csrfmiddlewaretoken": token},
    )

    assert refused.status_code == 403  # no CSRF token
    assert logged_in.status_code == 302, logged_in.content[:500]
    assert browser.get("/admin/").status_code == 200
