import pytest

pytestmark = pytest.mark.usefixtures("areas")


def test_provinces_are_listed_in_code_order(api_client):
    response = api_client.get("/areas/")

    assert response.status_code == 200
    provinces = response.json()
    assert len(provinces) == 31
    assert provinces[0] == {"id": 110000, "name": "北京市"}
    assert {"id": 440000, "name": "广东省"} in provinces
    assert [p["id"] for p in provinces] == sorted(p["id"] for p in provinces)


def test_a_province_lists_its_cities(api_client):
    response = api_client.get("/areas/440000/")

    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["name"]) == (440000, "广东省")
    assert {"id": 440300, "name": "深圳市"} in body["subs"]
    assert len(body["subs"]) == 21


def test_a_city_lists_its_districts(api_client):
    body = api_client.get("/areas/440300/").json()

    assert body["name"] == "深圳市"
    assert {"id": 440305, "name": "南山区"} in body["subs"]


def test_a_district_has_no_subs(api_client):
    assert api_client.get("/areas/440305/").json() == {"id": 440305, "name": "南山区", "subs": []}


def test_unknown_area_is_404_with_a_message(api_client):
    response = api_client.get("/areas/999999/")

    assert response.status_code == 404
    assert response.json()["message"] == "未找到该地区"


def test_warm_requests_run_no_queries(api_client, django_assert_num_queries):
    # given: one request of each kind fills the cache
    api_client.get("/areas/")
    api_client.get("/areas/440300/")

    # then: the next ones are answered from Redis alone
    with django_assert_num_queries(0):
        assert api_client.get("/areas/").status_code == 200
        assert api_client.get("/areas/440300/").json()["name"] == "深圳市"


def test_cold_requests_take_one_query_per_level(api_client, django_assert_num_queries):
    with django_assert_num_queries(1):
        api_client.get("/areas/")
    with django_assert_num_queries(2):
        api_client.get("/areas/440000/")


def test_public_endpoints_ignore_a_bogus_token(api_client):
    # Storefronts send `JWT undefined` (or a stale token) with every call.
    api_client.credentials(HTTP_AUTHORIZATION="JWT undefined")

    assert api_client.get("/areas/").status_code == 200
    assert api_client.get("/areas/440000/").status_code == 200
