import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.areas.services import AreaDataError, AreaRow, areas_load
from meiduo_mall.utils.progress import progress_bar

DATA_FILE = Path(__file__).resolve().parents[2] / "data" / "areas.json"


def read_area_file(path: Path) -> tuple[str, list[AreaRow]]:
    """The source description and the rows of an area data file (see apps/areas/data/README.md)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        rows = [(int(pk), str(name), None if parent is None else int(parent)) for pk, name, parent in data["areas"]]
        source = data["source"]["package"]
    except FileNotFoundError:
        raise CommandError(f"{path} does not exist.") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise CommandError(
            f"{path} is not an area data file ({exc!r}); regenerate it with scripts/update_areas_data.py."
        ) from None
    return source, rows


class Command(BaseCommand):
    help = "Load or update every province, city and district of mainland China (apps/areas/data/areas.json)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=DATA_FILE, help="area data file (default: %(default)s)")

    def handle(self, *args: Any, **options: Any) -> None:
        source, rows = read_area_file(options["file"])
        with progress_bar(self, total=len(rows), desc="Areas", unit="area") as bar:
            try:
                result = areas_load(rows=rows, progress=bar.update)
            except AreaDataError as exc:
                raise CommandError(f"{options['file']}: {exc}") from None
        if result.changed:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Areas loaded from {source}: {result.created} created, {result.updated} updated, "
                    f"{result.unchanged} unchanged."
                )
            )
        else:
            self.stdout.write(f"Areas are up to date ({result.unchanged} from {source}).")
        if result.obsolete:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(result.obsolete)} areas in the database are no longer in the data and were kept, "
                    f"since addresses may refer to them: {', '.join(map(str, result.obsolete[:10]))}"
                    + (" ..." if len(result.obsolete) > 10 else "")
                )
            )
        if not result.cache_cleared:
            self.stdout.write(
                self.style.WARNING(
                    "Redis was unreachable, so cached areas were not cleared; they expire within "
                    "AREAS_CACHE_SECONDS, or run this command again once Redis is up."
                )
            )
