"""Answers cached until what they were built from changes.

An answer is cached with the versions of the scopes it depends on (e.g. `tree`, `cat:115`):
opaque tokens in the cache, replaced by a fresh token whenever something in the scope
changes (`bump`, after the change committed). A read fetches the answer and the current
versions in one round trip (MGET) and serves the answer only if it was built at exactly
those versions; otherwise it builds it again. So an answer is never served after a change
that affects it, whatever its timeout; the timeout only returns the memory of answers
nobody asks for any more.

A version that is missing (never set, evicted, the cache flushed) is set to a fresh token
before the answer is built, and `add` never overwrites a bump made meanwhile. A bump between
reading the versions and storing the answer leaves the answer stored under the old versions,
which the next read refuses. Bumps happen after the commit (`bump_after_commit`): a bump
inside the transaction would let a read build the old rows into an answer tagged with the new
version.
"""

import logging
import secrets
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

from meiduo_mall.utils.outages import DATABASE_ERRORS, REDIS_ERRORS

logger = logging.getLogger(__name__)
T = TypeVar("T")


def version_key(scope: str) -> str:
    return f"version:{scope}"


def _token() -> str:
    return secrets.token_hex(8)


def versioned(key: str, scopes: Sequence[str], build: Callable[[], T], *, timeout: int) -> T:
    """The answer cached under `key` if it was built at the scopes' current versions, else
    `build()`, cached. One cache round trip when the answer is there."""
    keys = [version_key(scope) for scope in scopes]
    found = cache.get_many([*keys, key])
    versions = [found.get(k) for k in keys]
    if None in versions:
        for k, version in zip(keys, versions, strict=True):
            if version is None:
                cache.add(k, _token(), timeout=None)
        current = cache.get_many(keys)
        versions = [current.get(k) for k in keys]
    entry = found.get(key)
    if entry is not None and entry[0] == versions:
        return entry[1]
    answer = build()
    cache.set(key, (versions, answer), timeout=timeout)
    return answer


def bump(scopes: Iterable[str]) -> None:
    """Every answer depending on one of these scopes is built again when next asked for."""
    tokens = {version_key(scope): _token() for scope in set(scopes)}
    if tokens:
        cache.set_many(tokens, timeout=None)


def bump_after_commit(scopes: Callable[[], Iterable[str]] | Iterable[str]) -> None:
    """`bump` once the current transaction commits (at once outside one). `scopes` may be a
    function, called then: what a change touched can be read after it, on the primary.

    A committed change is never turned into an error: if Redis (or the lookup) fails now, the
    failure is logged, and answers that showed the change may be served until their timeout."""

    def after_commit() -> None:
        try:
            bump(scopes() if callable(scopes) else scopes)
        except REDIS_ERRORS + DATABASE_ERRORS as error:
            logger.warning("Cached answers could not be invalidated (served until they expire): %r", error)

    transaction.on_commit(after_commit)
