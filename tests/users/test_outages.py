"""Accounts with Redis down: a 503 with a message, and nothing half-written."""

import uuid

import pytest
from rest_framework.test import APIClient

from apps.users.models import User
from meiduo_mall.utils.outages import REDIS_DOWN
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(own_redis):  # type: ignore[no-untyped-def]
    own_redis.stop()


@pytest.mark.usefixtures("redis_down")
@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", f"/image_codes/{uuid.uuid4()}/", None),
        ("get", "/sms_codes/13812345678/", None),
        ("post", "/authorizations/", {"username": "outage_user", "password": PASSWORD}),
    ],
)
def test_codes_and_login_answer_503_when_redis_is_down(method, path, body):
    UserFactory(username="outage_user")

    response = getattr(APIClient(), method)(path, body, format="json")

    assert response.status_code == 503
    assert response.json() == {"message": REDIS_DOWN}


@pytest.mark.usefixtures("redis_down")
def test_registration_with_redis_down_creates_no_user():
    body = {
        "username": "outage_new",
        "password": "Secret-pass-99",
        "password2": "Secret-pass-99",
        "mobile": "13812345678",
        "sms_code": "123456",
        "allow": "true",
    }

    response = APIClient().post("/users/", body, format="json")

    assert response.status_code == 503
    assert not User.objects.filter(username="outage_new").exists()
