using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

using Visnyk.Tests.Newsroom;
using Visnyk.Tests.Search;

namespace Visnyk.Tests.Cli;

// Restore refuses what it must not use (cut, altered, foreign, hostile or newer backups, a wrong
// or missing passphrase, a target with data and no --force) with a clear message and a non-zero
// exit, and leaves the target exactly as it was: a folder with data, or no folder at all.
public class BackupRefusalTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Broken_foreign_or_newer_backups_and_a_target_with_data_are_refused_and_the_target_is_left_as_it_was()
    {
        site.Browserless(); // the site starts: schema, demo content, keys (in the database)
        var folder = Backups.TempFolder();
        Directory.CreateDirectory(folder);
        var plain = Path.Combine(folder, "plain.tar.zst");
        var encrypted = Path.Combine(folder, "encrypted.bin");
        Assert.Equal(0, (await Backups.RunAsync(null, ["backup", plain, .. site.CommandArgs])).Exit);
        Assert.Equal(0, (await Backups.RunAsync(Backups.Passphrase, ["backup", encrypted, "--encrypt", .. site.CommandArgs])).Exit);
        Assert.NotEqual(File.ReadAllBytes(plain)[..2], File.ReadAllBytes(encrypted)[..2]);
        var noPassphrase = await Backups.RunAsync(null, ["backup", Path.Combine(folder, "never.bin"), "--encrypt", .. site.CommandArgs]);
        Assert.NotEqual(0, noPassphrase.Exit);
        Assert.Contains("VISNYK_BACKUP_PASSPHRASE", noPassphrase.Errors);
        Assert.False(File.Exists(Path.Combine(folder, "never.bin")));

        // A target that holds data (a restored copy plus a marker file), and one that does not
        // exist; both are sites not started, so they use the same kind of database as this one.
        using var withDataSite = new SiteFactory();
        using var missingSite = new SiteFactory();
        var withData = withDataSite.DataDirectory;
        var withDataArgs = withDataSite.CommandArgs;
        Assert.Equal(0, (await Backups.RunAsync(null, ["restore", plain, .. withDataArgs])).Exit);
        File.WriteAllText(Path.Combine(withData, "media", "marker.txt"), "було до відновлення");
        // The restore's connections to it, pooled in this process, closed now: closed later (when
        // another test's site stops and clears the pools) SQLite would fold its log into the file.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var fingerprint = Backups.Fingerprint(withData);
        var missing = missingSite.DataDirectory;

        var bytes = File.ReadAllBytes(plain);
        var sealedBytes = File.ReadAllBytes(encrypted);
        var cases = new (string Name, byte[] Data, string? Passphrase, string Message)[]
        {
            ("truncated.tar.zst", bytes[..(bytes.Length / 2)], null, "обрізан"),
            ("flipped.tar.zst", Flipped(bytes), null, "пошкодж|змінен|обрізан"),
            ("truncated.bin", sealedBytes[..(sealedBytes.Length / 2)], Backups.Passphrase, "обрізаний"),
            ("cut-after-a-chunk.bin", sealedBytes[..(58 + 65536 + 17)], Backups.Passphrase, "обрізаний"),
            ("extended.bin", [.. sealedBytes, 0], Backups.Passphrase, "змінен"),
            ("flipped.bin", Flipped(sealedBytes), Backups.Passphrase, "змінен"),
            ("wrong-passphrase.bin", sealedBytes, "зовсім інша фраза-пароль", "неправильна фраза-пароль"),
            ("no-passphrase.bin", sealedBytes, null, "VISNYK_BACKUP_PASSPHRASE"),
            ("empty.bin", [], null, "не є резервною копією Вісника"),
            ("random.bin", Encoding.UTF8.GetBytes("<html>не архів</html>"), null, "не є резервною копією Вісника"),
            ("zstd-text.zst", Zstd(Encoding.UTF8.GetBytes(new string('x', 5000))), null, "не є резервною копією Вісника"),
            ("gzip-tar.tar.gz", Gzip(Tar([("database/visnyk.db", [1, 2, 3])])), null, "не є резервною копією Вісника"),
            ("other.tar.zst", TarZst(("etc/passwd", "root:x:0:0")), null, "не є резервною копією Вісника"),
            ("escape.tar.zst", TarZst(("media/../../../escape.txt", "x")), null, "не є резервною копією Вісника"),
            ("no-manifest.tar.zst", TarZst(("database/visnyk.db", "x")), null, "немає маніфесту"),
            ("extra-file.tar.zst", Rewritten(bytes, extra: ("media/extra.webp", "x")), null, "не відповідає маніфесту"),
            ("newer.tar.zst", Rewritten(bytes, migration: "29991231000000_Future"), null, "новіша за цю версію програми"),
            ("other-format.tar.zst", Rewritten(bytes, format: 99), null, "формат копії 99 не підтримується"),
        };
        foreach (var (name, data, passphrase, message) in cases)
        {
            var file = Path.Combine(folder, name);
            File.WriteAllBytes(file, data);
            // Into the folder with data (forced) and into the missing one; a key derivation takes
            // seconds, so of the encrypted cases only one goes to both.
            string[][] targets = passphrase is null || name.StartsWith("wrong")
                ? [[.. withDataArgs, "--force"], missingSite.CommandArgs]
                : [[.. withDataArgs, "--force"]];
            foreach (var target in targets)
            {
                var run = await Backups.RunAsync(passphrase, ["restore", file, .. target]);
                Assert.True(run.Exit == 1, $"{name}: {run.Exit} {run.Output}");
                Assert.Matches(message, run.Errors);
                Assert.Contains("Тека даних не змінена", run.Errors);
                Assert.Equal(fingerprint, Backups.Fingerprint(withData));
                Assert.False(Directory.Exists(missing), name);
            }
        }
        Assert.False(File.Exists(Path.Combine(withData, "..", "escape.txt")));
        Assert.False(File.Exists(Path.Combine(withData, "..", "..", "escape.txt")));

        // Never under a running site, even with --force.
        await site.CaughtUpAsync(); // its index (and the lock that says it runs) is open
        var running = await Backups.RunAsync(null, ["restore", plain, "--force", .. site.CommandArgs]);
        Assert.Equal(1, running.Exit);
        Assert.Contains("працює сайт", running.Errors);

        // A good backup: refused over data without --force, replaces it with --force.
        var refused = await Backups.RunAsync(null, ["restore", plain, .. withDataArgs]);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("уже містить дані", refused.Errors);
        Assert.Contains("--force", refused.Errors);
        Assert.Equal(fingerprint, Backups.Fingerprint(withData));
        var forced = await Backups.RunAsync(Backups.Passphrase, ["restore", encrypted, "--force", .. withDataArgs]);
        Assert.True(forced.Exit == 0, forced.Errors);
        Assert.False(File.Exists(Path.Combine(withData, "media", "marker.txt")));
        Assert.Equal(Backups.Fingerprint(Path.Combine(site.DataDirectory, "media")), Backups.Fingerprint(Path.Combine(withData, "media")));
        Assert.Empty(Directory.GetDirectories(withData, ".restore-*"));

        Directory.Delete(folder, recursive: true);
    }

    static byte[] Flipped(byte[] data)
    {
        var copy = data.ToArray();
        copy[copy.Length / 2] ^= 0x20;
        return copy;
    }

    static byte[] Zstd(byte[] data)
    {
        var output = new MemoryStream();
        using (var zstd = new ZstdSharp.CompressionStream(output, leaveOpen: true))
        {
            zstd.Write(data);
        }
        return output.ToArray();
    }

    static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }
        return output.ToArray();
    }

    static byte[] TarZst(params (string Name, string Text)[] files) => Zstd(Tar(files.Select(f => (f.Name, Encoding.UTF8.GetBytes(f.Text)))));

    static byte[] Tar(IEnumerable<(string Name, byte[] Data)> files)
    {
        var output = new MemoryStream();
        using (var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, data) in files)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
            }
        }
        return output.ToArray();
    }

    // Our own backup with its manifest edited (and, if asked, one more file before the manifest).
    static byte[] Rewritten(byte[] archive, string? migration = null, int? format = null, (string Name, string Text)? extra = null)
    {
        var files = new List<(string Name, byte[] Data)>();
        using (var reader = new TarReader(new ZstdSharp.DecompressionStream(new MemoryStream(archive))))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                var data = new MemoryStream();
                entry.DataStream?.CopyTo(data);
                files.Add((entry.Name, data.ToArray()));
            }
        }
        var manifest = JsonNode.Parse(files[^1].Data)!;
        manifest["migration"] = migration ?? manifest["migration"]!.GetValue<string>();
        manifest["format"] = format ?? manifest["format"]!.GetValue<int>();
        files[^1] = (files[^1].Name, Encoding.UTF8.GetBytes(manifest.ToJsonString()));
        if (extra is { } file)
        {
            files.Insert(files.Count - 1, (file.Name, Encoding.UTF8.GetBytes(file.Text)));
        }
        return Zstd(Tar(files));
    }
}
