"""Where a cart lives. A guest's cart is a signed JSON cookie (Django's signing: never pickle,
so a forged cookie can only ever be refused); a logged-in shopper's is a Redis hash
`sku_id → count` plus a set of the selected SKU ids. Both stores offer the same few
operations, so the cart services do not care which one they are given."""

from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.core import signing
from django_redis import get_redis_connection
from redis.client import Pipeline

from meiduo_mall.utils.redis_scripts import run_script

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

    def change_line(self, change: "LineChange") -> "Line | Refusal":
        """Apply `change` to the line of its SKU as one step (no other change to the cart
        comes in between): the new line, or why it was refused (nothing is written)."""
        ...

    def remove(self, sku_id: int) -> None: ...

    def select_all(self, selected: bool) -> None: ...


@dataclass(frozen=True)
class LineChange:
    """K2 (`add`: to the line's count) or K3 (the count itself) for one SKU."""

    sku_id: int
    count: int
    add: bool
    selected: bool | None  # None: as the line was (a new line: selected)
    allowed: int  # the most units a line of this SKU may hold; 0: it cannot be bought
    max_lines: int  # how many lines the cart may hold


@dataclass(frozen=True)
class Refusal:
    reason: str  # FULL (no room for a new line), UNAVAILABLE (allowed is 0) or OVER (see total)
    total: int = 0  # the count the line would have had


FULL, UNAVAILABLE, OVER = "full", "unavailable", "over"


def changed_line(existing: Line | None, line_count: int, change: LineChange) -> Line | Refusal:
    """What `change` makes of the line `existing` in a cart of `line_count` lines (the rule
    the Redis cart's script applies too: _CHANGE_LINE)."""
    if existing is None and line_count >= change.max_lines:
        return Refusal(FULL)
    if change.allowed <= 0:
        return Refusal(UNAVAILABLE)
    total = change.count + (existing.count if change.add and existing else 0)
    if total > change.allowed:
        return Refusal(OVER, total)
    selected = change.selected if change.selected is not None else (existing.selected if existing else True)
    return Line(total, selected)


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

    def change_line(self, change: LineChange) -> Line | Refusal:
        # One request owns the cookie it was sent; nothing else changes it meanwhile.
        line = changed_line(self.line(change.sku_id), self.line_count(), change)
        if isinstance(line, Line):
            self.put(change.sku_id, line)
        return line

    def remove(self, sku_id: int) -> None:
        self._lines.pop(sku_id, None)
        self.needs_writing = True

    def select_all(self, selected: bool) -> None:
        self._lines = {sku_id: Line(line.count, selected) for sku_id, line in self._lines.items()}
        self.needs_writing = True


# --- the shopper's Redis cart ---------------------------------------------------------------------


# changed_line, in Redis: one round trip, applied whole, with nothing in between.
# KEYS: the counts hash, the selected set. ARGV: sku_id, count, add (1/0), selected (1/0, or
# -1: as it was), allowed, max_lines. Returns {reason or "ok", total, selected}.
_CHANGE_LINE = """
local existing = redis.call('HGET', KEYS[1], ARGV[1])
if not existing and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[6]) then return {'full', 0, 0} end
local allowed = tonumber(ARGV[5])
if allowed <= 0 then return {'unavailable', 0, 0} end
local total = tonumber(ARGV[2])
if ARGV[3] == '1' and existing then total = total + tonumber(existing) end
if total > allowed then return {'over', total, 0} end
local selected = tonumber(ARGV[4])
if selected == -1 then
  selected = 1
  if existing then selected = redis.call('SISMEMBER', KEYS[2], ARGV[1]) end
end
redis.call('HSET', KEYS[1], ARGV[1], total)
if selected == 1 then redis.call('SADD', KEYS[2], ARGV[1]) else redis.call('SREM', KEYS[2], ARGV[1]) end
return {'ok', total, selected}
"""


def counts_key(user_id: int) -> str:
    return f"cart:{user_id}"


def selected_key(user_id: int) -> str:
    return f"cart_selected:{user_id}"


class RedisCart:
    """A logged-in shopper's cart; every change is one round trip (a pipeline, or a script
    where it depends on what is there), applied whole."""

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

    def change_line(self, change: LineChange) -> Line | Refusal:
        """One script: two tabs changing the cart at once both count, and nothing is lost."""
        selected = -1 if change.selected is None else int(change.selected)
        args = [change.sku_id, change.count, int(change.add), selected, change.allowed, change.max_lines]
        reason, total, chosen = run_script(_CHANGE_LINE, [self.counts, self.selected], args)
        reason = reason.decode()
        return Line(int(total), bool(chosen)) if reason == "ok" else Refusal(reason, int(total))

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
