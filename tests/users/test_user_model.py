import pytest
from django.db import DataError, IntegrityError, transaction

from apps.users.models import User

pytestmark = pytest.mark.django_db


def make_user(username: str = "shopper01", mobile: str = "13800138000") -> User:
    return User.objects.create_user(username=username, password="password123", mobile=mobile)


def test_new_user_has_an_unverified_email():
    assert make_user().email_active is False


def test_mobile_is_unique_in_the_database():
    make_user()

    with pytest.raises(IntegrityError), transaction.atomic():
        make_user(username="shopper02")


@pytest.mark.parametrize("mobile", ["12800138000", "1380013800", "138001380001", "", "abcdefghijk"])
def test_database_refuses_a_malformed_mobile(mobile):
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        make_user(mobile=mobile)


def test_operator_adds_a_user_with_a_mobile_in_the_admin(admin_client):
    response = admin_client.post(
        "/admin/users/user/add/",
        {"username": "newshopper", "mobile": "13912345678", "password1": "Zx9!kq72mw", "password2": "Zx9!kq72mw"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(username="newshopper").mobile == "13912345678"


def test_operator_finds_users_by_mobile_username_or_email(admin_client):
    make_user()
    User.objects.filter(username="shopper01").update(email="shopper@example.com")
    make_user(username="someoneelse", mobile="13900000000")

    for query in ("13800138000", "shopper01", "shopper@example.com"):
        html = admin_client.get("/admin/users/user/", {"q": query}).content.decode()
        assert "shopper01" in html
        assert "someoneelse" not in html
