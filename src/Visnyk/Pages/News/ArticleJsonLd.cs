using Visnyk.Articles;
using Visnyk.Site;
using static Visnyk.Pages.Shared.SchemaOrg;

namespace Visnyk.Pages.News;

// schema.org NewsArticle and BreadcrumbList (SchemaOrg writes them).
public static class ArticleJsonLd
{
    public static string For(Article article, string canonicalUrl, SiteSettings settings)
    {
        var origin = canonicalUrl[..^article.Path.Length];
        return Graph(
            new Dictionary<string, object?>
            {
                ["@type"] = "NewsArticle",
                ["@id"] = canonicalUrl + "#article",
                ["mainEntityOfPage"] = canonicalUrl,
                ["headline"] = article.Title.Length > 110 ? article.Title[..110] : article.Title,
                ["description"] = article.Summary,
                ["image"] = article.LeadImage is { } lead ? ImageObject(origin, lead) : null,
                ["datePublished"] = KyivTime.Iso(article.PublishedAt),
                ["dateModified"] = KyivTime.Iso(article.UpdatedAt),
                ["inLanguage"] = article.Language,
                ["author"] = article.Departments.Select(d => Organization(d.Name, origin + d.Path)).ToArray(),
                ["publisher"] = Organization(settings.BodyName, origin + "/"),
                ["keywords"] = article.Tags.Select(t => t.Name).ToArray(),
                ["license"] = string.IsNullOrEmpty(settings.LicenceUrl) ? null : settings.LicenceUrl,
            },
            Breadcrumbs((Visnyk.Text.Home, origin + article.Written.PathOf("/")), (Visnyk.Text.News, origin + article.Written.PathOf("/news")), (article.Title, canonicalUrl)));
    }
}
