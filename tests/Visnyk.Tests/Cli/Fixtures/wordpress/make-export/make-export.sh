#!/bin/sh
# Makes export.xml and uploads/ again with a real WordPress (Debian 12's wordpress 6.1 package).
# Run as root from this folder: ./make-export.sh
set -e
here=$(cd "$(dirname "$0")" && pwd)
out=$(dirname "$here")
apt-get install -y wordpress mariadb-server php-cli php-mysql php-gd >/dev/null
cp "$here/config-visnyk-fixture.php" /etc/wordpress/config-visnyk-fixture.php

# A throwaway MariaDB on a socket, no network.
rm -rf /tmp/wpimport-db /tmp/wpimport-wp
mkdir -p /tmp/wpimport-db /tmp/wpimport-wp/wp-content/uploads
chown mysql:mysql /tmp/wpimport-db
mariadb-install-db --user=mysql --datadir=/tmp/wpimport-db >/dev/null
mariadbd --user=mysql --datadir=/tmp/wpimport-db --socket=/tmp/wpimport-db/mysqld.sock --skip-networking \
  --pid-file=/tmp/wpimport-db/mysqld.pid >/tmp/wpimport-db/server.log 2>&1 &
trap 'kill "$(cat /tmp/wpimport-db/mysqld.pid)"' EXIT
sleep 5
mariadb --socket=/tmp/wpimport-db/mysqld.sock -uroot -e "CREATE DATABASE wordpress CHARACTER SET utf8mb4;
  CREATE USER 'wordpress'@'localhost' IDENTIFIED BY 'fixture'; GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';"

# Two small pictures: the lead photo, and a drawn one for the body (kept small on purpose).
mkdir -p /tmp/wpimport-wp/images
php -r '$i = imagecreatefromjpeg($argv[1]); $s = imagescale($i, 800); imagejpeg($s, "/tmp/wpimport-wp/images/olympiad.jpg", 70);
  $w = imagecreatetruecolor(1100, 733); imagefill($w, 0, 0, imagecolorallocate($w, 235, 240, 245));
  imagefilledrectangle($w, 100, 400, 500, 600, imagecolorallocate($w, 70, 110, 170));
  imagefilledrectangle($w, 600, 400, 1000, 600, imagecolorallocate($w, 70, 110, 170));
  imagefilledellipse($w, 550, 150, 200, 200, imagecolorallocate($w, 250, 200, 60));
  imagejpeg($w, "/tmp/wpimport-wp/images/ward.jpg", 70);' "$out/../../../Media/Fixtures/photo-with-gps.jpg"

FIXTURE_IMAGES=/tmp/wpimport-wp/images php "$here/make-export.php" > "$out/export.xml"
rm -rf "$out/uploads"
cp -r /tmp/wpimport-wp/wp-content/uploads "$out/uploads"

echo "export.xml and uploads/ written to $out"
