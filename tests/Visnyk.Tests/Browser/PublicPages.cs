using System.Net;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Site;

namespace Visnyk.Tests;

public sealed record PublicPage(string Name, string Path, HttpStatusCode Status);

// Every kind of public page, found the way a reader finds them: by following links from /news.
// The checks (html-validate, axe) run once per kind, so a new page kind belongs in this list.
public static class PublicPages
{
    public const string ReferenceTitleStart = "Членкині";

    public static readonly string[] Kinds =
        ["home", "news", "news-page-2", "article", "tag", "department", "search", "sitemap", "accessibility", "page", "subpage", "people", "person", "search-people", "search-documents", "documents", "document", "subscribe", "subscribe-sent", "subscribe-bad-link", "feedback", "feedback-sent", "offline", "not-found", "en-home", "en-news", "en-article", "en-tag", "en-search", "en-subscribe", "en-subscribe-sent", "en-subscribe-bad-link", "en-departments", "en-department", "en-sitemap", "en-accessibility", "en-page", "en-subpage", "en-search-pages", "en-people", "en-person", "en-documents", "en-document", "en-offline", "en-not-found"];

    public static TheoryData<string> Names => new(Kinds);

    // The demo content fits on one page of /news; older archive stories give it a second page,
    // so the pager is checked too. They are a year older than the demo, so the home page,
    // "Останні новини" and the reference article look as they do without them.
    public static async Task AddArchiveAsync(SiteFactory site, int count = Paging.PageSize)
    {
        await using var scope = site.Scope(out var db);
        var oldest = await db.Articles.MinAsync(a => a.PublishedAt);
        for (var i = 1; i <= count; i++)
        {
            var at = oldest.AddDays(-365 - i);
            db.Articles.Add(new Article
            {
                Title = $"Архівна новина {i}",
                Slug = $"arkhivna-novyna-{i}",
                Summary = $"Короткий зміст архівної новини {i}.",
                Body = $"<p>Текст архівної новини {i}.</p>",
                Status = ArticleStatus.Published,
                PublishedAt = at,
                UpdatedAt = at,
            });
        }
        await db.SaveChangesAsync();
    }

