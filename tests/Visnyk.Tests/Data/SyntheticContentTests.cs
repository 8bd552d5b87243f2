using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Media;

namespace Visnyk.Tests.Data;

public class SyntheticContentTests : IDisposable
{
    static readonly DateTime Now = new(2025, 9, 1, 9, 30, 0, DateTimeKind.Utc);
    readonly string folder = Directory.CreateTempSubdirectory("visnyk-synthetic-").FullName;

    [Fact]
    public async Task Adds_published_articles_with_clean_slugs_departments_tags_and_pictures()
    {
        await using var db = await OpenAsync("one.db");
        var reported = new List<int>();

        var added = await SyntheticContent.AddAsync(db, Pipeline(), 1200, Now, reported.Add, CancellationToken.None);

        Assert.Equal(1200, added);
        Assert.Equal([500, 1000, 1200], reported);
        var articles = await db.Articles.AsNoTracking()
            .Select(a => new
            {
                a.Title, a.Slug, a.Summary, a.Body, a.Status, a.PublishedAt, a.UpdatedAt, a.LeadImageId,
                Departments = a.Departments.Count, Tags = a.Tags.Count, Gallery = a.Gallery.Select(g => g.Position).ToList(),
            })
            .ToListAsync();
        Assert.Equal(1200, articles.Count);
        Assert.All(articles, a =>
        {
            Assert.Matches("^[a-z0-9-]+$", a.Slug);
            Assert.InRange(a.Title.Length, 40, 140);
            Assert.NotEmpty(a.Summary);
            Assert.Equal(ArticleStatus.Published, a.Status);
            Assert.InRange(a.PublishedAt, new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc), Now);
            Assert.InRange(a.UpdatedAt, a.PublishedAt, Now);
            Assert.InRange(Regex.Count(a.Body, "<p>"), 3, 7);
            Assert.All(Regex.Matches(a.Body, "</?([a-z]+)>").Select(m => m.Groups[1].Value), tag => Assert.Contains(tag, new[] { "p", "strong", "ul", "li" }));
            Assert.DoesNotContain("{", a.Body + a.Title + a.Summary);
            Assert.InRange(a.Departments, 1, 2);
            Assert.InRange(a.Tags, 1, 4);
            Assert.Equal(Enumerable.Range(0, a.Gallery.Count), a.Gallery.Order());
        });
        Assert.True(articles.Count(a => a.LeadImageId != null) > 900, "most articles have a lead picture");
        Assert.Contains(articles, a => a.Gallery.Count >= 2);
        Assert.True(articles.Select(a => a.PublishedAt.Year).Distinct().Count() >= 7, "the dates span the years since 2019");
        Assert.True(await db.Articles.SelectMany(a => a.Departments).Select(d => d.Id).Distinct().CountAsync() >= 5);
        Assert.True(await db.Articles.SelectMany(a => a.Tags).Select(t => t.Id).Distinct().CountAsync() >= 40);
        Assert.All(await db.Images.ToListAsync(), i => Assert.True(File.Exists(Path.Combine(folder, "media", $"{i.Key}-480.webp"))));
    }

    [Fact]
    public async Task Two_fresh_databases_get_the_same_articles()
    {
        await using var first = await OpenAsync("first.db");
        await using var second = await OpenAsync("second.db");

        await SyntheticContent.AddAsync(first, Pipeline(), 300, Now, null, CancellationToken.None);
        await SyntheticContent.AddAsync(second, Pipeline(), 300, Now, null, CancellationToken.None);

        Assert.Equal(await Texts(first), await Texts(second));
    }

    [Fact]
    public async Task On_the_demo_content_it_reuses_departments_and_tags_and_writes_the_same_articles()
    {
        await using var empty = await OpenAsync("empty.db");
        await using var demo = await OpenAsync("demo.db");
        await DemoContent.LoadAsync(demo, Pipeline(), Now, CancellationToken.None);
        var demoArticles = await demo.Articles.CountAsync();
        demo.ChangeTracker.Clear();

        await SyntheticContent.AddAsync(empty, Pipeline(), 300, Now, null, CancellationToken.None);
        await SyntheticContent.AddAsync(demo, Pipeline(), 300, Now, null, CancellationToken.None);

        Assert.Equal(await Texts(empty), (await Texts(demo)).Skip(demoArticles));
        var departmentSlugs = await demo.Departments.Select(d => d.Slug).ToListAsync();
        Assert.Equal(departmentSlugs.Distinct().Count(), departmentSlugs.Count);
        Assert.Single(departmentSlugs, "departament-osvity-i-nauky");
        Assert.Single(await demo.Tags.Where(t => t.Slug == "sotszakhyst").ToListAsync());
    }

    static async Task<List<string>> Texts(VisnykDb db) =>
        await db.Articles.OrderBy(a => a.Id).Select(a => a.Title + "\n" + a.Summary + "\n" + a.Body).ToListAsync();

    ImagePipeline Pipeline() => new(Path.Combine(folder, "media"));

    async Task<VisnykDb> OpenAsync(string name)
    {
        var db = TestDatabase.IsPostgreSql
            ? TestDatabase.Open(folder, Created(TestDatabase.CreatePostgreSql()))
            : new VisnykDb(DesignTimeFactory.Standalone("Data Source=" + Path.Combine(folder, name)));
        await db.Database.MigrateAsync();
        return db;
    }

    readonly List<string> databases = [];

    string Created(string database)
    {
        databases.Add(database);
        return database;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        databases.ForEach(TestDatabase.DropPostgreSql);
        Directory.Delete(folder, recursive: true);
    }
}
