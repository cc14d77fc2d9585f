"""Persistent MariaDB connections are not pinged before each request (meiduo_mall/db/mysql):
a connection the server dropped while idle is found out by the request's first query, which
is run again on a new connection when nothing can have run; a write or a transaction is not."""

from collections.abc import Iterator

import MySQLdb
import pytest
from django.db import OperationalError, close_old_connections, connection, transaction

from apps.users.models import User

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def persistent() -> Iterator[None]:
    """The connection kept across requests, as production's CONN_MAX_AGE keeps it."""
    connection.ensure_connection()
    connection.close_at = None
    yield
    connection.close()


def session_value(name: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SHOW SESSION STATUS LIKE %s", [name])
        return int(cursor.fetchone()[1])


def connection_id() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT CONNECTION_ID()")
        return int(cursor.fetchone()[0])


def server_drops(thread_id: int) -> None:
    """The server ends the connection, as a restart or wait_timeout does."""
    db = connection.settings_dict
    admin = MySQLdb.connect(host=db["HOST"], port=int(db["PORT"]), user=db["USER"], password=db["PASSWORD"])
    try:
        admin.cursor().execute(f"KILL CONNECTION {int(thread_id)}")
    finally:
        admin.close()


def next_request() -> None:
    """What Django does between two requests (request_finished, request_started)."""
    close_old_connections()
    close_old_connections()


@pytest.mark.usefixtures("persistent")
def test_a_reused_connection_is_not_pinged() -> None:
    pings = session_value("Com_admin_commands")  # a ping is an admin command of the session

    for _ in range(3):
        next_request()
        User.objects.count()

    assert session_value("Com_admin_commands") == pings


@pytest.mark.usefixtures("persistent")
def test_a_read_on_a_connection_the_server_dropped_is_run_again_on_a_new_one() -> None:
    dropped = connection_id()
    server_drops(dropped)
    next_request()

    assert User.objects.count() == 0
    assert connection_id() != dropped


@pytest.mark.usefixtures("persistent")
def test_a_write_on_a_dropped_connection_is_not_repeated_and_the_next_request_reconnects() -> None:
    server_drops(connection_id())
    next_request()

    with pytest.raises(OperationalError):
        User.objects.filter(pk=0).update(first_name="x")

    next_request()
    assert User.objects.count() == 0


@pytest.mark.usefixtures("persistent")
def test_a_transaction_on_a_dropped_connection_fails_rather_than_continue_on_another() -> None:
    server_drops(connection_id())
    next_request()

    with pytest.raises(OperationalError), transaction.atomic():
        User.objects.count()
