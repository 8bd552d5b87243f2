#!/usr/bin/env python3
"""Writes a WordPress export (WXR 1.2, as WordPress 6's Tools -> Export writes it) of N text-only
Ukrainian news posts, for bench/import.sh. The channel header (site, authors, categories) is the
test fixture's, made by a real WordPress; the posts mix the classic editor (blank-line paragraphs)
and the block editor (<!-- wp:... --> comments, headings, lists, links, a quote), with percent-
encoded Cyrillic slugs, 1-3 of 8 categories, 2-5 of 60 tags, and a few drafts and trashed posts.

    bench/make-wxr.py N > export.xml      (deterministic for a given N)
"""
import os
import random
import sys
from datetime import datetime, timedelta
from urllib.parse import quote

FIXTURE = os.path.join(os.path.dirname(__file__), "..", "tests", "Visnyk.Tests", "Cli", "Fixtures", "wordpress", "export.xml")

CATEGORIES = [
    "Управління освіти", "Управління охорони здоров’я", "Департамент соціального захисту населення",
    "Департамент агропромислового розвитку", "Управління культури", "Департамент економічного розвитку",
    "Управління цифрової трансформації", "Прес-служба",
]
TAG_STEMS = ["освіта", "медицина", "соцзахист", "громади", "відбудова", "енергетика", "культура", "спорт",
             "агро", "ветерани", "гуманітарна допомога", "цифровізація", "дороги", "молодь", "безпека",
             "екологія", "інвестиції", "туризм", "ЦНАП", "бюджет"]
TAGS = [f"{stem} {suffix}".strip() for stem in TAG_STEMS for suffix in ("", "області", "2025")]
SENTENCES = [
    "Полтавська обласна військова адміністрація провела нараду з керівниками громад області.",
    "Учасники обговорили підготовку до опалювального сезону та роботу пунктів незламності.",
    "У громадах області відновили понад двадцять обʼєктів критичної інфраструктури.",
    "Фахівці департаменту нагадали, куди звертатися по соціальну допомогу внутрішньо переміщеним особам.",
    "Заступник начальника обласної військової адміністрації відзначив злагоджену роботу служб.",
    "Для мешканців сільських громад працюють мобільні центри надання адміністративних послуг.",
    "У закладах освіти області облаштовують укриття, щоб навчання тривало навіть під час тривог.",
    "Лікарі обласної лікарні провели понад сто складних операцій за місяць.",
    "Аграрії області завершили збирання ранніх зернових і показали добрі врожаї.",
    "Обласний бюджет спрямує додаткові кошти на ремонт доріг і мостів.",
    "Міжнародні партнери передали громадам генератори та обладнання для водоканалів.",
    "Ветерани війни можуть отримати консультацію щодо працевлаштування та навчання.",
    "У Полтаві відкрили новий простір для молоді з бібліотекою та коворкінгом.",
    "Представники громадськості взяли участь у публічному обговоренні програми розвитку.",
    "Під час зустрічі сторони підписали меморандум про співпрацю на наступні три роки.",
    "Мешканцям нагадали про правила поведінки під час повітряної тривоги.",
    "Прийом громадян відбудеться в приміщенні адміністрації за попереднім записом.",
    "Детальна інформація — на сайті департаменту та за телефоном гарячої лінії.",
    "Культурні заклади області підготували програму заходів до Дня Незалежності.",
    "Спортсмени Полтавщини вибороли медалі на всеукраїнських змаганнях.",
    "У громадах триває обстеження пошкоджених будинків для компенсації за зруйноване житло.",
    "Енергетики відновили живлення для більшості споживачів області.",
    "Служба у справах дітей нагадала про гарячу лінію для батьків і дітей.",
    "Громади отримали субвенцію на облаштування безбарʼєрного простору.",
]
HEADINGS = ["Що змінилося", "Як отримати допомогу", "Основні результати", "Наступні кроки", "Контакти"]


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def paragraphs(rng, count):
    return [" ".join(rng.sample(SENTENCES, rng.randint(2, 4))) for _ in range(count)]


def classic_body(rng):
    parts = paragraphs(rng, rng.randint(3, 6))
    parts[1] = parts[1] + ' Докладніше — на <a href="https://www.kmu.gov.ua/">урядовому порталі</a>.'
    if rng.random() < 0.4:
        parts.append("<strong>" + rng.choice(SENTENCES) + "</strong>")
    return "\n\n".join(parts)


