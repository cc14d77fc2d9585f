#!/usr/bin/env bash
# `make test`: start the test services, run every check, stop what was started (even on
# failure or Ctrl-C). Extra arguments go to pytest: make test ARGS="-k areas -x".
set -uo pipefail

cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=meiduo_mall.settings.test
export PYTHONDONTWRITEBYTECODE=1

scripts/services.sh start || { scripts/services.sh stop; exit 1; }
trap 'scripts/services.sh stop' EXIT

failed=()
step() {  # step <name> <command...>
  local name=$1
  shift
  echo "==> $name"
  "$@" || failed+=("$name")
}

step "migrations are up to date" .venv/bin/python manage.py makemigrations --check --dry-run
step "ruff check" .venv/bin/ruff check .
step "ruff format --check" .venv/bin/ruff format --check .
step "mypy" .venv/bin/mypy
step "pip check" .venv/bin/pip check
step "docker-compose.yml is valid" docker-compose --env-file .env.example -f docker-compose.yml config -q
echo "==> pytest"
.venv/bin/pytest "$@"
status=$?

if [ ${#failed[@]} -gt 0 ]; then
  echo "Failed checks: ${failed[*]}" >&2
  [ $status -eq 0 ] && status=1
fi
exit $status
