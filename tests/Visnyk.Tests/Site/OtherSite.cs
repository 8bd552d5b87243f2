using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Articles;
using Visnyk.Departments;
using Visnyk.Site;

namespace Visnyk.Tests.Site;

// A second site in the same installation, written straight into the database as `site create`
// will: its row, its hosts (a primary one and an alias), its settings, a department and a
// published article. Then the running site is told to read the hosts again, as the command will.
public record OtherSite(int Id, string Host, string Alias, string Name, string DepartmentName, int DepartmentId, string ArticleTitle)
{
    public static async Task<OtherSite> CreateAsync(SiteFactory site, int id, string host, bool reload = true)
    {
        var other = new OtherSite(id, host, "www." + host, $"Тестова громада №{id}", $"Відділ громади №{id}", 0, $"Новина громади №{id}");
        await site.EnsureSiteAsync(id, other.Name);
        await using (site.Scope(id, out var db))
        {
            // In the site's own scope, as the command writes its settings.
            db.SiteHosts.AddRange(new SiteHost { SiteId = id, Host = host, IsPrimary = true }, new SiteHost { SiteId = id, Host = other.Alias });
            var department = new Department { Name = other.DepartmentName, Slug = "viddil-hromady" };
            db.SiteSettings.Add(new SiteSettings { BodyName = other.Name });
            db.Articles.Add(new Article
            {
                Title = other.ArticleTitle, Slug = "novyna-hromady", Summary = "Анонс новини громади", Body = "<p>Текст новини громади.</p>",
                Status = ArticleStatus.Published, PublishedAt = DateTime.UtcNow.AddMinutes(-1), UpdatedAt = DateTime.UtcNow.AddMinutes(-1),
                Departments = [department],
            });
            await db.SaveChangesAsync();
            other = other with { DepartmentId = department.Id };
        }
        if (reload)
        {
            await site.Services.GetRequiredService<SiteHosts>().ReloadAsync();
        }
        return other;
    }

    // A client of this site's host (cookies kept, redirects not followed).
    public HttpClient Client(SiteFactory site) => ClientOf(site, Host);

    public static HttpClient ClientOf(SiteFactory site, string host) =>
        site.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{host}"), AllowAutoRedirect = false, HandleCookies = true });
}
