using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;

namespace Visnyk.Newsroom;

// Preview links for unpublished articles: /preview/{token}, where the token is the article id and
// its preview version, signed and encrypted with the site's Data Protection keys and an expiry.
// Nobody can guess or forge one, and it stops working after Lifetime, or as soon as the article is
// withdrawn, removed or its links revoked (Article.RevokePreviews). No sign-in is needed to open
// one, so an editor can send it to a colleague or to the press office.
public class Previews(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    readonly ITimeLimitedDataProtector protector = protection.CreateProtector("Visnyk.Preview").ToTimeLimitedDataProtector();

    // A page of the tree is shown as a page (Pages/TreePage), an article as news.
    // In the article's language (/en/preview/…), so it is seen as readers will see it.
    public string Link(Article article) => article.Written.PathOf(
        $"/preview/{article.Kind switch { ArticleKind.Page => "page/", ArticleKind.Document => "document/", _ => "" }}{protector.Protect($"{article.Id}:{article.PreviewVersion}", clock.GetUtcNow() + Lifetime)}");

    // The article and preview version a genuine, unexpired token names (links made before versions: 0).
    bool TryRead(string token, out int articleId, out int version)
    {
        (articleId, version) = (0, 0);
        string text;
        try
        {
            text = protector.Unprotect(token, out var expires);
            if (expires <= clock.GetUtcNow())
            {
                return false;
            }
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false; // forged, damaged or expired
        }
        var parts = text.Split(':');
        return int.TryParse(parts[0], out articleId) && (parts.Length == 1 || parts.Length == 2 && int.TryParse(parts[1], out version));
    }

    // The article (among these: news, or pages) a genuine, unexpired token names, while it still
    // shows it; none otherwise.
    public async Task<int?> ArticleOfAsync(string token, IQueryable<Article> among, CancellationToken ct)
    {
        if (!TryRead(token, out var id, out var version))
        {
            return null;
        }
        var state = await among.Where(a => a.Id == id).Select(a => new { a.Status, a.PreviewVersion }).FirstOrDefaultAsync(ct);
        return state is not null && StillValid(state.Status, state.PreviewVersion, version) ? id : null;
    }

    // Whether the token still shows this article: made for its current version, and not removed.
    static bool StillValid(ArticleStatus status, int currentVersion, int tokenVersion) =>
        status is not ArticleStatus.Removed && currentVersion == tokenVersion;
}
