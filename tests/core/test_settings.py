"""Production settings: refuse to start without their secrets, pass `check --deploy`, and
harden what a deployment needs (HTTPS only, JSON logs, persistent connections, timeouts)."""

import json
import subprocess
import sys

import pytest

from tests.core.production import ROOT, bare_environment, filled_environment, sample_environment


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**bare_environment(), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_with_production_settings_prints_no_warnings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], filled_environment())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_production_refuses_to_start_without_its_secrets_and_names_them():
    env = filled_environment()
    del env["DJANGO_SECRET_KEY"], env["QQ_CLIENT_SECRET"]
    env["ALIPAY_APP_PRIVATE_KEY"] = "  "

    result = run(["manage.py", "check"], env)

    assert result.returncode != 0
    assert (
        "Production settings need these environment variables: "
        "DJANGO_SECRET_KEY, ALIPAY_APP_PRIVATE_KEY, QQ_CLIENT_SECRET. See .env.example"
    ) in result.stderr


def test_wsgi_entry_point_uses_production_settings_by_default():
    # The Celery app is imported while Django starts; it must not pick the settings module.
    result = run(["-c", "import meiduo_mall.wsgi"], {})

    assert result.returncode != 0
    assert "Production settings need these environment variables" in result.stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("ENABLE_LOCAL_STANDINS", "1", "ENABLE_LOCAL_STANDINS is for development and tests only"),
        ("SMS_BACKEND", "console", "Production sends real SMS"),
        ("DJANGO_DEBUG", "1", "DJANGO_DEBUG must not be on in production"),
    ],
)
def test_production_refuses_development_switches(name, value, message):
    result = run(["manage.py", "check"], {**filled_environment(), name: value})

    assert result.returncode != 0
    assert message in result.stderr


def test_unknown_service_choice_is_refused_with_the_valid_ones():
    result = run(["manage.py", "check"], {**filled_environment(), "SEARCH_BACKEND": "solr"})

    assert result.returncode != 0
    assert "SEARCH_BACKEND must be 'tantivy' or 'elasticsearch'" in result.stderr


def test_services_are_chosen_by_environment_variables():
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['HOST'], s.CACHES['default']['LOCATION'], s.CELERY_BROKER_URL,"
        " s.HAYSTACK_CONNECTIONS['default']['ENGINE'], s.EMAIL_HOST, s.EMAIL_USE_SSL, s.SMS_BACKEND,"
        " s.ALIPAY_APP_ID, s.QQ_CLIENT_ID, s.LANGUAGE_CODE, s.TIME_ZONE, s.USE_TZ)"
    )
    env = {**filled_environment(), "SEARCH_BACKEND": "elasticsearch"}

    result = run(["-c", f"import django; django.setup(); {code}"], env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "mysql-primary",
        env["REDIS_URL"],
        env["REDIS_URL"].removesuffix("/0") + "/1",
        "apps.goods.search_backends.IKElasticsearchEngine",
        "smtp.exmail.qq.com",
        "True",
        "ronglian",
        "2021000000000000",
        "101000000",
        "zh-hans",
        "Asia/Shanghai",
        "True",
    ]


