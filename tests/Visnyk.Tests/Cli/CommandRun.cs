using System.Text;
using Visnyk.Cli;

namespace Visnyk.Tests.Cli;

// A command of the site's binary run in-process, with what it wrote to standard output and to
// standard error (progress bars, warnings, its console log). Console.Out and Console.Error are
// replaced once, for the whole test run, by writers that pass each write to the command running
// in that flow of execution (an AsyncLocal, which the command's tasks, threads and hosted services
// inherit), or to the real console outside any: commands of different test classes run at the
// same time without reading each other's output.
public record CommandRun(int Exit, string Out, string Error)
{
    static readonly AsyncLocal<(StringWriter Out, StringWriter Error)?> Captured = new();
    static readonly Lazy<bool> Installed = new(() =>
    {
        Console.SetOut(new Routed(Console.Out, () => Captured.Value?.Out));
        Console.SetError(new Routed(Console.Error, () => Captured.Value?.Error));
        return true;
    });

    public static async Task<CommandRun> RunAsync(params string[] args)
    {
        _ = Installed.Value;
        var (output, error) = (new StringWriter(), new StringWriter());
        // Set inside this async method: the caller's flow never sees it.
        Captured.Value = (output, error);
        var exit = await Commands.RunAsync(args);
        lock (output)
        lock (error)
        {
            return new CommandRun(exit, output.ToString(), error.ToString());
        }
    }

    sealed class Routed(TextWriter console, Func<StringWriter?> current) : TextWriter
    {
        public override Encoding Encoding => console.Encoding;

        public override void Write(char value) => To(w => w.Write(value));
        public override void Write(string? value) => To(w => w.Write(value));
        public override void Write(char[] buffer, int index, int count) => To(w => w.Write(buffer, index, count));
        public override void WriteLine(string? value) => To(w => w.WriteLine(value));
        public override void WriteLine() => To(w => w.WriteLine());
        public override void Flush() => To(w => w.Flush());

        void To(Action<TextWriter> write)
        {
            if (current() is { } captured)
            {
                lock (captured)
                {
                    write(captured);
                }
            }
            else
            {
                write(console);
            }
        }
    }
}
