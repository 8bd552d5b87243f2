using Microsoft.Extensions.Options;

namespace Visnyk.Site;

public static class PublicUrl
{
    // Absolute address of a path: the configured public URL, or else the one this request came to.
    public static string For(HttpContext http, string path)
    {
        var configured = http.RequestServices.GetRequiredService<IOptions<SiteOptions>>().Value.PublicUrl;
        var origin = string.IsNullOrEmpty(configured)
            ? $"{http.Request.Scheme}://{http.Request.Host}"
            : configured.TrimEnd('/');
        return origin + path;
    }
}
