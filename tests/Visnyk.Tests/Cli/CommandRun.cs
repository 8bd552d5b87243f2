using Visnyk.Cli;

namespace Visnyk.Tests.Cli;

// A command of the site's binary run in-process, with what it wrote to standard output and to
// standard error (progress bars, warnings). It replaces Console.Out and Console.Error while it
// runs, so its tests are in the ConsoleCollection.
public record CommandRun(int Exit, string Out, string Error)
{
    public static async Task<CommandRun> RunAsync(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var (originalOut, originalError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exit = await Commands.RunAsync(args);
            return new CommandRun(exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }
}
