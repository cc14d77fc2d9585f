from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django_redis import get_redis_connection

from apps.areas.models import Area
from apps.areas.selectors import area_cache_keys
from meiduo_mall.utils.outages import REDIS_ERRORS

AreaRow = tuple[int, str, int | None]
BATCH_SIZE = 500


class AreaDataError(ValueError):
    """The area rows are not a consistent tree."""


@dataclass
class AreaLoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # In the database but no longer in the data: kept, because addresses may use them.
    obsolete: list[int] = field(default_factory=list)
    cache_cleared: bool = True

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _check_rows(rows: Sequence[AreaRow]) -> None:
    seen: set[int] = set()
    for area_id, name, parent_id in rows:
        if area_id in seen:
            raise AreaDataError(f"area {area_id} appears twice")
        if not name:
            raise AreaDataError(f"area {area_id} has no name")
        if parent_id is not None and parent_id not in seen:
            raise AreaDataError(f"area {area_id} comes before its parent {parent_id}")
        seen.add(area_id)


def areas_load(*, rows: Sequence[AreaRow], progress: Callable[[int], None] = lambda n: None) -> AreaLoadResult:
    """Create or update the areas in `rows` (parents before children), in one transaction.
    Running it again with the same rows changes nothing. `progress(n)` is told as rows are done."""
    _check_rows(rows)
    result = AreaLoadResult()
    with transaction.atomic():
        existing = {pk: (name, parent) for pk, name, parent in Area.objects.values_list("id", "name", "parent_id")}
        to_create = [Area(id=pk, name=name, parent_id=parent) for pk, name, parent in rows if pk not in existing]
        to_update = [
            Area(id=pk, name=name, parent_id=parent)
            for pk, name, parent in rows
            if pk in existing and existing[pk] != (name, parent)
        ]
        result.unchanged = len(rows) - len(to_create) - len(to_update)
        progress(result.unchanged)
        for batch in _batches(to_create):
            Area.objects.bulk_create(batch)
            progress(len(batch))
        for batch in _batches(to_update):
            Area.objects.bulk_update(batch, ["name", "parent"])
            progress(len(batch))
    result.created, result.updated = len(to_create), len(to_update)
    wanted = {pk for pk, _, _ in rows}
    result.obsolete = sorted(pk for pk in existing if pk not in wanted)
    # On a first load nothing can be cached yet; afterwards, drop what the change made stale.
    if result.changed and existing:
        result.cache_cleared = _clear_cache([pk for pk, _, _ in rows])
    return result


def _batches(areas: list[Area]) -> Iterator[list[Area]]:
    for start in range(0, len(areas), BATCH_SIZE):
        yield areas[start : start + BATCH_SIZE]


def _clear_cache(area_ids: list[int]) -> bool:
    try:
        get_redis_connection("default").delete(*area_cache_keys(area_ids))
    except REDIS_ERRORS:
        return False
    return True
