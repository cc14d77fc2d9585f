"""The operators' user admin: search, and each shopper's addresses inline."""

import pytest
from django.test import Client

from tests.factories import AddressFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("areas")]


@pytest.fixture
def operator(admin_user) -> Client:
    client = Client()
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize("query", ["findme_user", "13987654321", "findme@example.org"])
def test_users_are_found_by_username_mobile_or_email(operator, query):
    UserFactory(username="findme_user", mobile="13987654321", email="findme@example.org")
    UserFactory(username="someone_else")

    page = operator.get("/admin/users/user/", {"q": query}).content.decode()

    assert "findme_user" in page
    assert "someone_else" not in page


def test_user_page_shows_their_addresses_inline(operator):
    user = UserFactory()
    AddressFactory(user=user, receiver="收件人甲", place="科技园北区 8 号")

    page = operator.get(f"/admin/users/user/{user.pk}/change/").content.decode()

    assert "收货地址" in page
    assert "收件人甲" in page
    assert "科技园北区 8 号" in page
    assert "南山区" in page


def test_add_user_page_works_without_the_inline(operator):
    response = operator.get("/admin/users/user/add/")

    assert response.status_code == 200
    assert "收货地址" not in response.content.decode()


def test_operator_saves_a_user_with_an_address(operator):
    user = UserFactory()
    address = AddressFactory(user=user)
    page = operator.get(f"/admin/users/user/{user.pk}/change/")
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "password"}
    data.update(
        {
            "groups": [],
            "user_permissions": [],
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2026-11-21",
            "date_joined_1": "10:00:00",
            "addresses-TOTAL_FORMS": "1",
            "addresses-INITIAL_FORMS": "1",
            "addresses-0-id": str(address.pk),
            "addresses-0-user": str(user.pk),
            "addresses-0-title": "新标题",
            "addresses-0-receiver": address.receiver,
            "addresses-0-mobile": address.mobile,
            "addresses-0-province": "440000",
            "addresses-0-city": "440300",
            "addresses-0-district": "440305",
            "addresses-0-place": address.place,
            "addresses-0-tel": "",
            "addresses-0-email": "",
        }
    )
    data = {k: v for k, v in data.items() if v != []}

    response = operator.post(f"/admin/users/user/{user.pk}/change/", data)

    assert response.status_code == 302, response.context["errors"] if response.context else response
    address.refresh_from_db()
    assert address.title == "新标题"