def settings_values(env: dict[str, str], *expressions: str) -> list[object]:
    code = (
        "import django, json; django.setup(); from django.conf import settings as s;"
        f"print(json.dumps([{', '.join(expressions)}]))"
    )
    result = run(["-c", code], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


HTTPS_SETTINGS = (
    "s.SESSION_COOKIE_SECURE",
    "s.CSRF_COOKIE_SECURE",
    "s.CART_COOKIE_SECURE",
    "s.SECURE_SSL_REDIRECT",
    "s.SECURE_HSTS_SECONDS",
    "s.SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "s.SECURE_PROXY_SSL_HEADER",
)


def without(env: dict[str, str], *names: str) -> dict[str, str]:
    return {name: value for name, value in env.items() if name not in names}


def test_production_is_https_only_by_default():
    assert settings_values(without(filled_environment(), "DJANGO_SECURE"), *HTTPS_SETTINGS) == [
        True, True, True, True, 365 * 24 * 3600, True, ["HTTP_X_FORWARDED_PROTO", "https"],
    ]  # fmt: skip


def test_django_secure_off_is_plain_http_and_check_deploy_says_so():
    env = {**filled_environment(), "DJANGO_SECURE": "0"}

    assert settings_values(env, *HTTPS_SETTINGS) == [False, False, False, False, 0, False, None]
    warnings = run(["manage.py", "check", "--deploy"], env).stderr
    # W010: session cookies over plain HTTP (Django names W012/W016 only for its middleware
    # under their own names; ours run on the admin's paths, and DJANGO_SECURE drives the
    # session and CSRF cookies alike).
    for check in ("security.W004", "security.W008", "security.W010"):
        assert check in warnings


def test_development_turns_https_only_on_with_django_secure():
    env = {"DJANGO_SETTINGS_MODULE": "meiduo_mall.settings.dev", "DJANGO_SECURE": "1"}

    assert settings_values(env, *HTTPS_SETTINGS)[:5] == [True, True, True, True, 365 * 24 * 3600]


def test_production_logs_json_and_keeps_connections_with_timeouts_by_default():
    env = without(filled_environment(), "DJANGO_LOG_FORMAT", "DATABASE_CONN_MAX_AGE", "DATABASE_READ_TIMEOUT")

    values = settings_values(
        env,
        "s.LOGGING['formatters']['default']",
        "[db['CONN_MAX_AGE'] for db in s.DATABASES.values()]",
        "[(db['ENGINE'], db['CONN_HEALTH_CHECKS']) for db in s.DATABASES.values()]",
        "{k: v for k, v in s.DATABASES['replica']['OPTIONS'].items() if k.endswith('timeout')}",
        "[s.CACHES['default']['OPTIONS'][k] for k in ('SOCKET_CONNECT_TIMEOUT', 'SOCKET_TIMEOUT')]",
    )

    assert values == [
        {"()": "meiduo_mall.utils.log.JSONFormatter"},
        [60, 60],
        [["meiduo_mall.db.mysql", False]] * 2,  # no ping before each request: a retried first query
        {"connect_timeout": 5, "read_timeout": 30, "write_timeout": 30},
        [2.0, 2.0],
    ]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"FDFS_CLIENT_CONF": ""}, "FILE_STORAGE=fastdfs needs FDFS_CLIENT_CONF"),
        (
            {"FDFS_BASE_URL": ""},
            "FILE_STORAGE=fastdfs needs FDFS_CLIENT_CONF (the client.conf naming the trackers) and FDFS_BASE_URL",
        ),
        (
            {"FDFS_CLIENT_CONF": "/etc/fdfs/missing.conf"},
            "FDFS_CLIENT_CONF=/etc/fdfs/missing.conf is not a readable file",
        ),
        ({"FDFS_BASE_URL": "www.meiduo.site"}, "FDFS_BASE_URL must be an http(s):// address"),
    ],
)
def test_fastdfs_without_its_configuration_is_refused_at_start(changes, message):
    configured = {"FILE_STORAGE": "fastdfs", "FDFS_CLIENT_CONF": str(ROOT / "deploy" / "fdfs" / "client.conf")}
    assert run(["manage.py", "check"], {**filled_environment(), **configured}).returncode == 0

    result = run(["manage.py", "check"], {**filled_environment(), **configured, **changes})

    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_the_published_samples_of_env_example_and_names_them():
    published = sample_environment()

    result = run(["manage.py", "check"], published)

    assert result.returncode != 0
    refused = result.stderr.split("still hold the published samples of .env.example: ", 1)[1].split(".", 1)[0]
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "EMAIL_URL", "RONGLIAN_AUTH_TOKEN",
            "ALIPAY_APP_PRIVATE_KEY", "QQ_CLIENT_SECRET", "SINA_CLIENT_SECRET"} <= set(refused.split(", "))  # fmt: skip
    # one sample left among values of one's own is enough to refuse
    one_left = {**filled_environment(), "DJANGO_SECRET_KEY": published["DJANGO_SECRET_KEY"]}
    assert "published samples of .env.example: DJANGO_SECRET_KEY." in run(["manage.py", "check"], one_left).stderr


def test_production_makes_no_demo_accounts():
    assert settings_values(filled_environment(), "s.DEMO_ACCOUNTS") == [False]
