"""The REST conventions of docs/api.md: JWT or Bearer tokens, pagination, error bodies, CORS."""

from datetime import timedelta

import pytest
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.test import APIClient, APIRequestFactory
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView
from rest_framework_simplejwt.tokens import AccessToken

from apps.areas.models import Area
from apps.users.models import User
from apps.users.services import login_tokens
from meiduo_mall.utils.pagination import StandardResultsSetPagination

pytestmark = pytest.mark.django_db
factory = APIRequestFactory()


class WhoAmI(APIView):
    """An endpoint behind the project's default authentication."""

    permission_classes = (IsAuthenticated,)

    def get(self, request):
        return Response({"username": request.user.username})


@pytest.fixture
def user() -> User:
    return User.objects.create_user(username="shopper01", password="password123", mobile="13800138000")


@pytest.mark.parametrize("scheme", ["JWT", "Bearer"])
def test_access_token_is_accepted_with_either_header_scheme(user, scheme):
    token = login_tokens(user=user).access

    response = WhoAmI.as_view()(factory.get("/", HTTP_AUTHORIZATION=f"{scheme} {token}"))

    assert response.status_code == 200
    assert response.data == {"username": "shopper01"}


def test_access_token_lasts_one_day(user):
    token = AccessToken.for_user(user)

    assert token["exp"] - token["iat"] == timedelta(days=1).total_seconds()
    assert int(token["user_id"]) == user.pk


def test_expired_or_forged_tokens_are_refused_with_a_message(user):
    expired = AccessToken.for_user(user)
    expired.set_exp(lifetime=timedelta(seconds=-1))
    forged = str(AccessToken.for_user(user))[:-3] + "abc"

    for token in (expired, forged, "undefined"):
        response = WhoAmI.as_view()(factory.get("/", HTTP_AUTHORIZATION=f"JWT {token}"))
        response.render()
        assert response.status_code == 401
        assert response.data["message"] == response.data["detail"]


def test_missing_token_is_401_with_message():
    response = WhoAmI.as_view()(factory.get("/"))

    assert response.status_code == 401
    assert response.data["message"] == response.data["detail"]


def _page(query: str) -> dict:
    class AreaPage(APIView):
        def get(self, request):
            paginator = StandardResultsSetPagination()
            page = paginator.paginate_queryset(Area.objects.order_by("id"), request, view=self)
            return paginator.get_paginated_response([area.id for area in page])

    response = AreaPage.as_view()(factory.get(f"/areas/?{query}"))
    response.render()
    return {"status": response.status_code, **response.data}


@pytest.fixture
def twenty_five_areas() -> None:
    Area.objects.bulk_create(Area(id=i, name=f"地区{i}") for i in range(1, 26))


@pytest.mark.usefixtures("twenty_five_areas")
def test_pagination_takes_page_and_page_size():
    body = _page("page=2&page_size=5")

    assert body["count"] == 25
    assert body["results"] == [6, 7, 8, 9, 10]
    assert "page=3" in body["next"]
    assert "page_size=5" in body["previous"]


@pytest.mark.usefixtures("twenty_five_areas")
def test_page_size_is_capped_at_twenty():
    assert len(_page("page_size=100")["results"]) == 20


@pytest.mark.usefixtures("twenty_five_areas")
def test_page_out_of_range_is_404_with_a_chinese_message():
    body = _page("page=99&page_size=5")

    assert body["status"] == 404
    assert body["message"] == "无效页面。"


@pytest.mark.parametrize("origin", ["http://127.0.0.1:8080", "http://www.meiduo.site:8080", "http://localhost:8080"])
def test_storefront_origins_may_call_with_credentials(client, origin):
    response = client.options(
        "/areas/",
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type, idempotency-key",
    )

    assert response["Access-Control-Allow-Origin"] == origin
    assert response["Access-Control-Allow-Credentials"] == "true"
    assert "idempotency-key" in response["Access-Control-Allow-Headers"]


def test_other_origins_get_no_cors_headers(client):
    response = client.get("/areas/", HTTP_ORIGIN="http://evil.example.com")

    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize(
    "query",
    [
        "", "page=2", "page=2&page_size=5", "page_size=5&ordering=-price&page=3",
        "text=%E5%8D%8E%E4%B8%BA%20%E6%89%8B%E6%9C%BA%2B%E5%A3%B3&page=2", "a=1&a=2&page=2&b=",
        "page=1&q=%E6%89%8B%E6%9C%BA&x=a%26b",
    ],
)  # fmt: skip
def test_cached_pages_link_each_page_exactly_as_drf_does(query):
    request = Request(factory.get(f"/categories/3/skus/?{query}", HTTP_HOST="api.meiduo.site:8000"))
    link = StandardResultsSetPagination().page_links(request)

    url = request.build_absolute_uri()
    assert link(1) == remove_query_param(url, "page")
    for number in (2, 3, 17):
        assert link(number) == replace_query_param(url, "page", number)


def test_a_refused_form_answers_its_field_errors_and_the_first_as_message():
    response = APIClient().post("/users/", {"username": "ab", "mobile": "123"}, format="json")

    body = response.json()
    assert response.status_code == 400
    fields = {name: errors for name, errors in body.items() if name != "message"}
    assert {"username", "mobile", "password", "sms_code"} <= set(fields)
    assert body["message"] == next(iter(fields.values()))[0]  # the one shape: {"message", <field>: [...]}
