using Visnyk.Caching;
using Visnyk.Site;

namespace Visnyk.Offline;

// The web app manifest (installable on a phone's home screen, opening like an app), in the site's
// name and language; the service worker (wwwroot/sw.js) keeps pages for reading offline.
public static class WebManifest
{
    public static void MapWebManifest(this IEndpointRouteBuilder app)
    {
        app.MapGroup("").WithMetadata(new PublicResource(), ReadsLanguage.Everywhere).AlsoHead()
            .MapGet("/manifest.webmanifest", async (HttpContext http, SiteChrome chrome, CancellationToken ct) =>
            {
                http.Tag(CacheTags.Site);
                var language = http.Language();
                var settings = (await chrome.GetAsync(ct)).Settings.In(language);
                var home = language.PathOf("/");
                return Results.Json(new
                {
                    name = settings.BodyName,
                    short_name = settings.BodyName.Length <= 30 ? settings.BodyName : Text.ManifestShortName,
                    description = settings.Tagline,
                    lang = language.Code,
                    dir = "ltr",
                    start_url = home,
                    scope = "/",
                    id = "/",
                    display = "standalone",
                    background_color = "#ffffff",
                    theme_color = "#0b4a8b",
                    icons = new[]
                    {
                        new { src = "/favicon.svg", sizes = "any", type = "image/svg+xml", purpose = "any" },
                    },
                }, contentType: "application/manifest+json");
            });
    }
}
