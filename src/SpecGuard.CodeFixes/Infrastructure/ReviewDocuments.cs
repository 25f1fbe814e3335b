using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SpecGuard.Core;
using SpecGuard.Core.Review;

namespace SpecGuard.CodeFixes.Infrastructure
{
    /// <summary>
    /// Edits the review record (<see cref="SpecContract.ReviewRecordFileName"/>, an additional document of every project
    /// that sees the specs root) for the SPEC105 code fix. The text changes go through <see cref="ReviewRecord.WithEntries"/>;
    /// what to record (ID, current fingerprint) comes from the diagnostics' properties, so the specs are not loaded here.
    /// </summary>
    internal static class ReviewDocuments
    {
        /// <summary>The (ID, fingerprint) a SPEC105 carries, or null (a diagnostic from an analyzer that does not put them in).</summary>
        public static (string Id, string Fingerprint)? EntryOf(Diagnostic diagnostic) =>
            diagnostic.Properties.TryGetValue(SpecContract.CriterionIdProperty, out string? id) && id is not null &&
            diagnostic.Properties.TryGetValue(SpecContract.FingerprintProperty, out string? fingerprint) && fingerprint is not null &&
            CriterionFingerprint.IsFingerprint(fingerprint)
                ? (id, fingerprint)
                : null;

        /// <summary>Whether <paramref name="project"/> has a review record.</summary>
        public static bool HasRecord(Project project) => Records(project).Any();

        /// <summary>
        /// <paramref name="solution"/> with <paramref name="entries"/> recorded: each record of those projects that lists
        /// an entry's ID gets its line rewritten (an ID no record lists is not suspect, so nothing adds it here). One edit per
        /// record file: the same file seen by several projects (each its own additional document with that path) gets the
        /// same new text in all of them.
        /// </summary>
        public static async Task<Solution> RecordAsync(Solution solution, IEnumerable<(ProjectId Project, (string Id, string Fingerprint) Entry)> entries, CancellationToken cancellationToken)
        {
            // Record file path -> the entries to record there (a later one for the same ID wins: the same specs give the same fingerprint).
            var byFile = new SortedDictionary<string, List<(string Id, string Fingerprint)>>(StringComparer.Ordinal);
            foreach ((ProjectId projectId, (string Id, string Fingerprint) entry) in entries)
            {
                if (solution.GetProject(projectId) is not { } project)
                {
                    continue;
                }

                foreach (TextDocument record in Records(project))
                {
                    string key = PathOf(record);
                    if (!byFile.TryGetValue(key, out List<(string, string)>? list))
                    {
                        byFile[key] = list = new List<(string, string)>();
                    }

                    list.Add(entry);
                }
            }

            Solution updated = solution;
            foreach (KeyValuePair<string, List<(string Id, string Fingerprint)>> file in byFile)
            {
                TextDocument[] documents = solution.Projects.SelectMany(Records).Where(d => string.Equals(PathOf(d), file.Key, StringComparison.Ordinal)).ToArray();
                if (documents.Length == 0)
                {
                    continue;
                }

                SourceText old = await documents[0].GetTextAsync(cancellationToken).ConfigureAwait(false);
                string text = old.ToString();
                ReviewRecord record = ReviewRecord.Parse(file.Key, text);
                string changed = ReviewRecord.WithEntries(text, file.Value.Where(e => record.Find(e.Id) is not null));
                if (ReferenceEquals(changed, text) || changed == text)
                {
                    continue;
                }

                SourceText newText = SourceText.From(changed, old.Encoding, old.ChecksumAlgorithm);
                foreach (TextDocument document in documents)
                {
                    updated = updated.WithAdditionalDocumentText(document.Id, newText);
                }
            }

            return updated;
        }

        private static IEnumerable<TextDocument> Records(Project project) =>
            project.AdditionalDocuments.Where(static d => SpecContract.IsReviewRecordFile(PathOf(d)));

        private static string PathOf(TextDocument document) => document.FilePath ?? document.Name;
    }
}
