using Microsoft.Playwright;

namespace Visnyk.Tests.Browser;

// The site on a real port (Kestrel, so Chromium can reach it) and one headless Chromium,
// shared by every browser test: starting Chromium costs a second, the site a few.
public class BrowserSite : IAsyncLifetime
{
    public const string Collection = "Browser";

    // Debian's Chromium (see TOOLING.md): Playwright downloads no browser of its own.
    const string ChromiumPath = "/usr/bin/chromium";
    static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    readonly SiteFactory site = new();
    IPlaywright? playwright;
    IBrowser? browser;

    public Uri BaseAddress { get; private set; } = null!;
    public IReadOnlyDictionary<string, PublicPage> Pages { get; private set; } = null!;
    public IBrowser Browser => browser!;
    // The site behind the port, for arranging data (accounts, articles) directly.
    public SiteFactory Site => site;

    public async Task InitializeAsync()
    {
        site.UseKestrel(0); // any free port on loopback
        site.StartServer();
        // Once Kestrel listens, the factory points its clients at it (http://127.0.0.1:PORT/, the
        // same address as the server's IServerAddressesFeature), and CreateClient goes over the socket.
        BaseAddress = site.ClientOptions.BaseAddress;

        await PrepareAsync();

        playwright = await Playwright.CreateAsync();
        browser = await LaunchAsync(playwright);
    }

    // Debian's Chromium, headless, as every browser test starts it.
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Args = ChromiumArgs });

    // The public pages the page tests visit, with an archive so that lists have a second page.
    protected virtual async Task PrepareAsync()
    {
        await PublicPages.AddArchiveAsync(site);
        Pages = await PublicPages.FindAsync(site.CreateClient());
    }

    // forTools: lets the test inject its own inline scripts (axe-core) past the site's CSP; the
    // other tests keep the CSP, so the site's own scripts are checked against it.
    // offline: with the site's service worker (wwwroot/sw.js), which the other tests leave out: it
    // fetches the latest news in the background, work that is not theirs to wait for or to count.
    public Task<IBrowserContext> NewContextAsync(ViewportSize viewport, bool javaScript = true, bool forTools = false, bool offline = false) =>
        Browser.NewContextAsync(new()
        {
            ViewportSize = viewport, JavaScriptEnabled = javaScript, BaseURL = BaseAddress.ToString(), Locale = "uk-UA", BypassCSP = forTools,
            ServiceWorkers = offline ? ServiceWorkerPolicy.Allow : ServiceWorkerPolicy.Block,
        });

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
        await site.DisposeAsync();
    }
}

[CollectionDefinition(BrowserSite.Collection)]
public class BrowserCollection : ICollectionFixture<BrowserSite>;
