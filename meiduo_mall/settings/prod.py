"""Production: every service and secret comes from the environment, with no defaults.

The process refuses to start while any required variable is missing, and names all of
them at once. .env.example documents each one.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from meiduo_mall.utils.envfile import dotenv, is_sample_secret

# Production serves HTTPS and logs JSON lines unless told otherwise (read by base.py).
os.environ.setdefault("DJANGO_SECURE", "1")
os.environ.setdefault("DJANGO_LOG_FORMAT", "json")

from .base import *  # noqa: F403
from .base import (
    BASE_DIR,
    MIDDLEWARE,
    STATICFILES_STORAGE_PRODUCTION,
    STORAGES,
    celery_broker_url,
    databases_config,
    env,
    redis_cache_config,
)

REQUIRED_ENVIRONMENT = [
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "STOREFRONT_URL",
    "CORS_ALLOWED_ORIGINS",
    "EMAIL_URL",
    "RONGLIAN_ACCOUNT_SID",
    "RONGLIAN_AUTH_TOKEN",
    "RONGLIAN_APP_ID",
    "ALIPAY_APP_ID",
    "ALIPAY_APP_PRIVATE_KEY",
    "ALIPAY_PUBLIC_KEY",
    "QQ_CLIENT_ID",
    "QQ_CLIENT_SECRET",
    "SINA_CLIENT_ID",
    "SINA_CLIENT_SECRET",
]
_missing = [name for name in REQUIRED_ENVIRONMENT if not env.str(name, default="").strip()]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: "
        + ", ".join(_missing)
        + ". See .env.example for what each one is."
    )

# The samples of .env.example are published with the code: a deployment still holding one
# (a secret key that signs every token and cookie, a password, an API secret) is refused.
SAMPLE_ENVIRONMENT = BASE_DIR / ".env.example"
_published = [
    name
    for name, sample in (dotenv(SAMPLE_ENVIRONMENT) if SAMPLE_ENVIRONMENT.exists() else {}).items()
    if is_sample_secret(name, sample) and env.str(name, default="") == sample
]
if _published:
    raise ImproperlyConfigured(
        "These variables still hold the published samples of .env.example: "
        + ", ".join(_published)
        + '. Give each a value of your own (python -c "import secrets; print(secrets.token_urlsafe(50))").'
    )
# seed_demo makes no accounts here: a demo password is a published password.
DEMO_ACCOUNTS = False

DEBUG = False
if env.bool("DJANGO_DEBUG", default=False):
    raise ImproperlyConfigured("DJANGO_DEBUG must not be on in production.")
if env.bool("ENABLE_LOCAL_STANDINS", default=False):
    raise ImproperlyConfigured("ENABLE_LOCAL_STANDINS is for development and tests only.")
ENABLE_LOCAL_STANDINS = False

SMS_BACKEND = env.str("SMS_BACKEND", default="ronglian")
if SMS_BACKEND != "ronglian":
    raise ImproperlyConfigured("Production sends real SMS: set SMS_BACKEND=ronglian (or leave it unset).")

SECRET_KEY = env.str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")

DATABASES = databases_config(
    env.str("DATABASE_URL"),
    env.str("DATABASE_REPLICA_URL", default=""),
    conn_max_age=env.int("DATABASE_CONN_MAX_AGE", default=60),
)
REDIS_URL = env.str("REDIS_URL")
CACHES = {"default": redis_cache_config(REDIS_URL)}
CELERY_BROKER_URL = CELERY_RESULT_BACKEND = celery_broker_url(REDIS_URL)

# Django's own static files (the admin's, Swagger UI's on /docs/) are collected into the
# image (`deploy/build.sh static`) and served by the web tier itself through WhiteNoise,
# under content-hashed names with far-future caching, gzip and brotli copies made at build.
# Not by nginx: the files belong to the code that names them, so each web container serves
# exactly the versions its own pages ask for, even while old and new containers run side by
# side during a deploy, and no volume has to be shared between the app and nginx.
MIDDLEWARE = [
    *MIDDLEWARE[: MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1 :],
]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": STATICFILES_STORAGE_PRODUCTION}}
