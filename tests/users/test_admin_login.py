"""The admin's login has the shoppers' throttle and lockout: wrong passwords cannot be tried
without end against an operator's account."""

import pytest
from django.test import Client

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def log_in(client: Client, password: str, username: str = "operator"):  # type: ignore[no-untyped-def]
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def test_the_right_password_lets_an_operator_in():
    UserFactory(username="operator", is_staff=True)

    response = log_in(Client(), PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_after_five_wrong_passwords_even_the_right_one_waits(settings):
    UserFactory(username="operator", is_staff=True)
    client = Client()

    wrong = [log_in(client, f"guess-{n}-password") for n in range(settings.LOGIN_FAILURE_LIMIT)]
    right = log_in(client, PASSWORD)

    assert {response.status_code for response in wrong} == {200}  # the form again, with its error
    assert right.status_code == 200
    assert "密码错误次数过多" in right.content.decode()
    assert "_auth_user_id" not in client.session


def test_one_address_cannot_try_without_end(settings):
    settings.LOGINS_PER_IP_PER_5_MINUTES = 3
    UserFactory(username="operator", is_staff=True)
    client = Client()
    for n in range(3):
        log_in(client, "wrong-password-1", username=f"someone{n}")

    response = log_in(client, PASSWORD)

    assert "登录尝试过于频繁" in response.content.decode()


def test_a_shopper_cannot_log_in_to_the_admin():
    UserFactory(username="operator", is_staff=False)

    response = log_in(Client(), PASSWORD)

    assert response.status_code == 200
    assert "_auth_user_id" not in Client().session
