"""docker-compose.yml against what the production settings need: every service, every
variable, a worker for every queue. (`make test` also runs `docker-compose config -q`.)"""

import os
import re
import subprocess
import urllib.request
from urllib.parse import urlsplit

import pytest
import yaml

from celery_tasks.main import WORKER_QUEUES
from celery_tasks.main import app as celery_app
from scripts.rehearsal.stack import render_nginx_template, service_environment
from tests.core.production import ROOT, gunicorn_running, sample_environment

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
    replica = service_environment(SERVICES["mysql-replica"], sample_environment())
    init = (ROOT / "deploy" / "mysql" / "replica-init.sh").read_text()
    assert "GRANT SELECT, REPLICA MONITOR ON *.* TO '${reader}'@'%'" in init
    assert (replica["MEIDUO_READER_USER"], replica["MEIDUO_READER_PASSWORD"]) == (reader.username, reader.password)


def test_the_deployed_database_is_the_tested_one():
    """MariaDB of the version make test runs, set up by the deploy/mysql/ files that
    scripts/services.sh starts the tests' primary and replica with."""
    server = subprocess.run(["mariadbd", "--version"], capture_output=True, text=True, check=True).stdout
    tested = re.search(r"Ver (\d+\.\d+)\.", server).group(1)
    services_sh = (ROOT / "scripts" / "services.sh").read_text()
    for name, cnf, init in (("mysql-primary", "primary.cnf", "primary-init.sh"),
                            ("mysql-replica", "replica.cnf", "replica-init.sh")):  # fmt: skip
        service = SERVICES[name]
        assert re.fullmatch(rf"mariadb:{re.escape(tested)}\.\d+", service["image"]), service["image"]
        mounts = {volume.split(":")[0]: volume.split(":")[1] for volume in service["volumes"]}
        assert mounts[f"./deploy/mysql/{cnf}"].startswith("/etc/mysql/conf.d/")
        assert mounts[f"./deploy/mysql/{init}"].startswith("/docker-entrypoint-initdb.d/")
        assert f"deploy/mysql/{cnf}" in services_sh
        assert f"deploy/mysql/{init}" in services_sh
        assert os.access(ROOT / "deploy" / "mysql" / init, os.X_OK)  # the image runs it, not sources it
    for cnf in ("primary.cnf", "replica.cnf"):
        assert "gtid_mode" not in (ROOT / "deploy" / "mysql" / cnf).read_text()  # MySQL 8 only


def test_the_deployed_databases_have_the_time_zone_tables_as_the_tested_ones():
    """The admin's date browsing needs MariaDB's time zone tables: the image loads them on a
    server's first start unless told to skip, and scripts/services.sh loads them for the
    tests' servers (whose queries tests/orders/test_admin.py proves)."""
    for name in ("mysql-primary", "mysql-replica"):
        environment = SERVICES[name].get("environment", {})
        assert not any("SKIP_TZINFO" in variable for variable in environment), name
    assert "mariadb-tzinfo-to-sql --skip-write-binlog" in (ROOT / "scripts" / "services.sh").read_text()


def test_every_image_is_pinned_to_a_release():
    bases = []
    for dockerfile in (ROOT / "deploy").rglob("Dockerfile"):
        text = dockerfile.read_text()
        arguments = dict(re.findall(r"^ARG (\w+)=(\S+)", text, re.MULTILINE))
        for base in re.findall(r"^FROM (\S+)", text, re.MULTILINE):
            bases.append(re.sub(r"\$\{(\w+)\}", lambda match, known=arguments: known[match.group(1)], base))
    pulled = [service["image"] for service in SERVICES.values() if "build" not in service]
    for image in bases + pulled:
        # major.minor.patch, or a Debian point release (debian:12.8-slim)
        release = re.search(r":\d+\.\d+\.\d+(-[\w.-]+)?$", image) or re.fullmatch(r"debian:\d+\.\d+(-slim)?", image)
        assert release, f"{image} is not pinned to a release"


def test_web_and_workers_get_time_to_finish_on_stop():
    for name, service in SERVICES.items():
        if name == "web" or name.startswith("worker-") or name == "beat":
            seconds = int(service["stop_grace_period"].rstrip("s"))
            assert seconds > (90 if name != "web" else 30), name  # the task hard limit; gunicorn's graceful_timeout
    assert celery_app.conf.task_time_limit == 90


def test_nginx_is_built_with_the_storefront_and_the_app_with_its_static_files():
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text()
    assert "RUN deploy/build.sh storefront front_end_pc" in dockerfile
    assert "COPY --from=storefront /build/front_end_pc /srv/front_end_pc" in dockerfile
    assert 'deploy/build.sh static "$DJANGO_STATIC_ROOT"' in dockerfile
    assert SERVICES["nginx"]["build"]["target"] == "nginx"
    assert SERVICES["web"]["build"]["target"] == "app"
    # the host's front_end_pc (no vendor files) is no longer mounted over the image's
    assert not any("front_end_pc" in volume for volume in SERVICES["nginx"].get("volumes", []))


