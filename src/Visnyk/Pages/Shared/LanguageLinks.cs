using Microsoft.AspNetCore.Mvc.Rendering;
using Visnyk.Site;

namespace Visnyk.Pages;

// The page in the site's other languages: hreflang alternates in the head (when there is more than
// the page itself) and the language switch in the header. A page with translations of its own (an
// article) names them in ViewData["Alternates"], itself included; a page written for every language
// (ReadsLanguage.Everywhere: the home page, the news list) has the same address in each; an error
// page or one in one language only has none, and the switch leads to the other language's home page.
public sealed record LanguageLinks(IReadOnlyList<Alternate> Alternates, IReadOnlyList<LanguageLinks.Link> Switch)
{
    public const string Key = "Alternates";

    // Translated: the link leads to this page in that language; else to that language's home page.
    public sealed record Link(SiteLanguage Language, string Path, bool Translated);

    public static LanguageLinks Of(ViewContext view)
    {
        var http = view.HttpContext;
        var language = http.Language();
        var alternates = view.ViewData[Key] as IReadOnlyList<Alternate>
            ?? (http.Response.StatusCode < 400 && view.ViewData["NoIndex"] is not true
                && http.GetEndpoint()?.Metadata.GetMetadata<ReadsLanguage>() is { Prefixed: true }
                    ? SiteLanguage.All.Select(l => new Alternate(l, l.PathOf(http.Request.Path.Value ?? "/"))).ToList()
                    : []);
        var links = SiteLanguage.All.Where(l => l != language)
            .Select(l => alternates.FirstOrDefault(a => a.Language == l) is { } there
                ? new Link(l, there.Path, true)
                : new Link(l, l.PathOf("/"), false))
            .ToList();
        return new LanguageLinks(alternates.Count > 1 ? alternates : [], links);
    }
}
