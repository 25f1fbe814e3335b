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
    public sealed record SpecSource(string Path, string Text)
    {
        /// <summary>Where the first byte that is not UTF-8 is, when the file is not UTF-8 (see <see cref="Text.SpecTextEncoding.Read"/>).</summary>
        public SourceSpan? NotUtf8At { get; init; }
    }

    /// <summary>
    /// One feature key and every spec file that declares it (one file, unless SPEC005 is reported), with their
    /// criteria merged: files in path order (ordinal), criteria in file order, and an ID declared twice in the group
    /// kept at its first declaration.
    /// </summary>
    /// <param name="Key">The feature key.</param>
    /// <param name="Files">The features of the files that declare the key, ordered by path; never empty.</param>
    /// <param name="Criteria">The merged criteria.</param>
    public sealed record FeatureGroup(string Key, EquatableArray<SpecFeature> Files, EquatableArray<Criterion> Criteria)
    {
        /// <summary>The first file's feature (by path): its title, owner, status and tags stand for the group.</summary>
        public SpecFeature First => Files[0];

        /// <summary>The first file's feature carrying the merged criteria of the whole group.</summary>
        public SpecFeature Merged => First with { Criteria = Criteria };
    }

    /// <summary>
    /// Every spec file a compilation (or a CLI run) sees, with the rules that span files: criterion IDs are unique
    /// across all of them (SPEC003), and a feature key is declared by one file only (SPEC005). Files are ordered by
    /// path (ordinal), so the result is the same whatever order they arrive in.
    /// </summary>
    public sealed class SpecSet
    {
        private readonly Dictionary<string, Criterion> _criteria;

        private SpecSet(EquatableArray<SpecLoadResult> files, EquatableArray<SpecDiagnostic> diagnostics, Dictionary<string, Criterion> criteria, EquatableArray<FeatureGroup> groups)
        {
            Files = files;
            Diagnostics = diagnostics;
            _criteria = criteria;
            FeatureGroups = groups;
        }

        /// <summary>Every file's load result, ordered by path.</summary>
        public EquatableArray<SpecLoadResult> Files { get; }

        /// <summary>Every diagnostic: each file's own plus the cross-file ones, ordered by path then position.</summary>
        public EquatableArray<SpecDiagnostic> Diagnostics { get; }

        /// <summary>The features that loaded, ordered by path.</summary>
        public IEnumerable<SpecFeature> Features => Files.Select(static f => f.Feature).OfType<SpecFeature>();

        /// <summary>Every criterion by ID (the first declaration, by path order, when an ID is duplicated).</summary>
        public IReadOnlyDictionary<string, Criterion> Criteria => _criteria;

        /// <summary>
        /// The features by key, ordered by key (ordinal): the one answer to "the criteria of feature K" for everything
        /// that presents features (catalog, report). Two files with one key (SPEC005) are merged by path order.
        /// </summary>
        public EquatableArray<FeatureGroup> FeatureGroups { get; }

        /// <summary>Loads every source and applies the cross-file rules.</summary>
        public static SpecSet Load(IEnumerable<SpecSource> sources, SpecLoaderLimits? limits = null) =>
            Load(sources, limits, System.Threading.CancellationToken.None);

        /// <summary>Loads every source and applies the cross-file rules; stops with <see cref="OperationCanceledException"/> soon after <paramref name="cancellationToken"/> is cancelled.</summary>
        public static SpecSet Load(IEnumerable<SpecSource> sources, System.Threading.CancellationToken cancellationToken) =>
            Load(sources, null, cancellationToken);

        /// <summary>Loads every source under <paramref name="limits"/> and applies the cross-file rules; stops with <see cref="OperationCanceledException"/> soon after <paramref name="cancellationToken"/> is cancelled.</summary>
        public static SpecSet Load(IEnumerable<SpecSource> sources, SpecLoaderLimits? limits, System.Threading.CancellationToken cancellationToken) =>
            Create(sources.Select(source => source.NotUtf8At is { } notUtf8
                ? Text.SpecTextEncoding.NotUtf8(source.Path, notUtf8, replacedBy: null)
                : SpecLoader.Load(source.Path, source.Text, limits, cancellationToken)));

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

            EquatableArray<FeatureGroup> groups = GroupFeatures(ordered, extra);

            IEnumerable<SpecDiagnostic> all = ordered.SelectMany(static f => f.Diagnostics).Concat(extra);
            EquatableArray<SpecDiagnostic> diagnostics = all
                .OrderBy(static d => d.Path, StringComparer.Ordinal)
                .ThenBy(static d => d.Span.Start)
                .ThenBy(static d => d.Id, StringComparer.Ordinal)
                .ThenBy(static d => d.Message, StringComparer.Ordinal)
                .ToEquatableArray();
            return new SpecSet(ordered.ToEquatableArray(), diagnostics, criteria, groups);
        }

        /// <summary>
        /// Groups features by key (files already in path order) and reports SPEC005 on the <c>feature:</c> value of each
        /// file whose key another file also declares, naming the nearest other one: N files give N diagnostics.
        /// </summary>
        private static EquatableArray<FeatureGroup> GroupFeatures(SpecLoadResult[] ordered, List<SpecDiagnostic> extra)
        {
            var byKey = new SortedDictionary<string, List<SpecFeature>>(StringComparer.Ordinal);
            foreach (SpecLoadResult file in ordered)
            {
                if (file.Feature is not { } feature)
                {
                    continue;
                }

                if (!byKey.TryGetValue(feature.Key, out var list))
                {
                    byKey.Add(feature.Key, list = new List<SpecFeature>());
                }

                list.Add(feature);
            }

            var groups = new List<FeatureGroup>(byKey.Count);
            foreach (var pair in byKey)
            {
                List<SpecFeature> files = pair.Value;
                if (files.Count > 1)
                {
                    for (int i = 0; i < files.Count; i++)
                    {
                        SpecFeature other = files[i == 0 ? 1 : 0];
                        string message = string.Format(
                            System.Globalization.CultureInfo.InvariantCulture,
                            "The feature key '{0}' is also declared in {1} at line {2}; a feature is one spec file. Give one of them another key (and its criteria IDs that prefix), or move its criteria into the other file.",
                            pair.Key,
                            other.Path,
                            other.KeySpan.StartLine + 1);
                        if (files.Count > 2)
                        {
                            message += string.Format(System.Globalization.CultureInfo.InvariantCulture, " It is declared in {0} files in all.", files.Count);
                        }

                        extra.Add(SpecDiagnostic.Create(SpecRules.DuplicateFeatureKey, files[i].Path, files[i].KeySpan, message));
                    }
                }

                var ids = new HashSet<string>(StringComparer.Ordinal);
                var merged = new List<Criterion>();
                foreach (SpecFeature feature in files)
                {
                    foreach (Criterion criterion in feature.Criteria)
                    {
                        if (ids.Add(criterion.Id))
                        {
                            merged.Add(criterion);
                        }
                    }
                }

                groups.Add(new FeatureGroup(pair.Key, files.ToEquatableArray(), merged.ToEquatableArray()));
            }

            return groups.ToEquatableArray();
        }

        /// <summary>The diagnostics about one file (its own and the cross-file ones that land in it).</summary>
        public IEnumerable<SpecDiagnostic> DiagnosticsFor(string path) =>
            Diagnostics.Where(d => string.Equals(d.Path, path, StringComparison.Ordinal));
    }
}
