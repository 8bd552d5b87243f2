using System.Diagnostics;
using Microsoft.Extensions.Options;
using Visnyk.Cli;
using Visnyk.Data;
using Visnyk.Site;

// Text and dates in the site's default language wherever nothing chose another (jobs, mail,
// commands), whatever the host's locale: a host with LANG=en_GB must not mail English.
SiteLanguage.UseDefaultOutsideRequests();

// Commands of the same binary (seed, ...) run instead of the site.
if (args.Length > 0 && Commands.IsCommand(args[0]))
{
    return await Commands.RunAsync(args);
}

var app = SiteApp.Build(args);
var built = SinceProcessStart();

// Start-up: schema up to date, demo content in a database without articles (Visnyk:DemoContent).
await app.Services.PrepareDatabaseAsync(demoContent: app.Services.GetRequiredService<IOptions<SiteOptions>>().Value.DemoContent);
var prepared = SinceProcessStart();

// Where the start's time goes (Information, category "Visnyk": bench/cold.sh's starts show it).
app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
    "Serving {Serving:F0} ms after the process started (services built at {Built:F0} ms, database ready at {Prepared:F0} ms)",
    SinceProcessStart(), built, prepared));
app.Run();
return 0;

static double SinceProcessStart() => (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
