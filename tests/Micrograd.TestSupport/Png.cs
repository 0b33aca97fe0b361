using System.Buffers.Binary;

namespace Micrograd.Tests.Support;

/// <summary>Checks that a file is a whole PNG image, not just some bytes: the signature, every chunk's CRC, the header
/// first and the end chunk last; and gives its size.</summary>
public static class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The image's width and height, after checking that the file is a complete, uncorrupted PNG.</summary>
    public static (int Width, int Height) Size(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.AsSpan().StartsWith(Signature), $"{path} does not start with the PNG signature");
        var at = Signature.Length;
        var chunks = new List<string>();
        (int, int) size = default;
        while (at < bytes.Length)
        {
            Assert.True(at + 12 <= bytes.Length, $"{path} ends inside a chunk header at byte {at}");
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            Assert.True(length >= 0 && at + 12 + length <= bytes.Length, $"{path}: chunk at byte {at} runs past the end of the file");
            var typeAndData = bytes.AsSpan(at + 4, 4 + length);
            var type = System.Text.Encoding.ASCII.GetString(typeAndData[..4]);
            Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at + 8 + length)), Crc32(typeAndData));
            if (type == "IHDR") size = (BinaryPrimitives.ReadInt32BigEndian(typeAndData[4..]), BinaryPrimitives.ReadInt32BigEndian(typeAndData[8..]));
            chunks.Add(type);
            at += 12 + length;
        }
        Assert.Equal("IHDR", chunks.FirstOrDefault());
        Assert.Equal("IEND", chunks.LastOrDefault());
        Assert.Contains("IDAT", chunks);
        return size;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
