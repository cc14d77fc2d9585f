#!/usr/bin/env bash
# The read replica's set-up, once its (empty) server is up: clone the primary's databases
# with a consistent dump that records the primary's GTID position, follow the primary from
# there, and make the application's read-only account.
#
# Run by the MariaDB image on the replica's first start (docker-compose.yml mounts it into
# /docker-entrypoint-initdb.d/) and by scripts/services.sh, which builds the tests' replica
# with it at every start.
#
#   MEIDUO_PRIMARY_HOST, MEIDUO_PRIMARY_PORT   the primary (mysql-primary, 3306)
#   MEIDUO_REPLICATION_PASSWORD                `replicator`'s (deploy/mysql/primary-init.sh)
#   MEIDUO_READER_USER, MEIDUO_READER_PASSWORD the application's account (meiduo_reader;
#                                              DATABASE_REPLICA_URL carries it)
#   MEIDUO_ADMIN_CLIENT                        how to reach this server as an administrator
#                                              (default: the image's root over the socket)
set -euo pipefail
: "${MEIDUO_REPLICATION_PASSWORD:?set MEIDUO_REPLICATION_PASSWORD}"
: "${MEIDUO_READER_PASSWORD:?set MEIDUO_READER_PASSWORD}"
primary_host=${MEIDUO_PRIMARY_HOST:-mysql-primary}
primary_port=${MEIDUO_PRIMARY_PORT:-3306}
reader=${MEIDUO_READER_USER:-meiduo_reader}

admin() {
  if [ -n "${MEIDUO_ADMIN_CLIENT:-}" ]; then
    $MEIDUO_ADMIN_CLIENT "$@"
  else
    mariadb --protocol=socket -uroot -p"$MARIADB_ROOT_PASSWORD" "$@"
  fi
}
on_primary() {  # on_primary <client> <arguments...>: as replicator, over the network
  "$1" --no-defaults --host="$primary_host" --port="$primary_port" --user=replicator \
    --password="$MEIDUO_REPLICATION_PASSWORD" "${@:2}"
}

echo "replica-init: waiting for the primary at $primary_host:$primary_port"
for attempt in $(seq 150); do
  on_primary mariadb -N -e 'SELECT 1' >/dev/null 2>&1 && break
  [ "$attempt" -eq 150 ] && { echo "replica-init: the primary never answered" >&2; exit 1; }
  sleep 2
done

# Every database but the server's own; --master-data --gtid ends the dump by setting
# gtid_slave_pos to the position it was taken at.
databases=$(on_primary mariadb -N -e "SELECT schema_name FROM information_schema.schemata WHERE schema_name \
  NOT IN ('mysql', 'sys', 'information_schema', 'performance_schema')")
if [ -n "$databases" ]; then
  # shellcheck disable=SC2086  # one word per database
  on_primary mariadb-dump --single-transaction --master-data=1 --gtid --databases $databases | admin
fi

admin <<SQL
CHANGE MASTER TO MASTER_HOST='${primary_host}', MASTER_PORT=${primary_port}, MASTER_USER='replicator',
  MASTER_PASSWORD='${MEIDUO_REPLICATION_PASSWORD}', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=5;
START SLAVE;
-- The application reads with SELECT only, and may ask how far behind the replica is (/health/).
CREATE USER IF NOT EXISTS '${reader}'@'%' IDENTIFIED BY '${MEIDUO_READER_PASSWORD}';
GRANT SELECT, REPLICA MONITOR ON *.* TO '${reader}'@'%';
SQL
echo "replica-init: replicating from $primary_host:$primary_port"
