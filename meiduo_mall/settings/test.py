"""Tests: the real MariaDB and Redis that `make test` starts (scripts/services.sh)."""

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    CORS_ALLOWED_ORIGINS,
    HAYSTACK_CONNECTIONS,
    VAR_DIR,
    celery_broker_url,
    databases_config,
    env,
    local_standin_settings,
    redis_cache_config,
)

DEBUG = False
SECRET_KEY = "test-only-secret-key-for-meiduo-mall-tests-0123456789abcdefghijklmnop"

# Ports and credentials of the services scripts/services.sh starts.
# The replica (port 3308, a real MariaDB replica of the primary) is used by the tests marked
# `replica`, which scripts/test.sh runs on their own with DATABASE_REPLICA_URL set.
DATABASES = databases_config(
    env.str("DATABASE_URL", default="mysql://meiduo:meiduo@127.0.0.1:3307/meiduo"),
    env.str("DATABASE_REPLICA_URL", default=""),
)
REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6391/0")
CACHES = {"default": redis_cache_config(REDIS_URL)}
CELERY_BROKER_URL = CELERY_RESULT_BACKEND = celery_broker_url(REDIS_URL)

# Browser tests serve the storefront on 127.0.0.2:8080 and the API on 127.0.0.2:8000, so
# they never collide with a `make run` on 127.0.0.1.
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver", "127.0.0.2"]
CORS_ALLOWED_ORIGINS = [*CORS_ALLOWED_ORIGINS, "http://127.0.0.2:8080"]
STOREFRONT_URL = "http://127.0.0.2:8080"
API_URL = "http://127.0.0.2:8000"
ENABLE_LOCAL_STANDINS = True

# What tests write (images, generated pages, the search index) stays out of the
# development mall's folders. The live server of the browser tests serves the images.
TEST_VAR_DIR = VAR_DIR / "test"

# Alipay, QQ and Weibo: the local stand-ins. Alipay's two key pairs (the app's and
# "Alipay's") are generated on first use under TEST_VAR_DIR/alipay/.
globals().update(local_standin_settings(API_URL))
ALIPAY_LOCAL_KEYS_DIR = TEST_VAR_DIR / "alipay"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=str(TEST_VAR_DIR / "media"))
MEDIA_URL = "http://127.0.0.2:8000/media/"
SERVE_MEDIA = True
GENERATED_PAGES_ROOT = env.path("GENERATED_PAGES_ROOT", default=str(TEST_VAR_DIR / "pages"))
if HAYSTACK_CONNECTIONS["default"]["ENGINE"].endswith("TantivyEngine"):
    HAYSTACK_CONNECTIONS = {
        "default": {
            **HAYSTACK_CONNECTIONS["default"],
            "PATH": env.str("SEARCH_INDEX_PATH", default=str(TEST_VAR_DIR / "search_index")),
        }
    }

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if "EMAIL_URL" not in env:
    # In-process tests read mail.outbox; the Celery worker of the suite is given an EMAIL_URL
    # pointing at the suite's real SMTP server (tests/conftest.py).
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
