using Visnyk.Articles;
using Visnyk.Site;
using Visnyk.SitePages;
using static Visnyk.Pages.Shared.SchemaOrg;

namespace Visnyk.Pages;

// A page of the tree as schema.org WebPage of the body that runs the site, with its breadcrumbs.
public static class PageJsonLd
{
    // origin: the site's address without the trailing slash.
    public static string For(Article page, IReadOnlyList<PageTree.Node> above, string canonicalUrl, string origin, SiteSettings settings)
    {
        var crumbs = new List<(string, string)> { (Visnyk.Text.Home, origin + page.Written.PathOf("/")) };
        crumbs.AddRange(above.Select(a => (a.Title, origin + a.Path)));
        crumbs.Add((page.Title, canonicalUrl));
        return Graph(
            new Dictionary<string, object?>
            {
                ["@type"] = "WebPage",
                ["@id"] = canonicalUrl,
                ["url"] = canonicalUrl,
                ["name"] = page.Title,
                ["description"] = OrNull(page.Summary),
                ["inLanguage"] = page.Written.Code,
                ["dateModified"] = KyivTime.Iso(page.UpdatedAt > page.PublishedAt ? page.UpdatedAt : page.PublishedAt),
                ["publisher"] = Organization(settings.BodyName, origin + page.Written.PathOf("/")),
                ["breadcrumb"] = Breadcrumbs([.. crumbs]),
            });
    }
}
