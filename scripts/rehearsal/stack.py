"""The production topology of docker-compose.yml, started on this machine without containers
from the same files the deployment uses (scripts/rehearse_production.sh).

Every process runs the command and the environment docker-compose.yml gives its service,
interpolated from .env.example as `docker-compose` would; only what cannot be the same
outside containers is changed, and each change is listed in LOCAL_CHANGES:

* addresses: the services' host names become 127.0.0.1 and ports of our own;
* paths inside the images (/srv/...) become folders under var/rehearsal/;
* the hosts shoppers use (www/api.meiduo.site) are reached through a TLS front proxy on
  127.0.0.3, as a load balancer in front of nginx would be;
* Elasticsearch (no package for these machines) is replaced by Tantivy; FastDFS by the
  protocol-speaking stand-in of the tests (tests/standins/fastdfs.py);
* the MariaDB pair is the one scripts/services.sh runs (made with deploy/mysql/), given a
  database and account of the rehearsal's own, as the MariaDB image makes them.
"""

import contextlib
import getpass
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from meiduo_mall.utils.envfile import dotenv, is_sample_secret
from tests.standins.fastdfs import FastDFSStandIn

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = ROOT / ".venv" / "bin"
FRONT_PROXY_ADDRESS = "127.0.0.3"  # the TLS load balancer in front of nginx
WWW_HOST, API_HOST = "www.meiduo.site", "api.meiduo.site"
DATABASE = "meiduo_rehearsal"
LOCAL_CHANGES = [
    "service host names → 127.0.0.1 and free ports",
    "paths inside the images (/srv/meiduo, /srv/generated, /srv/front_end_pc) → var/rehearsal/",
    "SEARCH_BACKEND=tantivy: no Elasticsearch package exists for these machines",
    "FastDFS: the protocol stand-in of tests/standins/fastdfs.py",
    "STOREFRONT_URL, API_URL, CORS_ALLOWED_ORIGINS, FDFS_BASE_URL: the front proxy's port",
    "TRUSTED_PROXIES=127.0.0.1 (nginx's address here), IMAGE_CODES_PER_IP_PER_MINUTE=5 (to reach a throttle)",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def filled(samples: dict[str, str]) -> dict[str, str]:
    """.env.example's values with every sample secret replaced by a fresh one, as an operator
    fills it in (production refuses the samples)."""
    return {
        name: re.sub(r"change-me|sample", secrets.token_hex(8), value) if is_sample_secret(name, value) else value
        for name, value in samples.items()
    }


_VARIABLE = re.compile(r"\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))")


def interpolate(text: str, variables: dict[str, str]) -> str:
    """docker-compose's interpolation: ${NAME}, ${NAME:-default}, $NAME and $$ (a dollar)."""

    def value(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        name = match.group(1) or match.group(3)
        default = match.group(2)
        found = variables.get(name, "")
        return found if found or default is None else default

    return _VARIABLE.sub(value, text)


def compose_file() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def service_environment(service: dict[str, Any], variables: dict[str, str]) -> dict[str, str]:
    return {name: interpolate(str(value), variables) for name, value in (service.get("environment") or {}).items()}


def render_nginx_template(template: str, environment: dict[str, str], envsubst_filter: str) -> str:
    """What the nginx image's 20-envsubst-on-templates.sh writes: envsubst of only the defined
    variables whose names match NGINX_ENVSUBST_FILTER, leaving every other $word alone."""
    names = sorted(name for name in environment if re.search(envsubst_filter, name))
    rendered = subprocess.run(
        ["envsubst", " ".join(f"${{{name}}}" for name in names)],
        input=template, env=environment, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return rendered.stdout


@dataclass
class Process:
    name: str
    popen: subprocess.Popen[bytes]
    log: Path


@dataclass
class Stack:
    """The rehearsal's processes and where each one listens and logs."""

    root: Path
    ports: dict[str, int] = field(default_factory=dict)
    processes: list[Process] = field(default_factory=list)
    app_env: dict[str, str] = field(default_factory=dict)
    variables: dict[str, str] = field(default_factory=dict)
    compose: dict[str, Any] = field(default_factory=dict)

    @property
    def www(self) -> str:
        return f"https://{WWW_HOST}:{self.ports['front']}"

    @property
    def api(self) -> str:
        return f"https://{API_HOST}:{self.ports['front']}"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    def local_path(self, path: str) -> str:
        """A path inside the images, as the rehearsal lays it out."""
        for inside, outside in (
            ("/srv/meiduo/var/", f"{self.root}/var/"),
            ("/srv/meiduo/", f"{ROOT}/"),
            ("/srv/generated", f"{self.root}/generated"),
            ("/srv/front_end_pc", f"{self.root}/front_end_pc"),
        ):
            path = path.replace(inside, outside)
        return path

    # --- processes ------------------------------------------------------------------

    def start(self, name: str, argv: list[str], env: dict[str, str] | None = None) -> Process:
        log = self.logs / f"{name}.log"
        with log.open("ab") as out:
            popen = subprocess.Popen(
                argv, cwd=ROOT, env=env if env is not None else self.app_env, stdout=out, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
        process = Process(name, popen, log)
        self.processes.append(process)
        return process

    def run(self, what: str, argv: list[str], env: dict[str, str] | None = None, timeout: int = 600) -> None:
        """A one-off command (an operator's `docker-compose run --rm web ...`), which must succeed."""
        print(f"--> {what}", flush=True)
        log = self.logs / "commands.log"
        with log.open("ab") as out:
            out.write(f"\n$ {shlex.join(argv)}\n".encode())
            out.flush()
            result = subprocess.run(
                argv, cwd=ROOT, env=env if env is not None else self.app_env, stdout=out, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, timeout=timeout, check=False,
            )  # fmt: skip
        if result.returncode != 0:
            raise RuntimeError(f"{what} failed (exit {result.returncode}); see {log}")

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.popen.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.popen.pid, signal.SIGTERM)
        deadline = time.monotonic() + 30
        for process in self.processes:
            try:
                process.popen.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.popen.pid, signal.SIGKILL)
                process.popen.wait()

    def dead(self) -> list[str]:
        return [process.name for process in self.processes if process.popen.poll() is not None]

    def wait_for_http(self, url: str, seconds: float = 90, headers: dict[str, str] | None = None) -> None:
        deadline = time.monotonic() + seconds
        while True:
            try:
                with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=5):
                    return
            except urllib.error.HTTPError as error:
                if error.code < 500:
                    return
                failure = f"{url} answered {error.code}"
            except OSError as error:
                failure = f"{url}: {error}"
            if self.dead():
                raise RuntimeError(f"processes exited: {', '.join(self.dead())} (logs in {self.logs})")
            if time.monotonic() > deadline:
                raise RuntimeError(f"not ready within {seconds:.0f} s: {failure}")
            time.sleep(0.5)


def mariadb_admin(socket_path: Path, sql: str) -> None:
    """SQL as the administrator of a MariaDB of scripts/services.sh (over its socket)."""
    subprocess.run(
        ["mariadb", "--no-defaults", f"--socket={socket_path}", f"-u{getpass.getuser()}"],
        input=sql, text=True, check=True, capture_output=True,
    )  # fmt: skip


def build_assets(stack: Stack) -> None:
    """The image build's steps (deploy/build.sh) on what docker build would be sent."""
    storefront = stack.root / "front_end_pc"
    tracked = (
        subprocess.run(["git", "ls-files", "-z", "front_end_pc"], cwd=ROOT, capture_output=True, check=True)
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, tracked):
        target = stack.root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    stack.run("deploy/build.sh storefront (the image's node stage)", ["deploy/build.sh", "storefront", str(storefront)],
              env=os.environ.copy())  # fmt: skip
    stack.run(
        "deploy/build.sh static (the image's collectstatic)",
        ["deploy/build.sh", "static", stack.app_env["DJANGO_STATIC_ROOT"]],
        env={**os.environ, "PYTHON": str(VENV_BIN / "python")},
    )


def app_environment(stack: Stack, *, primary_port: int, replica_port: int) -> dict[str, str]:
    """The app containers' environment (x-app in docker-compose.yml) from .env.example, with
    the local changes of LOCAL_CHANGES."""
    web = stack.compose["services"]["web"]
    env = {name: stack.local_path(value) for name, value in service_environment(web, stack.variables).items()}
    front = stack.ports["front"]
    redis_password = stack.variables["REDIS_PASSWORD"]
    env.update(
        {
            "DATABASE_URL": f"mysql://{DATABASE}:{stack.variables['MYSQL_PASSWORD']}@127.0.0.1:{primary_port}/{DATABASE}",
            "DATABASE_REPLICA_URL": f"mysql://meiduo_replica:meiduo_replica@127.0.0.1:{replica_port}/{DATABASE}",
            "REDIS_URL": f"redis://:{redis_password}@127.0.0.1:{stack.ports['redis']}/0",
            "STOREFRONT_URL": f"https://{WWW_HOST}:{front}",
            "API_URL": f"https://{API_HOST}:{front}",
            "CORS_ALLOWED_ORIGINS": f"https://{WWW_HOST}:{front}",
            "TRUSTED_PROXIES": "127.0.0.1",
            "SEARCH_BACKEND": "tantivy",
            "SEARCH_INDEX_PATH": str(stack.root / "search_index"),
            "FDFS_CLIENT_CONF": str(stack.root / "fdfs" / "client.conf"),
            "FDFS_BASE_URL": f"https://{WWW_HOST}:{front}/",
            "DJANGO_STATIC_ROOT": str(stack.root / "static"),
            "GUNICORN_BIND": f"127.0.0.1:{stack.ports['web']}",
            "IMAGE_CODES_PER_IP_PER_MINUTE": "5",
            # the shopper the rehearsal makes (production's seed_demo makes no accounts)
            "REHEARSAL_SHOPPER_PASSWORD": secrets.token_urlsafe(16),
        }
    )
    env.pop("ELASTICSEARCH_URL", None)
    # What any process needs from ours; nothing of the test settings.
    for name in ("PATH", "HOME", "LANG", "LC_ALL", "TZ"):
        if name in os.environ:
            env[name] = os.environ[name]
    env["PATH"] = f"{VENV_BIN}:{env.get('PATH', '/usr/bin:/bin')}"
    return env


NGINX_CONF = """# The nginx image's nginx.conf, as far as the rehearsal needs it. Workers run as this user,
# who can read the rehearsal's folders wherever the checkout is.
user {user};
worker_processes 1;
pid {root}/nginx/nginx.pid;
error_log {root}/logs/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {root}/logs/nginx-access.log;
    client_body_temp_path {root}/nginx/tmp/body;
    proxy_temp_path {root}/nginx/tmp/proxy;
    fastcgi_temp_path {root}/nginx/tmp/fastcgi;
    uwsgi_temp_path {root}/nginx/tmp/uwsgi;
    scgi_temp_path {root}/nginx/tmp/scgi;
    sendfile on;
    keepalive_timeout 65;
    include {root}/nginx/conf.d/*.conf;
}}
"""

# Not part of the deployment: the operator's TLS load balancer in front of nginx, which ends
# TLS and names the shopper in X-Forwarded-For, connecting to nginx from FRONT_PROXY_ADDRESS.
FRONT_PROXY_CONF = """server {{
    listen {address}:{port} ssl;
    access_log off;  # the load balancer's own log is not the deployment's
    ssl_certificate {root}/nginx/front.crt;
    ssl_certificate_key {root}/nginx/front.key;
    location / {{
        proxy_pass http://127.0.0.1:{nginx_port};
        proxy_bind {address};
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto https;
        proxy_buffering off;
    }}
}}
"""


def nginx_configuration(stack: Stack) -> None:
    nginx = stack.compose["services"]["nginx"]
    environment = service_environment(nginx, stack.variables)
    envsubst_filter = environment["NGINX_ENVSUBST_FILTER"]
    environment.update(
        {
            # the image's own (deploy/Dockerfile, stage nginx), as laid out here
            "NGINX_PORT": f"127.0.0.1:{stack.ports['nginx']}",
            "NGINX_PAGES_ROOT": str(stack.root / "generated"),
            "NGINX_STOREFRONT_ROOT": str(stack.root / "front_end_pc"),
            # compose's upstream host names, pointed at local addresses
            "NGINX_WEB_UPSTREAM": f"127.0.0.1:{stack.ports['web']}",
            "NGINX_FILES_UPSTREAM": f"127.0.0.1:{stack.ports['fdfs-http']}",
            "NGINX_REAL_IP_FROM": f"{FRONT_PROXY_ADDRESS}/32",
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        }
    )
    template = (ROOT / "deploy" / "nginx" / "meiduo.conf.template").read_text()
    conf_d = stack.root / "nginx" / "conf.d"
    conf_d.mkdir(parents=True, exist_ok=True)
    (conf_d / "default.conf").write_text(render_nginx_template(template, environment, envsubst_filter))
    (conf_d / "front-proxy.conf").write_text(
        FRONT_PROXY_CONF.format(
            address=FRONT_PROXY_ADDRESS, port=stack.ports["front"], root=stack.root, nginx_port=stack.ports["nginx"]
        )
    )
    for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (stack.root / "nginx" / "tmp" / temp).mkdir(parents=True, exist_ok=True)
    (stack.root / "nginx" / "nginx.conf").write_text(NGINX_CONF.format(root=stack.root, user=getpass.getuser()))
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={WWW_HOST}",
         "-addext", f"subjectAltName=DNS:{WWW_HOST},DNS:{API_HOST}",
         "-keyout", str(stack.root / "nginx" / "front.key"), "-out", str(stack.root / "nginx" / "front.crt")],
        check=True, capture_output=True,
    )  # fmt: skip


