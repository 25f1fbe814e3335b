using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SpecGuard.Core;
using SpecGuard.Core.Model;
using SpecGuard.Generators.Infrastructure;

namespace SpecGuard.CodeFixes.Infrastructure
{
    /// <summary>A criterion with the feature it belongs to.</summary>
    internal sealed class KnownCriterion
    {
        public KnownCriterion(Criterion criterion, SpecFeature feature)
        {
            Criterion = criterion;
            Feature = feature;
        }

        public Criterion Criterion { get; }

        public SpecFeature Feature { get; }

        public string Id => Criterion.Id;
    }

    /// <summary>
    /// The spec set a project sees, read from its spec AdditionalDocuments (never the file system), as the analyzers
    /// read it from the AdditionalFiles. Each file is parsed once per text (a weak cache, so texts the workspace drops
    /// are collected with their results): fix-all asks for the specs once per diagnostic.
    /// </summary>
    internal sealed class ProjectSpecs
    {
        private static readonly ConditionalWeakTable<SourceText, SpecLoadResult> Cache = new ConditionalWeakTable<SourceText, SpecLoadResult>();

        private readonly Dictionary<string, KnownCriterion> _byId;

        private ProjectSpecs(List<KnownCriterion> criteria)
        {
            All = criteria;
            _byId = criteria.ToDictionary(static c => c.Id, StringComparer.Ordinal);
        }

        /// <summary>Every criterion (first declaration of a duplicated ID), in spec-file path order then file order.</summary>
        public IReadOnlyList<KnownCriterion> All { get; }

        /// <summary>The approved criteria: the ones code may be linked to (draft ones are not binding yet, deprecated ones no longer).</summary>
        public IEnumerable<KnownCriterion> Linkable => All.Where(static c => c.Criterion.Status == SpecStatus.Approved);

        public KnownCriterion? Find(string id) => _byId.TryGetValue(id, out KnownCriterion? criterion) ? criterion : null;

        public static async Task<ProjectSpecs> LoadAsync(Project project, CancellationToken cancellationToken)
        {
            var results = new List<SpecLoadResult>();
            foreach (TextDocument document in project.AdditionalDocuments)
            {
                string path = document.FilePath ?? document.Name;
                if (!SpecContract.IsSpecFile(path))
                {
                    continue;
                }

                SourceText text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                SpecLoadResult result = Cache.GetValue(text, t => SpecLoader.Load(path, t.ToString()));
                results.Add(string.Equals(result.Path, path, StringComparison.Ordinal) ? result : SpecLoader.Load(path, text.ToString()));
            }

            SpecSet set = SpecSet.Create(results);
            var criteria = new List<KnownCriterion>();
            foreach (SpecFeature feature in set.Features)
            {
                foreach (Criterion criterion in feature.Criteria)
                {
                    if (set.Criteria.TryGetValue(criterion.Id, out Criterion? first) && ReferenceEquals(first, criterion))
                    {
                        criteria.Add(new KnownCriterion(criterion, feature));
                    }
                }
            }

            return new ProjectSpecs(criteria);
        }
    }
}
