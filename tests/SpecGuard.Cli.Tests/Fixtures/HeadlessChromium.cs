using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using Xunit;

namespace SpecGuard.Cli.Tests.Fixtures;

/// <summary>
/// Headless Chromium for the tests of the HTML outputs (the report's and flow's): one process per call, a throw-away
/// profile, no network features, a time limit. Only for <see cref="ChromiumFactAttribute"/> tests: it fails the test
/// with what to do when Chromium is missing. Also reads what a screenshot holds (PNG size and pixels).
/// </summary>
internal static class HeadlessChromium
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>Runs Chromium headless with these arguments (e.g. <c>--dump-dom URL</c>): its exit code and standard output.</summary>
    public static (int Exit, string Output) Run(string workingDirectory, params string[] arguments)
    {
        ChromiumFactAttribute.RequireChromium();
        string profile = Directory.CreateTempSubdirectory("specguard-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(ChromiumFactAttribute.Path)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory,
            };
            foreach (string argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile })
            {
                start.ArgumentList.Add(argument);
            }

            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("Chromium did not finish within " + Timeout + ": " + error.Result);
            }

            return (process.ExitCode, output.Result);
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    /// <summary>A big-endian 32-bit integer (PNG's byte order).</summary>
    public static int BigEndian(byte[] bytes, int offset) => (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];

    /// <summary>
    /// Counts the pixels of a PNG screenshot (8-bit RGB or RGBA, not interlaced: what Chromium writes) whose colour is
    /// within <paramref name="tolerance"/> of (<paramref name="red"/>, <paramref name="green"/>, <paramref name="blue"/>)
    /// on every channel.
    /// </summary>
    public static int CountPixels(byte[] png, byte red, byte green, byte blue, int tolerance = 2)
    {
        int width = BigEndian(png, 16), height = BigEndian(png, 20);
        byte depth = png[24], colour = png[25], interlace = png[28];
        Assert.True(depth == 8 && colour is 2 or 6 && interlace == 0, $"Unexpected PNG format: depth {depth}, colour type {colour}, interlace {interlace}.");
        int channels = colour == 6 ? 4 : 3;

        // The image data: every IDAT chunk's bytes, one zlib stream.
        using var compressed = new MemoryStream();
        for (int at = 8; at + 8 <= png.Length;)
        {
            int length = BigEndian(png, at);
            string type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            if (type == "IDAT")
            {
                compressed.Write(png, at + 8, length);
            }

            at += 12 + length;
        }

        compressed.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        byte[] data = inflated.ToArray();
        int stride = width * channels;
        byte[] previous = new byte[stride], row = new byte[stride];
        int count = 0;
        for (int y = 0; y < height; y++)
        {
            int start = y * (stride + 1);
            byte filter = data[start];
            for (int x = 0; x < stride; x++)
            {
                int raw = data[start + 1 + x];
                int left = x >= channels ? row[x - channels] : 0, up = previous[x], upLeft = x >= channels ? previous[x - channels] : 0;
                row[x] = (byte)(filter switch
                {
                    0 => raw,
                    1 => raw + left,
                    2 => raw + up,
                    3 => raw + ((left + up) / 2),
                    4 => raw + Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException("PNG filter " + filter),
                });
            }

            for (int x = 0; x < stride; x += channels)
            {
                if (Math.Abs(row[x] - red) <= tolerance && Math.Abs(row[x + 1] - green) <= tolerance && Math.Abs(row[x + 2] - blue) <= tolerance)
                {
                    count++;
                }
            }

            (previous, row) = (row, previous);
        }

        return count;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
