using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Visnyk.Accounts;
using Visnyk.Tests.Data;
using Visnyk.Tests.Newsletter;
using Visnyk.Tests.Newsroom;
using Visnyk.Tests.Site;

namespace Visnyk.Tests.Cli;

// A restore in place (`site import --replace`) on PostgreSQL holds the site's row locked while it
// writes. Held up by a lock the test keeps, it is seen paused from outside (its newsroom refuses
// a change) and is unpaused once through; one that fails meanwhile (its statements time out)
// says so, changes nothing and ends the pause too. On PostgreSQL in both runs: the lock is
// PostgreSQL's (SQLite has one writer at a time), WritesPauseTests covers the pause itself.
public class RestorePauseTests(PostgreSqlSite site) : IClassFixture<PostgreSqlSite>
{
    [Fact]
    public async Task A_restore_pauses_the_newsroom_while_it_writes_and_ends_the_pause_after()
    {
        var (other, account, file, tag) = await ArrangeAsync(72, "hromada-restoring.test");
        var admin = await site.SignedInAsync(account, other.Client(site));

        Task<Backups.Run> restore;
        await using (var held = await HoldSiteRowAsync(other.Id))
        {
            restore = Backups.RunAsync(null, ["site", "import", file, "--replace", other.Id.ToString(), .. site.CommandArgs]);
            await WaitUntilBlockedAsync(restore);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await TagRenameTests.RenameAsync(admin, tag, "під час відновлення")).StatusCode);
            Assert.Equal("після копії", await WritesPauseTests.TagNameAsync(site, other.Id, tag));
            Assert.NotNull(await PausedUntilAsync(other.Id));
            await held.CommitAsync();
        }
        var restored = await restore;
        Assert.True(restored.Exit == 0, restored.Errors + restored.Output);
        Assert.Null(await PausedUntilAsync(other.Id));
        Assert.False(await TagExistsAsync(other.Id, tag)); // added after the copy: gone with the restore
        // The restore ended the site's sessions: signed in again, the newsroom takes changes.
        admin = await site.SignedInAsync(account, other.Client(site));
        Assert.DoesNotContain(WritesPauseTests.Notice, await admin.GetStringAsync("/admin/tags"));
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    [Fact]
    public async Task A_restore_that_fails_midway_says_so_changes_nothing_and_ends_the_pause()
    {
        var (other, _, file, tag) = await ArrangeAsync(73, "hromada-timed-out.test");
        Task<Backups.Run> restore;
        await using (var held = await HoldSiteRowAsync(other.Id))
        {
            // Statements that give up after 2 s: the restore's wait for the held row fails.
            static string Impatient(string connection) => new NpgsqlConnectionStringBuilder(connection) { CommandTimeout = 2 }.ToString();
            restore = Backups.RunAsync(null, ["site", "import", file, "--replace", other.Id.ToString(), $"--Visnyk:DataDirectory={site.DataDirectory}",
                $"--Visnyk:PostgreSql={Impatient(TestDatabase.AsApp(site.PostgreSql!))}", $"--Visnyk:PostgreSqlMaintenance={Impatient(site.PostgreSql!)}",
                "--Visnyk:DemoContent=false"]);
            var failed = await restore.WaitAsync(TimeSpan.FromMinutes(2));
            Assert.Equal(1, failed.Exit);
            Assert.Contains("нічого не змінено", failed.Errors);
            await held.RollbackAsync();
        }
        Assert.Null(await PausedUntilAsync(other.Id));
        Assert.Equal("після копії", await WritesPauseTests.TagNameAsync(site, other.Id, tag));
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    // A site with an administrator, its export, and a tag added after the export.
    async Task<(OtherSite Site, Newsroom.Newsroom.Account Admin, string File, int Tag)> ArrangeAsync(int id, string host)
    {
        var other = await OtherSite.CreateAsync(site, id, host);
        var account = await site.CreateAsync(Roles.Administrator, siteId: other.Id);
        var folder = Backups.TempFolder();
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "hromada.site");
        var export = await Backups.RunAsync(null, ["site", "export", other.Id.ToString(), file, .. site.CommandArgs]);
        Assert.True(export.Exit == 0, export.Errors);
        return (other, account, file, await WritesPauseTests.AddTagAsync(site, other.Id, "після копії", "pislia-kopii"));
    }

    // A transaction holding the site's row as a new row of the site does (FOR KEY SHARE), which
    // the restore's FOR UPDATE must wait for.
    async Task<HeldRow> HoldSiteRowAsync(int siteId)
    {
        var connection = new NpgsqlConnection(site.PostgreSql);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var share = new NpgsqlCommand($"SELECT 1 FROM \"Sites\" WHERE \"Id\" = {siteId} FOR KEY SHARE", connection, transaction);
        await share.ExecuteScalarAsync();
        return new HeldRow(connection, transaction);
    }

    sealed class HeldRow(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public Task CommitAsync() => transaction.CommitAsync();
        public Task RollbackAsync() => transaction.RollbackAsync();

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    // Until the restore's lock on the site's row shows as waiting in pg_stat_activity (state, not time).
    async Task WaitUntilBlockedAsync(Task restore)
    {
        await Mail.EventuallyAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(site.PostgreSql);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%"Sites"%FOR UPDATE%'
                """, connection);
            return (long)(await command.ExecuteScalarAsync())! > 0;
        }, waiting => waiting || restore.IsCompleted, seconds: 60);
        Assert.False(restore.IsCompleted, "The restore did not wait for the site's row");
    }

    async Task<DateTime?> PausedUntilAsync(int siteId)
    {
        await using var db = TestDatabase.Open(site.DataDirectory, site.PostgreSql);
        return await db.Sites.Where(s => s.Id == siteId).Select(s => s.WritesPausedUntil).SingleAsync();
    }

    async Task<bool> TagExistsAsync(int siteId, int tag)
    {
        await using var scope = site.Scope(siteId, out var db);
        return await db.Tags.AnyAsync(t => t.Id == tag);
    }
}
