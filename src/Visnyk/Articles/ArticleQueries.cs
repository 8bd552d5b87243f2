using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Media;
using Visnyk.Site;

namespace Visnyk.Articles;

// What news lists need of an article: no body, no gallery.
public record ArticleListItem(int Id, string Title, string Slug, string Summary, DateTime PublishedAt, DateTime UpdatedAt, Image? LeadImage)
{
    // In the language the list was read in (every list holds one language's news).
    public string Path => SiteLanguage.Current.PathOf($"/news/{Id}-{Slug}");
}

public static class ArticleQueries
{
    public static IQueryable<Article> Published(this IQueryable<Article> articles, DateTime utcNow) =>
        articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= utcNow);

    // Written in this language, whatever the scope reads (the newsroom's and the jobs' read every one).
    public static IQueryable<Article> WrittenIn(this IQueryable<Article> articles, SiteLanguage language)
    {
        var code = language.Code;
        return articles.Where(a => a.Language == code);
    }

    public static IQueryable<Article> Newest(this IQueryable<Article> articles) =>
        articles.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id);

    // Correlated EXISTS: SQLite walks the date index newest first, checking each article.
    public static IQueryable<Article> InDepartment(this IQueryable<Article> articles, int departmentId) =>
        articles.Where(a => a.Departments.Any(d => d.Id == departmentId));

    public static IQueryable<Article> WithTag(this IQueryable<Article> articles, int tagId) =>
        articles.Where(a => a.Tags.Any(t => t.Id == tagId));

    // Dates are whole Kyiv days, inclusive at both ends.
    public static IQueryable<Article> PublishedBetween(this IQueryable<Article> articles, DateOnly? from, DateOnly? to)
    {
        if (from is { } f)
        {
            var start = Site.KyivTime.StartOfDay(f);
            articles = articles.Where(a => a.PublishedAt >= start);
        }
        if (to is { } t)
        {
            var end = Site.KyivTime.StartOfDay(t.AddDays(1));
            articles = articles.Where(a => a.PublishedAt < end);
        }
        return articles;
    }

    // Words of the query, each found in the title or the summary, whatever the case.
    public static IQueryable<Article> Matching(this IQueryable<Article> articles, string? query)
    {
        foreach (var word in TextFold.Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(10))
        {
            articles = articles.Where(a => VisnykDb.Fold(a.Title).Contains(word) || VisnykDb.Fold(a.Summary).Contains(word));
        }
        return articles;
    }

    public static IQueryable<ArticleListItem> AsListItems(this IQueryable<Article> articles) =>
        articles.Select(a => new ArticleListItem(a.Id, a.Title, a.Slug, a.Summary, a.PublishedAt, a.UpdatedAt, a.LeadImage));
}
