<?php
// Installs WordPress into an empty database, writes a small Ukrainian news site into it through
// WordPress's own functions, and exports it with WordPress's own export_wp() (the file that
// Tools → Export → "All content" downloads). Run by make-export.sh; prints the WXR on stdout.

$_SERVER['HTTP_HOST'] = 'oda.example.gov.ua';
$_SERVER['WORDPRESS_CONFIG'] = 'visnyk-fixture';
$_SERVER['REQUEST_URI'] = '/';
define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require_once ABSPATH . 'wp-admin/includes/export.php';

$fixtures = getenv('FIXTURE_IMAGES');

$installed = wp_install('Полтавська ОВА', 'admin', 'admin@oda.example.gov.ua', true, '', 'fixture-admin-password');
$admin = $installed['user_id'];
update_option('timezone_string', 'Europe/Kyiv');
update_option('permalink_structure', '/%year%/%monthnum%/%postname%/');
update_option('uploads_use_yearmonth_folders', 1);
// WordPress's own first post goes, as on any real site.
wp_delete_post(1, true);
global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%year%/%monthnum%/%postname%/');
// The admin has unfiltered_html, so block comments and markup are stored as written.
wp_set_current_user($admin);

$olena = wp_insert_user([
    'user_login' => 'olena.kovalenko', 'user_pass' => wp_generate_password(), 'user_email' => 'olena@oda.example.gov.ua',
    'display_name' => 'Олена Коваленко', 'first_name' => 'Олена', 'last_name' => 'Коваленко', 'role' => 'author',
]);
$petro = wp_insert_user([
    'user_login' => 'petro', 'user_pass' => wp_generate_password(), 'user_email' => 'petro@oda.example.gov.ua',
    'display_name' => 'Петро Мʼязь', 'first_name' => 'Петро', 'last_name' => 'Мʼязь', 'role' => 'editor',
]);

$education = wp_insert_term('Управління освіти', 'category', ['description' => 'Новини управління освіти і науки'])['term_id'];
$health = wp_insert_term('Управління охорони здоров’я', 'category')['term_id'];

// Pictures: uploaded as WordPress does (year/month folders, its own resized copies).
function add_picture($path, $name, $month, $title, $alt, $caption, $parent)
{
    $upload = wp_upload_bits($name, null, file_get_contents($path), $month);
    if ($upload['error']) {
        fwrite(STDERR, $upload['error'] . "\n");
        exit(1);
    }
    $id = wp_insert_attachment([
        'post_mime_type' => 'image/jpeg', 'post_title' => $title, 'post_excerpt' => $caption, 'post_content' => '',
        'post_status' => 'inherit', 'guid' => $upload['url'], 'post_date' => str_replace('/', '-', $month) . '-01 09:00:00',
    ], $upload['file'], $parent);
    wp_update_attachment_metadata($id, wp_generate_attachment_metadata($id, $upload['file']));
    update_post_meta($id, '_wp_attachment_image_alt', $alt);
    return $id;
}

function add_post($fields)
{
    $id = wp_insert_post(array_merge(['post_type' => 'post'], $fields), true);
    if (is_wp_error($id)) {
        fwrite(STDERR, $id->get_error_message() . "\n");
        exit(1);
    }
    return $id;
}

// 1. Classic editor: paragraphs separated by blank lines, a featured image, an excerpt, a comment.
$olympiad = add_post([
    'post_title' => 'Пʼятеро учнів Полтавщини вийшли до фіналу олімпіади з української мови',
    'post_content' => "Пʼятеро учнів із Полтави, Кременчука та Лубен представлять область на заключному етапі Всеукраїнської олімпіади з української мови та літератури.\n\nЗмагання тривали два дні. Учасники писали диктант, переклад і твір на тему «Мова — ДНК нації».\n\n<strong>Вітаємо переможців</strong> і їхніх учителів!\nДякуємо батькам за підтримку.",
    'post_excerpt' => 'Пʼятеро учнів представлять область на заключному етапі олімпіади.',
    'post_status' => 'publish', 'post_author' => $olena, 'post_date' => '2024-03-12 10:30:00',
    'post_category' => [$education], 'tags_input' => ['освіта', 'олімпіада'],
]);
$lead = add_picture("$fixtures/olympiad.jpg", 'olympiad.jpg', '2024/03', 'Учасники олімпіади', 'Учасники олімпіади в актовій залі ліцею', 'Учасники олімпіади. Фото: управління освіти', $olympiad);
set_post_thumbnail($olympiad, $lead);
wp_insert_comment([
    'comment_post_ID' => $olympiad, 'comment_author' => 'Марія', 'comment_author_email' => 'maria@example.com',
    'comment_content' => 'Вітаю дітей і вчителів!', 'comment_approved' => 1, 'comment_date' => '2024-03-12 12:00:00',
]);

