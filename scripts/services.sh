#!/usr/bin/env bash
# MariaDB (a primary and a read replica fed by real GTID replication) and Redis for the
# tests, run as this user's own processes (no systemd), with their data under var/test/ and
# on ports of their own, so they never touch a system MariaDB/Redis or a running `make run`.
#
#   scripts/services.sh start    # start whatever is not running yet
#   scripts/services.sh stop     # stop what `start` started
#   scripts/services.sh status
#
# The ports and credentials match the defaults in meiduo_mall/settings/test.py.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD/var/test
db_port=${TEST_DB_PORT:-3307}
redis_port=${TEST_REDIS_PORT:-6391}
db_dir=$root/mariadb
db_socket=$db_dir/mysqld.sock
replica_port=${TEST_REPLICA_PORT:-3308}
replica_dir=$root/mariadb-replica
replica_socket=$replica_dir/mysqld.sock
redis_dir=$root/redis
replication_password=replication
started=$root/started   # one line per service this script started

mariadbd_bin() {
  for candidate in mariadbd /usr/sbin/mariadbd mysqld /usr/sbin/mysqld; do
    command -v "$candidate" >/dev/null 2>&1 && { command -v "$candidate"; return; }
  done
  echo "MariaDB server not found: run scripts/system_deps.sh test (make test does)." >&2
  return 1
}

