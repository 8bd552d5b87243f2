using Microsoft.Extensions.Options;
using Visnyk.Cli;
using Visnyk.Data;
using Visnyk.Site;

// Commands of the same binary (seed, ...) run instead of the site.
if (args.Length > 0 && Commands.IsCommand(args[0]))
{
    return await Commands.RunAsync(args);
}

var app = SiteApp.Build(args);

// Start-up: schema up to date, demo content in a database without articles (Visnyk:DemoContent).
await app.Services.PrepareDatabaseAsync(demoContent: app.Services.GetRequiredService<IOptions<SiteOptions>>().Value.DemoContent);

app.Run();
return 0;
