using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;

namespace Scrs.Matching.Tests.Oracles;

/// <summary>
/// A page rendered by a real browser (Debian's headless chromium) to a PNG, and the PNG's pixels decoded (8-bit RGB or
/// RGBA, as chromium writes it) so that a test can tell a drawn page from a blank one.
/// </summary>
/// <remarks>Written here rather than taken from an imaging library: the tests need only this one decoder (inflate comes
/// with .NET), and its five PNG row filters are the whole of it.</remarks>
internal sealed class Screenshot
{
    private Screenshot(int width, int height, byte[][] rows, int channels)
    {
        Width = width;
        Height = height;
        _rows = rows;
        _channels = channels;
    }

    private readonly byte[][] _rows;
    private readonly int _channels;

    public int Width { get; }

    public int Height { get; }

    /// <summary>Renders <paramref name="htmlPath"/> with headless chromium at <paramref name="width"/> by <paramref name="height"/> into <paramref name="pngPath"/>.</summary>
    public static Screenshot Take(string htmlPath, string pngPath, int width = 1100, int height = 1400)
    {
        var start = new ProcessStartInfo("chromium") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", $"--window-size={width},{height}",
                     $"--screenshot={pngPath}", "--user-data-dir=" + Path.Combine(Path.GetDirectoryName(pngPath)!, "chromium-profile"),
                     new Uri(htmlPath).AbsoluteUri })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("chromium did not finish the screenshot in 120 s");
        }
        Assert.True(File.Exists(pngPath), $"chromium wrote no screenshot (exit {process.ExitCode}): {errors.Result}");
        return Decode(File.ReadAllBytes(pngPath));
    }

    /// <summary>The share of pixels that are not (nearly) white.</summary>
    public double InkShare()
    {
        long ink = 0;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var (r, g, b) = Pixel(x, y);
                if (r < 235 || g < 235 || b < 235) ink++;
            }
        }
        return (double)ink / ((long)Width * Height);
    }

    /// <summary>How many pixels are close to the colour <paramref name="rgb"/> (within 40 per channel).</summary>
    public long Count((int R, int G, int B) rgb)
    {
        long n = 0;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var (r, g, b) = Pixel(x, y);
                if (Math.Abs(r - rgb.R) <= 40 && Math.Abs(g - rgb.G) <= 40 && Math.Abs(b - rgb.B) <= 40) n++;
            }
        }
        return n;
    }

    private (int R, int G, int B) Pixel(int x, int y)
    {
        var row = _rows[y];
        return (row[x * _channels], row[x * _channels + 1], row[x * _channels + 2]);
    }

    private static Screenshot Decode(byte[] png)
    {
        Assert.True(png.AsSpan(0, 8).SequenceEqual(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }), "not a PNG");
        int width = 0, height = 0, channels = 0;
        using var data = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var body = png.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(body);
                height = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
                Assert.Equal(8, body[8]);
                channels = body[9] switch { 2 => 3, 6 => 4, var c => throw new InvalidOperationException($"PNG colour type {c} not decoded") };
                Assert.Equal(0, body[12]);
            }
            else if (type == "IDAT") data.Write(body);
            at += 12 + length;
        }
        data.Position = 0;
        using var inflated = new ZLibStream(data, CompressionMode.Decompress);
        var stride = width * channels;
        var rows = new byte[height][];
        var previous = new byte[stride];
        for (var y = 0; y < height; y++)
        {
            var filter = inflated.ReadByte();
            var row = new byte[stride];
            inflated.ReadExactly(row);
            for (var i = 0; i < stride; i++)
            {
                int a = i >= channels ? row[i - channels] : 0, b = previous[i], c = i >= channels ? previous[i - channels] : 0;
                row[i] = (byte)(row[i] + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidOperationException($"PNG filter {filter}"),
                });
            }
            rows[y] = row;
            previous = row;
        }
        return new Screenshot(width, height, rows, channels);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
