"""The ceiling of the benchmarks: a bare Django REST framework project, with Django's default
middleware (as `startproject` writes it), one view returning a constant and the floors
(urls.py: the least a scenario must do, on the same bare stack).

Served by the same gunicorn configuration as the mall (deploy/gunicorn.conf.py), it is what
this machine, Python, Django and DRF cost for a request that does nothing: each of the mall's
figures in `make bench` is a ratio to it, measured alternately in the same run.
"""

import os

SECRET_KEY = "bench-ceiling-not-a-secret"  # noqa: S105 - signs nothing anyone relies on
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "scripts.bench.ceiling.urls"
WSGI_APPLICATION = "scripts.bench.ceiling.wsgi.application"
USE_TZ = True

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
# Never opened: the bare view reads nothing.
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.contrib.auth.context_processors.auth"]},
    }
]
STATIC_URL = "static/"
LOGGING_CONFIG = None
# The cart floor checks the mall's tokens: signed with the mall's key (given by the bench).
SIMPLE_JWT = {
    "SIGNING_KEY": os.environ.get("BENCH_JWT_KEY", SECRET_KEY),
    "AUTH_HEADER_TYPES": ("JWT", "Bearer"),
    "USER_ID_CLAIM": "user_id",
}
