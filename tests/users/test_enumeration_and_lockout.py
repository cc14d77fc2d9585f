"""Nobody can walk through accounts or lock an owner out: the availability checks are
limited per client address, the reset's first step needs the captcha, wrong passwords lock an
account only for the address they came from, and wrong old passwords on a change count too."""

import pytest
from rest_framework.test import APIClient

from tests.clients import logged_in_as
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def from_address(address: str) -> APIClient:
    return APIClient(REMOTE_ADDR=address)


@pytest.mark.parametrize("path", ["/usernames/someone/count/", "/mobiles/13600000009/count/"])
def test_availability_checks_are_limited_per_client_address(settings, path):
    settings.AVAILABILITY_CHECKS_PER_IP_PER_MINUTE = 3
    walker = from_address("198.51.100.20")

    answers = [walker.get(path).status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]
    assert "查询过于频繁" in walker.get(path).json()["message"]
    assert from_address("198.51.100.21").get(path).status_code == 200  # another shopper


def test_the_reset_needs_the_captcha_before_it_shows_a_mobile():
    UserFactory(username="forgetful", mobile="13512345678")

    response = APIClient().get("/accounts/forgetful/sms/token/")

    assert response.status_code == 400
    assert response.json()["message"] == "请输入图片验证码"
    assert "mobile" not in response.json()


def test_wrong_passwords_from_one_address_do_not_lock_the_owner_out_of_theirs(settings):
    UserFactory(username="target", mobile="13600000003")
    attacker, owner = from_address("203.0.113.66"), from_address("198.51.100.7")
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        attacker.post("/authorizations/", {"username": "target", "password": "guess-password-1"})

    assert attacker.post("/authorizations/", {"username": "target", "password": PASSWORD}).status_code == 429
    assert owner.post("/authorizations/", {"username": "target", "password": PASSWORD}).status_code == 200


def test_wrong_old_passwords_on_a_change_are_limited(settings):
    user = UserFactory()
    client = logged_in_as(user)
    change = {"password": "Brand-new-pass-7", "password2": "Brand-new-pass-7"}

    wrong = [
        client.put(f"/users/{user.pk}/password/", {**change, "old_password": f"guess-{n}-pw"}).status_code
        for n in range(settings.LOGIN_FAILURE_LIMIT)
    ]
    right = client.put(f"/users/{user.pk}/password/", {**change, "old_password": PASSWORD})

    assert wrong == [400] * settings.LOGIN_FAILURE_LIMIT
    assert right.status_code == 429
    assert "原密码错误次数过多" in right.json()["message"]
