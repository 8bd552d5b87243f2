#!/usr/bin/env python3
"""Adds sites 3..N to a Visnyk SQLite database, each with its own copy of the demo content, for
bench/sites.sh. Creating 1,500 sites with the command line (`site create`, then content through the
newsroom) would take a process each; this copies rows the app itself wrote, in one transaction:

- the registry rows (Sites, SiteHosts) of site 2, which `site create` made just before: one host
  each (HOST_FORMAT), the name NAME_FORMAT, the same CreatedAt;
- every site-owned row (a table with a SiteId column, Sites and SiteHosts apart) of the template:
  a database where the app loaded the demo content into site 1 and nothing else (it started once
  on an empty data folder). Sites 2..N get a copy each, with SiteId set, primary keys moved past
  the database's own (the same offset scheme per site) and every reference to a copied row moved
  with it (the foreign keys the schema declares, and ArticleChanges.ArticleId, which has none).
  The settings row is the demo's with the site's name as BodyName (what an administrator filling
  in /admin/settings makes); site 2's own, from `site create`, gives way to it.

Any other column named ...Id that holds a value stops the script: a new reference would otherwise
be copied unmoved. Then it checks what it wrote (foreign keys, one site's references never reaching
another site's rows, every site's rows equal to the template's but for ids, SiteId and BodyName)
and runs ANALYZE, as `seed` does after its bulk load.

    bench/make-sites.py DB TEMPLATE N [HOST_FORMAT [NAME_FORMAT]]
    (printf formats; defaults: 's%04d.sites.test', 'Тестова громада %d')
"""
import sqlite3
import sys

REGISTRY = {"Sites", "SiteHosts"}
# References without a foreign key in the schema: table -> {column: table referred to}.
UNDECLARED = {"ArticleChanges": {"ArticleId": "Articles"}}
SITE = "SiteId"


def columns(db, schema, table):
    return [(r[1], r[2].upper(), r[5]) for r in db.execute(f'PRAGMA {schema}.table_info("{table}")')]


def main(path, template, count, host_format="s%04d.sites.test", name_format="Тестова громада %d"):
    count = int(count)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA busy_timeout = 10000")
    db.execute("ATTACH DATABASE ? AS tpl", (template,))
    sites = [r[0] for r in db.execute('SELECT "Id" FROM main."Sites" ORDER BY 1')]
    if sites != [1, 2]:
        sys.exit(f"make-sites: expected sites 1 and 2 (the second from `site create`), found {sites[:5]}")
    if [r[0] for r in db.execute('SELECT "Id" FROM tpl."Sites"')] != [1]:
        sys.exit("make-sites: the template must hold site 1 only")

    tables = [r[0] for r in db.execute("SELECT name FROM tpl.sqlite_master WHERE type = 'table' ORDER BY name")]
    owned = [t for t in tables if t not in REGISTRY and any(c[0] == SITE for c in columns(db, "tpl", t))
             and db.execute(f'SELECT count(*) FROM tpl."{t}"').fetchone()[0] > 0]

    # Tables whose rows are numbered by one INTEGER "Id": where their copies start, per site.
    moved = {}
    for t in owned:
        pk = [c for c in columns(db, "tpl", t) if c[2] > 0]
        if len(pk) == 1 and pk[0][0] == "Id" and pk[0][1] == "INTEGER":
            low, high = db.execute(f'SELECT min("Id"), max("Id") FROM tpl."{t}"').fetchone()
            seq = db.execute("SELECT seq FROM main.sqlite_sequence WHERE name = ?", (t,)).fetchone()
            base = max(seq[0] if seq else 0, db.execute(f'SELECT coalesce(max("Id"), 0) FROM main."{t}"').fetchone()[0])
            moved[t] = (base, high - low + 1, low)

    def moved_id(table, column):  # SQL for the copy's id in site n.s of a template row's id
        base, span, low = moved[table]
        return f'{base} + (n.s - 2) * {span} + ({column} - {low} + 1)'

    plan = {}  # table -> (column names, SELECT expressions), in the template's column order
    for t in owned:
        refs = references(db, t)
        refs.update(UNDECLARED.get(t, {}))
        names, exprs = [], []
        for name, kind, pk in columns(db, "tpl", t):
            col = f'x."{name}"'
            if name == SITE:
                expr = "n.s"
            elif name == "Id" and t in moved:
                expr = moved_id(t, col)
            elif name in refs:
                target = refs[name]
                if target not in moved:
                    sys.exit(f"make-sites: {t}.{name} refers to {target}, which is not copied")
                expr = f"CASE WHEN {col} IS NULL THEN NULL ELSE {moved_id(target, col)} END"
            elif t == "SiteSettings" and name == "BodyName":
                expr = '(SELECT s."Name" FROM main."Sites" s WHERE s."Id" = n.s)'
            else:
                if name.endswith("Id") and db.execute(f'SELECT count(*) FROM tpl."{t}" WHERE "{name}" IS NOT NULL').fetchone()[0]:
                    sys.exit(f"make-sites: {t}.{name} looks like a reference this script does not know: teach it (UNDECLARED)")
                expr = col
            names.append(f'"{name}"')
            exprs.append(expr)
        plan[t] = (names, exprs)

    db.execute("BEGIN IMMEDIATE")
    db.execute("CREATE TEMP TABLE n (s INTEGER PRIMARY KEY)")
    db.executemany("INSERT INTO temp.n VALUES (?)", [(s,) for s in range(2, count + 1)])
    # The registry: sites 3..N shaped as `site create` made site 2.
    db.executemany('INSERT INTO main."Sites" ("Id", "CreatedAt", "Name", "ParentId") '
                   'SELECT ?, "CreatedAt", ?, "ParentId" FROM main."Sites" WHERE "Id" = 2',
                   [(s, name_format % s) for s in range(3, count + 1)])
    db.execute('UPDATE main."Sites" SET "Name" = ? WHERE "Id" = 2', (name_format % 2,))
    db.execute('UPDATE main."SiteHosts" SET "Host" = ? WHERE "SiteId" = 2', (host_format % 2,))
    db.executemany('INSERT INTO main."SiteHosts" ("SiteId", "Host", "IsPrimary") '
                   'SELECT ?, ?, "IsPrimary" FROM main."SiteHosts" WHERE "SiteId" = 2',
                   [(s, host_format % s) for s in range(3, count + 1)])
    db.execute('DELETE FROM main."SiteSettings" WHERE "SiteId" = 2')
    for t, (names, exprs) in plan.items():
        db.execute(f'INSERT INTO main."{t}" ({", ".join(names)}) SELECT {", ".join(exprs)} FROM temp.n n, tpl."{t}" x ORDER BY n.s, x.rowid')
    check(db, owned, plan, count)
    db.execute("COMMIT")
    db.execute("ANALYZE")
    print(f"make-sites: sites 2..{count} with {', '.join(f'{t} ({len_of(db, t)})' for t in owned)} rows of the template each")


