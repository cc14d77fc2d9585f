#!/usr/bin/env bash
# The build steps of the images (deploy/Dockerfile). The production rehearsal
# (scripts/rehearse_production.sh) runs the same steps, so what it serves is what the
# images hold.
#
#   deploy/build.sh storefront DIR   # DIR: a copy of front_end_pc/; Vue and axios into DIR/mall/vendor/,
#                                    # the static pages made from DIR/pages/ into DIR/
#   deploy/build.sh static DIR       # Django's static files (admin, /docs/), hashed and compressed, into DIR
set -euo pipefail

case "${1:-}:${2:-}" in
  storefront:?*)
    cd "$2"
    # package-lock.json pins every package; the postinstall script copies the browser builds
    # and makes the static pages (tools/pages.mjs).
    # The development tools (ESLint) are not the image's.
    npm ci --omit=dev --no-audit --no-fund --loglevel=error
    test -s mall/vendor/vue.esm-browser.prod.js && test -s mall/vendor/axios.esm.min.js
    for page in pages/*.html; do test -s "$(basename "$page")"; done
    rm -rf node_modules  # only js/vendor/ is served
    ;;
  static:?*)
    cd "$(dirname "$0")/.."
    DJANGO_SETTINGS_MODULE=meiduo_mall.settings.build DJANGO_STATIC_ROOT="$2" \
      "${PYTHON:-python3}" manage.py collectstatic --noinput --verbosity 0
    test -s "$2/staticfiles.json"  # the manifest production's storage reads
    ;;
  *)
    echo "usage: $0 storefront DIR | static DIR" >&2
    exit 2
    ;;
esac
