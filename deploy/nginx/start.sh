#!/bin/sh
# The proxy image's command: fill in nginx.conf from the environment, then run nginx.
# tests/servers/test_nginx.py runs it too, with paths of its own.
set -eu
: "${NGINX_TEMPLATE:=/etc/nginx/templates/nginx.conf.template}"
: "${NGINX_CONF:=/etc/nginx/nginx.conf}"
: "${NGINX_USER:=www-data}"
: "${NGINX_RUN_DIR:=/run/nginx}"
: "${NGINX_CACHE_DIR:=/var/cache/nginx/pages}"
# Where and how requests are logged ("off" for none).
: "${NGINX_ACCESS_LOG:=/dev/stdout site}"
: "${NGINX_SERVER_NAME:=_}"
: "${NGINX_HTTP_PORT:=80}"
: "${NGINX_HTTPS_PORT:=443}"
: "${NGINX_UPSTREAMS:=server web:8000;}"
: "${NGINX_TLS_CERTIFICATE:=/etc/nginx/tls/fullchain.pem}"
: "${NGINX_TLS_CERTIFICATE_KEY:=/etc/nginx/tls/privkey.pem}"
: "${NGINX_STATIC_ROOT:=/srv/static}"
: "${NGINX_MEDIA_ROOT:=/srv/media}"
# The site's image limit and 1 MiB for the rest of the news form.
: "${NGINX_CLIENT_MAX_BODY_SIZE:=$(( ${NEWS_IMAGE_MAX_BYTES:-10485760} + 1048576 ))}"
export NGINX_USER NGINX_RUN_DIR NGINX_CACHE_DIR NGINX_ACCESS_LOG NGINX_SERVER_NAME \
  NGINX_HTTP_PORT NGINX_HTTPS_PORT NGINX_UPSTREAMS NGINX_TLS_CERTIFICATE \
  NGINX_TLS_CERTIFICATE_KEY NGINX_STATIC_ROOT NGINX_MEDIA_ROOT NGINX_CLIENT_MAX_BODY_SIZE
mkdir -p "$NGINX_RUN_DIR" "$NGINX_CACHE_DIR"
# Only these names: nginx's own $variables stay as they are.
envsubst "$(env | sed -n 's/^\(NGINX_[A-Z_]*\)=.*/${\1}/p' | tr '\n' ' ')" \
  < "$NGINX_TEMPLATE" > "$NGINX_CONF"
exec nginx -e stderr -c "$NGINX_CONF" -g "daemon off;"
