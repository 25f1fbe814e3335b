using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using SpecGuard.Core.Diagnostics;
using SpecGuard.Core.Model;
using SpecGuard.Core.Text;

namespace SpecGuard.Core.Review
{
    /// <summary>One line of a review record: a criterion ID and the fingerprint its links were last reviewed at.</summary>
    /// <param name="Id">The criterion ID.</param>
    /// <param name="Fingerprint">Its <see cref="CriterionFingerprint"/> when last reviewed.</param>
    /// <param name="Span">The whole line, without its line break.</param>
    public sealed record ReviewEntry(string Id, string Fingerprint, SourceSpan Span);

    /// <summary>
    /// The review record (<see cref="SpecContract.ReviewRecordFileName"/> in the specs root): for each reviewed criterion,
    /// the fingerprint of its normative text when its links (code and tests) were last checked against it. A criterion
    /// whose fingerprint now differs is suspect (SPEC105 on every link site) until reviewed again; a criterion not in
    /// the record was never reviewed and is not suspect; without a record the feature is off. Format, defined here once:
    /// <c>ID FINGERPRINT</c> per line (<c>ORDERS-001 3f2a9c0d1e2b4a5f</c>), sorted by ID (ordinal), <c>#</c> comments and
    /// blank lines ignored. Every other line is SPEC905 and records nothing.
    /// </summary>
    public sealed class ReviewRecord
    {
        private readonly Dictionary<string, ReviewEntry> _byId;

        private ReviewRecord(string path, IReadOnlyList<ReviewEntry> entries, IReadOnlyList<SpecDiagnostic> problems)
        {
            Path = path;
            Entries = entries;
            Problems = problems;
            _byId = new Dictionary<string, ReviewEntry>(StringComparer.Ordinal);
            foreach (ReviewEntry entry in entries)
            {
                _byId[entry.Id] = entry;
            }
        }

        /// <summary>The record's path as given.</summary>
        public string Path { get; }

        /// <summary>The valid entries in file order, each ID once.</summary>
        public IReadOnlyList<ReviewEntry> Entries { get; }

        /// <summary>SPEC905 problems: malformed and duplicate lines.</summary>
        public IReadOnlyList<SpecDiagnostic> Problems { get; }

        /// <summary>The entry of <paramref name="id"/>, or null (never reviewed).</summary>
        public ReviewEntry? Find(string id) => _byId.TryGetValue(id, out ReviewEntry? entry) ? entry : null;

        /// <summary>Whether <paramref name="id"/> with its current <paramref name="fingerprint"/> is suspect: reviewed at another fingerprint.</summary>
        public bool IsSuspect(string id, string fingerprint) => Find(id) is { } entry && !string.Equals(entry.Fingerprint, fingerprint, StringComparison.Ordinal);

        /// <summary>Reads a review record; never throws on any text.</summary>
        public static ReviewRecord Parse(string path, string text)
        {
            var entries = new List<ReviewEntry>();
            var problems = new List<SpecDiagnostic>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach ((string line, SourceSpan span) in TextLines.Of(text))
            {
                ReadLine(path, line, span, entries, problems, seen);
            }

            return new ReviewRecord(path, entries.ToArray(), problems.ToArray());
        }

        private static void ReadLine(string path, string line, SourceSpan span, List<ReviewEntry> entries, List<SpecDiagnostic> problems, Dictionary<string, int> seen)
        {
            string trimmed = line.Trim().TrimStart('\uFEFF').Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                return;
            }

            string[] parts = trimmed.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !IsId(parts[0]) || !CriterionFingerprint.IsFingerprint(parts[1]))
            {
                problems.Add(SpecDiagnostic.Create(SpecRules.MalformedReviewRecord, path, span,
                    "This line of the review record is not 'ID FINGERPRINT' (a criterion ID and 16 lower-case hex digits, e.g. 'ORDERS-001 3f2a9c0d1e2b4a5f') and records nothing. Run specguard review ID to record a criterion, or remove the line."));
                return;
            }

            if (seen.TryGetValue(parts[0], out int first))
            {
                problems.Add(SpecDiagnostic.Create(SpecRules.MalformedReviewRecord, path, span,
                    "This line repeats the review of " + parts[0] + " from line " + (first + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + " and is ignored; remove it."));
                return;
            }

            seen.Add(parts[0], span.StartLine);
            entries.Add(new ReviewEntry(parts[0], parts[1], span));
        }

