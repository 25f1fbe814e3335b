using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using SpecGuard.Core;

namespace SpecGuard.Generators.Emit
{
    /// <summary>
    /// Test method and parameter names (the catalog's class and constant names are SpecContract's, in SpecGuard.Core), and the only way spec text enters
    /// generated code: as a string literal (<see cref="Literal"/>), as comment text (<see cref="CommentText"/>) or XML
    /// doc text (<see cref="DocText"/>), or as a validated identifier (<see cref="Parameter"/>, <see cref="TestMethod"/>).
    /// </summary>
    internal static class Names
    {
        /// <summary>A test method name: the ID then the title's words (ORDERS_001_A_customer_can_place_an_order), at most 100 characters.</summary>
        public static string TestMethod(string id, string title)
        {
            var builder = new StringBuilder(SpecContract.CriterionConstant(id));
            var word = new StringBuilder();
            foreach (char c in title + " ")
            {
                if (c < 128 && char.IsLetterOrDigit(c))
                {
                    word.Append(c);
                    continue;
                }

                if (word.Length > 0)
                {
                    if (builder.Length + word.Length + 1 > 100)
                    {
                        break;
                    }

                    builder.Append('_').Append(word);
                    word.Clear();
                }
            }

            return builder.ToString();
        }

        /// <summary>
        /// A parameter name from an example column, or null when the column is not an identifier of ASCII letters,
        /// digits and underscores (the loader already rejects those; this is the emitter's own check). Reserved and
        /// contextual keywords and the discard <c>_</c> are written verbatim (<c>@class</c>, <c>@var</c>, <c>@_</c>).
        /// </summary>
        public static string? Parameter(string column)
        {
            if (column.Length == 0 || !(IsAsciiLetter(column[0]) || column[0] == '_'))
            {
                return null;
            }

            foreach (char c in column)
            {
                if (!(IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_'))
                {
                    return null;
                }
            }

            return SyntaxFacts.GetKeywordKind(column) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(column) != SyntaxKind.None || column == "_"
                ? "@" + column
                : column;
        }

        private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        private static string Identifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None
                ? "@" + name
                : name;

        /// <summary>
        /// A regular C# string literal that is pure printable ASCII: quotes and backslashes escaped, every other
        /// character outside U+0020–U+007E (line terminators, control characters, surrogates, bidi controls) as
        /// <c>\uXXXX</c>, so no text can end the literal or the line.
        /// </summary>
        public static string Literal(string value)
        {
            var builder = new StringBuilder(value.Length + 2);
            builder.Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"':
                        builder.Append("\\\"");
                        break;
                    case '\\':
                        builder.Append("\\\\");
                        break;
                    default:
                        if (c >= ' ' && c <= '~')
                        {
                            builder.Append(c);
                        }
                        else
                        {
                            builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                        }

                        break;
                }
            }

            return builder.Append('"').ToString();
        }

        /// <summary>
        /// Text that stays inside one <c>//</c> comment: each C# new-line character (U+000D, U+000A, U+0085, U+2028,
        /// U+2029) and line-break sequence becomes one space; other control characters, lone surrogates, U+FFFE/U+FFFF
        /// (not XML) and bidirectional controls (which make code read differently than it compiles) become U+FFFD.
        /// Nothing else can end a <c>//</c> comment, so <c>*/</c>, <c>\</c>, <c>"""</c> and <c>#</c> are harmless.
        /// </summary>
        public static string CommentText(string text)
        {
            var builder = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    continue;
                }

                if (c == '\r' || c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029')
                {
                    builder.Append(' ');
                }
                else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    builder.Append(c).Append(text[++i]);
                }
                else if ((c < ' ' && c != '\t') || (c >= '\u007F' && c <= '\u009F') || char.IsSurrogate(c) || c == '\uFFFE' || c == '\uFFFF' || IsBidiControl(c))
                {
                    builder.Append('\uFFFD');
                }
                else
                {
                    builder.Append(c);
                }
            }

            return builder.ToString();
        }

        /// <summary>Text safe inside one line of an XML doc comment (<c>///</c>): <see cref="CommentText"/>, then <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> escaped.</summary>
        public static string DocText(string text) =>
            CommentText(text).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

        private static bool IsBidiControl(char c) =>
            c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
