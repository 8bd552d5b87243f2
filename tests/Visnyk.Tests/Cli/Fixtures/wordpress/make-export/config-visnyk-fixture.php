<?php
// WordPress configuration for making the fixture; copied to /etc/wordpress/ by make-export.sh.
// The database is a throwaway MariaDB on a socket (see make-export.sh).
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', 'fixture');
define('DB_HOST', 'localhost:/tmp/wpimport-db/mysqld.sock');
define('DB_CHARSET', 'utf8mb4');
define('WP_CONTENT_DIR', '/tmp/wpimport-wp/wp-content');
define('WP_CONTENT_URL', 'https://oda.example.gov.ua/wp-content');
define('WP_HOME', 'https://oda.example.gov.ua');
define('WP_SITEURL', 'https://oda.example.gov.ua');
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
$table_prefix = 'wp_';