        /// <summary>
        /// The text of a record holding <paramref name="entries"/> (ID, fingerprint): a header, then one line per ID sorted
        /// ordinal (a later entry for the same ID wins), LF line breaks; the same text whatever the order given.
        /// </summary>
        public static string Write(IEnumerable<(string Id, string Fingerprint)> entries)
        {
            var byId = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach ((string id, string fingerprint) in entries)
            {
                if (IsId(id) && CriterionFingerprint.IsFingerprint(fingerprint))
                {
                    byId[id] = fingerprint;
                }
            }

            var builder = new StringBuilder();
            builder.Append("# SpecGuard review record: the fingerprint of each criterion's normative text (title, given, when, then,\n");
            builder.Append("# examples) when its linked code and tests were last checked against it. A criterion whose text changed since\n");
            builder.Append("# is suspect (SPEC105) until `specguard review ID` records it again. See docs/suspect-links.md.\n");
            foreach (KeyValuePair<string, string> entry in byId)
            {
                builder.Append(entry.Key).Append(' ').Append(entry.Value).Append('\n');
            }

            return builder.ToString();
        }

        /// <summary>
        /// <paramref name="text"/> (a review record's text) with <paramref name="entries"/> (ID, fingerprint) recorded, for
        /// the code fix: the line of an ID the record lists is rewritten in place (<c>ID FINGERPRINT</c>); an ID it does not
        /// list becomes a line right after the last entry that sorts before it (ordinal), or before the first entry, or
        /// at the end of a file without entries. Every other line (comments, blank lines, malformed lines) stays as it
        /// is, and so does the file's line break (LF unless the file uses CRLF): a sorted record stays sorted, with a
        /// one-line diff per criterion. An empty text becomes <see cref="Write"/>'s. Entries that are not valid are left out;
        /// a later entry for the same ID wins. The text is returned unchanged when nothing changes.
        /// </summary>
        public static string WithEntries(string text, IEnumerable<(string Id, string Fingerprint)> entries)
        {
            var wanted = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach ((string id, string fingerprint) in entries)
            {
                if (IsId(id) && CriterionFingerprint.IsFingerprint(fingerprint))
                {
                    wanted[id] = fingerprint;
                }
            }

            if (wanted.Count == 0)
            {
                return text;
            }

            if (text.Trim().Length == 0)
            {
                return Write(wanted.Select(static e => (e.Key, e.Value)));
            }

            ReviewRecord current = Parse(string.Empty, text);
            string newline = text.Contains("\r\n") ? "\r\n" : "\n";
            string body = text.EndsWith("\n", StringComparison.Ordinal) ? text.Substring(0, text.Length - 1) : text;
            List<string> lines = body.Split('\n').Select(static l => l.EndsWith("\r", StringComparison.Ordinal) ? l.Substring(0, l.Length - 1) : l).ToList();
            var ids = new List<string?>(lines.Select(static _ => (string?)null));
            foreach (ReviewEntry entry in current.Entries)
            {
                ids[entry.Span.StartLine] = entry.Id;
            }

            bool changed = false;
            foreach (KeyValuePair<string, string> entry in wanted)
            {
                if (current.Find(entry.Key) is { } existing)
                {
                    if (!string.Equals(existing.Fingerprint, entry.Value, StringComparison.Ordinal))
                    {
                        lines[existing.Span.StartLine] = entry.Key + " " + entry.Value;
                        changed = true;
                    }

                    continue;
                }

                int insertAt = -1;
                int firstEntry = -1;
                for (int i = 0; i < ids.Count; i++)
                {
                    if (ids[i] is not { } id)
                    {
                        continue;
                    }

                    firstEntry = firstEntry < 0 ? i : firstEntry;
                    if (string.CompareOrdinal(id, entry.Key) < 0)
                    {
                        insertAt = i + 1;
                    }
                }

                if (insertAt < 0)
                {
                    insertAt = firstEntry >= 0 ? firstEntry : lines.Count;
                }

                lines.Insert(insertAt, entry.Key + " " + entry.Value);
                ids.Insert(insertAt, entry.Key);
                changed = true;
            }

            return changed ? string.Join(newline, lines) + newline : text;
        }

        // The characters of a criterion ID as the schema allows them (upper-case ASCII letters, digits, dashes; a letter first).
        private static bool IsId(string text) =>
            text.Length > 0 && text[0] >= 'A' && text[0] <= 'Z' && text.All(static c => (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-');
    }
}
