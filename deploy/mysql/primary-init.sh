#!/usr/bin/env bash
# The primary's own set-up, once its server is up: the account replicas clone it with and
# then follow it by (GTID replication, deploy/mysql/replica-init.sh). Safe to run again.
#
# Run by the MariaDB image on the primary's first start (docker-compose.yml mounts it into
# /docker-entrypoint-initdb.d/) and by scripts/services.sh for the tests' primary, so the
# replication the tests prove is the replication that is deployed.
#
#   MEIDUO_REPLICATION_PASSWORD   the password of `replicator` (required)
#   MEIDUO_ADMIN_CLIENT           how to reach this server as an administrator (default: the
#                                 image's root over the socket, with MARIADB_ROOT_PASSWORD)
set -euo pipefail
: "${MEIDUO_REPLICATION_PASSWORD:?set MEIDUO_REPLICATION_PASSWORD}"

admin() {
  if [ -n "${MEIDUO_ADMIN_CLIENT:-}" ]; then
    $MEIDUO_ADMIN_CLIENT "$@"
  else
    mariadb --protocol=socket -uroot -p"$MARIADB_ROOT_PASSWORD" "$@"
  fi
}

# Accounts stay out of the binary log: each server keeps its own.
# replicator: REPLICATION SLAVE to follow; the rest to take a consistent dump with its GTID
# position (mariadb-dump --single-transaction --master-data --gtid).
admin <<SQL
SET SESSION sql_log_bin = 0;
CREATE USER IF NOT EXISTS 'replicator'@'%' IDENTIFIED BY '${MEIDUO_REPLICATION_PASSWORD}';
ALTER USER 'replicator'@'%' IDENTIFIED BY '${MEIDUO_REPLICATION_PASSWORD}';
GRANT REPLICATION SLAVE, BINLOG MONITOR, SELECT, RELOAD, LOCK TABLES, SHOW VIEW, EVENT, TRIGGER
  ON *.* TO 'replicator'@'%';
SQL
echo "primary-init: replication account ready"
