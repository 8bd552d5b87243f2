namespace Visnyk.Site;

// A background job that runs at once and then every `interval` on the site's clock. A round that
// fails is logged and tried again at the next one: the job's work lives in the database or on
// disk, so nothing is lost by waiting.
public abstract class PeriodicJob(TimeSpan interval, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;
    protected ILogger Logger { get; } = logger;

    protected abstract Task RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Logger.LogError(e, "{Job} failed; trying again in {Interval}", GetType().Name, interval);
            }
            await Task.Delay(interval, Clock, stoppingToken);
        }
    }
}
