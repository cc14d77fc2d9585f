"""Reads of the area tree for the address picker. Cached in Redis: the tree changes only
when `load_areas` applies a new data file, and that clears these keys."""

from collections.abc import Iterable
from typing import TypedDict

from django.conf import settings
from django.core.cache import cache

from apps.areas.models import Area

PROVINCES_CACHE_KEY = "areas:provinces"


class AreaData(TypedDict):
    id: int
    name: str


class AreaWithSubsData(AreaData):
    subs: list[AreaData]


def area_cache_key(area_id: int) -> str:
    return f"areas:{area_id}"


def area_cache_keys(area_ids: Iterable[int]) -> list[str]:
    return [PROVINCES_CACHE_KEY, *(area_cache_key(area_id) for area_id in area_ids)]


def province_list() -> list[AreaData]:
    provinces: list[AreaData] | None = cache.get(PROVINCES_CACHE_KEY)
    if provinces is None:
        provinces = list(Area.objects.filter(parent__isnull=True).values("id", "name"))
        cache.set(PROVINCES_CACHE_KEY, provinces, settings.AREAS_CACHE_SECONDS)
    return provinces


def area_with_subs(*, area_id: int) -> AreaWithSubsData | None:
    """The area and its direct children, or None when there is no such area."""
    key = area_cache_key(area_id)
    area: AreaWithSubsData | None = cache.get(key)
    if area is None:
        row = Area.objects.filter(pk=area_id).values("id", "name").first()
        if row is None:
            return None
        subs = list(Area.objects.filter(parent_id=area_id).values("id", "name"))
        area = {"id": row["id"], "name": row["name"], "subs": subs}
        cache.set(key, area, settings.AREAS_CACHE_SECONDS)
    return area
