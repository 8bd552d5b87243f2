using Microsoft.Extensions.FileProviders;

// The ceiling of bench/cold.sh: Kestrel and the static-file middleware, nothing else. Serves the
// folder given as --root (BARE_ROOT) on ASPNETCORE_URLS.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var root = builder.Configuration["root"] ?? Environment.GetEnvironmentVariable("BARE_ROOT")
    ?? throw new InvalidOperationException("--root FOLDER is required");
var app = builder.Build();
app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.GetFullPath(root)) });
app.Run();
