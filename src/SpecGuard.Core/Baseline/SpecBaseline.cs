using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using SpecGuard.Core.Diagnostics;
using SpecGuard.Core.Model;
using SpecGuard.Core.Text;

namespace SpecGuard.Core.Baseline
{
    /// <summary>
    /// One line of a baseline: a rule (SPEC100 or SPEC101) and the stable key of the symbol it was reported on, with the
    /// line's span in the file (for SPEC107 on a stale entry and SPEC904 on a bad one).
    /// </summary>
    /// <param name="Rule">SPEC100 or SPEC101.</param>
    /// <param name="Key">The symbol key (<see cref="SpecBaseline.IsValidKey"/>).</param>
    /// <param name="Span">The whole line, without its line break.</param>
    public sealed record BaselineEntry(string Rule, string Key, SourceSpan Span)
    {
        /// <summary>The entry as written in the file: <c>SPEC101 M:Shop.OrdersController.Place(System.Int32)</c>.</summary>
        public string Line => Rule + " " + Key;
    }

    /// <summary>
    /// The SpecGuard baseline of one project (<see cref="SpecContract.BaselineFileName"/> in the project folder): untraced
    /// code recorded when SpecGuard was adopted, which the analyzers do not report as SPEC100/SPEC101 and which only
    /// shrinks. The format, defined here once for the analyzers, the code fixes and the CLI:
    /// <list type="bullet">
    /// <item>one entry per line, <c>RULE KEY</c>: <c>SPEC100 T:Shop.Orders.OrderService</c>;</item>
    /// <item>KEY is the symbol's documentation-comment ID (<c>T:</c>, <c>M:</c>, <c>P:</c>, <c>E:</c>, <c>F:</c>), or for a
    /// minimal-API lambda <c>endpoint:</c> followed by the Map call and its route in the member that maps it;</item>
    /// <item>lines starting with <c>#</c> and blank lines are ignored; entries are sorted (ordinal) so that branches
    /// which baseline different code merge without conflict.</item>
    /// </list>
    /// Every line that is not a comment, blank or a valid entry is a problem (SPEC904) and exempts nothing.
    /// </summary>
    public sealed class SpecBaseline
    {
        /// <summary>The rules a baseline can hold.</summary>
        public static readonly IReadOnlyList<string> Rules = new[] { SpecRuleIds.UntracedPublicApi, SpecRuleIds.UntracedHandler };

        /// <summary>The prefix of a minimal-API lambda endpoint's key.</summary>
        public const string EndpointPrefix = "endpoint:";

        private static readonly string[] DocumentationIdPrefixes = { "T:", "M:", "P:", "E:", "F:" };

        private readonly Dictionary<(string Rule, string Key), BaselineEntry> _byKey;

        private SpecBaseline(string path, IReadOnlyList<BaselineEntry> entries, IReadOnlyList<SpecDiagnostic> problems)
        {
            Path = path;
            Entries = entries;
            Problems = problems;
            _byKey = new Dictionary<(string, string), BaselineEntry>();
            foreach (BaselineEntry entry in entries)
            {
                _byKey[(entry.Rule, entry.Key)] = entry;
            }
        }

        /// <summary>The baseline file's path as given.</summary>
        public string Path { get; }

        /// <summary>The valid entries, in file order (each rule and key once).</summary>
        public IReadOnlyList<BaselineEntry> Entries { get; }

        /// <summary>SPEC904 problems: malformed and duplicate lines.</summary>
        public IReadOnlyList<SpecDiagnostic> Problems { get; }

        /// <summary>The entry for <paramref name="rule"/> on the symbol <paramref name="key"/>, or null.</summary>
        public BaselineEntry? Find(string rule, string key) =>
            _byKey.TryGetValue((rule, key), out BaselineEntry? entry) ? entry : null;

