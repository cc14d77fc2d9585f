"""Reads of the area tree for the address picker. Cached in Redis: the tree changes only
when `load_areas` applies a new data file, and that clears these keys."""

from collections.abc import Iterable
from typing import TypedDict

from django.conf import settings

from apps.areas.models import Area
from meiduo_mall.utils.versioned_cache import as_json, expiring_bytes

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


def province_list_json() -> bytes:
    """R1's answer, `[{"id", "name"}, ...]`, cached as sent."""

    def build() -> bytes:
        provinces: list[AreaData] = list(Area.objects.filter(parent__isnull=True).values("id", "name"))
        return as_json(provinces)

    return expiring_bytes(PROVINCES_CACHE_KEY, build, timeout=settings.AREAS_CACHE_SECONDS)


def area_with_subs_json(*, area_id: int) -> bytes | None:
    """R2's answer: the area and its direct children (`{"id", "name", "subs"}`), cached as sent;
    None when there is no such area."""

    def build() -> bytes | None:
        row = Area.objects.filter(pk=area_id).values("id", "name").first()
        if row is None:
            return None
        subs: list[AreaData] = list(Area.objects.filter(parent_id=area_id).values("id", "name"))
        area: AreaWithSubsData = {"id": row["id"], "name": row["name"], "subs": subs}
        return as_json(area)

    return expiring_bytes(area_cache_key(area_id), build, timeout=settings.AREAS_CACHE_SECONDS)
