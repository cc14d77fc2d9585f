#!/usr/bin/env bash
# Run once by the replica's first start: follow the primary (GTID auto-positioning).
set -euo pipefail
until mysqladmin ping -h mysql-primary -u root -p"$MYSQL_ROOT_PASSWORD" --silent; do sleep 2; done
mysql -u root -p"$MYSQL_ROOT_PASSWORD" <<SQL
CHANGE REPLICATION SOURCE TO
  SOURCE_HOST='mysql-primary', SOURCE_USER='replicator', SOURCE_PASSWORD='${MYSQL_REPLICATION_PASSWORD}',
  SOURCE_AUTO_POSITION=1, GET_SOURCE_PUBLIC_KEY=1;
START REPLICA;
SQL
