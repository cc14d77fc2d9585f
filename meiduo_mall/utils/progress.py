"""Progress bars of the long management commands (load_areas, seed_demo, regenerate_pages,
update_index / rebuild_index): shown on the command's stderr when it is a terminal, absent
in logs and pipes."""

from typing import TextIO, cast

from django.core.management.base import BaseCommand
from tqdm import tqdm


def progress_bar(command: BaseCommand, *, total: int, desc: str, unit: str, shown: bool = True) -> tqdm:
    """A bar on `command`'s stderr (the stream itself: Django's wrapper would end each of
    tqdm's carriage-return redraws with a newline). `shown=False` draws nothing at all."""
    stream = cast(TextIO, getattr(command.stderr, "_out", command.stderr))
    return tqdm(total=total, desc=desc, unit=unit, file=stream, disable=None if shown else True, leave=False)
