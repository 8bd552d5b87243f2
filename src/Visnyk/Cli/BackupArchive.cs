using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using ZstdSharp;

namespace Visnyk.Cli;

// The backup file: a zstd-compressed tar (optionally inside BackupCipher's encryption) holding
//   database/visnyk.db     the SQLite snapshot (or database/visnyk.dump, PostgreSQL's pg_dump --format=custom)
//   media/...              the media files, as in the data folder
//   manifest.json          last: format, creation time, provider, last migration, every entry's size and SHA-256
// `site export` writes the same kind of file with one site's rows (site/...) instead of the database.
// The manifest comes last because the sizes and hashes are known only once each entry is written;
// restore stages every entry to a temporary folder and checks it against the manifest before it
// touches the target. The search index is not inside: every site rebuilds it from the database.
public static partial class BackupArchive
{
    public const int Format = 1;
    public const string ManifestName = "manifest.json";
    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";
    public const string SqliteEntry = "database/visnyk.db";
    public const string DumpEntry = "database/visnyk.dump";
    // One site's content instead of the database (`site export`, Cli/SiteArchive.cs).
    public const string Site = "site";
    public const string SiteEntry = "site/site.json";

    static readonly System.Globalization.CultureInfo Ukrainian = System.Globalization.CultureInfo.GetCultureInfo("uk-UA");

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} Б",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", Ukrainian) + " КБ",
        < 1024L * 1024 * 1024 => (bytes / 1048576.0).ToString("0.#", Ukrainian) + " МБ",
        _ => (bytes / 1073741824.0).ToString("0.##", Ukrainian) + " ГБ",
    };

    // ProgressBar in kilobytes, redrawn only when the percentage changes.
    public static Action<long, long> Progress()
    {
        var shown = -1L;
        return (done, total) =>
        {
            var percent = done * 100 / Math.Max(1, total);
            if (percent != shown)
            {
                shown = percent;
                ProgressBar.Show(done >> 10, total >> 10, "КБ");
            }
        };
    }

    // The folder a new archive is written into must exist; when it does not, says so.
    public static bool HasFolder(string output)
    {
        if (Directory.Exists(Path.GetDirectoryName(output)))
        {
            return true;
        }
        Console.Error.WriteLine($"Немає теки {Path.GetDirectoryName(output)} для копії.");
        return false;
    }

    public record Entry(string Name, long Size, string Sha256);

    public record Manifest(int Format, DateTime CreatedUtc, string Provider, string Migration, List<Entry> Entries);

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static byte[] Serialize(Manifest manifest) => JsonSerializer.SerializeToUtf8Bytes(manifest, Json);

    public static Manifest? Deserialize(byte[] json)
    {
        try
        {
            return JsonSerializer.Deserialize<Manifest>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Only names of our own layout: plain segments under database/, site/ or media/. Anything else
    // (absolute paths, "..", links, devices) means the file is not ours or was tampered with.
    public static bool IsOurs(string name) => name == ManifestName || name is SqliteEntry or DumpEntry || OurPath().IsMatch(name);

    [GeneratedRegex(@"^(media|site)(/(?!\.\.?/)(?!\.\.?$)[A-Za-z0-9._-]+)+$")]
    private static partial Regex OurPath();

    // Writes the archive to `part` (the caller moves it into place): the files in order (one removed
    // since it was listed is left out: nothing in the snapshot needs it), then the manifest made of
    // what was written. Returns the entries written.
    public static async Task<List<Entry>> CreateAsync(string part, string? passphrase, IEnumerable<(string Name, string Path)> files,
        Action<long> progress, Func<List<Entry>, Manifest> manifest)
    {
        var entries = new List<Entry>();
        await using var stream = new FileStream(part, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        // zstd shrinks the database and passes the (already compressed) media through at full
        // speed without growing them; its frame checksum is one more check on restore.
        var cipher = passphrase is null ? null : BackupCipher.Encrypting(stream, passphrase);
        await using (var zstd = new CompressionStream(cipher ?? stream, level: 3, leaveOpen: true))
        await using (var tar = new TarWriter(zstd, TarEntryFormat.Pax, leaveOpen: true))
        {
            zstd.SetParameter(ZstdSharp.Unsafe.ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
            foreach (var (name, path) in files)
            {
                FileStream data;
                try
                {
                    data = File.OpenRead(path);
                }
                catch (FileNotFoundException)
                {
                    continue;
                }
                await using (data)
                {
                    entries.Add(await WriteAsync(tar, name, data, progress, CancellationToken.None));
                }
            }
            await WriteBytesAsync(tar, ManifestName, Serialize(manifest(entries)), CancellationToken.None);
        }
        if (cipher is not null)
        {
            await cipher.DisposeAsync(); // the final chunk
        }
        await stream.FlushAsync();
        stream.Flush(flushToDisk: true);
        return entries;
    }

    // Writes one file as an entry, hashing it on the way; returns its size and hash for the manifest.
    public static async Task<Entry> WriteAsync(TarWriter tar, string name, Stream data, Action<long> progress, CancellationToken ct)
    {
        using var hashing = new HashingStream(data, progress);
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = hashing, ModificationTime = TimeProvider.System.GetUtcNow() };
        await tar.WriteEntryAsync(entry, ct);
        return new Entry(name, hashing.Count, hashing.Hash());
    }

    public static async Task<Entry> WriteBytesAsync(TarWriter tar, string name, byte[] bytes, CancellationToken ct)
    {
        using var data = new MemoryStream(bytes);
        return await WriteAsync(tar, name, data, _ => { }, ct);
    }

    // A read-through stream that hashes what is read and reports the bytes so far; it passes on its
    // source's length, which TarWriter needs for the entry's header.
    sealed class HashingStream(Stream source, Action<long> progress) : Stream
    {
        readonly IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public long Count { get; private set; }

        public string Hash() => Convert.ToHexStringLower(sha.GetHashAndReset());

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = source.Read(buffer);
            Take(buffer[..read]);
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            var read = await source.ReadAsync(buffer, ct);
            Take(buffer.Span[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        void Take(ReadOnlySpan<byte> read)
        {
            sha.AppendData(read);
            Count += read.Length;
            progress(read.Length);
        }

        public override bool CanRead => true;
        public override bool CanSeek => source.CanSeek;
        public override bool CanWrite => false;
        public override long Length => source.Length;
        public override long Position { get => source.Position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                sha.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}

// A backup that cannot be used: the message says why, in words for the person restoring.
public class BackupException(string message) : Exception(message);
