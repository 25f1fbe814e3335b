using System.Collections.Generic;
using SpecGuard.Core.Model;

namespace SpecGuard.Core.Text
{
    /// <summary>The lines of a line-based SpecGuard file (the baseline, the review record), each with its span.</summary>
    internal static class TextLines
    {
        /// <summary>
        /// Every line of <paramref name="text"/> without its line break (LF or CRLF), with its span; a text ending in a
        /// line break has an empty last line, as an editor shows it.
        /// </summary>
        public static IEnumerable<(string Line, SourceSpan Span)> Of(string text)
        {
            int lineNumber = 0;
            int start = 0;
            while (start <= text.Length)
            {
                int end = text.IndexOf('\n', start);
                int next = end < 0 ? text.Length + 1 : end + 1;
                if (end < 0)
                {
                    end = text.Length;
                }

                int contentEnd = end > start && text[end - 1] == '\r' ? end - 1 : end;
                string line = text.Substring(start, contentEnd - start);
                yield return (line, new SourceSpan(start, line.Length, lineNumber, 0, lineNumber, line.Length));
                lineNumber++;
                start = next;
            }
        }
    }
}
