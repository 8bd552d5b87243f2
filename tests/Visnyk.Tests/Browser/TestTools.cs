namespace Visnyk.Tests;

// Where the checkers that tests/tools installs (npm ci) live, found from the test binaries upwards.
public static class TestTools
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string InRepo(params string[] parts) => Path.Combine([RepoRoot, .. parts]);

    public static string NodeModule(params string[] parts) => Require(InRepo(["tests", "tools", "node_modules", .. parts]));

    // A missing checker is a set-up problem, not a passing test: say how to fix it.
    public static string Require(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: run `npm ci` in tests/tools (./test.sh does).", path);

    static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Visnyk.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No Visnyk.slnx above {AppContext.BaseDirectory}");
    }
}
