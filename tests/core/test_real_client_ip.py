"""Behind nginx the client's address comes from X-Real-IP, but only from a trusted proxy."""

import uuid

import pytest
from django.test import RequestFactory

from meiduo_mall.utils.middleware import RealClientIPMiddleware
from meiduo_mall.utils.ratelimit import client_ip


def seen_ip(remote_addr: str, real_ip: str | None) -> str:
    headers = {"HTTP_X_REAL_IP": real_ip} if real_ip is not None else {}
    request = RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers)
    return RealClientIPMiddleware(lambda r: client_ip(r))(request)  # type: ignore[arg-type,return-value]


@pytest.fixture(autouse=True)
def nginx_network(settings) -> None:
    settings.TRUSTED_PROXIES = ["172.16.0.0/12", "10.0.0.7"]


@pytest.mark.parametrize("proxy", ["172.18.0.5", "10.0.0.7"])
def test_a_trusted_proxy_names_the_client(proxy):
    assert seen_ip(proxy, "203.0.113.9") == "203.0.113.9"


def test_anyone_else_cannot_pretend_to_be_someone_else():
    assert seen_ip("198.51.100.20", "203.0.113.9") == "198.51.100.20"


@pytest.mark.parametrize("header", ["not-an-ip", "", None])
def test_a_missing_or_bad_header_leaves_the_proxy_address(header):
    assert seen_ip("172.18.0.5", header) == "172.18.0.5"


def test_the_throttles_count_the_real_client(client, settings):
    settings.IMAGE_CODES_PER_IP_PER_MINUTE = 1

    first = client.get(f"/image_codes/{uuid.uuid4()}/", REMOTE_ADDR="172.18.0.5", HTTP_X_REAL_IP="203.0.113.1")
    other = client.get(f"/image_codes/{uuid.uuid4()}/", REMOTE_ADDR="172.18.0.5", HTTP_X_REAL_IP="203.0.113.2")
    again = client.get(f"/image_codes/{uuid.uuid4()}/", REMOTE_ADDR="172.18.0.5", HTTP_X_REAL_IP="203.0.113.1")

    assert (first.status_code, other.status_code, again.status_code) == (200, 200, 429)
