using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using SpecGuard.Core.Model;

namespace SpecGuard.Core.Review
{
    /// <summary>
    /// The fingerprint of a criterion's normative content: its title, Given, When, Then and examples, as the loader
    /// read them (so YAML formatting — quoting, indentation, comments, key order, flow or block style, a string written
    /// as one item or a list of one — changes nothing, and tags, owner, priority, status and the ID change nothing either).
    /// Example cells count by column name (key order in a row is formatting), rows in their order. Sixteen lower-case
    /// hex digits: the first 64 bits of SHA-256 over a length-prefixed encoding of those fields.
    /// </summary>
    public static class CriterionFingerprint
    {
        /// <summary>The number of hex digits of a fingerprint.</summary>
        public const int Length = 16;

        /// <summary>The fingerprint of <paramref name="criterion"/>.</summary>
        public static string Of(Criterion criterion)
        {
            var text = new StringBuilder();
            Field(text, "title", criterion.Title);
            List(text, "given", criterion.Given);
            List(text, "when", criterion.When);
            List(text, "then", criterion.Then);
            text.Append("examples:").Append(criterion.Examples.Count).Append(criterion.HasInvalidExamples ? "!" : string.Empty).Append('\n');
            foreach (ExampleRow row in criterion.Examples)
            {
                text.Append("row:").Append(row.Cells.Count).Append('\n');
                foreach (ExampleCell cell in row.Cells.OrderBy(static c => c.Name, StringComparer.Ordinal))
                {
                    Field(text, "name", cell.Name);
                    Field(text, cell.Kind.ToString(), cell.Value ?? "\0null");
                }
            }

            using (SHA256 sha = SHA256.Create())
            {
                byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString()));
                var hex = new StringBuilder(Length);
                for (int i = 0; i < Length / 2; i++)
                {
                    hex.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                }

                return hex.ToString();
            }
        }

        /// <summary>Whether <paramref name="text"/> has the form of a fingerprint.</summary>
        public static bool IsFingerprint(string text) =>
            text.Length == Length && text.All(static c => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));

        private static void List(StringBuilder text, string name, EquatableArray<string> items)
        {
            text.Append(name).Append(':').Append(items.Count).Append('\n');
            foreach (string item in items)
            {
                Field(text, "item", item);
            }
        }

        private static void Field(StringBuilder text, string name, string value) =>
            text.Append(name).Append(':').Append(value.Length).Append(':').Append(value).Append('\n');
    }
}
