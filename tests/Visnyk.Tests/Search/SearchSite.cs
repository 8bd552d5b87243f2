using Microsoft.Extensions.DependencyInjection;
using Visnyk.Articles;
using Visnyk.Search;

namespace Visnyk.Tests.Search;

public static class SearchSite
{
    // Waits until the site's index holds every change saved so far (the indexer also runs on its own).
    public static async Task CaughtUpAsync(this SiteFactory site) =>
        await site.Services.GetRequiredService<SearchIndexer>().CatchUpAsync();

    public static Article Published(string title, string body, DateTime at, string summary = "") => new()
    {
        Title = title,
        Slug = Visnyk.Site.Transliteration.Slugify(title),
        Summary = summary,
        Body = body,
        Status = ArticleStatus.Published,
        PublishedAt = at,
        UpdatedAt = at,
    };

    // The titles of the results shown, in order.
    public static async Task<List<string>> TitlesAsync(this HttpClient client, string path) =>
        (await client.GetDocumentAsync(path)).QuerySelectorAll(".search-result__title a").Select(a => a.TextContent.Trim()).ToList();

    public static string Q(string text) => Uri.EscapeDataString(text);
}