def test_the_app_user_owns_the_generated_pages_volume():
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text()
    app_stage = dockerfile.split("AS app", 1)[1].split("\nFROM ", 1)[0]
    pages_root = re.search(r"GENERATED_PAGES_ROOT=(\S+)", app_stage).group(1)
    assert f"generated-pages:{pages_root}" in SERVICES["web"]["volumes"]
    chown = app_stage.index('chown -R meiduo var "$GENERATED_PAGES_ROOT"')
    assert 'mkdir -p var "$GENERATED_PAGES_ROOT"' in app_stage
    assert chown < app_stage.index("USER meiduo")


@pytest.mark.parametrize(
    ("path", "sent"),
    [(".env", False), (".env.production", False), ("var/db.sqlite3", False), ("var/alipay/app_private_key.pem", False),
     (".venv/bin/python", False), (".git/config", False), ("front_end_pc/node_modules/vue/package.json", False),
     ("front_end_pc/mall/vendor/vue.esm-browser.prod.js", False), ("front_end_pc/login.html", False),
     ("apps/goods/__pycache__/models.cpython-311.pyc", False),
     (".env.example", True), ("manage.py", True), ("deploy/build.sh", True), ("front_end_pc/package-lock.json", True),
     ("front_end_pc/mall/api/client.js", True), ("front_end_pc/pages/login.html", True)],
)  # fmt: skip
def test_the_build_context_leaves_secrets_and_local_state_out(path, sent):
    assert dockerignore_sends(path) is sent


def dockerignore_sends(path: str) -> bool:
    """Whether `docker build` sends `path`, by .dockerignore's rules (last match wins, `!`
    re-includes, a pattern matching a folder excludes what is inside it)."""
    sent = True
    for line in (ROOT / ".dockerignore").read_text().splitlines():
        pattern = line.strip()
        if not pattern or pattern.startswith("#"):
            continue
        include = pattern.startswith("!")
        pattern = pattern.lstrip("!").rstrip("/")
        parts = path.split("/")
        prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
        regex = re.escape(pattern).replace(r"\*\*/", "(.*/)?").replace(r"\*", "[^/]*")
        if any(re.fullmatch(regex, prefix) for prefix in prefixes):
            sent = include
    return sent


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
    # behind a front proxy: $remote_addr is the shopper it names, when it is in the trusted range
    assert "set_real_ip_from ${NGINX_REAL_IP_FROM};" in conf
    assert "real_ip_header X-Forwarded-For;" in conf


def test_the_nginx_image_renders_every_variable_of_the_template():
    """Rendered as the nginx image does (envsubst of the variables NGINX_ENVSUBST_FILTER
    admits), the template keeps nginx's own $variables and has no ${...} left."""
    environment = {
        **service_environment(SERVICES["nginx"], sample_environment()),
        **dict(re.findall(r"(NGINX_[A-Z_]+)=(\S+)", (ROOT / "deploy" / "Dockerfile").read_text())),
        "PATH": os.environ["PATH"],
    }
    template = (ROOT / "deploy" / "nginx" / "meiduo.conf.template").read_text()

    rendered = render_nginx_template(template, environment, environment["NGINX_ENVSUBST_FILTER"])

    assert "${" not in rendered
    assert "server_name www.meiduo.site;" in rendered
    assert "listen 80 default_server;" in rendered
    assert "upstream meiduo_api { server web:8000; keepalive 32; }" in rendered
    assert "try_files $uri $uri/index.html @static;" in rendered
    assert f"set_real_ip_from {sample_environment()['FRONT_PROXY_RANGE']};" in rendered
    # without a front proxy named, nobody's X-Forwarded-For is believed
    without_front_proxy = {name: value for name, value in sample_environment().items() if name != "FRONT_PROXY_RANGE"}
    assert service_environment(SERVICES["nginx"], without_front_proxy)["NGINX_REAL_IP_FROM"] == "127.0.0.1/32"


def test_the_web_healthcheck_passes_on_gunicorn_with_production_settings(free_port):
    """The compose healthcheck of `web`, run against gunicorn started as the image starts it
    (deploy/gunicorn.conf.py, production settings, the sample .env) on the test services."""
    with gunicorn_running(free_port) as gunicorn:
        *_, code = SERVICES["web"]["healthcheck"]["test"]  # ["CMD", "python", "-c", code]
        check = subprocess.run(
            ["python3", "-c", code.replace("localhost:8000", f"127.0.0.1:{free_port}")],
            env=gunicorn.env, capture_output=True, text=True, timeout=30,
        )  # fmt: skip
        # and a plain-HTTP request, as a browser would send without the TLS proxy: redirected
        plain = urllib.request.Request(f"http://127.0.0.1:{free_port}/health/", headers={"Host": "api.meiduo.site"})
        with pytest.raises(urllib.error.HTTPError) as redirected:
            urllib.request.build_opener(_NoRedirects).open(plain, timeout=10)
    assert check.returncode == 0, check.stderr + gunicorn.log
    assert redirected.value.code == 301
    assert redirected.value.headers["Location"] == "https://api.meiduo.site/health/"
    # gunicorn's access line ends with the request id the API answered with
    assert re.search(r'"GET /health/ HTTP/1.1" 200 .* request_id=[0-9a-f]{32}', gunicorn.log), gunicorn.log


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None
