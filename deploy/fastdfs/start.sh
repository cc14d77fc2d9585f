#!/usr/bin/env bash
# The FastDFS image's entry point (deploy/fastdfs/Dockerfile):
#   start.sh tracker   the tracker, on 22122
#   start.sh storage   a storage node on 23000 (TRACKER_SERVER=host:port) and its nginx on
#                      8888, which serves /group1/M00/... (nginx proxies /group1/ to it)
# Data and logs live in /var/fdfs (a volume).
set -euo pipefail
role=${1:?usage: start.sh tracker|storage}
set_option() {  # set_option <file> <name> <value>
  sed -i "s|^$2 *=.*|$2 = $3|" "$1"
}
mkdir -p /var/fdfs
case "$role" in
  tracker)
    set_option /etc/fdfs/tracker.conf base_path /var/fdfs
    fdfs_trackerd /etc/fdfs/tracker.conf start
    log=/var/fdfs/logs/trackerd.log
    ;;
  storage)
    : "${TRACKER_SERVER:?set TRACKER_SERVER=host:port}"
    for conf in /etc/fdfs/storage.conf /etc/fdfs/mod_fastdfs.conf; do
      set_option "$conf" base_path /var/fdfs
      set_option "$conf" store_path0 /var/fdfs
      set_option "$conf" tracker_server "$TRACKER_SERVER"
    done
    set_option /etc/fdfs/mod_fastdfs.conf url_have_group_name true
    cat >/usr/local/nginx/conf/nginx.conf <<'NGINX'
worker_processes 1;
events { worker_connections 1024; }
http {
    include mime.types;
    server {
        listen 8888;
        location ~ ^/group[0-9]+/M00/ { ngx_fastdfs_module; }
    }
}
NGINX
    fdfs_storaged /etc/fdfs/storage.conf start
    /usr/local/nginx/sbin/nginx
    log=/var/fdfs/logs/storaged.log
    ;;
  *) echo "usage: start.sh tracker|storage" >&2; exit 2 ;;
esac
# The daemons detach; their log is the container's output, and the container ends with them.
touch "$log"
exec tail -F "$log"
