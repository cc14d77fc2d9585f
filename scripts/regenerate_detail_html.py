#!/usr/bin/env python
"""Regenerate every generated storefront page (the classic script's name for
`manage.py regenerate_pages`). Uses DJANGO_SETTINGS_MODULE, development by default."""

import os
import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meiduo_mall.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line([sys.argv[0], "regenerate_pages", *sys.argv[1:]])
