using System.Diagnostics;

namespace Visnyk.Tests;

// The site's own binary (copied beside the tests) as a process of its own, on a loopback port,
// for tests of what only separate processes show: a kill mid-send, two instances behind nginx.
public static class SiteProcess
{
    // Starts it with these arguments and waits until it says it has started.
    public static async Task<Process> StartAsync(int port, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Visnyk.dll"));
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start)!;
        var started = new TaskCompletionSource();
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var failures = Failures.GetValue(process, _ => new());
        var inFailure = false;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                return;
            }
            if (line.Contains("Application started"))
            {
                started.TrySetResult();
            }
            // The console log's errors, each with its indented lines (message, exception, stack).
            inFailure = line.StartsWith("fail:") || line.StartsWith("crit:") || (inFailure && line.StartsWith(' '));
            if (inFailure && failures.Count < 400)
            {
                failures.Enqueue(line);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && errors.Count < 50)
            {
                errors.Enqueue(line);
            }
        };
        process.Exited += (_, _) => started.TrySetException(new InvalidOperationException("The site stopped at start:\n" + string.Join("\n", errors)));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // Generous: on a shared, loaded machine the first start (migrations, demo content) takes minutes.
        await started.Task.WaitAsync(TimeSpan.FromMinutes(5));
        return process;
    }

    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Process, System.Collections.Concurrent.ConcurrentQueue<string>> Failures = new();

    // The errors the process has logged (its first 400 lines of them), for a failing test to show.
    public static string LoggedFailures(this Process process) =>
        Failures.TryGetValue(process, out var lines) ? string.Join("\n", lines) : "";

    public static async Task StopAsync(this Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
