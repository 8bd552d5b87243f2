using System.Globalization;
using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.FileProviders;
using Visnyk.Accounts;
using Visnyk.Api;
using Visnyk.Articles;
using Visnyk.Feedback;
using Visnyk.Caching;
using Visnyk.Cli;
using Visnyk.Data;
using Visnyk.Feeds;
using Visnyk.Newsletter;
using Visnyk.Newsroom;

namespace Visnyk.Site;

// The site: its services and its request pipeline. Program runs it; commands that need the
// whole site (mirror export) start it in-process, `host` choosing its server (in memory).
public static class SiteApp
{
    public static WebApplication Build(string[] args, Action<IWebHostBuilder>? host = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        // `dotnet run` outside Development still serves wwwroot's compressed, fingerprinted files from
        // the build output; a published site has them in place and this does nothing.
        builder.WebHost.UseStaticWebAssets();

        // Options: "Visnyk" section, checked at start so a bad configuration stops here with a clear message.
        builder.Services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.HasValidPublicUrl, "Visnyk:PublicUrl must be an absolute http(s) address, e.g. https://news.example.gov.ua")
            .Validate(o => o.Admin.SessionMaxHours > 0, "Visnyk:Admin:SessionMaxHours must be a positive number of hours")
            .Validate(o => o.Sites.Limits.IsValid, "Visnyk:Sites:Limits: RequestsAtOnce and Waiting must be 0 or more, NewsroomAtOnce 1 or more")
            .Validate(o => o.ProxyNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), "Visnyk:ProxyNetworks must be CIDR networks, e.g. 10.0.0.0/24")
            .ValidateOnStart();
        var site = builder.Configuration.GetSection(SiteOptions.Section).Get<SiteOptions>() ?? new SiteOptions();
        // ~0.4 s of the start on one core; on another, meanwhile.
        _ = DataSetup.WarmModelAsync(site);

        // Data: SQLite in the data folder.
        builder.Services.AddVisnykData(site);
        builder.Services.AddVisnykAccounts(site);
        builder.Services.AddHostedService<ScheduledPublisher>();
        builder.Services.AddHostedService<Visnyk.Notices.NoticeClock>();
        builder.Services.AddSingleton<Visnyk.Mirror.MirrorSync>();
        builder.Services.AddHostedService(s => s.GetRequiredService<Visnyk.Mirror.MirrorSync>());
        builder.Services.AddSingleton<Visnyk.Media.MediaCollector>();
        builder.Services.AddHostedService(s => s.GetRequiredService<Visnyk.Media.MediaCollector>());
        // Search: this instance's Lucene index, kept in step with the database by SearchIndexer.
        builder.Services.AddSingleton<Visnyk.Search.NewsIndex>();
        builder.Services.AddSingleton<Visnyk.Search.NewsSearch>();
        builder.Services.AddSingleton<Visnyk.Search.SearchIndexer>();
        builder.Services.AddHostedService(s => s.GetRequiredService<Visnyk.Search.SearchIndexer>());
        // News by e-mail: subscriptions, the outbox and its sender.
        builder.Services.AddVisnykNewsletter(site, site.Mail);
        // Residents' problem reports (/feedback): their limits.
        builder.Services.AddVisnykReports();
        // Liveness and readiness for the load balancer or systemd (/healthz, /readyz).
        builder.Services.AddVisnykHealth();
        // Metrics (OpenTelemetry, Prometheus form at /metrics for loopback and Visnyk:MetricsNetworks).
        builder.Services.AddVisnykMetrics();

        // Pages, Ukrainian first: Cyrillic is written as is, not as &#x...; entities (a third of the size).
        builder.Services.AddRazorPages(o =>
        {
            // The back office: signed-in newsroom users only, two-factor first where required.
            o.Conventions.AuthorizeFolder("/Admin", AccountsSetup.NewsroomPolicy);
            o.Conventions.AllowAnonymousToPage("/Admin/SignIn");
            o.Conventions.AllowAnonymousToPage("/Admin/SignInCode");
            o.Conventions.AllowAnonymousToPage("/Admin/Setup");
            o.Conventions.AllowAnonymousToPage("/Admin/Denied");
            // Unpublished articles at an unguessable, expiring address (Previews).
            o.Conventions.AddPageRoute("/News/Article", "/preview/{token}");
            // The site's pages are written in the same editor as news (SitePages).
            o.Conventions.AddPageRoute("/Admin/Articles/Edit", "/admin/pages/edit/{id:int?}");
            o.Conventions.AddPageRoute("/Admin/Articles/Edit", "/admin/documents/edit/{id:int?}");
            // Unpublished pages of the tree, as for articles.
            o.Conventions.AddPageRoute("/TreePage", "/preview/page/{token}");
            o.Conventions.AddPageRoute("/Documents/Document", "/preview/document/{token}");
            o.Conventions.AddFolderApplicationModelConvention("/Admin", m => m.Filters.Add(new ServiceFilterAttribute(typeof(TwoFactorGate))));
            // While the site is restored from a copy: no change from its newsroom, nor from its public mail forms.
            o.Conventions.AddFolderApplicationModelConvention("/Admin", m => m.Filters.Add(new ServiceFilterAttribute(typeof(WritesPause))));
            o.Conventions.AddFolderApplicationModelConvention("/Subscribe", m => m.Filters.Add(new ServiceFilterAttribute(typeof(WritesPause))));
            o.Conventions.AddPageApplicationModelConvention("/Unsubscribe", m => m.Filters.Add(new ServiceFilterAttribute(typeof(WritesPause))));
            // Public pages read the request's language; those written for every language answer under /en too.
            o.Conventions.AddFolderApplicationModelConvention("/", m =>
            {
                if (!m.ViewEnginePath.StartsWith("/Admin/", StringComparison.Ordinal))
                {
                    m.EndpointMetadata.Add(InEveryLanguage.Contains(m.ViewEnginePath) ? ReadsLanguage.Everywhere
                        : m.ViewEnginePath.StartsWith("/Documents/", StringComparison.Ordinal) ? ReadsLanguage.EverywhereInDefault : ReadsLanguage.DefaultOnly);
                }
            });
            // GET and HEAD, POST where the page has a form; 405 with Allow for the rest.
            RequestMethods.AddTo(o.Conventions);
        }).AddMvcOptions(RequestMethods.Configure).AddMvcOptions(FormMessages.Configure);
        builder.Services.AddScoped<TwoFactorGate>();
        builder.Services.AddScoped<WritesPause>();
        builder.Services.AddSingleton<Previews>();
        builder.Services.AddScoped<Visnyk.Media.MediaLibrary>();
        builder.Services.AddSingleton<Visnyk.Media.ImageQueue>();
        Visnyk.Media.ImageUpload.ConfigureLibvips();
        builder.Services.AddHttpContextAccessor();
        // The open-data API: an OpenAPI document, problem details, and GETs open to any origin.
        builder.Services.AddOpenApi();
        builder.Services.AddProblemDetails();
        builder.Services.AddCors(o => o.AddPolicy(OpenData.CorsPolicy, p => p.AllowAnyOrigin().WithMethods("GET", "HEAD")));
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddRequestLocalization(o =>
        {
            // The language of the request's address (LanguagePrefix), never the browser's guess.
            o.DefaultRequestCulture = new RequestCulture(SiteLanguage.Default.Culture);
            o.SupportedCultures = o.SupportedUICultures = [.. SiteLanguage.All.Select(l => l.Culture)];
            o.RequestCultureProviders = [new CustomRequestCultureProvider(http =>
                Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(http.Language().Culture.Name)))];
        });

        // Speed: cached public pages (in memory, or in Redis for several instances; evicted by tag), compressed responses.
        builder.Services.AddVisnykOutputCache(site);
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true; // pages carry no secrets; BREACH needs a secret echoed beside user input
            o.Providers.Add<BrotliPages>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        // What is kept in memory per site (chrome, latest news), bounded and dropped when idle.
        builder.Services.AddSingleton<SiteCache>();
        builder.Services.AddSingleton<SiteHosts>();
        builder.Services.AddScoped<SiteChrome>();
        // Behind nginx: the client's address and scheme from the proxy's headers, from trusted proxies only.
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var network in site.ProxyNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        builder.Services.AddScoped<LatestNews>();
        builder.Services.AddSingleton<Hromadas.HromadaNews>();

        if (!site.BackgroundJobs)
        {
            BackgroundJobs.RemoveFrom(builder.Services);
        }
        host?.Invoke(builder.WebHost);
        var app = builder.Build();

        app.UseForwardedHeaders();
        // The request's site, from its host: before anything that reads the database or caches a page.
        app.UseMiddleware<SiteResolution>();
        // /en/… : the same pages in English (PathBase "/en").
        app.UseMiddleware<LanguagePrefix>();

        // Errors: a plain Ukrainian page, never a stack trace; friendly 404 for unknown addresses.
        app.UseMiddleware<SecurityHeaders>();
        // The open-data API answers its errors as problem details (JSON), the rest with the error page.
        app.UseWhen(IsApi, api => api.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = UniqueViolation.StatusOf }).UseStatusCodePages());
        app.UseWhen(http => !IsApi(http), pages => pages.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error", StatusCodeSelector = UniqueViolation.StatusOf }));
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts(); // only ever sent over HTTPS
        }
        app.UseWhen(http => !IsApi(http), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        // Addresses of the old WordPress site answer 301 with the article's (only where nothing else answered).
        app.UseMiddleware<Visnyk.Import.OldAddresses>();

        app.UseResponseCompression();
        app.UseRequestLocalization();

        // Media files: named by their content, so they are cached for a year. At one address only (not under /en).
        Directory.CreateDirectory(site.MediaDirectory);
        app.UseWhen(http => http.Language().IsDefault, media => media.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(site.MediaDirectory),
            RequestPath = "/media",
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable",
        }));

        app.UseMiddleware<AdminNetworks>();
        app.UseVisnykMetrics(site);
        // Several sites: each holds a fair share of the server, so a flooded one does not slow the rest.
        app.UseMiddleware<SiteLimits>();
        app.UseRouting();
        app.UseMiddleware<LanguageEndpoints>();
        app.UseCors();
        // Dates, page numbers and text in addresses: 400 before any handler meets a value it cannot take.
        app.UseMiddleware<QueryRules>();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<SharedRendering>(); // a reader who leaves does not fail those waiting for the same page
        app.UseOutputCache();
        app.UseMiddleware<ConditionalGet>();

        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapNewsFeeds();
        app.MapSitemaps();
        Visnyk.Documents.DocumentFiles.MapDocumentFiles(app);
        Visnyk.Feeds.DocumentFeeds.MapDocumentFeeds(app);
        app.MapOpenData();
        Visnyk.Notices.NoticesApi.MapNotices(app);
        Visnyk.Offline.WebManifest.MapWebManifest(app);
        app.MapVisnykHealth();
        app.MapTlsAsk(site);
        app.MapOpenApi("/api/v1/openapi.json").RequireCors(OpenData.CorsPolicy).AlsoHead();

        return app;
    }

    // The public pages written for every language of the site so far (the register of documents
    // answers in every language too, its acts in Ukrainian; the rest answer in Ukrainian only).
    static readonly HashSet<string> InEveryLanguage = ["/Index", "/News/Index", "/News/Article", "/Tags/Tag", "/Search", "/Error",
        "/Subscribe/Index", "/Subscribe/Sent", "/Subscribe/Confirm", "/Subscribe/Manage", "/Unsubscribe",
        "/Departments/Index", "/Departments/Department", "/Sitemap", "/Accessibility", "/TreePage", "/People/Index", "/People/Person", "/Offline"];

    static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments("/api");
}
