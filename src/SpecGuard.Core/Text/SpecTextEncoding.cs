using System.Globalization;
using SpecGuard.Core.Model;

namespace SpecGuard.Core.Text
{
    /// <summary>
    /// Spec files are UTF-8. Bytes that are not UTF-8 (a Latin-1 "é", say) must be a located SPEC001, never text with
    /// silent replacement characters or a guess at another encoding.
    /// </summary>
    public static class SpecTextEncoding
    {
        /// <summary>
        /// The first U+FFFD in the text: what a UTF-8 reader (the CLI, an editor) makes of bytes that are not UTF-8. The
        /// character has no other use in a spec, so the loader treats it as proof that the file was not UTF-8.
        /// </summary>
        /// <returns>Where it is, or null when there is none.</returns>
        public static SourceSpan? FirstReplacementCharacter(string text)
        {
            int index = text.IndexOf('\uFFFD');
            if (index < 0)
            {
                return null;
            }

            int line = 0;
            int lineStart = 0;
            for (int i = 0; i < index; i++)
            {
                if (text[i] == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            return new SourceSpan(index, 1, line, index - lineStart, line, index - lineStart + 1);
        }

        /// <summary>The SPEC001 message for a file that is not UTF-8.</summary>
        /// <param name="readAs">The encoding a host fell back to, when it says (the compiler reads such a file as Windows-1252).</param>
        public static string NotUtf8Message(string? readAs) =>
            string.Format(
                CultureInfo.InvariantCulture,
                "The spec file is not valid UTF-8{0}. Spec files are UTF-8: save it as UTF-8 (without changing its characters) and build again.",
                readAs is null ? " (this byte could not be read as UTF-8)" : " (the compiler could only read it as " + readAs + ")");
    }
}
