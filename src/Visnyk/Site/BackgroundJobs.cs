namespace Visnyk.Site;

// The site's own hosted services: the mail sender, the scheduled publisher, the search indexer,
// the metrics gauge, and whatever is added later. A process started with
// Visnyk:BackgroundJobs=false (the mirror export) serves pages only: it must not send mail or
// publish while the real site does, and it must not take the site's search index.
// Hosted services of the framework (Kestrel's own among them) stay.
public static class BackgroundJobs
{
    public static void RemoveFrom(IServiceCollection services)
    {
        var ours = typeof(BackgroundJobs).Assembly;
        for (var i = services.Count - 1; i >= 0; i--)
        {
            var d = services[i];
            if (d.ServiceType == typeof(IHostedService) && !d.IsKeyedService
                && (d.ImplementationType?.Assembly == ours
                    || d.ImplementationInstance?.GetType().Assembly == ours
                    // AddHostedService(s => s.GetRequiredService<MailSender>()): a lambda of ours
                    || d.ImplementationFactory?.Method.DeclaringType?.Assembly == ours))
            {
                services.RemoveAt(i);
            }
        }
    }
}
