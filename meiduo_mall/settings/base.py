"""Settings shared by every environment.

Every external service is chosen by environment variables read through the one
reader below (`env`). `dev.py`, `test.py` and `prod.py` only supply defaults (or,
for production, refuse to start without them). The README lists every variable.
"""

from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import environ
from corsheaders.defaults import default_headers
from django.core.exceptions import ImproperlyConfigured

from meiduo_mall.utils.log import logging_config, sentry_init

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Everything a running mall writes locally (SQLite, media, search index, Redis
# snapshots, logs) lives under var/, which git ignores.
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    # Real environment variables win over the file.
    env.read_env(BASE_DIR / ".env")


def database_config(url: str, *, conn_max_age: int = 0) -> dict[str, Any]:
    """A DATABASES entry from a URL, with the options the mall needs on MySQL/MariaDB."""
    config = env.db_url_config(url)
    if config["ENGINE"] == "django.db.backends.mysql":
        config.setdefault("OPTIONS", {}).update(
            {
                "charset": "utf8mb4",
                # Fail fast when the server is down or stops answering: the API answers 503
                # instead of hanging a worker.
                "connect_timeout": env.int("DATABASE_CONNECT_TIMEOUT", default=5),
                "read_timeout": env.int("DATABASE_READ_TIMEOUT", default=30),
                "write_timeout": env.int("DATABASE_WRITE_TIMEOUT", default=30),
            }
        )
        config["TEST"] = {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"}
    # Persistent connections (seconds; 0 closes each at the end of its request). A connection
    # the server dropped is replaced, not an error: on MySQL/MariaDB the first query on a
    # reused connection is retried on a new one if it finds it gone (meiduo_mall/db/mysql:
    # no ping before each request); elsewhere Django pings it before reuse.
    config["CONN_MAX_AGE"] = conn_max_age
    if config["ENGINE"] == "django.db.backends.mysql":
        config["ENGINE"] = "meiduo_mall.db.mysql"
    config["CONN_HEALTH_CHECKS"] = config["ENGINE"] != "meiduo_mall.db.mysql"
    return config


def databases_config(primary_url: str, replica_url: str = "", *, conn_max_age: int = 0) -> dict[str, dict[str, Any]]:
    """DATABASES: the primary ("default") and, when a URL is given, a read replica
    ("replica") that meiduo_mall.utils.db_router reads the catalog from."""
    databases = {"default": database_config(primary_url, conn_max_age=conn_max_age)}
    if replica_url:
        replica = database_config(replica_url, conn_max_age=conn_max_age)
        # In tests the replica serves the test database the primary replicates to it: Django
        # must neither create it there nor flush it (the primary's flush replicates).
        replica["TEST"] = {**replica.get("TEST", {}), "MIRROR": "default"}
        databases["replica"] = replica
    return databases


def celery_broker_url(redis_url: str) -> str:
    """CELERY_BROKER_URL if set, else database 1 of the mall's Redis: the queues then never
    share a database with the cache (clearing the cache must not drop queued tasks)."""
    return env.str("CELERY_BROKER_URL", default=urlunsplit(urlsplit(redis_url)._replace(path="/1")))


def redis_cache_config(url: str) -> dict[str, Any]:
    """A CACHES entry for django-redis with short timeouts, so a Redis outage is a quick 503."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "meiduo",
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "SOCKET_CONNECT_TIMEOUT": env.float("REDIS_CONNECT_TIMEOUT", default=2.0),
            "SOCKET_TIMEOUT": env.float("REDIS_TIMEOUT", default=2.0),
        },
    }


# --- Core -----------------------------------------------------------------------------

DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "api.meiduo.site"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework_simplejwt",
    "corsheaders",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "apps.users",
    "apps.verifications",
    "apps.areas",
    "apps.goods",
    "apps.carts",
    "apps.orders",
    "apps.payment",
    "apps.oauth",
    # After the apps: goods' update_index (a progress bar) takes the place of Haystack's.
    "haystack",
]

MIDDLEWARE = [
    "meiduo_mall.utils.middleware.RequestIDMiddleware",
    "meiduo_mall.utils.middleware.RealClientIPMiddleware",
    "meiduo_mall.utils.db_router.ReplicaReadsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Django's session, CSRF, user and message middleware, for the admin's paths only
    # (SESSION_PATH_PREFIXES): the API authenticates with JWTs and pays for none of them.
    "meiduo_mall.utils.middleware.SessionMiddleware",
    # Before CommonMiddleware, so CORS headers are on every answer, redirects included.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "meiduo_mall.utils.middleware.CsrfViewMiddleware",
    "meiduo_mall.utils.middleware.AuthenticationMiddleware",
    "meiduo_mall.utils.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "meiduo_mall.utils.middleware.ServiceUnavailableMiddleware",
    # After a login answered: the guest's cookie cart joins the shopper's (apps/carts/cookies.py).
    "apps.carts.cookies.GuestCartMergeMiddleware",
]

# The paths that log in with a session cookie: the admin. Everything else is the API.
SESSION_PATH_PREFIXES = ["/admin/"]
# security.W003 looks for Django's CsrfViewMiddleware by name; ours is that class, run on the
# admin's paths (tests/core/test_session_paths.py checks the admin still refuses a missing token).
SILENCED_SYSTEM_CHECKS = ["security.W003"]

# Proxies (addresses or networks) whose X-Real-IP header names the client: nginx in front
# of the API. Empty in development, where browsers reach runserver directly.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])

# HTTPS only (DJANGO_SECURE=1; production's default): cookies are sent over HTTPS only,
# browsers are told to use nothing but HTTPS (HSTS) and plain HTTP is redirected. TLS ends
# at the proxy in front, which says so in X-Forwarded-Proto.
DJANGO_SECURE = env.bool("DJANGO_SECURE", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if DJANGO_SECURE else None
SECURE_SSL_REDIRECT = DJANGO_SECURE and env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = DJANGO_SECURE
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=365 * 24 * 3600) if DJANGO_SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = DJANGO_SECURE and env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = DJANGO_SECURE and env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True

ROOT_URLCONF = "meiduo_mall.urls"
WSGI_APPLICATION = "meiduo_mall.wsgi.application"
ASGI_APPLICATION = "meiduo_mall.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "users.User"
# Operators may sign in to the admin with their username or their mobile, like shoppers.
AUTHENTICATION_BACKENDS = ["apps.users.backends.UsernameOrMobileBackend"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Files ----------------------------------------------------------------------------

STATIC_URL = "/static/"
# The project's own static files (the API host's favicon), besides the apps'.
STATICFILES_DIRS = [BASE_DIR / "meiduo_mall" / "static"]
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=str(VAR_DIR / "static"))
# Image URLs are absolute: the storefront runs on another host than the API that serves
# local media (dev.py and test.py point MEDIA_URL at their API host).
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Django itself serves MEDIA_ROOT at MEDIA_URL (development and tests; production uses
# FastDFS's nginx or a web server in front of MEDIA_ROOT).
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)

# FILE_STORAGE picks the storage for uploaded files (product images). `local` keeps them
# under MEDIA_ROOT; `fastdfs` uploads them to a FastDFS cluster (FDFS_CLIENT_CONF: the
# client.conf naming the trackers; FDFS_BASE_URL: the FastDFS nginx that serves them).
FILE_STORAGE_BACKENDS = {
    "local": "django.core.files.storage.FileSystemStorage",
    "fastdfs": "meiduo_mall.utils.fastdfs.FastDFSStorage",
}
FILE_STORAGE = env.str("FILE_STORAGE", default="local")
if FILE_STORAGE not in FILE_STORAGE_BACKENDS:
    raise ImproperlyConfigured(f"FILE_STORAGE must be one of {sorted(FILE_STORAGE_BACKENDS)}, not {FILE_STORAGE!r}.")
FDFS_CLIENT_CONF = env.str("FDFS_CLIENT_CONF", default="")
FDFS_BASE_URL = env.str("FDFS_BASE_URL", default="")
if FILE_STORAGE == "fastdfs":
    # Refused at start, not at the first image URL or upload.
    if not FDFS_CLIENT_CONF or not FDFS_BASE_URL:
        raise ImproperlyConfigured(
            "FILE_STORAGE=fastdfs needs FDFS_CLIENT_CONF (the client.conf naming the trackers) and FDFS_BASE_URL "
            "(where browsers load the files, e.g. https://www.meiduo.site/)."
        )
    if not Path(FDFS_CLIENT_CONF).is_file():
        raise ImproperlyConfigured(f"FDFS_CLIENT_CONF={FDFS_CLIENT_CONF} is not a readable file.")
    if not FDFS_BASE_URL.startswith(("http://", "https://")):
        raise ImproperlyConfigured(f"FDFS_BASE_URL must be an http(s):// address, not {FDFS_BASE_URL!r}.")
STORAGES = {
    "default": {"BACKEND": FILE_STORAGE_BACKENDS[FILE_STORAGE]},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Production's (and the image build's collectstatic): hashed, compressed copies (WhiteNoise).
STATICFILES_STORAGE_PRODUCTION = "whitenoise.storage.CompressedManifestStaticFilesStorage"

# --- The storefront --------------------------------------------------------------------

# Where shoppers' browsers load the static storefront; used for links in e-mails,
# the Alipay return URL and the QQ redirect URL.
STOREFRONT_URL = env.str("STOREFRONT_URL", default="http://www.meiduo.site:8080").rstrip("/")
# The API's own public address (Alipay's notify URL). By default the storefront's with
# `www.` → `api.` and port 8080 → 8000, as the storefront itself derives it.
API_URL = env.str("API_URL", default="http://api.meiduo.site:8000").rstrip("/")
# The directory the static storefront is served from (generated pages are written here).
STOREFRONT_ROOT = env.path("STOREFRONT_ROOT", default=str(BASE_DIR / "front_end_pc"))

CORS_ALLOWED_ORIGINS = env.list(
    "CORS_ALLOWED_ORIGINS",
    default=["http://www.meiduo.site:8080", "http://127.0.0.1:8080", "http://localhost:8080"],
)
# The anonymous cart cookie travels with `withCredentials` requests.
CORS_ALLOW_CREDENTIALS = True
CORS_ALLOW_HEADERS = (*default_headers, "idempotency-key")
# Headers the storefront's scripts may read: G5's comment count, and the id to quote to support.
CORS_EXPOSE_HEADERS = ["X-Total-Count", "X-Request-ID"]

# --- Database and Redis ---------------------------------------------------------------
# DATABASES, REDIS_URL (cache, verification codes, carts, history) and the Celery broker
# are set by dev.py / test.py / prod.py, each with its own defaults (none in production).

# With DATABASE_REPLICA_URL set, shoppers' read-only requests read the catalog from the
# replica; everything else uses the primary (the rules: meiduo_mall/utils/db_router.py).
DATABASE_ROUTERS = ["meiduo_mall.utils.db_router.PrimaryReplicaRouter"]
# Apps whose tables are always read from the primary: shoppers read them right after writing.
DATABASE_PRIMARY_READ_APPS = ["users", "oauth", "orders", "payment"]
# A replica further behind the primary than this (seconds), or not replicating, is left
# alone: shoppers' reads go to the primary until it catches up. /health/ reports the lag.
DATABASE_REPLICA_MAX_LAG_SECONDS: int | None = env.int("DATABASE_REPLICA_MAX_LAG_SECONDS", default=30)
# The Celery app and its policy live in celery_tasks/main.py. A task taken by a worker that
# died is handed to another after this many seconds (Redis broker's visibility timeout).
CELERY_VISIBILITY_TIMEOUT_SECONDS = env.int("CELERY_VISIBILITY_TIMEOUT_SECONDS", default=240)

# --- Django REST framework --------------------------------------------------------------

REST_FRAMEWORK = {
    # JWT only: no session authentication, so the API never needs CSRF tokens and an
    # operator's admin session cookie never changes what the storefront sees.
    # simplejwt's, refusing the tokens of a password that changed (meiduo_mall/utils/authentication.py).
    "DEFAULT_AUTHENTICATION_CLASSES": ["meiduo_mall.utils.authentication.MeiduoJWTAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "meiduo_mall.utils.pagination.StandardResultsSetPagination",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "meiduo_mall.utils.negotiation.JSONAPINegotiation",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "meiduo_mall.utils.schema.MeiduoAutoSchema",
    "EXCEPTION_HANDLER": "meiduo_mall.utils.exceptions.exception_handler",
}

# How long an account's authentication entry (its password stamp and whether it is active)
# stays in Redis unused; saves replace it at once (meiduo_mall/utils/authentication.py).
AUTH_ENTRY_SECONDS = env.int("AUTH_ENTRY_SECONDS", default=24 * 3600)
SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(seconds=env.int("JWT_ACCESS_TOKEN_SECONDS", default=24 * 3600)),
    "REFRESH_TOKEN_LIFETIME": timedelta(seconds=env.int("JWT_REFRESH_TOKEN_SECONDS", default=14 * 24 * 3600)),
    # Classic storefronts send `JWT <token>`; newer clients send `Bearer <token>`.
    "AUTH_HEADER_TYPES": ("JWT", "Bearer"),
    "USER_ID_FIELD": "id",
    "USER_ID_CLAIM": "user_id",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "美多商城 Meiduo Mall API",
    "DESCRIPTION": "REST API of the Meiduo Mall storefront. The contract is docs/api.md in the repository.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Served from the drf-spectacular-sidecar package: the docs page needs no CDN.
    # Request bodies are documented as JSON, what the storefronts send (form bodies are still
    # parsed: Alipay's notification is one, and older clients post forms).
    "PARSER_WHITELIST": ["rest_framework.parsers.JSONParser"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Search (Haystack) -------------------------------------------------------------------

# SEARCH_BACKEND=tantivy (embedded, jieba for Chinese words) or elasticsearch (ES 7 + IK).
SEARCH_BACKEND = env.str("SEARCH_BACKEND", default="tantivy")
if SEARCH_BACKEND not in ("tantivy", "elasticsearch"):
    raise ImproperlyConfigured(f"SEARCH_BACKEND must be 'tantivy' or 'elasticsearch', not {SEARCH_BACKEND!r}.")
if SEARCH_BACKEND == "elasticsearch":
    HAYSTACK_CONNECTIONS = {
        "default": {
            "ENGINE": "apps.goods.search_backends.IKElasticsearchEngine",
            "URL": env.str("ELASTICSEARCH_URL", default="http://127.0.0.1:9200/"),
            "INDEX_NAME": env.str("ELASTICSEARCH_INDEX", default="meiduo"),
            # Errors reach the API (a 503 while the cluster is down), not an empty result.
            "SILENTLY_FAIL": False,
        }
    }
else:
    HAYSTACK_CONNECTIONS = {
        "default": {
            "ENGINE": "apps.goods.search_backends.TantivyEngine",
            "PATH": env.str("SEARCH_INDEX_PATH", default=str(VAR_DIR / "search_index")),
        }
    }
HAYSTACK_SEARCH_RESULTS_PER_PAGE = 20

# --- E-mail --------------------------------------------------------------------------------

# EMAIL_URL selects the backend: consolemail:// in development, smtp+tls://user:pass@host:587
# (or smtp+ssl://...:465) in production.
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="美多商城 <noreply@meiduo.site>")
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# --- SMS ----------------------------------------------------------------------------------

# SMS_BACKEND=console logs the code (development); ronglian sends it through
# Ronglian Cloud Communication's REST API.
SMS_BACKEND = env.str("SMS_BACKEND", default="console")
if SMS_BACKEND not in ("console", "ronglian"):
    raise ImproperlyConfigured(f"SMS_BACKEND must be 'console' or 'ronglian', not {SMS_BACKEND!r}.")
RONGLIAN_BASE_URL = env.str("RONGLIAN_BASE_URL", default="https://app.cloopen.com:8883")
RONGLIAN_ACCOUNT_SID = env.str("RONGLIAN_ACCOUNT_SID", default="")
RONGLIAN_AUTH_TOKEN = env.str("RONGLIAN_AUTH_TOKEN", default="")
RONGLIAN_APP_ID = env.str("RONGLIAN_APP_ID", default="")
RONGLIAN_TEMPLATE_ID = env.str("RONGLIAN_TEMPLATE_ID", default="1")

# --- Alipay ---------------------------------------------------------------------------------

ALIPAY_APP_ID = env.str("ALIPAY_APP_ID", default="")
# PEM text (newlines may be written as \n) of the app's private key and of Alipay's public key.
ALIPAY_APP_PRIVATE_KEY = env.str("ALIPAY_APP_PRIVATE_KEY", default="", multiline=True)
ALIPAY_PUBLIC_KEY = env.str("ALIPAY_PUBLIC_KEY", default="", multiline=True)
ALIPAY_GATEWAY_URL = env.str("ALIPAY_GATEWAY_URL", default="https://openapi.alipay.com/gateway.do")
# Alipay posts its asynchronous notifications (O8) here; empty means API_URL's.
ALIPAY_NOTIFY_URL = env.str("ALIPAY_NOTIFY_URL", default="")
# Development and tests only (with ENABLE_LOCAL_STANDINS): where locally generated key pairs
# live when the two keys above are not set.
ALIPAY_LOCAL_KEYS_DIR: Path | None = None

# --- QQ login ---------------------------------------------------------------------------------

QQ_API_BASE_URL = env.str("QQ_API_BASE_URL", default="https://graph.qq.com").rstrip("/")
QQ_CLIENT_ID = env.str("QQ_CLIENT_ID", default="")
QQ_CLIENT_SECRET = env.str("QQ_CLIENT_SECRET", default="")
# Empty means the storefront's oauth_callback.html under STOREFRONT_URL.
QQ_REDIRECT_URI = env.str("QQ_REDIRECT_URI", default="")

# --- Weibo login ------------------------------------------------------------------------------

SINA_API_BASE_URL = env.str("SINA_API_BASE_URL", default="https://api.weibo.com").rstrip("/")
SINA_CLIENT_ID = env.str("SINA_CLIENT_ID", default="")
SINA_CLIENT_SECRET = env.str("SINA_CLIENT_SECRET", default="")
# Empty means the storefront's sina_callback.html under STOREFRONT_URL.
SINA_REDIRECT_URI = env.str("SINA_REDIRECT_URI", default="")
# QQ/Weibo login state: signed, single-use and bound to the browser that started the login
# (a cookie), checked when the provider's code comes back, so a link crafted in another browser
# cannot log a shopper into someone else's account. Classic storefronts, which call Q2 with the
# code alone and without cookies, need it off (and stay open to that login CSRF).
OAUTH_STATE_REQUIRED = env.bool("OAUTH_STATE_REQUIRED", default=True)
# Q2: how long the signed token carrying an unbound openid / uid may be used to bind it.
OAUTH_BIND_TOKEN_SECONDS = 600

# --- Local stand-ins for third-party services (development and tests only) ---------------------

# Never enabled in production: prod.py refuses to start with this set.
ENABLE_LOCAL_STANDINS = env.bool("ENABLE_LOCAL_STANDINS", default=False)


def local_standin_settings(api_url: str) -> dict[str, Any]:
    """Development and tests: Alipay, QQ and Weibo are the local stand-ins the API at
    `api_url` serves (apps/payment/standin.py, apps/oauth/standin.py), with made-up ids
    and secrets. Environment variables still win."""
    return {
        "ALIPAY_APP_ID": env.str("ALIPAY_APP_ID", default="2021000000000000"),
        "ALIPAY_GATEWAY_URL": env.str("ALIPAY_GATEWAY_URL", default=f"{api_url}/standins/alipay/gateway/"),
        "QQ_API_BASE_URL": env.str("QQ_API_BASE_URL", default=f"{api_url}/standins/oauth/qq").rstrip("/"),
        "QQ_CLIENT_ID": env.str("QQ_CLIENT_ID", default="101000000"),
        "QQ_CLIENT_SECRET": env.str("QQ_CLIENT_SECRET", default="local-qq-secret"),
        "SINA_API_BASE_URL": env.str("SINA_API_BASE_URL", default=f"{api_url}/standins/oauth/sina").rstrip("/"),
        "SINA_CLIENT_ID": env.str("SINA_CLIENT_ID", default="3000000000"),
        "SINA_CLIENT_SECRET": env.str("SINA_CLIENT_SECRET", default="local-sina-secret"),
    }


# --- Accounts: verification codes, login, signed links ---------------------------------------

# `seed_demo` may make the demo operator and shopper (published passwords): never in production.
DEMO_ACCOUNTS = True

IMAGE_CODE_SECONDS = 300
SMS_CODE_SECONDS = 300
# One SMS per mobile per minute, and a cap per client address (scripts spraying numbers).
SMS_RESEND_SECONDS = 60
SMS_CODES_PER_IP_PER_HOUR = env.int("SMS_CODES_PER_IP_PER_HOUR", default=20)
# Wrong SMS codes tolerated before the code is void and a new one must be requested.
SMS_CODE_MAX_ATTEMPTS = 5
VERIFY_EMAILS_PER_USER_PER_HOUR = env.int("VERIFY_EMAILS_PER_USER_PER_HOUR", default=5)
IMAGE_CODES_PER_IP_PER_MINUTE = env.int("IMAGE_CODES_PER_IP_PER_MINUTE", default=30)
# U1/U2, "is this username / mobile taken?", per client address.
AVAILABILITY_CHECKS_PER_IP_PER_MINUTE = env.int("AVAILABILITY_CHECKS_PER_IP_PER_MINUTE", default=60)
# After this many wrong passwords for one account within the window, logins wait.
LOGIN_FAILURE_LIMIT = 5
LOGIN_FAILURE_WINDOW_SECONDS = env.int("LOGIN_FAILURE_WINDOW_SECONDS", default=300)
LOGINS_PER_IP_PER_5_MINUTES = env.int("LOGINS_PER_IP_PER_5_MINUTES", default=100)
# Lifetimes of the signed tokens of password reset (each step) and of e-mail verification links.
ACCOUNT_STEP_TOKEN_SECONDS = 300
EMAIL_VERIFY_TOKEN_SECONDS = 24 * 3600

# --- Areas ------------------------------------------------------------------------------------

AREAS_CACHE_SECONDS = env.int("AREAS_CACHE_SECONDS", default=24 * 3600)

# --- Catalog ------------------------------------------------------------------------------------

# G2: how many best sellers a category shows, and how long they are cached.
HOT_SKUS_COUNT = env.int("HOT_SKUS_COUNT", default=2)
HOT_SKUS_CACHE_SECONDS = env.int("HOT_SKUS_CACHE_SECONDS", default=300)
# G1's pages, G3's breadcrumbs and G5's comments are cached until the catalog changes under
# them (apps/goods/catalog_cache.py); this only bounds how long an answer nobody asks for stays.
CATALOG_CACHE_SECONDS = env.int("CATALOG_CACHE_SECONDS", default=3600)
# O2's stock gate in Redis (apps/goods/stock_gate.py): how long a SKU's count of free units
# is trusted before it is read from the database again.
STOCK_GATE_SECONDS = env.int("STOCK_GATE_SECONDS", default=300)
# How long O2 remembers an Idempotency-Key in Redis, so that a repeat does not reserve units
# at the stock gate again (the order itself is found by its key in the database).
ORDER_KEY_SECONDS = env.int("ORDER_KEY_SECONDS", default=24 * 3600)
# G5: the newest comments a detail page shows.
SKU_COMMENTS_SHOWN = 30
# C4: SKUs kept in a shopper's browse history.
BROWSE_HISTORY_LENGTH = 5
# Generated storefront pages (index.html, list.html, search.html, goods/<id>.html) are
# written here; the storefront's web server serves this folder with front_end_pc/.
GENERATED_PAGES_ROOT = env.path("GENERATED_PAGES_ROOT", default=str(STOREFRONT_ROOT))
# Which page set is generated: "ours" (templates/storefront/, for front_end_pc/) or
# "classic" (templates/classic/: the markup a classic Meiduo storefront's js/detail.js and
# js/index.js are written against, for deploying such a storefront unchanged).
GENERATED_PAGES_STYLE = env.str("GENERATED_PAGES_STYLE", default="ours")
if GENERATED_PAGES_STYLE not in ("ours", "classic"):
    raise ImproperlyConfigured(f"GENERATED_PAGES_STYLE must be 'ours' or 'classic', not {GENERATED_PAGES_STYLE!r}.")
# The classic pages' scripts, as a classic storefront names its files (paths under its root):
# Vue 2.5 and axios, then its API host (some name it js/host.js, others js/hosts.js: both are
# loaded, a missing one is dropped), before the page's own script.
CLASSIC_VUE_SCRIPT = env.str("CLASSIC_VUE_SCRIPT", default="js/vue-2.5.16.js")
CLASSIC_AXIOS_SCRIPT = env.str("CLASSIC_AXIOS_SCRIPT", default="js/axios-0.18.0.min.js")
CLASSIC_HOST_SCRIPTS = env.list("CLASSIC_HOST_SCRIPTS", default=["js/host.js", "js/hosts.js"])
# The index page is regenerated this often by celery beat (and whenever contents change).
INDEX_PAGE_REGENERATE_SECONDS = env.int("INDEX_PAGE_REGENERATE_SECONDS", default=300)

# --- Cart ---------------------------------------------------------------------------------------

# A guest's cart: the signed `cart` cookie lives this long (14 days).
CART_COOKIE_MAX_AGE = env.int("CART_COOKIE_MAX_AGE", default=14 * 24 * 3600)
CART_COOKIE_SECURE = env.bool("CART_COOKIE_SECURE", default=DJANGO_SECURE)
# The most of one SKU a line holds, and the most lines a cart holds.
CART_MAX_LINE_COUNT = env.int("CART_MAX_LINE_COUNT", default=99)
CART_MAX_LINES = env.int("CART_MAX_LINES", default=50)

# --- Orders -------------------------------------------------------------------------------------

# O1/O2: the freight every order pays, in yuan.
ORDER_FREIGHT = Decimal(env.str("ORDER_FREIGHT", default="10.00")).quantize(Decimal("0.01"))
# Alipay orders still unpaid this long after placement are cancelled and their stock returned.
ORDER_PAY_TIMEOUT_MINUTES = env.int("ORDER_PAY_TIMEOUT_MINUTES", default=30)

# --- Logging and error reporting --------------------------------------------------------

# Everything goes to stdout, each line with the request id (X-Request-ID). DJANGO_LOG_FORMAT
# is `text` for people or `json` (one object per line, production's default) for collectors.
LOG_LEVEL = env.str("DJANGO_LOG_LEVEL", default="INFO")
LOG_FORMAT = env.str("DJANGO_LOG_FORMAT", default="text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"DJANGO_LOG_FORMAT must be 'text' or 'json', not {LOG_FORMAT!r}.")
LOGGING = logging_config(level=LOG_LEVEL, json_lines=LOG_FORMAT == "json")

# Optional: unhandled errors of requests and tasks are reported to Sentry (or anything that
# speaks its protocol) when SENTRY_DSN is set.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    sentry_init(
        SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )
