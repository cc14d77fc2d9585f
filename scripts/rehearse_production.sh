#!/usr/bin/env bash
# The production rehearsal (`make test` runs it after the tests): the docker-compose
# deployment's services started on this machine from the same files (deploy/, the compose
# commands and environment, .env.example), without containers; then, through nginx only, a
# shopper's journey in Chromium, the admin's and /docs/' assets, an image, /health/, every
# compose healthcheck, and the shopper's address reaching the throttles. Stops everything,
# even on failure; exits non-zero if any step failed. Logs stay in var/rehearsal/logs/.
#
# Needs the test MariaDB pair and the packages of `make test` (nginx, Chromium, ...):
#   scripts/rehearse_production.sh              # starts scripts/services.sh if needed
set -uo pipefail
cd "$(dirname "$0")/.."

status=$(scripts/services.sh status)
if [[ $status != *"MariaDB replica: running"* ]]; then
  scripts/services.sh start || { scripts/services.sh stop; exit 1; }
  trap 'scripts/services.sh stop' EXIT
fi
.venv/bin/python -m scripts.rehearsal "$@"