def block_body(rng):
    out = []
    for i, text in enumerate(paragraphs(rng, rng.randint(3, 6))):
        if i == 2:
            out.append(f'<!-- wp:heading -->\n<h2 class="wp-block-heading">{rng.choice(HEADINGS)}</h2>\n<!-- /wp:heading -->')
            items = "".join(f"<li>{s}</li>" for s in rng.sample(SENTENCES, 3))
            out.append(f"<!-- wp:list -->\n<ul>{items}</ul>\n<!-- /wp:list -->")
        out.append(f"<!-- wp:paragraph -->\n<p>{text}</p>\n<!-- /wp:paragraph -->")
    if rng.random() < 0.3:
        out.append(f'<!-- wp:quote -->\n<blockquote class="wp-block-quote"><p>{rng.choice(SENTENCES)}</p></blockquote>\n<!-- /wp:quote -->')
    return "\n\n".join(out)


def post(rng, post_id, when, creators):
    words = rng.choice(SENTENCES).rstrip(".").split()
    title = " ".join(words[: rng.randint(6, min(12, len(words)))]) + f" ({post_id})"
    name = quote(title.lower().replace(" ", "-").replace("(", "").replace(")", "").replace(",", ""), safe="-").lower()[:200]
    status = "publish"
    roll = rng.random()
    if roll < 0.02:
        status = "draft"
    elif roll < 0.03:
        status = "trash"
    body = block_body(rng) if rng.random() < 0.5 else classic_body(rng)
    gmt = when.strftime("%Y-%m-%d %H:%M:%S")
    local = (when + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M:%S")
    link = f"https://oda.example.gov.ua/{when:%Y}/{when:%m}/{name}/"
    terms = []
    for category in rng.sample(CATEGORIES, rng.choice([1, 1, 1, 2, 3])):
        terms.append(f'<category domain="category" nicename="{quote(category.lower().replace(" ", "-"), safe="-").lower()}">{cdata(category)}</category>')
    for tag in rng.sample(TAGS, rng.randint(2, 5)):
        terms.append(f'<category domain="post_tag" nicename="{quote(tag.lower().replace(" ", "-"), safe="-").lower()}">{cdata(tag)}</category>')
    return f"""
		<item>
		<title>{cdata(title)}</title>
		<link>{link}</link>
		<pubDate>{when:%a, %d %b %Y %H:%M:%S} +0000</pubDate>
		<dc:creator>{cdata(rng.choice(creators))}</dc:creator>
		<guid isPermaLink="false">https://oda.example.gov.ua/?p={post_id}</guid>
		<description></description>
		<content:encoded>{cdata(body)}</content:encoded>
		<excerpt:encoded>{cdata(rng.choice(SENTENCES) if rng.random() < 0.5 else "")}</excerpt:encoded>
		<wp:post_id>{post_id}</wp:post_id>
		<wp:post_date>{cdata(local)}</wp:post_date>
		<wp:post_date_gmt>{cdata(gmt if status != "draft" else "0000-00-00 00:00:00")}</wp:post_date_gmt>
		<wp:post_modified>{cdata(local)}</wp:post_modified>
		<wp:post_modified_gmt>{cdata(gmt)}</wp:post_modified_gmt>
		<wp:comment_status>{cdata("open")}</wp:comment_status>
		<wp:ping_status>{cdata("open")}</wp:ping_status>
		<wp:post_name>{cdata(name if status != "draft" else "")}</wp:post_name>
		<wp:status>{cdata(status)}</wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:menu_order>0</wp:menu_order>
		<wp:post_type>{cdata("post")}</wp:post_type>
		<wp:post_password>{cdata("")}</wp:post_password>
		<wp:is_sticky>0</wp:is_sticky>
		{chr(10).join(terms)}
		</item>"""


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2001
    with open(FIXTURE, encoding="utf-8") as f:
        fixture = f.read()
    header = fixture[: fixture.index("<item>")].rstrip("\t")
    rng = random.Random(count)
    creators = ["olena.kovalenko", "petro", "admin"]
    start = datetime(2019, 1, 1, 6, 0)
    out = sys.stdout
    out.write(header)
    for i in range(count):
        out.write(post(rng, 1000 + i, start + timedelta(minutes=i * 731), creators))
    out.write("\n\t</channel>\n</rss>\n")


if __name__ == "__main__":
    main()
