using System.Collections;
using System.Reflection;
using Visnyk.Site;

namespace Visnyk.Cli;

// What one command accepts: its words ("import wordpress"), its arguments in order, its flags
// (--force) and its options with a value (--email E), and its usage. Anything else is refused with
// that usage (exit 2): a misspelt `--encrpyt` once passed for configuration, and the backup was
// written unencrypted. Settings are still given as on the site (`--Visnyk:DataDirectory=/srv/x`,
// `--Logging:LogLevel:Default=Warning`), but only settings that exist.
public sealed record CommandSpec(string Words, string Usage, string[]? Arguments = null, string[]? Flags = null, string[]? Options = null)
{
    public string[] Arguments { get; } = Arguments ?? [];
    public string[] Flags { get; } = Flags ?? [];
    public string[] Options { get; } = Options ?? [];
}

public sealed class ParsedCommand
{
    public List<string> Arguments { get; } = [];
    public HashSet<string> Flags { get; } = [];
    public Dictionary<string, string> Options { get; } = [];
    // Configuration for the command's host, in the form Host.CreateApplicationBuilder reads.
    public List<string> Settings { get; } = [];
    public bool Help { get; set; }

    public string? Option(string name) => Options.GetValueOrDefault(name);
}

public static class CommandLine
{
    // The words after the command's own; null and a message when they do not fit the spec.
    public static ParsedCommand? Parse(CommandSpec spec, IReadOnlyList<string> args, out string? error)
    {
        var parsed = new ParsedCommand();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                parsed.Help = true;
            }
            else if (spec.Flags.Contains(arg))
            {
                parsed.Flags.Add(arg);
            }
            else if (spec.Options.Contains(arg))
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    error = $"після {arg} потрібне значення.";
                    return null;
                }
                parsed.Options[arg] = args[++i];
            }
            else if (arg.StartsWith('-'))
            {
                if (!IsSetting(arg))
                {
                    error = arg.Contains(':') && !arg.Contains('=')
                        ? $"налаштування задають як {arg}=ЗНАЧЕННЯ."
                        : $"невідомий параметр {arg}.";
                    return null;
                }
                parsed.Settings.Add(arg);
            }
            else if (parsed.Arguments.Count < spec.Arguments.Length)
            {
                parsed.Arguments.Add(arg);
            }
            else
            {
                error = $"зайвий аргумент «{arg}».";
                return null;
            }
        }
        if (!parsed.Help && parsed.Arguments.Count < spec.Arguments.Length)
        {
            error = $"бракує аргументу {spec.Arguments[parsed.Arguments.Count]}.";
            return null;
        }
        return parsed;
    }

    // `--Visnyk:Mail:Port=2525` names a property of SiteOptions (lists by index); `--Logging:...`
    // and `--urls` (where the site listens; `admin create` links there) are the framework's own.
    // Other keys would be read by nothing.
    public static bool IsSetting(string arg)
    {
        var equals = arg.IndexOf('=');
        if (!arg.StartsWith("--", StringComparison.Ordinal) || equals < 3)
        {
            return false;
        }
        var path = arg[2..equals].Split(':');
        if (path is ["Logging", _, ..] || (path.Length == 1 && path[0].Equals("urls", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }
        if (path is not [SiteOptions.Section, _, ..])
        {
            return false;
        }
        var type = typeof(SiteOptions);
        foreach (var segment in path[1..])
        {
            if (type != typeof(string) && type.IsAssignableTo(typeof(IEnumerable)) && type.IsGenericType)
            {
                if (!int.TryParse(segment, out _))
                {
                    return false;
                }
                type = type.GetGenericArguments()[0];
                continue;
            }
            var property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is not { CanWrite: true })
            {
                return false;
            }
            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        }
        return true;
    }
}
