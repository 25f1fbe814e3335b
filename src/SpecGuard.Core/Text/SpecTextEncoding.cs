using System.IO;
using System.Text;
using SpecGuard.Core.Diagnostics;
using SpecGuard.Core.Model;

namespace SpecGuard.Core.Text
{
    /// <summary>
    /// Spec files are UTF-8. A file whose bytes are not UTF-8 (a Latin-1 "é", say) is a located SPEC001, never text with
    /// silent replacement characters. One rule for every host: the CLI reads the bytes through <see cref="Read"/>; the
    /// compiler decodes AdditionalFiles itself, replacing such bytes with U+FFFD (<see cref="FirstReplacementCharacter"/>).
    /// </summary>
    public static class SpecTextEncoding
    {
        private static readonly UTF8Encoding Strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        /// <summary>Reads a spec file as UTF-8 (a byte-order mark is allowed).</summary>
        /// <param name="file">The file to read.</param>
        /// <param name="path">The path diagnostics name.</param>
        public static SpecSource Read(string file, string path) => Decode(File.ReadAllBytes(file), path);

        /// <summary>Decodes a spec file's bytes (read from disk, or from a git revision) as UTF-8 (a byte-order mark is allowed).</summary>
        /// <param name="bytes">The file's bytes.</param>
        /// <param name="path">The path diagnostics name.</param>
        public static SpecSource Decode(byte[] bytes, string path)
        {
            int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            try
            {
                return new SpecSource(path, Strict.GetString(bytes, start, bytes.Length - start));
            }
            catch (DecoderFallbackException exception)
            {
                int bad = start + System.Math.Max(0, System.Math.Min(exception.Index, bytes.Length - start));
                string before = Strict.GetString(bytes, start, FirstCharacterBoundary(bytes, start, bad) - start);
                return new SpecSource(path, string.Empty) { NotUtf8At = SpanAfter(before) };
            }
        }

        /// <summary>
        /// Where a host that decoded the bytes itself replaced one that is not UTF-8 with U+FFFD (the compiler does so
        /// for AdditionalFiles), or null. The character has no use in a spec file, so it is taken as that evidence.
        /// </summary>
        public static SourceSpan? FirstReplacementCharacter(string text)
        {
            int index = text.IndexOf('\uFFFD');
            return index < 0 ? null : SpanAfter(text.Substring(0, index));
        }

        /// <summary>The load result of a file that is not UTF-8: SPEC001 where the first undecodable byte is, no feature.</summary>
        /// <param name="path">The file's path.</param>
        /// <param name="at">Where the first byte that is not UTF-8 is (<see cref="SourceSpan.FileStart"/> when the host does not say).</param>
        /// <param name="replacedBy">What the host made of the byte, when it decoded the file itself.</param>
        public static SpecLoadResult NotUtf8(string path, SourceSpan at, string? replacedBy) =>
            new SpecLoadResult(
                path,
                null,
                new[]
                {
                    SpecDiagnostic.Create(
                        SpecRules.MalformedYaml,
                        path,
                        at,
                        "The spec file is not valid UTF-8 (" + (replacedBy ?? "this byte is not UTF-8") + "). Spec files are UTF-8: save it as UTF-8, keeping its characters, and build again."),
                }.ToEquatableArray());

        // The decoder may report the index inside a multi-byte sequence; step back to where that sequence starts.
        private static int FirstCharacterBoundary(byte[] bytes, int start, int index)
        {
            while (index > start && (bytes[index] & 0xC0) == 0x80)
            {
                index--;
            }

            return index;
        }

        private static SourceSpan SpanAfter(string before)
        {
            int line = 0;
            int lineStart = 0;
            for (int i = 0; i < before.Length; i++)
            {
                if (before[i] == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            int column = before.Length - lineStart;
            return new SourceSpan(before.Length, 1, line, column, line, column + 1);
        }
    }
}
