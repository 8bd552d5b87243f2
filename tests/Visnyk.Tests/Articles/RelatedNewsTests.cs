using Microsoft.Extensions.DependencyInjection;
using Visnyk.Articles;
using Visnyk.Tags;
using Visnyk.Tests.Data;
using Visnyk.Tests.Search;

namespace Visnyk.Tests.Articles;

public class RelatedNewsTests(EmptySiteFactory site) : IClassFixture<EmptySiteFactory>
{
    static readonly DateTime Day = new(2025, 3, 1, 10, 0, 0, DateTimeKind.Utc);

    static Article Published(string title, int daysAgo, params Tag[] tags) => new()
    {
        Title = title,
        Slug = Visnyk.Site.Transliteration.Slugify(title),
        Status = ArticleStatus.Published,
        PublishedAt = Day.AddDays(-daysAgo),
        UpdatedAt = Day.AddDays(-daysAgo),
        Tags = [.. tags],
    };

    [Fact]
    public async Task Pinned_come_first_then_most_shared_tags_then_newest_never_itself_nor_unpublished()
    {
        await using var scope = site.Scope(out var db);
        var energy = new Tag { Name = "енергетика", Slug = "enerhetyka-rel" };
        var aid = new Tag { Name = "допомога", Slug = "dopomoha-rel" };
        var article = Published("Головна новина", 0, energy, aid);
        var bothOld = Published("Обидві теги, давня", 30, energy, aid);
        var oneNew = Published("Одна тега, свіжа", 1, energy);
        var oneOld = Published("Одна тега, давня", 40, aid);
        var none = Published("Без спільних тег", 2);
        var pinned = Published("Закріплена вручну", 100);
        var draft = Published("Чернетка зі спільними тегами", 1, energy, aid);
        draft.Status = ArticleStatus.Draft;
        db.Articles.AddRange(article, bothOld, oneNew, oneOld, none, pinned, draft);
        await db.SaveChangesAsync();
        article.PinnedRelated = [new PinnedRelation { RelatedId = pinned.Id, Position = 0 }, new PinnedRelation { RelatedId = article.Id, Position = 1 }];
        await db.SaveChangesAsync();

        var chrome = scope.ServiceProvider.GetRequiredService<Visnyk.Site.SiteChrome>();
        chrome.Invalidate();
        var page = await ArticlePage.LoadAsync(db, chrome, article.Id, DateTime.UtcNow, CancellationToken.None);
        Assert.Equal(["Закріплена вручну", "Обидві теги, давня", "Одна тега, свіжа"], page!.Related.Select(r => r.Title));

        // The page, with the search index built, weighs text too: the same three here, as the texts share nothing.
        await site.CaughtUpAsync();
        var html = await site.Browserless().GetDocumentAsync(article.Path);
        Assert.Equal(["Закріплена вручну", "Обидві теги, давня", "Одна тега, свіжа"],
            html.QuerySelectorAll("section.related .news-item__title").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public async Task With_the_search_index_an_article_on_the_same_subject_is_related_without_sharing_a_tag()
    {
        await using var scope = site.Scope(out var db);
        var article = Published("Укриття в школах Кременчука перевірили", 0);
        article.Body = "<p>Комісія перевірила укриття в школах Кременчука: вентиляцію, освітлення, запаси води. Укриття шкіл готові до навчального року.</p>";
        var subject = Published("Укриттями шкіл Кременчука опікуються громади", 50);
        subject.Body = "<p>Громади Кременчука облаштовують укриття у школах: вентиляція, освітлення й вода в укриттях шкіл.</p>";
        var other = Published("Фестиваль вареників у Полтаві", 1);
        other.Body = "<p>На фестивалі варили вареники з вишнями.</p>";
        var third = Published("Ярмарок меду в Миргороді", 2);
        third.Body = "<p>Пасічники продавали мед.</p>";
        db.Articles.AddRange(article, subject, other, third);
        await db.SaveChangesAsync();
        await site.CaughtUpAsync();

        var chrome = scope.ServiceProvider.GetRequiredService<Visnyk.Site.SiteChrome>();
        var search = scope.ServiceProvider.GetRequiredService<Visnyk.Search.NewsSearch>();
        var page = await ArticlePage.LoadAsync(db, chrome, article.Id, DateTime.UtcNow, CancellationToken.None, search: search);
        Assert.Equal("Укриттями шкіл Кременчука опікуються громади", page!.Related.First().Title);
        Assert.DoesNotContain(page.Related, r => r.Id == article.Id);
    }
}