    public static async Task<IReadOnlyDictionary<string, PublicPage>> FindAsync(HttpClient client)
    {
        var news = await client.GetDocumentAsync("/news");
        var article = news.QuerySelectorAll("a").FirstOrDefault(a => a.TextContent.Trim().StartsWith(ReferenceTitleStart, StringComparison.Ordinal))?.GetAttribute("href")
            ?? throw new InvalidOperationException($"/news has no link starting with «{ReferenceTitleStart}»");
        var articlePage = await client.GetDocumentAsync(article);
        string Href(string selector) => articlePage.QuerySelector(selector)?.GetAttribute("href")
            ?? throw new InvalidOperationException($"{article} has no «{selector}»");
        // A section of the page tree and a page in it, as the main menu leads to them.
        string Menu(int i) => news.QuerySelectorAll(".site-nav details a").ElementAtOrDefault(i)?.GetAttribute("href")
            ?? throw new InvalidOperationException("/news has no section with pages in its main menu");
        var secondPage = news.QuerySelector(".pager a[href*='page=2']")?.GetAttribute("href")
            ?? throw new InvalidOperationException("/news has no link to its second page");

        // The reference article in English, as its language switch leads to it, and a tag as the English article links it.
        var english = Href(".language-switch a");
        var englishPage = await client.GetDocumentAsync(english);
        var englishTag = englishPage.QuerySelector(".tags__list a")?.GetAttribute("href")
            ?? throw new InvalidOperationException($"{english} has no tags");
        var englishDepartment = englishPage.QuerySelector(".article__departments a")?.GetAttribute("href")
            ?? throw new InvalidOperationException($"{english} has no departments");

        // A section of the English page tree and a page in it, as the English main menu leads to them.
        var englishMenu = (await client.GetDocumentAsync("/en")).QuerySelectorAll(".site-nav details a").Select(a => a.GetAttribute("href")).ToList();
        string EnglishMenu(int i) => englishMenu.ElementAtOrDefault(i) ?? throw new InvalidOperationException("/en has no section with pages in its main menu");

        // A person as the list of the leadership leads to them.
        var person = (await client.GetDocumentAsync("/people")).QuerySelector(".person-card__name a")?.GetAttribute("href")
            ?? throw new InvalidOperationException("/people lists no one");

        // A document as the register lists it.
        var document = (await client.GetDocumentAsync("/documents")).QuerySelector(".documents__heading a")?.GetAttribute("href")
            ?? throw new InvalidOperationException("/documents lists nothing");

        PublicPage[] pages =
        [
            new("home", "/", HttpStatusCode.OK),
            new("news", "/news", HttpStatusCode.OK),
            new("news-page-2", secondPage, HttpStatusCode.OK),
            new("article", article, HttpStatusCode.OK),
            new("tag", Href(".tags__list a"), HttpStatusCode.OK),
            new("department", Href(".article__departments a"), HttpStatusCode.OK),
            new("search", "/search?q=" + Uri.EscapeDataString("Полтавщини"), HttpStatusCode.OK),
            new("departments", "/departments", HttpStatusCode.OK),
            new("sitemap", "/sitemap", HttpStatusCode.OK),
            new("accessibility", "/accessibility", HttpStatusCode.OK),
            new("page", Menu(0), HttpStatusCode.OK),
            new("subpage", Menu(1), HttpStatusCode.OK),
            new("people", "/people", HttpStatusCode.OK),
            new("person", person, HttpStatusCode.OK),
            new("search-people", "/search?q=" + Uri.EscapeDataString("заступника"), HttpStatusCode.OK),
            new("search-documents", "/search?kind=documents&q=" + Uri.EscapeDataString("розпорядження"), HttpStatusCode.OK),
            new("documents", "/documents", HttpStatusCode.OK),
            new("document", document, HttpStatusCode.OK),
            new("subscribe", "/subscribe", HttpStatusCode.OK),
            new("subscribe-sent", "/subscribe/sent", HttpStatusCode.OK),
            new("subscribe-bad-link", "/subscribe/manage/not-a-token", HttpStatusCode.OK),
            // The problem-report form as the link under the article opens it (naming the article).
            new("feedback", Href("main .report-link a"), HttpStatusCode.OK),
            new("feedback-sent", "/feedback/sent", HttpStatusCode.OK),
            new("offline", "/offline", HttpStatusCode.OK),
            new("not-found", "/no-such-page", HttpStatusCode.NotFound),
            new("en-home", "/en", HttpStatusCode.OK),
            new("en-news", "/en/news", HttpStatusCode.OK),
            new("en-article", english, HttpStatusCode.OK),
            new("en-tag", englishTag, HttpStatusCode.OK),
            new("en-search", "/en/search?q=meetings", HttpStatusCode.OK),
            new("en-subscribe", "/en/subscribe", HttpStatusCode.OK),
            new("en-subscribe-sent", "/en/subscribe/sent", HttpStatusCode.OK),
            new("en-subscribe-bad-link", "/en/subscribe/manage/not-a-token", HttpStatusCode.OK),
            new("en-departments", "/en/departments", HttpStatusCode.OK),
            new("en-department", englishDepartment, HttpStatusCode.OK),
            new("en-sitemap", "/en/sitemap", HttpStatusCode.OK),
            new("en-accessibility", "/en/accessibility", HttpStatusCode.OK),
            new("en-page", EnglishMenu(0), HttpStatusCode.OK),
            new("en-subpage", EnglishMenu(1), HttpStatusCode.OK),
            new("en-search-pages", "/en/search?kind=pages&q=region", HttpStatusCode.OK),
            new("en-people", "/en/people", HttpStatusCode.OK),
            new("en-person", "/en" + person, HttpStatusCode.OK),
            new("en-documents", "/en/documents", HttpStatusCode.OK),
            new("en-document", "/en" + document, HttpStatusCode.OK),
            new("en-offline", "/en/offline", HttpStatusCode.OK),
            new("en-not-found", "/en/no-such-page", HttpStatusCode.NotFound),
        ];
        // The search index builds in the background after start (it loads a dictionary first);
        // until then /search answers from the database with a note.
        for (var wait = 0; !(await client.GetStringAsync("/readyz")).Contains("\"search\":{\"status\":\"Healthy\""); wait++)
        {
            if (wait == 600)
            {
                throw new TimeoutException("The search index was not ready after a minute");
            }
            await Task.Delay(100);
        }
        return pages.ToDictionary(p => p.Name);
    }
}