# Ours, on our port: our socket answers with our port; Redis on our port keeps its data in our folder.
as_root() {  # as_root <socket> <mariadb arguments...>: the client, as this user over the socket
  mariadb --no-defaults --socket="$1" -u"$(id -un)" "${@:2}"
}
db_running() { [ "$(as_root "$db_socket" -N -e 'SELECT @@port' 2>/dev/null)" = "$db_port" ]; }
replica_running() { [ "$(as_root "$replica_socket" -N -e 'SELECT @@port' 2>/dev/null)" = "$replica_port" ]; }
redis_running() {
  [ "$(redis-cli -p "$redis_port" config get dir 2>/dev/null | tail -1)" = "$redis_dir" ]
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() {  # wait_for <what> <seconds> <command...>
  local what=$1 seconds=$2
  shift 2
  for _ in $(seq $((seconds * 5))); do
    "$@" && return 0
    sleep 0.2
  done
  echo "$what did not come up within ${seconds}s." >&2
  return 1
}

# should_start <name> <port> <is-running function> <variables to change>: succeeds when the
# service must be started, fails when ours already runs; a port held by another program is fatal.
should_start() {
  if $3; then echo "$1 already running on 127.0.0.1:$2"; return 1; fi
  if port_taken "$2"; then
    echo "Port $2 is taken by another program; set $4 to another port." >&2
    exit 1
  fi
}

# launch_mariadbd <name> <dir> <socket> <port> <is-running function> <cnf> <server options...>:
# a server for this user configured by <cnf> (deploy/mysql/*.cnf: the deployment's own), with
# its data in <dir>/data (initialised if new), waited for. Durability settings are relaxed:
# these servers hold nothing but test databases.
launch_mariadbd() {
  local name=$1 dir=$2 socket=$3 port=$4 running=$5 cnf=$6
  shift 6
  mkdir -p "$dir"
  if [ ! -d "$dir/data/mysql" ]; then
    echo "Initialising a MariaDB data directory in $dir/data"
    mariadb-install-db --no-defaults --user="$(id -un)" --datadir="$dir/data" \
      --auth-root-authentication-method=socket --skip-test-db \
      >"$dir/install.log" 2>&1 || { cat "$dir/install.log" >&2; return 1; }
  fi
  setsid "$(mariadbd_bin)" --defaults-file="$cnf" --user="$(id -un)" --datadir="$dir/data" \
    --socket="$socket" --port="$port" --bind-address=127.0.0.1 \
    --pid-file="$dir/mysqld.pid" --log-error="$dir/error.log" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --max-connections=300 \
    "$@" </dev/null >/dev/null 2>&1 &
  wait_for "$name" 60 "$running" || { tail -20 "$dir/error.log" >&2; return 1; }
}

# The time zone tables, which Django needs with USE_TZ for CONVERT_TZ (the admin's
# date_hierarchy, __date lookups). The MariaDB image loads them on a server's first start
# (docker-compose.yml must not set MARIADB_INITDB_SKIP_TZINFO); a server made here loads them
# once, on each server and outside the binary log, as the image does.
load_time_zones() {  # load_time_zones <socket>
  if [ "$(as_root "$1" -N -e 'SELECT COUNT(*) FROM mysql.time_zone_name')" = 0 ]; then
    mariadb-tzinfo-to-sql --skip-write-binlog /usr/share/zoneinfo 2>/dev/null | as_root "$1" mysql || return 1
  fi
}

start_db() {
  should_start MariaDB "$db_port" db_running "TEST_DB_PORT (and DATABASE_URL)" || return 0
  launch_mariadbd MariaDB "$db_dir" "$db_socket" "$db_port" db_running "$PWD/deploy/mysql/primary.cnf" \
    --innodb-buffer-pool-size=256M --sync-binlog=0 --binlog-expire-logs-seconds=86400 || return 1
  load_time_zones "$db_socket" || { echo "Could not load the time zone tables." >&2; return 1; }
  # The deployment's own set-up of a primary (the replication account), then the tests' account.
  MEIDUO_ADMIN_CLIENT="mariadb --no-defaults --socket=$db_socket -u$(id -un)" \
    MEIDUO_REPLICATION_PASSWORD=$replication_password deploy/mysql/primary-init.sh >/dev/null || return 1
  as_root "$db_socket" <<'SQL'
CREATE USER IF NOT EXISTS 'meiduo'@'localhost' IDENTIFIED BY 'meiduo';
CREATE USER IF NOT EXISTS 'meiduo'@'127.0.0.1' IDENTIFIED BY 'meiduo';
GRANT ALL PRIVILEGES ON *.* TO 'meiduo'@'localhost';
GRANT ALL PRIVILEGES ON *.* TO 'meiduo'@'127.0.0.1';
CREATE DATABASE IF NOT EXISTS meiduo CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
SQL
  echo db >>"$started"
  echo "MariaDB started on 127.0.0.1:$db_port (data in $db_dir)"
}

# The replica holds nothing of its own, so it is made afresh each time it starts, by the
# deployment's own replica set-up (deploy/mysql/replica-init.sh): an empty server loads a
# consistent dump of the primary's databases, which also records the GTID position the dump
# was taken at, and replicates from there. The application reads it as `meiduo_replica`,
# which may only SELECT and see the replication status (and, here only, stop/start
# replication, for the tests that need a lagging replica); the server is read-only besides.
start_replica() {
  should_start "MariaDB replica" "$replica_port" replica_running "TEST_REPLICA_PORT (and DATABASE_REPLICA_URL)" \
    || return 0
  db_running || { echo "The replica needs the primary MariaDB running." >&2; return 1; }
  if [ "$(as_root "$db_socket" -N -e 'SELECT @@log_bin')" != 1 ]; then
    echo "The primary MariaDB runs without a binary log (started by an older services.sh):" \
      "run scripts/services.sh stop, then start again." >&2
    return 1
  fi
  rm -rf "$replica_dir"
  launch_mariadbd "MariaDB replica" "$replica_dir" "$replica_socket" "$replica_port" replica_running \
    "$PWD/deploy/mysql/replica.cnf" --innodb-buffer-pool-size=64M --skip-slave-start || return 1
  load_time_zones "$replica_socket" || { echo "Could not load the replica's time zone tables." >&2; return 1; }
  MEIDUO_ADMIN_CLIENT="mariadb --no-defaults --socket=$replica_socket -u$(id -un)" \
    MEIDUO_PRIMARY_HOST=127.0.0.1 MEIDUO_PRIMARY_PORT=$db_port MEIDUO_REPLICATION_PASSWORD=$replication_password \
    MEIDUO_READER_USER=meiduo_replica MEIDUO_READER_PASSWORD=meiduo_replica deploy/mysql/replica-init.sh >/dev/null \
    || { echo "Could not make the replica of the primary." >&2; tail -20 "$replica_dir/error.log" >&2; return 1; }
  as_root "$replica_socket" -e "GRANT REPLICATION SLAVE ADMIN ON *.* TO 'meiduo_replica'@'%'"
  wait_for "Replication" 30 replicating || { tail -20 "$replica_dir/error.log" >&2; return 1; }
  echo replica >>"$started"
  echo "MariaDB replica started on 127.0.0.1:$replica_port, replicating from 127.0.0.1:$db_port"
}

replicating() {
  as_root "$replica_socket" -e 'SHOW SLAVE STATUS\G' 2>/dev/null \
    | grep -q 'Slave_SQL_Running_State: Slave has read all relay log'
}

start_redis() {
  should_start Redis "$redis_port" redis_running "TEST_REDIS_PORT (and REDIS_URL)" || return 0
  mkdir -p "$redis_dir"
  redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$redis_dir" --save "" --appendonly no \
    --daemonize yes --pidfile "$redis_dir/redis.pid" --logfile "$redis_dir/redis.log"
  wait_for Redis 20 redis_running || { tail -20 "$redis_dir/redis.log" >&2; return 1; }
  echo redis >>"$started"
  echo "Redis started on 127.0.0.1:$redis_port"
}

stop() {
  [ -f "$started" ] || return 0
  if grep -qx redis "$started" && redis_running; then
    redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
    echo "Redis stopped"
  fi
  if grep -qx replica "$started" && replica_running; then
    mariadb-admin --no-defaults --socket="$replica_socket" -u"$(id -un)" shutdown
    echo "MariaDB replica stopped"
  fi
  if grep -qx db "$started" && db_running; then
    mariadb-admin --no-defaults --socket="$db_socket" -u"$(id -un)" shutdown
    echo "MariaDB stopped"
  fi
  rm -f "$started"
}

status() {
  db_running && echo "MariaDB: running on 127.0.0.1:$db_port" || echo "MariaDB: stopped"
  replica_running && echo "MariaDB replica: running on 127.0.0.1:$replica_port" || echo "MariaDB replica: stopped"
  redis_running && echo "Redis: running on 127.0.0.1:$redis_port" || echo "Redis: stopped"
}

case "${1:-}" in
  start) mkdir -p "$root"; start_db; start_replica; start_redis ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
