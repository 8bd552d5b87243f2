using System.ComponentModel.DataAnnotations;

namespace Visnyk.Site;

// Configuration section "Visnyk" (environment: Visnyk__DataDirectory and so on).
public class SiteOptions
{
    public const string Section = "Visnyk";

    // Everything the embedded default keeps: the SQLite database and the media files.
    [Required]
    public string DataDirectory { get; set; } = "./data";

    // When the site starts on a database without articles, load the demo news (the reference page and
    // its neighbours) and photos. Commands never do (`seed --demo` is asked to); set false for a real site.
    public bool DemoContent { get; set; } = true;

    // A certificate (PKCS#12 file with its private key) that encrypts the Data Protection keys stored
    // in the database: kept outside the database and its backups, so a copy of either cannot sign
    // sessions, set-up links or preview links. Keys written before it was set stay readable.
    public string? KeyCertificate { get; set; }
    public string? KeyCertificatePassword { get; set; }

    // Public base URL for links that leave the site (share links, feeds, mail); empty: taken from the request.
    public string? PublicUrl { get; set; }

    public bool HasValidPublicUrl =>
        string.IsNullOrEmpty(PublicUrl)
        || Uri.TryCreate(PublicUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https";

    // Off only to measure rendering cost (bench/) or to debug; every page then renders per request.
    public bool OutputCache { get; set; } = true;

    // Off for a process that only answers requests and must not act (the mirror export): no mail,
    // no scheduled publishing, no search index of its own (see BackgroundJobs).
    public bool BackgroundJobs { get; set; } = true;

    // The static mirror this instance keeps up to date ("Visnyk:Mirror"; Mirror/MirrorSync).
    public MirrorOptions Mirror { get; set; } = new();

    // Many sites: what a host no site has answers ("Visnyk:Sites").
    public SitesOptions Sites { get; set; } = new();

    // Back office: session length, sign-in rate, allowed networks ("Visnyk:Admin").
    public Accounts.AdminOptions Admin { get; set; } = new();

    // Uploads: size and pixel limits ("Visnyk:Media").
    public Media.MediaOptions Media { get; set; } = new();

    // Mail: SMTP server, sender, rates, digest times ("Visnyk:Mail").
    public Newsletter.MailOptions Mail { get; set; } = new();

    // Besides loopback, the networks (CIDR) of the proxies in front (nginx on another host) whose
    // X-Forwarded-For and X-Forwarded-Proto are believed: the client's address for rate limits, the
    // audit log and the admin allow-list, and https for cookies and HSTS.
    public List<string> ProxyNetworks { get; set; } = [];

    // Besides loopback, the networks (CIDR) that may read /metrics, e.g. the Prometheus server's.
    public List<string> MetricsNetworks { get; set; } = [];

    // An Npgsql connection string ("Host=db;Database=visnyk;Username=visnyk;Password=..."): the site
    // then keeps its data in PostgreSQL instead of the SQLite file, and several instances can share it.
    public string? PostgreSql { get; set; }

    public bool UsesPostgreSql => !string.IsNullOrWhiteSpace(PostgreSql);

    // The connection string of the role that owns the tables and is exempt from row-level security
    // (BYPASSRLS): migrations at start, backup and restore. PostgreSql above should then name a role
    // that only reads and writes rows, so that every request stays inside its site (docs/deployment.md).
    // Unset: PostgreSql does both, and must own the tables.
    public string? PostgreSqlMaintenance { get; set; }

    public string? MaintenanceConnection => string.IsNullOrWhiteSpace(PostgreSqlMaintenance) ? PostgreSql : PostgreSqlMaintenance;

    // A StackExchange.Redis configuration ("redis.internal:6379,password=..."): the output cache
    // then lives in Redis and is shared by every instance behind the proxy.
    public string? Redis { get; set; }

    // The prefix of this site's keys and channel in Redis (several sites can share one server).
    public string RedisInstance { get; set; } = "visnyk:";

    public bool UsesRedis => !string.IsNullOrWhiteSpace(Redis);

    // After a call to Redis fails, how long the site skips it (pages served uncached) before trying again.
    public TimeSpan RedisBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public string DatabasePath => Path.Combine(FullDataDirectory, "visnyk.db");
    public string MediaDirectory => Path.Combine(FullDataDirectory, "media");
    // This instance's search index; instances must not share it (each keeps its own copy in step
    // with the database). Empty: the "search" folder in the data folder.
    public string? SearchIndexDirectory { get; set; }

    public string FullSearchIndexDirectory => Path.GetFullPath(string.IsNullOrEmpty(SearchIndexDirectory) ? Path.Combine(FullDataDirectory, "search") : SearchIndexDirectory);

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
}

public class MirrorOptions
{
    // The folder nginx serves when no instance answers (deploy/nginx.conf's @mirror); empty: no
    // mirror is kept by the site (`mirror export` still makes one). One instance keeps it.
    public string? Directory { get; set; }

    // Many sites: the folder that holds a mirror of every other site, one folder per primary host
    // (SitesDirectory/hromada.gov.ua), which nginx picks by $host; empty: only the default site's.
    public string? SitesDirectory { get; set; }
}
