using Microsoft.EntityFrameworkCore;
using Npgsql;
using Visnyk.Data;

namespace Visnyk.Tests;

// The database the tests run on. ./test.sh runs the suite twice: on the embedded default (SQLite,
// a file in each site's data folder), then with VISNYK_TEST_DATABASE=postgresql on what several
// instances use: PostgreSQL (a database of its own per site) and the output cache in Redis (a
// key prefix of its own per site). tests/servers/start.sh starts both servers on loopback and
// names them in VISNYK_TEST_POSTGRES and VISNYK_TEST_REDIS.
public static class TestDatabase
{
    public static bool IsPostgreSql => Environment.GetEnvironmentVariable("VISNYK_TEST_DATABASE") == "postgresql";

    public static string Server => Variable("VISNYK_TEST_POSTGRES");

    // Redis answers slowly on a loaded test machine: past the site's own 500 ms the breaker would skip
    // it for a while, readiness would say "degraded" and evictions would wait for the rejoin. The
    // tests about an unreachable Redis (RedisOutageTests, RedisAwayTests) name their own, with the
    // short timeouts.
    public static string Redis => $"{Variable("VISNYK_TEST_REDIS")},asyncTimeout=5000,syncTimeout=5000";

    static string Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value
        : throw new InvalidOperationException($"{name} is not set: run the tests with ./test.sh, or start the servers with eval \"$(tests/servers/start.sh)\"");

    // The role the sites serve requests as, as in production (docs/deployment.md): not a superuser,
    // not the tables' owner, no BYPASSRLS, so row-level security holds for it. The test server's own
    // superuser is the maintenance role (migrations, backup, restore) and the tests' view from outside.
    public const string AppRole = "visnyk_app";

    static readonly Lazy<bool> appRole = new(() =>
    {
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var create = new NpgsqlCommand($"""
            DO $$BEGIN CREATE ROLE {AppRole} LOGIN NOSUPERUSER NOBYPASSRLS;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END$$;
            """, connection);
        create.ExecuteNonQuery();
        return true;
    });

    // A new database on the test server, empty or a copy of a template (DemoTemplate); its
    // connection string (the superuser's).
    public static string CreatePostgreSql(string? template = null)
    {
        _ = appRole.Value;
        var name = "visnyk_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(Server))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"" + (template is null ? "" : $" TEMPLATE \"{template}\""), connection);
            create.ExecuteNonQuery();
        }
        var database = new NpgsqlConnectionStringBuilder(Server) { Database = name }.ToString();
        if (template is not null)
        {
            return database; // the template's default privileges came with it
        }
        using (var connection = new NpgsqlConnection(database))
        {
            // Whatever the migrations (or a restore) create, the site's role may read and write.
            connection.Open();
            using var grant = new NpgsqlCommand($"""
                ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {AppRole};
                ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {AppRole};
                """, connection);
            grant.ExecuteNonQuery();
        }
        return database;
    }

    // The same database as the site's own role.
    public static string AsApp(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Username = AppRole }.ToString();

    // The configuration of a site (or a command) on this database: served as the site's role, migrated
    // and backed up as the maintenance role.
    public static string[] Arguments(string connectionString) =>
        [$"--Visnyk:PostgreSql={AsApp(connectionString)}", $"--Visnyk:PostgreSqlMaintenance={connectionString}"];

    // A context on a site's database from outside the site (a second process's data, say).
    public static VisnykDb Open(string dataDirectory, string? postgreSql) => postgreSql is null
        ? new VisnykDb(DesignTimeFactory.Standalone($"Data Source={Path.Combine(dataDirectory, "visnyk.db")}"))
        : new PostgresDb(DesignTimeFactory.WithIdentity(new DbContextOptionsBuilder<PostgresDb>().UseNpgsql(postgreSql)).Options);

    public static void DropPostgreSql(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }
}
