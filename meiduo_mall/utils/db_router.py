"""Reads from the read replica, writes to the primary (DATABASES "replica" and "default").

Reading the replica is opt-in, and only a shopper's read-only request opts in
(ReplicaReadsMiddleware: GET, HEAD and OPTIONS outside the admin). Everything else reads
the primary: write requests (a form's checks must see the rows it is about to change), the
admin (an operator expects to see what was just saved), Celery tasks (a page regenerated
right after a save must show it), management commands and the shell.

Even inside an opted-in request, three kinds of read stay on the primary:
* reads inside a transaction (`transaction.atomic`), which must see its own writes and
  take its locks on the primary, as order placement does;
* the account and order tables (DATABASE_PRIMARY_READ_APPS: users and their addresses,
  QQ/Weibo bindings, orders, payments): a shopper reads them right after writing them (a
  new account logs in at once, a placed order appears in "my orders", a saved address in
  the list), and a replica a moment behind would say they do not exist;
* everything, when no replica is configured (DATABASE_REPLICA_URL unset), or while it is
  unreachable: a process that cannot connect to it reads from the primary for
  REPLICA_RETRY_SECONDS before trying again, so a replica outage slows nothing down;
* everything, while the replica is more than DATABASE_REPLICA_MAX_LAG_SECONDS behind the
  primary or not replicating at all (its replication stopped or broken): shoppers would see
  an old catalog. Each process asks the replica how far behind it is at most every
  REPLICA_LAG_CHECK_SECONDS.

So the replica serves the catalog: categories, lists, SKUs, searches' rows and areas; except
what is built to be cached for everyone until the catalog changes (`primary_reads`, used by
apps/goods/catalog_cache.py), which a replica a moment behind would cache old.
"""

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from meiduo_mall.utils.outages import DATABASE_ERRORS

logger = logging.getLogger(__name__)

REPLICA_DB_ALIAS = "replica"
REPLICA_RETRY_SECONDS = 30
REPLICA_LAG_CHECK_SECONDS = 5.0
# Until when (time.monotonic()) this process leaves the unreachable replica alone.
_replica_down_until = 0.0
# The replica's lag as this process last saw it: (when, seconds behind or None).
_lag_seen: tuple[float, float | None] | None = None

_replica_allowed: ContextVar[bool] = ContextVar("replica_reads_allowed", default=False)


@contextmanager
def replica_reads() -> Iterator[None]:
    """Let the reads of this block go to the replica (the router still keeps the ones above
    on the primary)."""
    token = _replica_allowed.set(True)
    try:
        yield
    finally:
        _replica_allowed.reset(token)


@contextmanager
def primary_reads() -> Iterator[None]:
    """Read this block from the primary even inside an opted-in request: what is cached for
    everyone must not be built from a replica a moment behind."""
    token = _replica_allowed.set(False)
    try:
        yield
    finally:
        _replica_allowed.reset(token)


def replica_reachable() -> bool:
    """Whether the replica's connection is open or can be opened (cheap once it is open)."""
    global _replica_down_until
    if time.monotonic() < _replica_down_until:
        return False
    try:
        connections[REPLICA_DB_ALIAS].ensure_connection()
    except DATABASE_ERRORS:
        _replica_down_until = time.monotonic() + REPLICA_RETRY_SECONDS
        logger.warning(
            "The read replica is unreachable: reading from the primary for the next %s s", REPLICA_RETRY_SECONDS
        )
        return False
    return True


def replica_lag() -> float | None:
    """How many seconds the replica is behind the primary (0: caught up), asked of the replica
    now; None when it is not replicating (replication stopped, broken or never set up)."""
    with connections[REPLICA_DB_ALIAS].cursor() as cursor:
        cursor.execute("SHOW SLAVE STATUS")
        row = cursor.fetchone()
        columns = [column[0] for column in cursor.description or ()]
    if row is None:
        return None
    behind = dict(zip(columns, row, strict=True)).get("Seconds_Behind_Master")
    return None if behind is None else float(behind)


def replica_fresh() -> bool:
    """Whether the replica is close enough behind the primary to serve (the lag is asked at
    most every REPLICA_LAG_CHECK_SECONDS)."""
    global _lag_seen
    if settings.DATABASE_REPLICA_MAX_LAG_SECONDS is None:
        return True
    now = time.monotonic()
    if _lag_seen is None or now - _lag_seen[0] >= REPLICA_LAG_CHECK_SECONDS:
        was_fresh = _lag_seen is None or lag_acceptable(_lag_seen[1])
        _lag_seen = (now, replica_lag())
        if was_fresh and not lag_acceptable(_lag_seen[1]):
            logger.warning(
                "The read replica is %s: reading from the primary until it is within %s s",
                "not replicating" if _lag_seen[1] is None else f"{_lag_seen[1]:.0f} s behind",
                settings.DATABASE_REPLICA_MAX_LAG_SECONDS,
            )
    return lag_acceptable(_lag_seen[1])


def lag_acceptable(lag: float | None) -> bool:
    """Whether a replica `lag` seconds behind (None: not replicating) may serve shoppers."""
    limit = settings.DATABASE_REPLICA_MAX_LAG_SECONDS
    return limit is None or (lag is not None and lag <= limit)


def replica_usable() -> bool:
    """Reachable and fresh; a replica that stops answering while asked counts as unreachable."""
    global _replica_down_until
    if not replica_reachable():
        return False
    try:
        return replica_fresh()
    except DATABASE_ERRORS:
        _replica_down_until = time.monotonic() + REPLICA_RETRY_SECONDS
        logger.warning("The read replica stopped answering: reading from the primary for %s s", REPLICA_RETRY_SECONDS)
        return False


class PrimaryReplicaRouter:
    """DATABASE_ROUTERS entry. Writes and migrations go to the primary only: the replica
    receives both through replication."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        if (
            REPLICA_DB_ALIAS not in settings.DATABASES
            or not _replica_allowed.get()
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
            or model._meta.app_label in settings.DATABASE_PRIMARY_READ_APPS
            or not replica_usable()
        ):
            return DEFAULT_DB_ALIAS
        return REPLICA_DB_ALIAS

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        return True  # both databases hold the same rows

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS


class ReplicaReadsMiddleware:
    """Opts a shopper's read-only request into replica reads (see the module docstring)."""

    SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.admin_prefix = reverse("admin:index")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in self.SAFE_METHODS or request.path.startswith(self.admin_prefix):
            return self.get_response(request)
        with replica_reads():
            return self.get_response(request)
