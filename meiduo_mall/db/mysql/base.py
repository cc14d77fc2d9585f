"""Django's MySQL/MariaDB backend, trusting a persistent connection instead of pinging it.

With CONN_HEALTH_CHECKS, Django pings the server before the first query of every request
that reuses a connection: one round trip more per request, for the rare connection the
server dropped while it sat idle (a restart, wait_timeout, a failover). Here the first
query itself finds out: if the connection turns out to be gone, and nothing can have run
(outside a transaction, a read), the query is run again once on a new connection. A write
that finds the connection gone is not repeated (it might have run before the connection
was lost): it fails as before, with a 503, and the next request connects afresh.
"""

from typing import Any

import MySQLdb
from django.db.backends.mysql import base

# The connection is gone: CR_SERVER_GONE_ERROR, CR_SERVER_LOST, ER_CONNECTION_KILLED,
# ER_CLIENT_INTERACTION_TIMEOUT (MySQL 8 closing an idle connection).
CONNECTION_GONE = frozenset({2006, 2013, 1927, 4031})
_READS = ("SELECT", "SHOW", "SET ", "(SELECT")


class DatabaseWrapper(base.DatabaseWrapper):
    # Reused and not yet used in this request: its first query may find it gone.
    unverified = False

    def close_if_health_check_failed(self) -> None:
        """Instead of pinging: mark a reused connection for its first query to check."""
        if self.connection is not None and not self.health_check_done:  # type: ignore[has-type]
            self.health_check_done = True
            self.unverified = True

    def connect(self) -> None:
        super().connect()
        self.unverified = False

    def create_cursor(self, name: Any = None) -> "RetryingCursorWrapper":
        return RetryingCursorWrapper(self, self.connection.cursor())

    def may_retry(self, query: str) -> bool:
        return self.unverified and not self.in_atomic_block and query.lstrip().upper().startswith(_READS)


class RetryingCursorWrapper(base.CursorWrapper):
    def __init__(self, db: DatabaseWrapper, cursor: Any) -> None:
        super().__init__(cursor)
        self.db = db

    def execute(self, query: str, args: Any = None) -> Any:
        if not self.db.unverified:
            return super().execute(query, args)
        try:
            return super().execute(query, args)
        except MySQLdb.OperationalError as error:
            if error.args[0] not in CONNECTION_GONE or not self.db.may_retry(query):
                raise
            # The server dropped the connection while it was idle: reconnect, run it again.
            self.db.close()
            self.db.connect()
            self.cursor = self.db.connection.cursor()
            return super().execute(query, args)
        finally:
            self.db.unverified = False
