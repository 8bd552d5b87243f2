using Visnyk.Site;

namespace Visnyk.SitePages;

// Which page of the tree an address that is none of the application's own names (Pages/TreePage
// takes every such address, GET and HEAD only, so that other methods still get 405 from routing):
// found in the page tree kept in memory, so an unknown address costs no query.
public static class PageRoute
{
    // The page at this address, or at the address as it should be written ("/Pro-Oblast/" for
    // "/pro-oblast"), or none.
    public static async Task<PageTree.Node?> FindAsync(SiteChrome chrome, string path, CancellationToken ct)
    {
        var first = path.Length < 2 ? "" : path[1..].Split('/', 2)[0].ToLowerInvariant();
        if (first.Length == 0 || path.Length > Import.OldAddress.MaxPath || PageTree.Reserved.Contains(first))
        {
            return null;
        }
        return (await chrome.GetAsync(ct)).Pages.Find(Import.OldAddresses.Key(path));
    }
}
