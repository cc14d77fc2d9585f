"""Where a cart lives. A guest's cart is a signed JSON cookie (Django's signing: never pickle,
so a forged cookie can only ever be refused); a logged-in shopper's is a Redis hash
`sku_id → count` plus a set of the selected SKU ids. Both stores offer the same few
operations, so the cart services do not care which one they are given."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.core import signing
from django_redis import get_redis_connection
from redis.client import Pipeline
from redis.exceptions import WatchError

from meiduo_mall.utils.exceptions import ServiceError

COOKIE_NAME = "cart"
COOKIE_SALT = "meiduo.cart"


@dataclass(frozen=True)
class Line:
    count: int
    selected: bool


Lines = dict[int, Line]


class CartStore(Protocol):
    def lines(self) -> Lines: ...

    def line(self, sku_id: int) -> Line | None: ...

    def line_count(self) -> int: ...

    def put(self, sku_id: int, line: Line) -> None: ...

    def change_line(self, sku_id: int, change: Callable[[Line | None], Line]) -> Line:
        """Put `change(the current line or None)` in place of the line, as one step: no
        other change to the cart comes in between. `change` may raise to refuse."""
        ...

    def remove(self, sku_id: int) -> None: ...

    def select_all(self, selected: bool) -> None: ...


# --- the guest's cookie ---------------------------------------------------------------------------


def _parse_lines(payload: Any) -> Lines | None:
    """The lines of a cookie payload `{"<sku_id>": [count, selected], ...}`, or None if it
    is anything else."""
    if not isinstance(payload, dict) or len(payload) > settings.CART_MAX_LINES:
        return None
    lines: Lines = {}
    for key, value in payload.items():
        if not (isinstance(key, str) and key.isdecimal() and isinstance(value, list) and len(value) == 2):
            return None
        count, selected = value
        if type(count) is not int or not 1 <= count <= settings.CART_MAX_LINE_COUNT or type(selected) is not bool:
            return None
        lines[int(key)] = Line(count, selected)
    return lines


@dataclass
class CookieCart:
    """A guest's cart, read from the request's `cart` cookie. `needs_writing` says the
    response must set the cookie again: the cart changed, or the cookie was unreadable
    (tampered, unsigned, expired or malformed) and is replaced by an empty cart."""

    _lines: Lines = field(default_factory=dict)
    needs_writing: bool = False

    @classmethod
    def from_cookie(cls, raw: str | None) -> "CookieCart":
        if not raw:
            return cls()
        try:
            payload = signing.loads(raw, salt=COOKIE_SALT, max_age=settings.CART_COOKIE_MAX_AGE)
        except (signing.BadSignature, ValueError):
            # BadSignature covers tampering, a missing signature and expiry; ValueError a
            # signed value that is not JSON (or not valid compressed data).
            return cls(needs_writing=True)
        lines = _parse_lines(payload)
        return cls(lines or {}, needs_writing=lines is None)

    def cookie_value(self) -> str:
        payload = {str(sku_id): [line.count, line.selected] for sku_id, line in self._lines.items()}
        return signing.dumps(payload, salt=COOKIE_SALT, compress=True)

    def lines(self) -> Lines:
        return dict(self._lines)

    def line(self, sku_id: int) -> Line | None:
        return self._lines.get(sku_id)

    def line_count(self) -> int:
        return len(self._lines)

    def put(self, sku_id: int, line: Line) -> None:
        self._lines[sku_id] = line
        self.needs_writing = True

    def change_line(self, sku_id: int, change: Callable[[Line | None], Line]) -> Line:
        # One request owns the cookie it was sent; nothing else changes it meanwhile.
        line = change(self.line(sku_id))
        self.put(sku_id, line)
        return line

    def remove(self, sku_id: int) -> None:
        self._lines.pop(sku_id, None)
        self.needs_writing = True

    def select_all(self, selected: bool) -> None:
        self._lines = {sku_id: Line(line.count, selected) for sku_id, line in self._lines.items()}
        self.needs_writing = True


# --- the shopper's Redis cart ---------------------------------------------------------------------


# A shopper's change is computed again at most this often when other tabs keep changing the cart.
CHANGE_ATTEMPTS = 10


class CartBusyError(ServiceError):
    def __init__(self) -> None:
        message = "购物车正在别处修改，请稍后再试"
        super().__init__(message, fields={"non_field_errors": [message]})


def counts_key(user_id: int) -> str:
    return f"cart:{user_id}"


def selected_key(user_id: int) -> str:
    return f"cart_selected:{user_id}"


class RedisCart:
    """A logged-in shopper's cart; every change is one pipeline (one round trip, applied
    together)."""

    def __init__(self, user_id: int) -> None:
        self.user_id = user_id
        self.redis = get_redis_connection("default")
        self.counts = counts_key(user_id)
        self.selected = selected_key(user_id)

    def lines(self) -> Lines:
        pipeline = self.redis.pipeline()
        pipeline.hgetall(self.counts)
        pipeline.smembers(self.selected)
        counts, selected = pipeline.execute()
        chosen = {int(sku_id) for sku_id in selected}
        return {int(sku_id): Line(int(count), int(sku_id) in chosen) for sku_id, count in counts.items()}

    def line(self, sku_id: int) -> Line | None:
        pipeline = self.redis.pipeline()
        pipeline.hget(self.counts, sku_id)
        pipeline.sismember(self.selected, sku_id)
        count, selected = pipeline.execute()
        return None if count is None else Line(int(count), bool(selected))

    def line_count(self) -> int:
        return int(self.redis.hlen(self.counts))

    def put(self, sku_id: int, line: Line) -> None:
        pipeline = self.redis.pipeline()
        self._queue_put(pipeline, sku_id, line)
        pipeline.execute()

    def _queue_put(self, pipeline: Pipeline, sku_id: int, line: Line) -> None:
        pipeline.hset(self.counts, sku_id, line.count)
        if line.selected:
            pipeline.sadd(self.selected, sku_id)
        else:
            pipeline.srem(self.selected, sku_id)

    def change_line(self, sku_id: int, change: Callable[[Line | None], Line]) -> Line:
        """Optimistic: WATCH the cart, read the line, write the changed one in MULTI/EXEC.
        When another request (a second tab) changed the cart in between, EXEC refuses and
        the change is computed again from what is there now, so no add is ever lost."""
        with self.redis.pipeline() as pipeline:
            for _ in range(CHANGE_ATTEMPTS):
                try:
                    pipeline.watch(self.counts, self.selected)
                    count = pipeline.hget(self.counts, sku_id)
                    chosen = pipeline.sismember(self.selected, sku_id)
                    line = change(None if count is None else Line(int(count), bool(chosen)))
                    pipeline.multi()
                    self._queue_put(pipeline, sku_id, line)
                    pipeline.execute()
                    return line
                except WatchError:
                    continue
        raise CartBusyError

    def remove(self, sku_id: int) -> None:
        pipeline = self.redis.pipeline()
        pipeline.hdel(self.counts, sku_id)
        pipeline.srem(self.selected, sku_id)
        pipeline.execute()

    def select_all(self, selected: bool) -> None:
        sku_ids = self.redis.hkeys(self.counts)
        pipeline = self.redis.pipeline()
        pipeline.delete(self.selected)
        if selected and sku_ids:
            pipeline.sadd(self.selected, *sku_ids)
        pipeline.execute()
