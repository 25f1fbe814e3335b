using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace SpecGuard.Generators.Emit
{
    /// <summary>Stable, readable, collision-free C# names for features and criteria.</summary>
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
                if (char.IsLetterOrDigit(c) && c < 128)
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

        /// <summary>A parameter name from an example column: escaped with @ when it is a C# keyword.</summary>
        public static string Parameter(string column) => Identifier(column);

        private static string Identifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None
                ? "@" + name
                : name;

        /// <summary>A C# string literal.</summary>
        public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

        /// <summary>Text safe inside an XML doc comment, one entry per line.</summary>
        public static IEnumerable<string> XmlLines(string text)
        {
            foreach (string line in text.Replace("\r\n", "\n").Split('\n'))
            {
                yield return line.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
            }
        }
    }
}
