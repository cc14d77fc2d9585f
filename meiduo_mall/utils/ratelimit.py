"""Fixed-window counters in Redis, for throttles that must hold across every web process."""

import math

from django.http import HttpRequest
from django_redis import get_redis_connection

from meiduo_mall.utils.exceptions import ThrottledError


def rate_limit_hit(key: str, *, limit: int, window: int) -> int:
    """Count one hit on `key` within a `window`-second window. Returns 0 when the hit is
    allowed, else the seconds until the window ends and hits are allowed again."""
    redis = get_redis_connection("default")
    pipe = redis.pipeline()
    # The window starts with the first hit; the counter and its expiry are set together.
    pipe.set(key, 0, ex=window, nx=True)
    pipe.incr(key)
    pipe.ttl(key)
    _, count, ttl = pipe.execute()
    if count <= limit:
        return 0
    return max(int(ttl), 1)


def throttled(what: str, wait: int) -> ThrottledError:
    """The 429 for a limit that lifts in `wait` seconds, in whole minutes as shoppers read it."""
    return ThrottledError(f"{what}，请{math.ceil(wait / 60)}分钟后再试", retry_after=wait)


def client_ip(request: HttpRequest) -> str:
    """The caller's address. The proxy in front of the API (nginx) sets REMOTE_ADDR through
    its real-IP module; X-Forwarded-For is never trusted here, so it cannot be forged."""
    return str(request.META.get("REMOTE_ADDR") or "unknown")
