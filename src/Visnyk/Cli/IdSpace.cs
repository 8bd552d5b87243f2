using Microsoft.EntityFrameworkCore;
using Visnyk.Data;

namespace Visnyk.Cli;

// The ids an imported site's rows take here. Ids are one sequence per table for the whole
// installation, so a site from elsewhere keeps every id no other site holds (its addresses stay
// the same), and the taken ones get new ids above everything either side has. `all` reads every
// site (AllSites). On PostgreSQL the table's identity sequence is first moved past the ids this
// import may use, so that a row another site saves meanwhile cannot take one of them; SQLite has
// one writer at a time, and the import's transaction is it. A site restored in place (`cleared`)
// has removed its own rows in the import's transaction, which `all` cannot see: its ids are free.
sealed class IdSpace(VisnykDb all, int? cleared)
{
    readonly bool postgres = all.Database.IsNpgsql();

    // `own`: the table's rows of the site restored in place were removed (the audit log's were not).
    public async Task<IdMap> MapAsync(string name, string table, IEnumerable<long> ids, bool own, CancellationToken ct)
    {
        var given = ids.ToList();
        var map = new IdMap(name);
        if (given.Count == 0)
        {
            return map;
        }
        var (min, max) = (given.Min(), given.Max());
        // The table's name is the model's, never input.
        string highest = $"""SELECT COALESCE(MAX(CAST("Id" AS bigint)), 0) AS "Value" FROM "{table}" """,
            reserve = $$"""SELECT setval(pg_get_serial_sequence('"{{table}}"', 'Id'), GREATEST(nextval(pg_get_serial_sequence('"{{table}}"', 'Id')), {0})) AS "Value" """,
            within = $$"""SELECT CAST("Id" AS bigint) AS "Value" FROM "{{table}}" WHERE "Id" BETWEEN {0} AND {1} AND "SiteId" <> {2}""";
        var top = Math.Max(max, await all.Database.SqlQueryRaw<long>(highest).SingleAsync(ct));
        if (postgres)
        {
            await all.Database.SqlQueryRaw<long>(reserve, top + given.Count).ToListAsync(ct);
        }
        var taken = (await all.Database.SqlQueryRaw<long>(within, min, max, own && cleared is { } site ? site : 0).ToListAsync(ct)).ToHashSet();
        var next = top + 1;
        foreach (var id in given)
        {
            if (!map.Add(id, taken.Contains(id) ? next++ : id))
            {
                throw new BackupException($"{name}: номер {id} повторюється");
            }
        }
        return map;
    }
}

// Old id → id here, for one table; an id the archive never had is a broken archive.
sealed class IdMap(string name)
{
    readonly Dictionary<long, long> ids = [];

    public int Count => ids.Count;

    public bool Add(long old, long now) => ids.TryAdd(old, now);

    public int this[long old] => (int)Long(old);

    public bool Has(int old) => ids.ContainsKey(old);

    public int? Maybe(int? old) => old is { } id ? this[id] : null;

    public long Long(long old) => ids.TryGetValue(old, out var now) ? now : throw new BackupException($"запис посилається на {name} {old}, якого в архіві немає");

    // The ids that changed, old and new.
    public List<(long Old, int New)> Changed() => ids.Where(p => p.Key != p.Value).Select(p => (p.Key, (int)p.Value)).ToList();
}
