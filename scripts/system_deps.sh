#!/usr/bin/env bash
# Install the Debian packages Meiduo Mall needs, but only those that are missing.
#
#   scripts/system_deps.sh run    # building mysqlclient, Node.js for the storefront
#   scripts/system_deps.sh test   # + MariaDB, Redis, Chromium and Chinese fonts for the tests
#   scripts/system_deps.sh bench  # what test needs, + wrk for the benchmarks (make bench)
#
# Needs root (or sudo) only when something is missing. Services installed here are not
# started as system services: the tests start their own (scripts/services.sh).
set -euo pipefail

mode=${1:-run}
python=${PYTHON:-python3.11}

# fonts-wqy-microhei: the Chinese font seed_demo draws product images with (and Chromium shows).
packages=(pkg-config default-libmysqlclient-dev gcc fonts-wqy-microhei)
case "$mode" in
  run) ;;
  # docker-compose: `make test` validates docker-compose.yml with it (no Docker daemon needed).
  # nginx, gettext-base (envsubst), openssl, curl: the production rehearsal runs deploy/nginx/
  # as the nginx image renders it, behind a TLS front proxy, and the compose healthchecks.
  # tzdata: the time zone tables MariaDB is given (scripts/services.sh).
  test|bench) packages+=(mariadb-server mariadb-client tzdata redis-server chromium chromium-driver docker-compose
                   nginx gettext-base openssl curl)
              if [ "$mode" = bench ]; then packages+=(wrk); fi ;;
  *) echo "usage: $0 run|test|bench" >&2; exit 2 ;;
esac

command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
if command -v "$python" >/dev/null; then
  # Debian's own Python needs its venv and header packages; a pyenv Python has them built in.
  "$python" -c 'import ensurepip' 2>/dev/null || packages+=(python3-venv)
  "$python" -c 'import sysconfig, os, sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' \
    || packages+=(python3-dev)
else
  packages+=(python3 python3-venv python3-dev)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then
    sudo="sudo"
  else
    echo "These packages are missing and this user cannot install them: ${missing[*]}" >&2
    echo "As root, run: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# Keep dpkg from starting MariaDB and Redis as system services (there may be no init
# system at all); our tests run their own instances on their own ports.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod +x "$policy"
  trap '$sudo rm -f "$policy"' EXIT
fi

export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
