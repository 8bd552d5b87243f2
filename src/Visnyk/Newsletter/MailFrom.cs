using MimeKit;
using Visnyk.Site;

namespace Visnyk.Newsletter;

// Who a site's mail comes from: the sender its administrators set (/admin/settings), or else the
// installation's (Visnyk:Mail:From), under the site's own name for any site but the default, so a
// hromada's subscribers see their hromada, not the oblast. A site may send only from its own
// domains or the installation's own address (Allowed): one site's administrators cannot sign mail as another site.
public static class MailFrom
{
    // The rule (Allowed) holds when mail is sent too: a sender stored before it, or by hand, that
    // breaks it gives way to the installation's address.
    public static MailboxAddress Of(int site, SiteSettings settings, MailOptions options, IEnumerable<string> siteHosts, string? publicUrl)
    {
        var installation = MailboxAddress.Parse(options.From);
        var address = settings.MailSenderAddress is { Length: > 0 } own && Allowed(own, site, siteHosts, options, publicUrl) ? own : installation.Address;
        var name = settings.MailSenderName is { Length: > 0 } chosen ? chosen
            : site != Site.Site.Default && settings.BodyName is { Length: > 0 } body ? body
            : installation.Name;
        return new MailboxAddress(name, address);
    }

    // May this site send from this address? From its own domains (each host, and without "www."),
    // or from the installation's own address exactly. The default site, usually the installation's
    // owner, also from the installation sender's domain and its public address's. Another site
    // never from a domain that is not its own: the installation's domain is the oblast's, and mail
    // signed there (SPF, DKIM) would pass as the oblast's.
    public static bool Allowed(string address, int site, IEnumerable<string> siteHosts, MailOptions options, string? publicUrl) =>
        string.Equals(address, MailboxAddress.Parse(options.From).Address, StringComparison.OrdinalIgnoreCase)
        || Domains(site, siteHosts, options, publicUrl).Contains(DomainOf(address));

    public static HashSet<string> Domains(int site, IEnumerable<string> siteHosts, MailOptions options, string? publicUrl)
    {
        var hosts = siteHosts.ToList();
        var domains = new HashSet<string>(StringComparer.Ordinal);
        if (site == Site.Site.Default)
        {
            domains.Add(DomainOf(MailboxAddress.Parse(options.From).Address));
            if (Uri.TryCreate(publicUrl, UriKind.Absolute, out var url))
            {
                hosts.Add(url.Host);
            }
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
