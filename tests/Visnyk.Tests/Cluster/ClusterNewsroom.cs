using System.Net;
using AngleSharp.Html.Parser;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Cluster;

// The newsroom over HTTP through nginx, as one person whose requests land on either instance
// (clients of both instances that share one CookieContainer).
public static class ClusterNewsroom
{
    // The administrator's first visit: the password chosen on the set-up link's page through one
    // instance, the authenticator app turned on through the other, the newsroom open on the first.
    public static async Task SetUpAsync(string setupLink, HttpClient setUpOn, HttpClient twoFactorOn)
    {
        var setupPath = new Uri(setupLink).PathAndQuery;
        var setup = new HtmlParser().ParseDocument(await setUpOn.GetStringAsync(setupPath));
        var set = await setUpOn.PostFormAsync(setupPath, setupPath, ("user", setup.QuerySelector("input[name=user]")!.GetAttribute("value")!),
            ("Token", setup.QuerySelector("input[name=Token]")!.GetAttribute("value")!), ("Password", Newsroom.Newsroom.Password), ("Repeat", Newsroom.Newsroom.Password));
        Assert.Equal("/admin/account/two-factor", set.Headers.Location!.OriginalString);

        var twoFactor = new HtmlParser().ParseDocument(await twoFactorOn.GetStringAsync("/admin/account/two-factor"));
        var key = twoFactor.QuerySelector("[data-testid=authenticator-key]")!.TextContent.Replace(" ", "").ToUpperInvariant();
        var enabled = await twoFactorOn.PostFormAsync("/admin/account/two-factor", "/admin/account/two-factor", ("Code", Newsroom.Newsroom.Code(key)));
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await setUpOn.GetAsync("/admin/articles")).StatusCode);
    }

    // The one-time set-up link a command printed.
    public static string SetupLink(string output) => output.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/admin/setup?"));

    // A new article published with the editor's form from one instance, posted to the other.
    public static async Task PublishAsync(HttpClient formFrom, HttpClient postTo, string title, string body, int? department = null)
    {
        var form = new HtmlParser().ParseDocument(await formFrom.GetStringAsync("/admin/articles/edit"));
        var fields = new Dictionary<string, string>
        {
            ["Form.Title"] = title, ["Form.Summary"] = "Анонс", ["Form.Body"] = body,
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        };
        if (department is { } id)
        {
            fields["Form.Departments"] = id.ToString();
        }
        var published = await postTo.PostAsync("/admin/articles/edit?handler=Publish", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
    }
}
