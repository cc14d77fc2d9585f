"""docker-compose.yml against what the production settings need: every service, every
variable, a worker for every queue. (`make test` also runs `docker-compose config -q`.)"""

import os
import re
import subprocess
import time
import urllib.request
from urllib.parse import urlsplit

import pytest
import yaml
from django.conf import settings

from celery_tasks.main import WORKER_QUEUES
from celery_tasks.main import app as celery_app
from tests.core.production import ROOT, bare_environment, sample_environment

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def prod_required() -> list[str]:
    source = (ROOT / "meiduo_mall" / "settings" / "prod.py").read_text()
    block = re.search(r"REQUIRED_ENVIRONMENT = \[(.*?)\]", source, re.DOTALL)
    assert block
    return re.findall(r'"([A-Z_]+)"', block.group(1))


def test_every_part_of_the_mall_is_a_service():
    assert {"nginx", "web", "beat", "mysql-primary", "mysql-replica", "redis", "elasticsearch", "fdfs-tracker",
            "fdfs-storage"} <= set(SERVICES)  # fmt: skip


@pytest.mark.parametrize("variable", prod_required())
def test_every_required_variable_reaches_the_app_and_is_documented(variable):
    app_env = SERVICES["web"]["environment"]
    assert variable in app_env, f"{variable} is not passed to the app containers"
    assert variable in sample_environment(), f"{variable} is not in .env.example"
    for service in ("beat", "worker-sms", "worker-orders"):
        assert variable in SERVICES[service]["environment"]


@pytest.mark.parametrize(
    ("variable", "service"),
    [("DATABASE_URL", "mysql-primary"), ("DATABASE_REPLICA_URL", "mysql-replica"), ("REDIS_URL", "redis")],
)
def test_the_sample_urls_point_at_compose_services(variable, service):
    assert urlsplit(sample_environment()[variable]).hostname == service
    assert variable in SERVICES["web"]["environment"]


def test_the_app_reads_the_replica_with_its_read_only_account():
    reader = urlsplit(sample_environment()["DATABASE_REPLICA_URL"])
    init = (ROOT / "deploy" / "mysql" / "replica-init.sh").read_text()
    assert f"GRANT SELECT ON {reader.path.strip('/')}.* TO '{reader.username}'" in init
    assert "MYSQL_READER_PASSWORD" in SERVICES["mysql-replica"]["environment"]
    assert reader.password == sample_environment()["MYSQL_READER_PASSWORD"]


def test_the_app_uses_elasticsearch_and_fastdfs_from_compose():
    env = SERVICES["web"]["environment"]
    assert urlsplit(env["ELASTICSEARCH_URL"]).hostname == "elasticsearch"
    assert env["SEARCH_BACKEND"] == "elasticsearch"
    assert env["FILE_STORAGE"] == "fastdfs"
    client_conf = (ROOT / env["FDFS_CLIENT_CONF"].removeprefix("/srv/meiduo/")).read_text()
    assert "tracker_server=fdfs-tracker:22122" in client_conf


def test_every_queue_has_a_worker_and_there_is_one_beat():
    consumed = set()
    for name, service in SERVICES.items():
        command = service.get("command", "")
        if name.startswith("worker-"):
            consumed |= set(re.search(r"--queues=(\S+)", command).group(1).split(","))
    routed = {route["queue"] for route in celery_app.conf.task_routes.values()}
    assert routed | {"celery"} <= consumed
    assert set(WORKER_QUEUES.split(",")) == consumed
    beats = [name for name, service in SERVICES.items() if " beat" in service.get("command", "")]
    assert beats == ["beat"]


def test_every_service_restarts_and_the_stateful_ones_keep_their_data():
    for name, service in SERVICES.items():
        assert service.get("restart") == "unless-stopped", name
    for name in ("mysql-primary", "mysql-replica", "redis", "elasticsearch", "fdfs-storage"):
        assert any(":/" in volume for volume in SERVICES[name]["volumes"]), name
        assert "healthcheck" in SERVICES[name], name


def test_nginx_passes_the_real_client_ip():
    conf = (ROOT / "deploy" / "nginx" / "meiduo.conf.template").read_text()
    assert "proxy_set_header X-Real-IP $remote_addr;" in conf
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in conf
    assert "proxy_set_header X-Request-ID $request_id;" in conf


def test_the_web_healthcheck_passes_on_gunicorn_with_production_settings(free_port):
    """The compose healthcheck of `web`, run against gunicorn started as the image starts it
    (deploy/gunicorn.conf.py, production settings, the sample .env) on the test services."""
    db, replica = settings.DATABASES["default"], f"127.0.0.1:{os.environ.get('TEST_REPLICA_PORT', '3308')}"
    env = {
        **bare_environment(),
        **sample_environment(),
        "DJANGO_SETTINGS_MODULE": "meiduo_mall.settings.prod",
        "DATABASE_URL": f"mysql://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/meiduo",
        "DATABASE_REPLICA_URL": f"mysql://meiduo_replica:meiduo_replica@{replica}/meiduo",
        "REDIS_URL": settings.REDIS_URL,
        "GUNICORN_BIND": f"127.0.0.1:{free_port}",
        "WEB_CONCURRENCY": "1",
    }
    gunicorn = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "meiduo_mall.wsgi:application"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        _wait_until_listening(free_port)
        *_, code = SERVICES["web"]["healthcheck"]["test"]  # ["CMD", "python", "-c", code]
        check = subprocess.run(
            ["python3", "-c", code.replace("localhost:8000", f"127.0.0.1:{free_port}")],
            env=env, capture_output=True, text=True, timeout=30,
        )  # fmt: skip
        # and a plain-HTTP request, as a browser would send without the TLS proxy: redirected
        plain = urllib.request.Request(f"http://127.0.0.1:{free_port}/health/", headers={"Host": "api.meiduo.site"})
        with pytest.raises(urllib.error.HTTPError) as redirected:
            urllib.request.build_opener(_NoRedirects).open(plain, timeout=10)
    finally:
        gunicorn.terminate()
        log, _ = gunicorn.communicate(timeout=30)
    assert check.returncode == 0, check.stderr + log
    assert redirected.value.code == 301
    assert redirected.value.headers["Location"] == "https://api.meiduo.site/health/"
    # gunicorn's access line ends with the request id the API answered with
    assert re.search(r'"GET /health/ HTTP/1.1" 200 .* request_id=[0-9a-f]{32}', log), log


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def _wait_until_listening(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            time.sleep(0.2)
        else:
            return
    raise AssertionError(f"gunicorn did not listen on {port} within 30 s")
