using Microsoft.Data.Sqlite;
using Visnyk.Data;

namespace Visnyk.Tests.Cli;

// A throwaway data folder for commands run on a site of their own (SQLite), deleted afterwards.
public abstract class DataFolder : IDisposable
{
    protected readonly string data = Path.Combine(Path.GetTempPath(), "visnyk-tests", Guid.NewGuid().ToString("N"));

    protected DataFolder() => Directory.CreateDirectory(data);

    // The database of the data folder, or of one below it.
    protected VisnykDb Database(string? folder = null) =>
        new(DesignTimeFactory.Standalone($"Data Source={Path.Combine(folder ?? data, "visnyk.db")}"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}
