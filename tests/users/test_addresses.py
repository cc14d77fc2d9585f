"""A1–A6: the address book (docs/api.md, users)."""

import pytest
from rest_framework.test import APIClient

from apps.users.models import Address, User
from tests.factories import AddressFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("areas")]

BODY = {
    "receiver": "李四",
    "province_id": 110000,
    "city_id": 110100,
    "district_id": 110108,
    "place": "中关村大街 27 号",
    "mobile": "13812345678",
    "tel": "",
    "email": "",
    "title": "公司",
}


def test_addresses_need_a_login():
    assert APIClient().get("/addresses/").status_code == 401
    assert APIClient().post("/addresses/", BODY, format="json").status_code == 401


def test_first_address_is_created_and_becomes_the_default(shopper_client, user):
    response = shopper_client.post("/addresses/", BODY, format="json")

    assert response.status_code == 201
    address = Address.objects.get()
    assert response.json() == {
        "id": address.pk,
        "title": "公司",
        "receiver": "李四",
        "province": "北京市",
        "city": "北京市",
        "district": "海淀区",
        "province_id": 110000,
        "city_id": 110100,
        "district_id": 110108,
        "place": "中关村大街 27 号",
        "mobile": "13812345678",
        "tel": "",
        "email": "",
    }
    user.refresh_from_db()
    assert user.default_address == address


def test_ids_may_arrive_as_strings_and_title_defaults_to_the_receiver(shopper_client):
    body = {**BODY, "province_id": "110000", "city_id": "110100", "district_id": "110108"}
    del body["title"]

    response = shopper_client.post("/addresses/", body, format="json")

    assert response.status_code == 201
    assert response.json()["title"] == "李四"


def test_list_is_the_users_live_addresses_newest_first(shopper_client, user, django_assert_max_num_queries):
    older = AddressFactory(user=user, receiver="甲")
    newer = AddressFactory(user=user, receiver="乙")
    AddressFactory(user=user, receiver="丙", is_deleted=True)
    AddressFactory(receiver="别人的")
    User.objects.filter(pk=user.pk).update(default_address=older)

    with django_assert_max_num_queries(2):  # the user, then the addresses with their regions
        response = shopper_client.get("/addresses/")

    body = response.json()
    assert body["user_id"] == user.pk
    assert body["default_address_id"] == older.pk
    assert body["limit"] == 20
    assert [a["id"] for a in body["addresses"]] == [newer.pk, older.pk]
    assert body["addresses"][0]["district"] == "南山区"


def test_query_count_does_not_grow_with_the_number_of_addresses(shopper_client, user, django_assert_max_num_queries):
    AddressFactory.create_batch(15, user=user)

    with django_assert_max_num_queries(2):
        assert len(shopper_client.get("/addresses/").json()["addresses"]) == 15


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"city_id": 440300}, "city_id"),  # 深圳 is not in 北京
        ({"district_id": 440305}, "district_id"),  # 南山区 is not in 北京市
        ({"province_id": 110100}, "province_id"),  # a city is not a province
        ({"province_id": 1}, "province_id"),
        ({"mobile": "12345"}, "mobile"),
        ({"email": "nope"}, "email"),
        ({"tel": "call me"}, "tel"),
        ({"receiver": ""}, "receiver"),
        ({"province_id": "x"}, "province_id"),
    ],
)
def test_bad_address_is_400_and_writes_nothing(shopper_client, changes, field):
    response = shopper_client.post("/addresses/", {**BODY, **changes}, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Address.objects.exists()


def test_at_most_20_live_addresses(shopper_client, user):
    AddressFactory.create_batch(19, user=user)
    AddressFactory(user=user, is_deleted=True)
    assert shopper_client.post("/addresses/", BODY, format="json").status_code == 201

    response = shopper_client.post("/addresses/", BODY, format="json")

    assert response.status_code == 400
    assert response.json() == {"message": "保存地址数据已达到上限"}
    assert Address.live.filter(user=user).count() == 20


def test_edit_changes_the_address(shopper_client, user):
    address = AddressFactory(user=user)

    response = shopper_client.put(f"/addresses/{address.pk}/", {**BODY, "receiver": "王五"}, format="json")

    assert response.status_code == 200
    assert response.json()["receiver"] == "王五"
    assert response.json()["district"] == "海淀区"
    address.refresh_from_db()
    assert (address.receiver, address.district_id) == ("王五", 110108)


def test_edit_with_a_district_outside_the_city_is_400(shopper_client, user):
    address = AddressFactory(user=user)

    response = shopper_client.put(f"/addresses/{address.pk}/", {**BODY, "district_id": 440305}, format="json")

    assert response.status_code == 400
    address.refresh_from_db()
    assert address.district_id == 440305
    assert address.city_id == 440300


def test_delete_is_soft_and_clears_the_default(shopper_client, user):
    address = AddressFactory(user=user)
    User.objects.filter(pk=user.pk).update(default_address=address)

    response = shopper_client.delete(f"/addresses/{address.pk}/")

    assert response.status_code == 204
    address.refresh_from_db()
    assert address.is_deleted
    user.refresh_from_db()
    assert user.default_address is None
    assert shopper_client.get("/addresses/").json()["addresses"] == []
    assert shopper_client.delete(f"/addresses/{address.pk}/").status_code == 404


def test_set_default(shopper_client, user):
    AddressFactory(user=user)
    second = AddressFactory(user=user)

    response = shopper_client.put(f"/addresses/{second.pk}/status/")

    assert response.status_code == 200
    assert response.json() == {"message": "OK"}
    user.refresh_from_db()
    assert user.default_address == second


def test_set_title(shopper_client, user):
    address = AddressFactory(user=user)

    response = shopper_client.put(f"/addresses/{address.pk}/title/", {"title": "家"}, format="json")

    assert response.status_code == 200
    assert response.json() == {"title": "家"}
    address.refresh_from_db()
    assert address.title == "家"


def test_empty_title_is_400(shopper_client, user):
    address = AddressFactory(user=user)

    assert shopper_client.put(f"/addresses/{address.pk}/title/", {"title": ""}, format="json").status_code == 400


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("put", "", BODY),
        ("delete", "", None),
        ("put", "status/", None),
        ("put", "title/", {"title": "抢来的"}),
    ],
)
def test_another_users_address_is_404_for_every_verb(shopper_client, user, method, suffix, body):
    theirs = AddressFactory()

    response = getattr(shopper_client, method)(f"/addresses/{theirs.pk}/{suffix}", body, format="json")

    assert response.status_code == 404
    assert response.json() == {"message": "收货地址不存在"}
    theirs.refresh_from_db()
    assert (theirs.receiver, theirs.title, theirs.is_deleted) == ("张三", "张三", False)
    user.refresh_from_db()
    assert user.default_address is None


def test_default_address_is_a_property_of_the_user(user):
    address = AddressFactory(user=user)
    user.default_address = address
    user.save()

    assert User.objects.get(pk=user.pk).default_address == address
