using System;
using System.Collections.Generic;
using System.Linq;
using SpecGuard.Core.Diagnostics;
using SpecGuard.Core.Model;

namespace SpecGuard.Core
{
    /// <summary>A spec file's path and text, as a compilation or the command line sees it.</summary>
    /// <param name="Path">The file's path.</param>
    /// <param name="Text">The file's text.</param>
    public sealed record SpecSource(string Path, string Text);

    /// <summary>
    /// Every spec file a compilation (or a CLI run) sees, with the rules that span files: criterion IDs are unique
    /// across all of them (SPEC003). Files are ordered by path (ordinal), so the result is the same whatever order
    /// they arrive in.
    /// </summary>
    public sealed class SpecSet
    {
        private readonly Dictionary<string, Criterion> _criteria;

        private SpecSet(EquatableArray<SpecLoadResult> files, EquatableArray<SpecDiagnostic> diagnostics, Dictionary<string, Criterion> criteria)
        {
            Files = files;
            Diagnostics = diagnostics;
            _criteria = criteria;
        }

        /// <summary>Every file's load result, ordered by path.</summary>
        public EquatableArray<SpecLoadResult> Files { get; }

        /// <summary>Every diagnostic: each file's own plus the cross-file ones, ordered by path then position.</summary>
        public EquatableArray<SpecDiagnostic> Diagnostics { get; }

        /// <summary>The features that loaded, ordered by path.</summary>
        public IEnumerable<SpecFeature> Features => Files.Select(static f => f.Feature).OfType<SpecFeature>();

        /// <summary>Every criterion by ID (the first declaration, by path order, when an ID is duplicated).</summary>
        public IReadOnlyDictionary<string, Criterion> Criteria => _criteria;

        /// <summary>Loads every source and applies the cross-file rules.</summary>
        public static SpecSet Load(IEnumerable<SpecSource> sources, SpecLoaderLimits? limits = null) =>
            Create(sources.Select(source => SpecLoader.Load(source.Path, source.Text, limits)));

        /// <summary>Combines already-loaded files (e.g. cached per file by an incremental generator) and applies the cross-file rules.</summary>
        public static SpecSet Create(IEnumerable<SpecLoadResult> files)
        {
            SpecLoadResult[] ordered = files.OrderBy(static f => f.Path, StringComparer.Ordinal).ToArray();
            var criteria = new Dictionary<string, Criterion>(StringComparer.Ordinal);
            var occurrences = new Dictionary<string, List<(string Path, Criterion Criterion)>>(StringComparer.Ordinal);
            foreach (SpecLoadResult file in ordered)
            {
                foreach (Criterion criterion in file.Feature?.Criteria ?? EquatableArray<Criterion>.Empty)
                {
                    if (!occurrences.TryGetValue(criterion.Id, out var list))
                    {
                        occurrences.Add(criterion.Id, list = new List<(string, Criterion)>());
                        criteria.Add(criterion.Id, criterion);
                    }

                    list.Add((file.Path, criterion));
                }
            }

            // One diagnostic per occurrence, naming the nearest other one (and how many more there are), so N
            // copies give N diagnostics, not N². Duplicates inside one file were reported by the file itself.
            var extra = new List<SpecDiagnostic>();
            foreach (var list in occurrences.Values.Where(static l => l.Count > 1))
            {
                for (int i = 0; i < list.Count; i++)
                {
                    var other = list[i == 0 ? 1 : 0];
                    string message = SpecLoader.DuplicateMessage(list[i].Criterion.Id, other.Path, other.Criterion.IdSpan);
                    if (list.Count > 2)
                    {
                        message += string.Format(System.Globalization.CultureInfo.InvariantCulture, " It is declared {0} times in all.", list.Count);
                    }

                    extra.Add(SpecDiagnostic.Create(SpecRules.DuplicateCriterionId, list[i].Path, list[i].Criterion.IdSpan, message));
                }
            }

            IEnumerable<SpecDiagnostic> all = ordered.SelectMany(static f => f.Diagnostics).Concat(extra);
            EquatableArray<SpecDiagnostic> diagnostics = all
                .OrderBy(static d => d.Path, StringComparer.Ordinal)
                .ThenBy(static d => d.Span.Start)
                .ThenBy(static d => d.Id, StringComparer.Ordinal)
                .ThenBy(static d => d.Message, StringComparer.Ordinal)
                .ToEquatableArray();
            return new SpecSet(ordered.ToEquatableArray(), diagnostics, criteria);
        }

        /// <summary>The diagnostics about one file (its own and the cross-file ones that land in it).</summary>
        public IEnumerable<SpecDiagnostic> DiagnosticsFor(string path) =>
            Diagnostics.Where(d => string.Equals(d.Path, path, StringComparison.Ordinal));
    }
}
