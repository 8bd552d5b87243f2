namespace Visnyk.Site;

// One website served by this installation: an oblast's or a hromada's. The embedded default is
// site 1 (Default) and answers every host until other sites exist. Content, settings, subscribers
// and the audit log belong to a site (a "SiteId" column, VisnykDb.SiteOwned); accounts do not.
public class Site
{
    public const int Default = 1;

    public int Id { get; set; }
    public required string Name { get; set; }
    // The site above this one (an oblast's, over its hromadas'): its "sites administrators"
    // administer this site too (Accounts.Roles.SitesAdministrator).
    public int? ParentId { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<SiteHost> Hosts { get; set; } = [];

    // Set while the site's content is replaced from a copy (`site import --replace`): its newsroom
    // takes no changes until then (WritesPause). A lease, so that a restore that died does not
    // leave the newsroom shut: it ends by itself.
    public DateTime? WritesPausedUntil { get; set; }

    // The end of a restore's lease begun now, in whole seconds: stored and compared as it is on
    // both databases (PostgreSQL keeps microseconds, .NET ticks).
    public static DateTime RestoreLeaseFrom(DateTime now) =>
        new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc) + TimeSpan.FromMinutes(30);
}

// A domain a site answers on (lower case, no port); the primary one is its canonical address.
public class SiteHost
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public required string Host { get; set; }
    public bool IsPrimary { get; set; }
}