// 2. Block editor: paragraphs, a heading and an image block pointing at WordPress's resized copy.
$clinic = add_post([
    'post_title' => 'В обласній лікарні відкрили відділення реабілітації',
    'post_status' => 'publish', 'post_author' => $petro, 'post_date' => '2024-04-02 14:05:00',
    'post_category' => [$health], 'tags_input' => ['медицина', 'реабілітація'],
]);
$ward = add_picture("$fixtures/ward.jpg", 'ward.jpg', '2024/04', 'Нове відділення', 'Світла палата з двома ліжками', 'Палата нового відділення', $clinic);
$large = wp_get_attachment_image_src($ward, 'large')[0];
wp_update_post(['ID' => $clinic, 'post_content' => <<<HTML
<!-- wp:paragraph -->
<p>Відділення розраховане на 30 ліжок. Тут лікуватимуть пацієнтів після травм та операцій.</p>
<!-- /wp:paragraph -->

<!-- wp:heading -->
<h2>Що є у відділенні</h2>
<!-- /wp:heading -->

<!-- wp:list -->
<ul><li>зал лікувальної фізкультури;</li><li>кабінети масажу й фізіотерапії.</li></ul>
<!-- /wp:list -->

<!-- wp:image {"id":$ward,"sizeSlug":"large","linkDestination":"none"} -->
<figure class="wp-block-image size-large"><img src="$large" alt="Світла палата з двома ліжками" class="wp-image-$ward"/><figcaption>Палата нового відділення</figcaption></figure>
<!-- /wp:image -->

<!-- wp:paragraph -->
<p>Обладнання закуплено коштом обласного бюджету та за підтримки міжнародних партнерів.</p>
<!-- /wp:paragraph -->
HTML]);

// 3. Classic editor with an image inserted by the media button ([caption] around the medium copy), two categories.
$medium = wp_get_attachment_image_src($ward, 'medium');
add_post([
    'post_title' => "Шкільні медсестри пройшли навчання з домедичної допомоги",
    'post_content' => "Навчання провели фахівці обласного центру екстреної медичної допомоги.\n\n[caption id=\"attachment_$ward\" align=\"alignnone\" width=\"{$medium[1]}\"]<img class=\"size-medium wp-image-$ward\" src=\"{$medium[0]}\" alt=\"Світла палата з двома ліжками\" width=\"{$medium[1]}\" height=\"{$medium[2]}\" /> Заняття в навчальному класі[/caption]\n\nКожна учасниця отримала сертифікат.",
    'post_status' => 'publish', 'post_author' => $olena, 'post_date' => '2024-04-15 09:00:00',
    'post_category' => [$education, $health], 'tags_input' => ['освіта', 'медицина'],
]);

// 4. No category but WordPress's default one: the importer needs --department for it.
add_post([
    'post_title' => 'Графік особистого прийому громадян на травень',
    'post_content' => "Керівництво обласної військової адміністрації проводитиме особистий прийом громадян за попереднім записом.\n\nЗапис за телефоном (0532) 56-00-00.",
    'post_status' => 'publish', 'post_author' => $petro, 'post_date' => '2024-04-29 16:45:00',
]);

// 5. A draft (no date yet in WordPress: post_date_gmt stays 0000-00-00 00:00:00).
add_post([
    'post_title' => 'Чернетка: підсумки вступної кампанії',
    'post_content' => "Текст готується.\n\nЦифри буде додано після 1 вересня.",
    'post_status' => 'draft', 'post_author' => $olena, 'post_category' => [$education],
]);

// 6. Scheduled for the future, block editor.
add_post([
    'post_title' => 'День донора в обласній лікарні',
    'post_content' => "<!-- wp:paragraph -->\n<p>Запрошуємо всіх охочих здати кров 14 червня.</p>\n<!-- /wp:paragraph -->",
    'post_status' => 'future', 'post_author' => $petro, 'post_date' => '2030-06-10 08:00:00',
    'post_category' => [$health], 'tags_input' => ['медицина'],
]);

// 7. Deleted into the trash: not imported.
$trashed = add_post([
    'post_title' => 'Помилково опублікована новина',
    'post_content' => 'Цей текст не мав бути опублікований.',
    'post_status' => 'publish', 'post_author' => $olena, 'post_date' => '2024-05-02 10:00:00', 'post_category' => [$education],
]);
wp_trash_post($trashed);

// 8. Block editor with a Latin slug chosen by hand, an apostrophe in the title and an ampersand.
add_post([
    'post_title' => "Обласний центр здоров'я підбив підсумки кампанії щеплень & скринінгу",
    'post_name' => 'vaccination-results-2024',
    'post_content' => "<!-- wp:paragraph -->\n<p>За пів року щеплено понад <strong>12 тисяч</strong> мешканців області.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><!-- wp:paragraph -->\n<p>Дякуємо медикам за щоденну працю.</p>\n<!-- /wp:paragraph --></blockquote>\n<!-- /wp:quote -->",
    'post_status' => 'publish', 'post_author' => $petro, 'post_date' => '2024-05-20 11:15:00',
    'post_category' => [$health], 'tags_input' => ['медицина', 'щеплення'],
]);

// 9. Pending review.
add_post([
    'post_title' => 'Зустріч з батьками першокласників',
    'post_content' => 'Зустріч відбудеться в серпні.',
    'post_status' => 'pending', 'post_author' => $olena, 'post_category' => [$education],
]);

// A page: not news.
wp_insert_post(['post_type' => 'page', 'post_title' => 'Про управління', 'post_content' => 'Сторінка з контактами.', 'post_status' => 'publish', 'post_author' => $admin]);

ob_start();
export_wp(['content' => 'all']);
$xml = ob_get_clean();
fwrite(STDOUT, $xml);