SHOPPER_NAME = "rehearsal_shopper"
# An operator's `manage.py shell`: a shopper with a delivery address in Beijing.
SHOPPER = f"""
import os
from apps.areas.models import Area
from apps.users.models import User
from apps.users.services import AddressFields, address_create
user = User.objects.create_user(username="{SHOPPER_NAME}", mobile="13800000009",
                                password=os.environ["REHEARSAL_SHOPPER_PASSWORD"])
province, city, district = (Area.objects.get(pk=pk) for pk in (110000, 110100, 110101))
address_create(user=user, fields=AddressFields(receiver="王小美", province=province, city=city, district=district,
                                               place="东直门南大街 1 号", mobile="13800000009", title="家"))
"""


def compose_command(stack: Stack, service: str) -> list[str]:
    """A service's command from docker-compose.yml, run from the venv."""
    command = shlex.split(stack.local_path(interpolate(stack.compose["services"][service]["command"], stack.variables)))
    if (VENV_BIN / command[0]).exists():
        command[0] = str(VENV_BIN / command[0])
    return command


def start_all(stack: Stack, *, primary_socket: Path, primary_port: int, replica_port: int) -> None:
    stack.compose = compose_file()
    stack.variables = filled(dotenv(ROOT / ".env.example"))
    for name in ("front", "nginx", "web", "redis", "fdfs-tracker", "fdfs-storage", "fdfs-http"):
        stack.ports[name] = free_port()
    for folder in ("logs", "var", "generated", "fdfs", "redis"):
        (stack.root / folder).mkdir(parents=True, exist_ok=True)
    stack.app_env = app_environment(stack, primary_port=primary_port, replica_port=replica_port)

    build_assets(stack)

    # Redis, with the production configuration (compose's command) on a port of our own.
    redis = shlex.split(interpolate(stack.compose["services"]["redis"]["command"], stack.variables))
    stack.start("redis", [*redis, "--port", str(stack.ports["redis"]), "--bind", "127.0.0.1",
                          "--dir", str(stack.root / "redis")], env={"PATH": os.environ["PATH"]})  # fmt: skip
    # FastDFS: a tracker and a storage node whose HTTP server nginx proxies /group1/ to.
    stack.start("fastdfs", [str(VENV_BIN / "python"), "-m", "tests.standins.fastdfs",
                            "--dir", str(stack.root / "fdfs"), "--tracker-port", str(stack.ports["fdfs-tracker"]),
                            "--storage-port", str(stack.ports["fdfs-storage"]),
                            "--http-port", str(stack.ports["fdfs-http"])], env=os.environ.copy())  # fmt: skip
    # deploy/fdfs/client.conf, naming the stand-in's tracker (the stand-in runs in its own process)
    FastDFSStandIn(root=stack.root / "fdfs", tracker_port=stack.ports["fdfs-tracker"]).client_conf(
        stack.root / "fdfs" / "client.conf"
    )

    # The database and account the MariaDB image makes from MARIADB_DATABASE/USER/PASSWORD.
    password = stack.variables["MYSQL_PASSWORD"]
    mariadb_admin(
        primary_socket,
        f"DROP DATABASE IF EXISTS {DATABASE}; CREATE DATABASE {DATABASE} CHARACTER SET utf8mb4 "
        f"COLLATE utf8mb4_unicode_ci; DROP USER IF EXISTS '{DATABASE}'@'%'; "
        f"CREATE USER '{DATABASE}'@'%' IDENTIFIED BY '{password}'; "
        f"GRANT ALL PRIVILEGES ON {DATABASE}.* TO '{DATABASE}'@'%';",
    )

    # The first deployment's commands (docs/deploy.md), as `docker-compose run --rm web ...`.
    manage = [str(VENV_BIN / "python"), "manage.py"]
    stack.run("manage.py migrate", [*manage, "migrate", "--noinput"])
    stack.run("manage.py load_areas", [*manage, "load_areas"])
    stack.run("manage.py seed_demo (a catalog to shop in)", [*manage, "seed_demo"], timeout=900)
    stack.run("a shopper with an address (manage.py shell)", [*manage, "shell", "-c", SHOPPER])

    stack.start("web", compose_command(stack, "web"))
    for service in stack.compose["services"]:
        if service.startswith("worker-") or service == "beat":
            stack.start(service, compose_command(stack, service))
    nginx_configuration(stack)
    stack.start("nginx", ["nginx", "-c", str(stack.root / "nginx" / "nginx.conf"), "-g", "daemon off;"],
                env={"PATH": os.environ["PATH"]})  # fmt: skip


def main_paths() -> tuple[Path, int, int]:
    """Where scripts/services.sh runs the test MariaDB pair."""
    return (
        ROOT / "var" / "test" / "mariadb" / "mysqld.sock",
        int(os.environ.get("TEST_DB_PORT", "3307")),
        int(os.environ.get("TEST_REPLICA_PORT", "3308")),
    )


if __name__ == "__main__":  # pragma: no cover - scripts/rehearse_production.sh runs scripts.rehearsal
    sys.exit("run scripts/rehearse_production.sh")
