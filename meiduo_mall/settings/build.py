"""The image build's steps that need the code but no service and no secret:
`DJANGO_SETTINGS_MODULE=meiduo_mall.settings.build manage.py collectstatic` (deploy/build.sh).

The static files collected are production's: the same apps, the same storage."""

from .base import *  # noqa: F403
from .base import STATICFILES_STORAGE_PRODUCTION, STORAGES

SECRET_KEY = "image-build-only-never-serves-requests"  # noqa: S105 - signs nothing: no request is served
DATABASES: dict[str, dict[str, object]] = {}
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": STATICFILES_STORAGE_PRODUCTION}}
