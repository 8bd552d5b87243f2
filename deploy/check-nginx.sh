#!/bin/sh
# Checks deploy/nginx.conf with `nginx -t` as Debian's nginx would load it, without touching
# /etc/nginx: a throwaway folder with a self-signed certificate, a wrapper nginx.conf with
# Debian's http-level defaults, and a copy of the site file pointed at it. Nothing is started.
#   apt-get install -y nginx openssl && deploy/check-nginx.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d /tmp/visnyk-nginx-check.XXXXXX)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/cache"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=news.example.gov.ua \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe2048 -out "$dir/dhparam.pem"
sed "s#/etc/nginx/dhparam.pem#$dir/dhparam.pem#" "$here/nginx-tls.conf" > "$dir/visnyk-tls.conf"
sed -e "s#/etc/letsencrypt/live/news.example.gov.ua/fullchain.pem#$dir/cert.pem#" \
    -e "s#/etc/letsencrypt/live/news.example.gov.ua/privkey.pem#$dir/key.pem#" \
    -e "s#snippets/visnyk-tls.conf#$dir/visnyk-tls.conf#" \
    -e "s#/var/cache/nginx/#$dir/cache/#" \
    "$here/nginx.conf" > "$dir/visnyk.conf"
cat > "$dir/nginx.conf" <<CONF
pid $dir/nginx.pid;
error_log $dir/error.log;
events {}
http {
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    tcp_nopush on;
    ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
    ssl_prefer_server_ciphers on;
    include $dir/visnyk.conf;
}
CONF
nginx -t -c "$dir/nginx.conf"
