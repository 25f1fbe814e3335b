using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace SpecGuard.Generators.Emit
{
    /// <summary>
    /// Stable, readable, collision-free C# names for features and criteria, and the only way spec text enters
    /// generated code: as a string literal (<see cref="Literal"/>), as comment text (<see cref="CommentText"/>) or XML
    /// doc text (<see cref="DocText"/>), or as a validated identifier (<see cref="Parameter"/>, <see cref="TestMethod"/>).
    /// </summary>
    internal static class Names
    {
        /// <summary>
        /// Feature key to class name: each dash-separated word capitalised (ORDERS → Orders, ORDERS-V2 → OrdersV2).
        /// Injective for valid keys: every word starts with a letter, which becomes the only capitals, so capitals mark
        /// word starts exactly (ORDERSV2 → Ordersv2, ORDERS-V2 → OrdersV2).
        /// </summary>
        public static string FeatureClass(string key)
        {
            var builder = new StringBuilder(key.Length);
            foreach (string word in key.Split('-'))
            {
                if (word.Length == 0)
                {
                    continue;
                }

                builder.Append(char.ToUpperInvariant(word[0])).Append(word.Substring(1).ToLowerInvariant());
            }

            return Identifier(builder.ToString());
        }

        /// <summary>
        /// The catalog class of a feature: its <see cref="FeatureClass"/> name and <c>Criteria</c> (ORDERS →
        /// OrdersCriteria). Feature names are usually namespace names too (<c>Shop.Features.Orders</c>), and a namespace
        /// of the consuming code outranks a using directive, so a bare <c>Orders</c> would be shadowed exactly in the
        /// code that implements the feature; the suffix keeps the name free.
        /// </summary>
        public static string CatalogClass(string key) => FeatureClass(key) + "Criteria";

        /// <summary>Criterion ID to constant name: dashes become underscores (ORDERS-001 → ORDERS_001); injective because IDs have no underscores.</summary>
        public static string CriterionConstant(string id) => Identifier(id.Replace('-', '_'));

        /// <summary>The reverse of <see cref="CriterionConstant"/> for a name that looks like one (ORDERS_001 → ORDERS-001).</summary>
        public static string? IdFromConstant(string name)
        {
            if (name.Length < 5 || name.IndexOf('_') < 0)
            {
                return null;
            }

            int lastUnderscore = name.LastIndexOf('_');
            for (int i = lastUnderscore + 1; i < name.Length; i++)
            {
                if (name[i] < '0' || name[i] > '9')
                {
                    return null;
                }
            }

            return name.Length - lastUnderscore - 1 >= 3 ? name.Replace('_', '-') : null;
        }

        /// <summary>A test method name: the ID then the title's words (ORDERS_001_A_customer_can_place_an_order), at most 100 characters.</summary>
        public static string TestMethod(string id, string title)
        {
            var builder = new StringBuilder(CriterionConstant(id));
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