def references(db, table):  # column -> table it refers to (the site column of (SiteId, …) keys is the site's own)
    return {r[3]: r[2] for r in db.execute(f'PRAGMA tpl.foreign_key_list("{table}")') if r[3] != SITE}


def len_of(db, table):
    return db.execute(f'SELECT count(*) FROM tpl."{table}"').fetchone()[0]


def check(db, owned, plan, count):
    problems = [r for r in db.execute("PRAGMA main.foreign_key_check")]
    if problems:
        sys.exit(f"make-sites: foreign keys broken: {problems[:5]}")
    for t in owned:
        per_site = db.execute(f'SELECT count(DISTINCT "{SITE}"), min(c), max(c) FROM (SELECT "{SITE}", count(*) c FROM main."{t}" WHERE "{SITE}" >= 2 GROUP BY "{SITE}")').fetchone()
        if per_site != (count - 1, len_of(db, t), len_of(db, t)):
            sys.exit(f"make-sites: {t}: sites, fewest and most rows per site {per_site}, expected {(count - 1, len_of(db, t), len_of(db, t))}")
        # A copy refers only to rows of its own site.
        refs = references(db, t)
        refs.update(UNDECLARED.get(t, {}))
        for column, target in refs.items():
            if target in REGISTRY:
                continue
            stray = db.execute(f'SELECT count(*) FROM main."{t}" c JOIN main."{target}" p ON p."Id" = c."{column}" '
                               f'WHERE c."{SITE}" >= 2 AND p."{SITE}" <> c."{SITE}"').fetchone()[0]
            missing = db.execute(f'SELECT count(*) FROM main."{t}" c WHERE c."{SITE}" >= 2 AND c."{column}" IS NOT NULL '
                                 f'AND NOT EXISTS (SELECT 1 FROM main."{target}" p WHERE p."Id" = c."{column}")').fetchone()[0]
            if stray or missing:
                sys.exit(f"make-sites: {t}.{column}: {stray} rows refer to another site's {target}, {missing} to none")
        # The first and the last site hold the template's rows, but for what was moved.
        names, _ = plan[t]
        kept = [n for n, e in zip(names, plan[t][1]) if e == f'x.{n}']
        if kept:
            listed = ", ".join(kept)
            want = db.execute(f'SELECT {listed} FROM tpl."{t}" ORDER BY rowid').fetchall()
            for s in (2, count):
                got = db.execute(f'SELECT {listed} FROM main."{t}" WHERE "{SITE}" = ? ORDER BY rowid', (s,)).fetchall()
                if got != want:
                    sys.exit(f"make-sites: {t} of site {s} differs from the template")


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5, 6):
        sys.exit(__doc__)
    main(*sys.argv[1:])
