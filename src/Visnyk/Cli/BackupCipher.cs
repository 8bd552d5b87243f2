using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Geralt;

namespace Visnyk.Cli;

// Encrypted backups (`backup FILE --encrypt`), with a passphrase from VISNYK_BACKUP_PASSPHRASE.
// The cipher is libsodium's secretstream (XChaCha20-Poly1305, through Geralt): authenticated
// chunks in a chain, the last one marked final, so a changed, reordered, cut or extended file is
// refused. The key comes from the passphrase by Argon2id. File layout:
//   "VISNYKENC"           9 bytes, magic
//   format                1 byte  (1)
//   Argon2id iterations   4 bytes, little-endian
//   Argon2id memory       4 bytes, little-endian, in bytes
//   salt                  16 bytes, random
//   secretstream header   24 bytes
//   chunks                each 64 KiB of plaintext + 17 bytes (tag and flag); the last one is
//                         shorter or equal and flagged Final. The first chunk authenticates
//                         the 58 header bytes as associated data.
// The plaintext is the zstd-compressed tar of BackupArchive.
public static class BackupCipher
{
    public const string PassphraseVariable = "VISNYK_BACKUP_PASSPHRASE";
    public const int MinPassphraseLength = 12;
    static readonly byte[] Magic = "VISNYKENC"u8.ToArray();
    const byte Version = 1;
    const int HeaderLength = 9 + 1 + 4 + 4 + 16 + 24;
    const int ChunkLength = 64 * 1024;
    // libsodium's "moderate" limits: about a second and 256 MB here, per guess.
    const int Iterations = 3;
    const int MemoryBytes = 256 * 1024 * 1024;

    // The passphrase for --encrypt, from the environment (never the command line, which other users
    // of the machine can read); false, with the reason printed, when it is missing or too short.
    public static bool TryPassphrase(bool encrypt, out string? passphrase)
    {
        passphrase = encrypt ? Environment.GetEnvironmentVariable(PassphraseVariable) : null;
        if (encrypt && (passphrase is null || passphrase.Length < MinPassphraseLength))
        {
            Console.Error.WriteLine($"Для --encrypt задайте фразу-пароль (щонайменше {MinPassphraseLength} символів) у змінній середовища {PassphraseVariable}; у командному рядку її не передають.");
            return false;
        }
        return true;
    }

    public static bool IsEncrypted(ReadOnlySpan<byte> start) => start.StartsWith(Magic);

