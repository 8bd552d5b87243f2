using System.Net;

namespace Visnyk.Site;

// A configured list of networks (CIDR) that a client address is checked against: the back
// office's allowed networks, and the networks that may read /metrics.
public sealed class Networks(IEnumerable<string> cidrs, bool loopback = false)
{
    readonly IPNetwork[] networks = cidrs.Select(IPNetwork.Parse)
        .Concat(loopback ? [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")] : []).ToArray();

    public bool IsEmpty => networks.Length == 0;

    // An IPv4 client on a dual-stack socket arrives as ::ffff:a.b.c.d; it is checked as IPv4.
    public bool Contain(IPAddress? address) =>
        address is not null && networks.Any(n => n.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));
}
