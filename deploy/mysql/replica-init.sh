#!/usr/bin/env bash
# Run once by the replica's first start: follow the primary (GTID auto-positioning), make
# the application's read-only account, then refuse every write but replication's.
set -euo pipefail
until mysqladmin ping -h mysql-primary -u root -p"$MYSQL_ROOT_PASSWORD" --silent; do sleep 2; done
mysql -u root -p"$MYSQL_ROOT_PASSWORD" <<SQL
-- Local to the replica: kept out of its binary log, so it never becomes an errant GTID.
SET SESSION sql_log_bin = 0;
CREATE USER IF NOT EXISTS 'meiduo_reader'@'%' IDENTIFIED BY '${MYSQL_READER_PASSWORD}';
GRANT SELECT ON meiduo.* TO 'meiduo_reader'@'%';
SET SESSION sql_log_bin = 1;
CHANGE REPLICATION SOURCE TO
  SOURCE_HOST='mysql-primary', SOURCE_USER='replicator', SOURCE_PASSWORD='${MYSQL_REPLICATION_PASSWORD}',
  SOURCE_AUTO_POSITION=1, GET_SOURCE_PUBLIC_KEY=1;
START REPLICA;
-- Set here rather than in replica.cnf: the image's own first-start set-up must still write.
SET PERSIST super_read_only = ON;
SQL