    public static Stream Encrypting(Stream output, string passphrase)
    {
        var header = new byte[HeaderLength];
        Magic.CopyTo(header, 0);
        header[9] = Version;
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(10), Iterations);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(14), MemoryBytes);
        RandomNumberGenerator.Fill(header.AsSpan(18, 16));
        var key = Key(passphrase, header.AsSpan(18, 16), Iterations, MemoryBytes);
        var stream = new IncrementalXChaCha20Poly1305(header.AsSpan(34, 24), key, encryption: true);
        CryptographicOperations.ZeroMemory(key);
        output.Write(header);
        return new EncryptingStream(output, stream, header);
    }

    // Reads and checks the header, then decrypts as it is read. A wrong passphrase fails on the first chunk.
    public static Stream Decrypting(Stream input, string passphrase)
    {
        var header = new byte[HeaderLength];
        if (input.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false) < HeaderLength || !IsEncrypted(header))
        {
            throw new BackupException("файл обрізаний: немає заголовка шифрування");
        }
        var iterations = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(10));
        var memory = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(14));
        // A hostile header must not make us spend a gigabyte or an hour.
        if (header[9] != Version || iterations is < 1 or > 10 || memory is < 8192 or > 1024 * 1024 * 1024)
        {
            throw new BackupException("невідомий формат шифрування");
        }
        var key = Key(passphrase, header.AsSpan(18, 16), iterations, memory);
        var stream = new IncrementalXChaCha20Poly1305(header.AsSpan(34, 24), key, encryption: false);
        CryptographicOperations.ZeroMemory(key);
        return new DecryptingStream(input, stream, header);
    }

    static byte[] Key(string passphrase, ReadOnlySpan<byte> salt, int iterations, int memory)
    {
        var key = new byte[IncrementalXChaCha20Poly1305.KeySize];
        Argon2id.DeriveKey(key, Encoding.UTF8.GetBytes(passphrase.Normalize(NormalizationForm.FormC)), salt, iterations, memory);
        return key;
    }

    // Holds back one full chunk until more data comes, so the last chunk can be flagged Final on dispose.
    sealed class EncryptingStream(Stream output, IncrementalXChaCha20Poly1305 cipher, byte[] header) : Stream
    {
        readonly byte[] plain = new byte[ChunkLength];
        readonly byte[] sealedChunk = new byte[ChunkLength + IncrementalXChaCha20Poly1305.TagSize];
        int filled;
        bool first = true;
        bool finished;

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (buffer.Length > 0)
            {
                if (filled == ChunkLength)
                {
                    Seal(IncrementalXChaCha20Poly1305.ChunkFlag.Message);
                }
                var take = Math.Min(buffer.Length, ChunkLength - filled);
                buffer[..take].CopyTo(plain.AsSpan(filled));
                filled += take;
                buffer = buffer[take..];
            }
        }

        void Seal(IncrementalXChaCha20Poly1305.ChunkFlag flag)
        {
            var length = filled + IncrementalXChaCha20Poly1305.TagSize;
            cipher.EncryptChunk(sealedChunk.AsSpan(0, length), plain.AsSpan(0, filled), first ? header : [], flag);
            output.Write(sealedChunk, 0, length);
            first = false;
            filled = 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !finished)
            {
                finished = true;
                Seal(IncrementalXChaCha20Poly1305.ChunkFlag.Final);
                output.Flush();
                cipher.Dispose();
                CryptographicOperations.ZeroMemory(plain);
            }
            base.Dispose(disposing);
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    sealed class DecryptingStream(Stream input, IncrementalXChaCha20Poly1305 cipher, byte[] header) : Stream
    {
        readonly byte[] sealedChunk = new byte[ChunkLength + IncrementalXChaCha20Poly1305.TagSize];
        readonly byte[] plain = new byte[ChunkLength];
        int start, end;
        bool first = true;
        bool final;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (start == end)
            {
                if (final)
                {
                    return 0;
                }
                Open();
            }
            var take = Math.Min(buffer.Length, end - start);
            plain.AsSpan(start, take).CopyTo(buffer);
            start += take;
            return take;
        }

        void Open()
        {
            var read = input.ReadAtLeast(sealedChunk, sealedChunk.Length, throwOnEndOfStream: false);
            if (read < IncrementalXChaCha20Poly1305.TagSize)
            {
                throw new BackupException("файл обрізаний: немає останнього зашифрованого блока");
            }
            IncrementalXChaCha20Poly1305.ChunkFlag flag;
            try
            {
                flag = cipher.DecryptChunk(plain.AsSpan(0, read - IncrementalXChaCha20Poly1305.TagSize), sealedChunk.AsSpan(0, read), first ? header : []);
            }
            catch (CryptographicException)
            {
                throw new BackupException(first
                    ? "неправильна фраза-пароль або змінений файл"
                    : "файл обрізаний, пошкоджений або змінений (не збігається код автентичності)");
            }
            first = false;
            (start, end) = (0, read - IncrementalXChaCha20Poly1305.TagSize);
            if (flag == IncrementalXChaCha20Poly1305.ChunkFlag.Final)
            {
                final = true;
                if (input.ReadByte() >= 0)
                {
                    throw new BackupException("після останнього зашифрованого блока є зайві дані");
                }
            }
            else if (read < sealedChunk.Length)
            {
                throw new BackupException("файл обрізаний: немає останнього зашифрованого блока");
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                cipher.Dispose();
                CryptographicOperations.ZeroMemory(plain);
            }
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
