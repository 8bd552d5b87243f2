using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Visnyk.Tests.Data;

public class EmptySiteFactory : SiteFactory
{
    protected override bool DemoContent => false;
}

public class DemoContentTests(EmptySiteFactory empty) : IClassFixture<EmptySiteFactory>
{
    [Fact]
    public async Task With_demo_content_off_the_site_starts_empty_and_still_serves_its_pages()
    {
        var home = await empty.Browserless().GetDocumentAsync("/");
        Assert.Contains("Новин поки немає", home.QuerySelector("main")!.TextContent);
        var news = await empty.Browserless().GetDocumentAsync("/news");
        Assert.Empty(news.QuerySelectorAll("main .news-item"));
        await using var scope = empty.Scope(out var db);
        Assert.Equal(0, await db.Articles.CountAsync());
        Assert.Equal(0, await db.Images.CountAsync());
    }

    [Fact]
    public async Task The_database_is_in_the_data_folder_in_wal_mode_or_in_postgresql_when_configured()
    {
        await empty.Browserless().GetAsync("/");
        if (empty.PostgreSql is not null)
        {
            await using var pg = empty.Scope(out var onServer);
            Assert.True(onServer.Database.IsNpgsql());
            Assert.False(File.Exists(Path.Combine(empty.DataDirectory, "visnyk.db")));
            Assert.Contains(await onServer.Database.GetAppliedMigrationsAsync(), m => m.EndsWith("_Initial"));
            return;
        }
        Assert.True(File.Exists(Path.Combine(empty.DataDirectory, "visnyk.db")));
        await using var scope = empty.Scope(out var db);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }
}

// Loaded by the site's own start, as on a fresh installation (other tests' sites start from a copy: DemoTemplate).
public class DemoLoadingSite : SiteFactory
{
    protected override bool DemoFromTemplate => false;
}

public class DemoContentLoadTests(DemoLoadingSite site) : IClassFixture<DemoLoadingSite>
{
    [Fact]
    public async Task Demo_content_is_loaded_once_with_placeholder_photos_in_the_data_folder()
    {
        await site.Browserless().GetAsync("/");
        await using var scope = site.Scope(out var db);
        // 13 news items in Ukrainian, 3 of them also in English.
        Assert.Equal(13, await db.Articles.CountAsync(a => a.Language == "uk"));
        Assert.Equal(3, await db.Articles.CountAsync(a => a.Language == "en" && a.OriginalId != null));
        var reference = await db.Articles.Include(a => a.Gallery).Include(a => a.LeadImage).SingleAsync(a => a.Title == Visnyk.Data.DemoContent.ReferenceTitle);
        Assert.Equal(4, reference.Gallery.Count);
        var lead = reference.LeadImage!;
        foreach (var width in lead.VariantWidths)
        {
            Assert.True(File.Exists(Path.Combine(site.DataDirectory, "media", $"{lead.Key}-{width}.webp")));
            Assert.True(File.Exists(Path.Combine(site.DataDirectory, "media", $"{lead.Key}-{width}.jpg")));
        }
        // Reloading the site does not load it twice.
        await Visnyk.Data.DataSetup.PrepareDatabaseAsync(site.Services, demoContent: true);
        Assert.Equal(16, await db.Articles.CountAsync());
    }
}
