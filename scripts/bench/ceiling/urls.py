"""The ceiling's views: the bare view every figure is a ratio to, and the floors: the least a
request of a scenario must do, done on the bare stack (no middleware or code of the mall's),
so that a row below its goal shows how much of the gap that least already takes."""

import os
from functools import cache
from typing import Any

import redis
from django.http import HttpResponse
from django.urls import path
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.authentication import JWTStatelessUserAuthentication

from scripts.bench.ceiling import FLOOR_ANSWER_KEY

# One hash field incremented by the cart floor: the least a cart change writes.
_INCREMENT = "return redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])"


@cache
def _redis() -> redis.Redis:
    return redis.Redis.from_url(os.environ["BENCH_FLOOR_REDIS_URL"])


class BareView(APIView):
    """A constant, for GET and for the cart scenario's POST and PUT alike."""

    authentication_classes = ()
    permission_classes = ()

    def get(self, request: Request) -> Response:
        return Response({"ok": True})

    def post(self, request: Request) -> Response:
        return Response({"ok": True})

    def put(self, request: Request) -> Response:
        return Response({"ok": True})


class CachedReadFloor(APIView):
    """A cached answer served as stored: one Redis GET, its bytes returned."""

    authentication_classes = ()
    permission_classes = ()

    def get(self, request: Request) -> HttpResponse:
        return HttpResponse(_redis().get(FLOOR_ANSWER_KEY) or b"null", content_type="application/json")


class CartChangeFloor(APIView):
    """A logged-in shopper's cart change at its least: the JWT's signature checked, the body
    parsed, the account's revocation entry read (one GET), the line changed (one script)."""

    authentication_classes = (JWTStatelessUserAuthentication,)
    permission_classes = ()

    def change(self, request: Request) -> Response:
        user_id = request.user.id
        entry = _redis().get(f"auth:{user_id}")
        body: Any = request.data
        sku_id, count = int(body["sku_id"]), int(body["count"])
        total = _redis().eval(_INCREMENT, 1, f"bench:floor:cart:{user_id}", sku_id, 0 if entry is None else count)
        return Response({"sku_id": sku_id, "count": int(total), "selected": True})

    post = put = change


urlpatterns = [
    path("bare/", BareView.as_view()),
    path("bare/cached-read/", CachedReadFloor.as_view()),
    path("bare/cart/", CartChangeFloor.as_view()),
]
