namespace Visnyk.Cli;

// A one-line progress bar on standard error, for the long commands (reindex, mirror, backup, import).
public static class ProgressBar
{
    const int Width = 30;

    public static string Text(long done, long total)
    {
        var filled = total <= 0 ? Width : (int)Math.Min(Width, done * Width / total);
        return "[" + new string('#', filled) + new string('.', Width - filled) + $"] {(total <= 0 ? 100 : Math.Min(100, 100 * done / total)),3}%";
    }

    // Redraws the line in place: "[####......]  40% 400/1000 новин".
    public static void Show(long done, long total, string what) => Console.Error.Write($"\r{Text(done, total)} {done}/{total} {what}");
}
