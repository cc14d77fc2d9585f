"""A database or Redis outage is a 503 with a message, never a 500."""

from collections.abc import Iterator

import kombu.exceptions
import pytest
from django.db import OperationalError, connection
from django.db.backends.mysql.base import DatabaseWrapper
from rest_framework.test import APIClient

from meiduo_mall.settings.base import database_config
from meiduo_mall.utils.outages import BROKER_DOWN, DATABASE_DOWN, REDIS_DOWN, service_unavailable_message


@pytest.fixture
def database_down(transactional_db, free_port) -> Iterator[None]:
    """Point the connection at a port where no database listens, as when MariaDB is down."""
    original = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = free_port
    yield
    connection.close()
    connection.settings_dict["PORT"] = original


@pytest.mark.usefixtures("areas")
def test_api_answers_503_when_redis_is_stopped(own_redis):
    client = APIClient()
    assert client.get("/areas/").status_code == 200

    own_redis.stop()
    response = client.get("/areas/")

    assert response.status_code == 503
    assert response.json() == {"message": REDIS_DOWN}
    assert response["Retry-After"] == "30"


def test_api_answers_503_when_the_database_is_unreachable(database_down):
    response = APIClient().get("/areas/")

    assert response.status_code == 503
    assert response.json() == {"message": DATABASE_DOWN}


def test_admin_answers_503_when_the_database_is_unreachable(database_down, client):
    response = client.post("/admin/login/", {"username": "operator", "password": "secret-password"})

    assert response.status_code == 503
    assert response.json() == {"message": DATABASE_DOWN}


def test_an_operator_in_a_browser_gets_a_page_saying_so(database_down, client):
    response = client.post(
        "/admin/login/", {"username": "operator", "password": "secret-password"}, HTTP_ACCEPT="text/html"
    )

    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "服务暂时不可用" in page
    assert DATABASE_DOWN in page


def test_health_reports_database_down_with_503(database_down, client):
    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
    assert response.json()["message"]


def test_health_reports_redis_down_with_503(db, own_redis, client):
    own_redis.stop()

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["redis"] == "unavailable"
    assert response.json()["database"] == "ok"


def test_broker_outage_is_recognised():
    assert service_unavailable_message(kombu.exceptions.OperationalError("connection refused")) == BROKER_DOWN


def test_other_errors_are_not_mistaken_for_outages():
    assert service_unavailable_message(ValueError("bad")) is None


@pytest.mark.django_db
def test_a_query_the_server_never_answers_is_cut_off(monkeypatch):
    """A database that accepts a query and then hangs must not hang a web worker: the read
    timeout turns it into an error, which the API answers with a 503."""
    monkeypatch.setenv("DATABASE_READ_TIMEOUT", "1")
    db = connection.settings_dict
    config = database_config(f"mysql://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}")
    probe = DatabaseWrapper({**db, "OPTIONS": config["OPTIONS"]}, alias="timeout-probe")
    try:
        with pytest.raises(OperationalError), probe.cursor() as cursor:
            cursor.execute("SELECT SLEEP(20)")
    finally:
        probe.close()
