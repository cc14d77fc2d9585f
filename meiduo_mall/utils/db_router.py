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
  REPLICA_RETRY_SECONDS before trying again, so a replica outage slows nothing down.

So the replica serves the catalog: categories, lists, SKUs, searches' rows and areas.
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
# Until when (time.monotonic()) this process leaves the unreachable replica alone.
_replica_down_until = 0.0

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


class PrimaryReplicaRouter:
    """DATABASE_ROUTERS entry. Writes and migrations go to the primary only: the replica
    receives both through replication."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        if (
            REPLICA_DB_ALIAS not in settings.DATABASES
            or not _replica_allowed.get()
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
            or model._meta.app_label in settings.DATABASE_PRIMARY_READ_APPS
            or not replica_reachable()
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
