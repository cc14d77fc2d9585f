"""Answers cached until what they were built from changes.

An answer is cached with the versions of the scopes it depends on (e.g. `tree`, `cat:115`):
opaque tokens in Redis, replaced by a fresh token whenever something in the scope changes
(`bump`, after the change committed). A read fetches the answer and the current
versions in one round trip (MGET) and serves the answer only if it was built at exactly
those versions; otherwise it builds it again. So an answer is never served after a change
that affects it, whatever its timeout; the timeout only returns the memory of answers
nobody asks for any more.

A version that is missing (never set, evicted, Redis flushed) is set to a fresh token before
the answer is built, only if still missing (SET NX): never over a bump made meanwhile. A bump between
reading the versions and storing the answer leaves the answer stored under the old versions,
which the next read refuses. Bumps happen after the commit (`bump_after_commit`): a bump
inside the transaction would let a read build the old rows into an answer tagged with the new
version.
"""

import json
import logging
import secrets
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar, overload

from django.db import transaction
from django_redis import get_redis_connection

from meiduo_mall.utils.outages import DATABASE_ERRORS, REDIS_ERRORS

logger = logging.getLogger(__name__)
T = TypeVar("T")


def version_key(scope: str) -> str:
    return f"version:{scope}"


def _token() -> str:
    return secrets.token_hex(8)


def versioned_bytes(key: str, scopes: Sequence[str], build: Callable[[], bytes], *, timeout: int) -> bytes:
    """The bytes cached under `key` if they were built at the scopes' current versions, else
    `build()`, cached. One Redis round trip (MGET) when they are there. (Redis is used
    directly, not through Django's cache: this is the hottest read of the mall.) An entry is
    the versions it was built at, as one JSON line, then the bytes: served as they are, never
    unpickled or decoded, so an answer can be the very body of a response."""
    redis = get_redis_connection("default")
    keys = [version_key(scope) for scope in scopes]
    *found_versions, entry = redis.mget([*keys, key])
    versions = [v.decode() if v is not None else None for v in found_versions]
    if None in versions:
        pipeline = redis.pipeline()
        for k, version in zip(keys, versions, strict=True):
            if version is None:
                pipeline.set(k, _token(), nx=True)  # never over a bump made meanwhile
        pipeline.mget(keys)
        versions = [v.decode() for v in pipeline.execute()[-1]]
    stamp = json.dumps(versions, separators=(",", ":")).encode()
    if entry is not None:
        built_at, _, answer = entry.partition(b"\n")
        if built_at == stamp:
            return answer
    answer = build()
    redis.set(key, stamp + b"\n" + answer, ex=timeout)
    return answer


@overload
def expiring_bytes(key: str, build: Callable[[], bytes], *, timeout: int) -> bytes: ...
@overload
def expiring_bytes(key: str, build: Callable[[], bytes | None], *, timeout: int) -> bytes | None: ...
def expiring_bytes(key: str, build: Callable[[], bytes | None], *, timeout: int) -> bytes | None:
    """The bytes cached under `key`, else `build()`'s, cached for `timeout` seconds (None is
    not cached: nothing to answer). For answers that may be that stale (the hot list), or that
    whatever changes them deletes (the areas: load_areas). One GET when they are there."""
    redis = get_redis_connection("default")
    answer: bytes | None = redis.get(key)
    if answer is None:
        answer = build()
        if answer is not None:
            redis.set(key, answer, ex=timeout)
    return answer


def with_count(count: int, body: bytes) -> bytes:
    """A count and a JSON body in one cached entry (a list page and the list's length)."""
    return b"%d\n%s" % (count, body)


def split_count(entry: bytes) -> tuple[int, bytes]:
    count, _, body = entry.partition(b"\n")
    return int(count), body


def as_json(value: object) -> bytes:
    """`value` as the API answers it (DRF's JSONRenderer: compact, UTF-8, not ASCII-escaped)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def versioned(key: str, scopes: Sequence[str], build: Callable[[], T], *, timeout: int) -> T:
    """`versioned_bytes` for a JSON-shaped answer (tuples come back as lists), stored as JSON,
    never pickled: what Redis holds is read as data, whoever wrote it."""
    answer: T = json.loads(versioned_bytes(key, scopes, lambda: as_json(build()), timeout=timeout))
    return answer


def bump(scopes: Iterable[str]) -> None:
    """Every answer depending on one of these scopes is built again when next asked for."""
    tokens = {version_key(scope): _token() for scope in set(scopes)}
    if tokens:
        get_redis_connection("default").mset(tokens)


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
