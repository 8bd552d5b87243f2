using System.Formats.Tar;
using System.Security.Cryptography;
using ZstdSharp;

namespace Visnyk.Cli;

// Reads a backup into a staging folder and checks all of it (decryption, the archive's layout,
// every entry's size and SHA-256 against the manifest, the end of the file) before restore
// moves anything into place. Throws BackupException with the reason.
public static class BackupReader
{
    const int MaxManifestBytes = 64 * 1024 * 1024;
    static readonly byte[] ZstdMagic = [0x28, 0xb5, 0x2f, 0xfd];

    public static BackupArchive.Manifest Stage(string file, string staging, Action<long, long> progress)
    {
        using var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var start = new byte[16];
        var read = input.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        input.Position = 0;
        var length = input.Length;
        Stream plain;
        if (BackupCipher.IsEncrypted(start.AsSpan(0, read)))
        {
            var passphrase = Environment.GetEnvironmentVariable(BackupCipher.PassphraseVariable);
            if (string.IsNullOrEmpty(passphrase))
            {
                throw new BackupException($"копія зашифрована: задайте фразу-пароль у змінній середовища {BackupCipher.PassphraseVariable}");
            }
            plain = BackupCipher.Decrypting(input, passphrase);
        }
        else if (start.AsSpan(0, read).StartsWith(ZstdMagic))
        {
            plain = input;
        }
        else
        {
            throw new BackupException("файл не є резервною копією Вісника");
        }

        var staged = new Dictionary<string, BackupArchive.Entry>();
        BackupArchive.Manifest? manifest = null;
        using (plain == input ? null : plain)
        using (var zstd = new DecompressionStream(plain, checkEndOfStream: true, leaveOpen: true))
        {
            using (var tar = new TarReader(zstd, leaveOpen: true))
            {
                while (Next(tar, staged.Count == 0) is { } entry)
                {
                    if (manifest is not null)
                    {
                        throw new BackupException("після маніфесту є зайві записи");
                    }
                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !BackupArchive.IsOurs(entry.Name))
                    {
                        throw new BackupException($"файл не є резервною копією Вісника (невідомий запис «{entry.Name}»)");
                    }
                    if (staged.ContainsKey(entry.Name))
                    {
                        throw new BackupException($"запис «{entry.Name}» повторюється");
                    }
                    if (entry.Name == BackupArchive.ManifestName)
                    {
                        manifest = ReadManifest(entry);
                        staged[entry.Name] = new BackupArchive.Entry(entry.Name, entry.Length, "");
                        continue;
                    }
                    staged[entry.Name] = Extract(entry, Path.Combine(staging, entry.Name), () => progress(input.Position, length));
                }
            }
            // To the end of the compressed (and encrypted) stream: a cut-off or extended file fails here.
            zstd.CopyTo(Stream.Null);
        }
        progress(length, length);

        if (manifest is null)
        {
            throw new BackupException("немає маніфесту: файл обрізаний або не є резервною копією Вісника");
        }
        Check(manifest, staged);
        return manifest;
    }

    static TarEntry? Next(TarReader tar, bool first)
    {
        try
        {
            return tar.GetNextEntry();
        }
        catch (Exception e) when (first && e is InvalidDataException or FormatException or ZstdException)
        {
            throw new BackupException("файл не є резервною копією Вісника (усередині не архів tar)");
        }
    }

    static BackupArchive.Manifest ReadManifest(TarEntry entry)
    {
        if (entry.Length > MaxManifestBytes || entry.DataStream is null)
        {
            throw new BackupException("маніфест пошкоджений");
        }
        using var bytes = new MemoryStream();
        entry.DataStream.CopyTo(bytes);
        return BackupArchive.Deserialize(bytes.ToArray()) is { Entries: not null, Provider: not null, Migration: not null } manifest
            ? manifest
            : throw new BackupException("маніфест пошкоджений");
    }

    static BackupArchive.Entry Extract(TarEntry entry, string path, Action progress)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        var size = 0L;
        if (entry.DataStream is { } data)
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = data.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, read);
                sha.AppendData(buffer, 0, read);
                size += read;
                progress();
            }
        }
        return new BackupArchive.Entry(entry.Name, size, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    // The manifest describes exactly what arrived: the same entries, sizes and hashes, nothing more or less.
    static void Check(BackupArchive.Manifest manifest, Dictionary<string, BackupArchive.Entry> staged)
    {
        if (manifest.Format != BackupArchive.Format)
        {
            throw new BackupException($"формат копії {manifest.Format} не підтримується (ця версія читає формат {BackupArchive.Format})");
        }
        var database = manifest.Provider switch
        {
            BackupArchive.Sqlite => BackupArchive.SqliteEntry,
            BackupArchive.PostgreSql => BackupArchive.DumpEntry,
            BackupArchive.Site => BackupArchive.SiteEntry,
            _ => throw new BackupException($"невідома база даних у копії: «{manifest.Provider}»"),
        };
        if (!manifest.Entries.Any(e => e.Name == database))
        {
            throw new BackupException("у копії немає бази даних");
        }
        if (manifest.Entries.Count != staged.Count - 1 || manifest.Entries.DistinctBy(e => e.Name).Count() != manifest.Entries.Count)
        {
            throw new BackupException("вміст не відповідає маніфесту (інша кількість файлів)");
        }
        foreach (var expected in manifest.Entries)
        {
            if (!staged.TryGetValue(expected.Name, out var actual) || actual.Size != expected.Size || actual.Sha256 != expected.Sha256)
            {
                throw new BackupException($"вміст не відповідає маніфесту: «{expected.Name}» змінено або пошкоджено");
            }
        }
    }
}
