"""Lua scripts on the mall's Redis: a change that depends on what is there, in one round
trip and with nothing in between."""

import functools
from typing import Any

from django_redis import get_redis_connection


@functools.cache
def _registered(client: Any, source: str) -> Any:
    return client.register_script(source)


def run_script(source: str, keys: list[str], args: list[Any]) -> Any:
    """Run `source` on the default Redis by its SHA1 (sent again if Redis forgot it)."""
    client = get_redis_connection("default")
    return _registered(client, source)(keys=keys, args=args, client=client)