        /// <summary>Whether <paramref name="key"/> has the form of a symbol key (it may still name nothing).</summary>
        public static bool IsValidKey(string key)
        {
            if (key.Length == 0 || key.Any(static c => char.IsControl(c)))
            {
                return false;
            }

            if (key.StartsWith(EndpointPrefix, StringComparison.Ordinal))
            {
                return key.Length > EndpointPrefix.Length;
            }

            return DocumentationIdPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal)) && key.Length > 2 && key.IndexOf(' ') < 0;
        }

        /// <summary>Reads a baseline; never throws on any text.</summary>
        public static SpecBaseline Parse(string path, string text)
        {
            var entries = new List<BaselineEntry>();
            var problems = new List<SpecDiagnostic>();
            var seen = new Dictionary<(string, string), int>();
            foreach ((string line, SourceSpan span) in TextLines.Of(text))
            {
                ReadLine(path, line, span, entries, problems, seen);
            }

            return new SpecBaseline(path, entries.ToArray(), problems.ToArray());
        }

        private static void ReadLine(string path, string line, SourceSpan span, List<BaselineEntry> entries, List<SpecDiagnostic> problems, Dictionary<(string, string), int> seen)
        {
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                return;
            }

            if (trimmed[0] == '\uFEFF')
            {
                trimmed = trimmed.Substring(1).Trim();
                if (trimmed.Length == 0 || trimmed[0] == '#')
                {
                    return;
                }
            }

            int space = trimmed.IndexOf(' ');
            string rule = space < 0 ? trimmed : trimmed.Substring(0, space);
            string key = space < 0 ? string.Empty : trimmed.Substring(space + 1).Trim();
            if (!Rules.Contains(rule))
            {
                problems.Add(SpecDiagnostic.Create(SpecRules.MalformedBaseline, path, span,
                    "This baseline line does not start with SPEC100 or SPEC101 and exempts nothing. Each entry is 'RULE KEY', e.g. 'SPEC101 M:Shop.OrdersController.Place(System.Int32)'; write comments after '#', or regenerate the file with specguard baseline."));
                return;
            }

            if (!IsValidKey(key))
            {
                problems.Add(SpecDiagnostic.Create(SpecRules.MalformedBaseline, path, span,
                    "This baseline line's symbol key '" + Printable(key) + "' is not a documentation-comment ID (T:, M:, P:, E:, F:) or an 'endpoint:' key, so it exempts nothing. Regenerate the file with specguard baseline, or remove the line."));
                return;
            }

            if (seen.TryGetValue((rule, key), out int firstLine))
            {
                problems.Add(SpecDiagnostic.Create(SpecRules.MalformedBaseline, path, span,
                    "This baseline entry repeats line " + (firstLine + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "; remove it."));
                return;
            }

            seen.Add((rule, key), span.StartLine);
            entries.Add(new BaselineEntry(rule, key, span));
        }

        /// <summary>
        /// The text of a baseline holding <paramref name="entries"/> (rule, key): a header saying what the file is, then the
        /// entries sorted by key and rule (ordinal), each once, LF line breaks. Whatever order the entries come in, the same text.
        /// </summary>
        public static string Write(string projectName, IEnumerable<(string Rule, string Key)> entries)
        {
            var builder = new StringBuilder();
            builder.Append("# SpecGuard baseline of ").Append(OneLine(projectName)).Append(": untraced code recorded when SpecGuard was adopted.\n");
            builder.Append("# SPEC100/SPEC101 skip these symbols; new code is held to the specs. The file only shrinks: link or exempt a\n");
            builder.Append("# symbol, then delete its line (SPEC107 says which lines are stale). See docs/adopting.md.\n");
            foreach ((string rule, string key) in Sorted(entries))
            {
                builder.Append(rule).Append(' ').Append(key).Append('\n');
            }

            return builder.ToString();
        }

        /// <summary>
        /// <paramref name="text"/> (a baseline file's text) with <paramref name="entries"/> added, for the code fix: each
        /// entry the file does not hold yet becomes a line right after the last entry that sorts before it (key, then rule,
        /// ordinal), or before the first entry, or at the end of a file without entries; so a comment stays with the
        /// entry it precedes. Every other line (comments, blank lines, malformed lines) stays as it is,
        /// and so does the file's line break (LF unless the file uses CRLF): a sorted file stays sorted, with a one-line diff per entry.
        /// </summary>
        public static string WithEntries(string text, IEnumerable<(string Rule, string Key)> entries)
        {
            SpecBaseline current = Parse(string.Empty, text);
            var added = Sorted(entries).Where(e => current.Find(e.Rule, e.Key) is null).ToList();
            if (added.Count == 0)
            {
                return text;
            }

            string newline = text.Contains("\r\n") ? "\r\n" : "\n";
            List<string> lines = SplitLines(text);
            var entryLines = current.Entries.ToDictionary(static e => e.Span.StartLine);
            foreach ((string rule, string key) in added)
            {
                int insertAt = -1;
                int firstEntry = -1;
                for (int i = 0; i < lines.Count; i++)
                {
                    if (!entryLines.TryGetValue(i, out BaselineEntry? existing))
                    {
                        continue;
                    }

                    firstEntry = firstEntry < 0 ? i : firstEntry;
                    if (Compare((existing.Rule, existing.Key), (rule, key)) < 0)
                    {
                        insertAt = i + 1;
                    }
                }

                if (insertAt < 0)
                {
                    insertAt = firstEntry >= 0 ? firstEntry : lines.Count;
                }

                lines.Insert(insertAt, rule + " " + key);
                entryLines = entryLines.ToDictionary(p => p.Key >= insertAt ? p.Key + 1 : p.Key, static p => p.Value);
                entryLines[insertAt] = new BaselineEntry(rule, key, default);
            }

            return string.Join(newline, lines) + newline;
        }

        /// <summary>
        /// <paramref name="text"/> without the lines of the entries <paramref name="entries"/> (for the code fix on SPEC107):
        /// each whole line with its line break goes; every other line stays as it is.
        /// </summary>
        public static string WithoutEntries(string text, IEnumerable<(string Rule, string Key)> entries)
        {
            var remove = new HashSet<(string, string)>(entries);
            SpecBaseline current = Parse(string.Empty, text);
            var lineNumbers = new HashSet<int>(current.Entries.Where(e => remove.Contains((e.Rule, e.Key))).Select(static e => e.Span.StartLine));
            if (lineNumbers.Count == 0)
            {
                return text;
            }

            var builder = new StringBuilder(text.Length);
            int lineNumber = 0;
            int start = 0;
            while (start < text.Length)
            {
                int end = text.IndexOf('\n', start);
                int next = end < 0 ? text.Length : end + 1;
                if (!lineNumbers.Contains(lineNumber))
                {
                    builder.Append(text, start, next - start);
                }

                lineNumber++;
                start = next;
            }

            return builder.ToString();
        }

        private static int Compare((string Rule, string Key) a, (string Rule, string Key) b)
        {
            int byKey = string.CompareOrdinal(a.Key, b.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(a.Rule, b.Rule);
        }

        // The lines without their breaks; a text ending in a line break has no empty last line here.
        private static List<string> SplitLines(string text)
        {
            string body = text.EndsWith("\n", StringComparison.Ordinal) ? text.Substring(0, text.Length - 1) : text;
            if (body.Length == 0)
            {
                return new List<string>();
            }

            return body.Split('\n').Select(static l => l.EndsWith("\r", StringComparison.Ordinal) ? l.Substring(0, l.Length - 1) : l).ToList();
        }

        /// <summary>The entries sorted by key, then rule (ordinal), each once; keys that are not valid are left out.</summary>
        public static IReadOnlyList<(string Rule, string Key)> Sorted(IEnumerable<(string Rule, string Key)> entries) =>
            entries
                .Where(static e => Rules.Contains(e.Rule) && IsValidKey(e.Key))
                .Distinct()
                .OrderBy(static e => e.Key, StringComparer.Ordinal)
                .ThenBy(static e => e.Rule, StringComparer.Ordinal)
                .ToList();

        private static string OneLine(string text) => new string(text.Select(static c => char.IsControl(c) ? ' ' : c).ToArray());

        private static string Printable(string text) => text.Length > 80 ? OneLine(text.Substring(0, 80)) + "…" : OneLine(text);
    }
}
