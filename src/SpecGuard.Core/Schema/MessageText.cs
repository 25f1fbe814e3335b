using System.Globalization;
using System.Text;

namespace SpecGuard.Core.Schema
{
    /// <summary>Spec text quoted in a diagnostic message: one line, so <c>file(line,col): error SPECnnn: message</c> stays one line.</summary>
    public static class MessageText
    {
        /// <summary>Line terminators, other control characters and lone surrogates written as escapes (<c>\n</c>, <c>\u2028</c>).</summary>
        public static string OneLine(string text)
        {
            StringBuilder? builder = null;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                bool pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
                bool escape = !pair && (char.IsControl(c) || c == '\u2028' || c == '\u2029' || char.IsSurrogate(c)) && c != '\t';
                if (escape && builder is null)
                {
                    builder = new StringBuilder(text.Length + 8).Append(text, 0, i);
                }

                if (builder is null)
                {
                    if (pair)
                    {
                        i++;
                    }

                    continue;
                }

                if (!escape)
                {
                    builder.Append(c);
                    if (pair)
                    {
                        builder.Append(text[++i]);
                    }
                }
                else
                {
                    builder.Append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture));
                }
            }

            return builder?.ToString() ?? text;
        }
    }
}
