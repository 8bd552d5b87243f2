using System.Security.Cryptography;

namespace Visnyk.Site;

// Security headers on every response. Scripts run only from the site's own files, or inline with
// this request's nonce (back office pages, which are never cached); no frames, no plugins, no
// third-party requests at all.
public class SecurityHeaders(RequestDelegate next)
{
    const string NonceKey = "Visnyk.CspNonce";
    const string OwnPolicyKey = "Visnyk.CspOwn";

    // This response's policy instead of the pages' one.
    public static void UsePolicy(HttpContext http, string policy) => http.Items[OwnPolicyKey] = policy;

    public Task InvokeAsync(HttpContext http)
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        http.Items[NonceKey] = nonce;
        var isolated = HoldsOnePersons(http.Request.Path);
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            // A response that asked for its own (a signed file's sandbox: Documents/DocumentFiles) gets it.
            if (http.Items[OwnPolicyKey] is string own)
            {
                headers.ContentSecurityPolicy = own;
            }
            else
            {
                headers.ContentSecurityPolicy =
                $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; img-src 'self' data:; " +
                "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
            }
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";
            if (isolated)
            {
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
            }
            return Task.CompletedTask;
        });
        return next(http);
    }

    // Pages of one person (the newsroom and its session, a draft's preview link, a subscriber's
    // own links) are cut off from any window that opened them. The public pages, the same for every
    // reader and without cookies, are not: a Cross-Origin-Opener-Policy makes the browser move the
    // page to a new group of windows (a new process) on arrival, which cost the article ~250 ms of
    // Lighthouse's total blocking time (mobile, score 100 without, 89–98 with; bench/README,
    // "Lighthouse and the opener policy").
    // (The language's prefix, /en, is in PathBase by now: LanguagePrefix runs first.) /feedback: a
    // refused report comes back with the resident's address and message in the form.
    static readonly string[] OnePersons = ["/admin", "/preview", "/subscribe", "/unsubscribe", "/feedback"];

    static bool HoldsOnePersons(PathString path) =>
        OnePersons.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    // For <script nonce="..."> in back office pages.
    public static string Nonce(HttpContext http) => http.Items[NonceKey] as string ?? "";
}
