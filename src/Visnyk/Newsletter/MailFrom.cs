using MimeKit;
using Visnyk.Site;

namespace Visnyk.Newsletter;

// Who a site's mail comes from: the sender its administrators set (/admin/settings), or else the
// installation's (Visnyk:Mail:From), under the site's own name for any site but the default, so a
// hromada's subscribers see their hromada, not the oblast. A site may send only from its own
// domains or the installation's: one site's administrators cannot sign mail as another site.
public static class MailFrom
{
    public static MailboxAddress Of(int site, SiteSettings settings, MailOptions options)
    {
        var installation = MailboxAddress.Parse(options.From);
        var address = settings.MailSenderAddress is { Length: > 0 } own ? own : installation.Address;
        var name = settings.MailSenderName is { Length: > 0 } chosen ? chosen
            : site != Site.Site.Default && settings.BodyName is { Length: > 0 } body ? body
            : installation.Name;
        return new MailboxAddress(name, address);
    }

    // The domains a site may send from: the installation sender's, the site's hosts (and each
    // without "www."), and for the default site the configured public address's.
    public static HashSet<string> Domains(IEnumerable<string> siteHosts, MailOptions options, string? publicUrl)
    {
        var domains = new HashSet<string>(StringComparer.Ordinal) { DomainOf(MailboxAddress.Parse(options.From).Address) };
        var hosts = siteHosts.ToList();
        if (Uri.TryCreate(publicUrl, UriKind.Absolute, out var url))
        {
            hosts.Add(url.Host);
        }
        foreach (var host in hosts.Select(SiteHosts.Normalize))
        {
            domains.Add(host);
            if (host.StartsWith("www.", StringComparison.Ordinal))
            {
                domains.Add(host[4..]);
            }
        }
        return domains;
    }

    public static string DomainOf(string address) => SiteHosts.Normalize(address[(address.LastIndexOf('@') + 1)..]);
}
