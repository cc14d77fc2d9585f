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
step "import contracts (the apps' layering, pyproject.toml)" .venv/bin/lint-imports --no-cache
step "eslint (the storefront's JavaScript, front_end_pc/eslint.config.mjs)" npm --prefix front_end_pc run --silent lint
step "pip check" .venv/bin/pip check
step "docker-compose.yml is valid" docker-compose --env-file .env.example -f docker-compose.yml config -q
echo "==> pytest"
.venv/bin/pytest "$@"
main_status=$?
# Then the tests marked `replica`, against the read replica scripts/services.sh started.
echo "==> pytest, the read replica's tests"
DATABASE_REPLICA_URL=mysql://meiduo_replica:meiduo_replica@127.0.0.1:${TEST_REPLICA_PORT:-3308}/meiduo \
  .venv/bin/pytest "$@"
replica_status=$?
# Then the deployment itself, on the same MariaDB pair (scripts/rehearse_production.sh); only
# for the whole suite: `make test ARGS=...` runs the pytest tests it names and nothing else.
if [ $# -eq 0 ]; then
  step "the production rehearsal" scripts/rehearse_production.sh
else
  echo "==> the production rehearsal: skipped (pytest arguments given); scripts/rehearse_production.sh runs it"
fi
# 5 is pytest's "no tests selected": fine for one half (ARGS chose tests of the other), not both.
if [ $main_status -eq 5 ] && [ $replica_status -eq 5 ]; then
  status=5
else
  status=0
  for half in $main_status $replica_status; do
    [ "$half" -eq 5 ] || [ "$half" -eq 0 ] || status=$half
  done
fi

if [ ${#failed[@]} -gt 0 ]; then
  echo "Failed checks: ${failed[*]}" >&2
  [ $status -eq 0 ] && status=1
fi
exit $status
