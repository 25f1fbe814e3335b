using SpecGuard.Core;
using SpecGuard.Core.Model;

namespace SpecGuard.Generators.Model
{
    /// <summary>
    /// A criterion as the catalog and the stubs need it: no source spans, so moving lines regenerates nothing.
    /// <see cref="HasInvalidExamples"/>: the spec's examples for it are invalid (SPEC002), so it gets no pending test.
    /// </summary>
    internal sealed record CatalogCriterion(
        string Id,
        string Title,
        EquatableArray<string> Given,
        EquatableArray<string> When,
        EquatableArray<string> Then,
        SpecStatus Status,
        CriterionPriority Priority,
        string? ReplacedBy,
        EquatableArray<EquatableArray<ExampleCell>> Examples,
        bool HasInvalidExamples);

    /// <summary>One spec file's feature as the generator needs it.</summary>
    /// <param name="Path">The spec file's path: features of one key merge in path order (ordinal), as <c>SpecSet.FeatureGroups</c> does.</param>
    internal sealed record CatalogFeature(string Key, string Title, string Path, EquatableArray<CatalogCriterion> Criteria)
    {
        public static CatalogFeature? From(SpecLoadResult result)
        {
            SpecFeature? feature = result.Feature;
            if (feature is null)
            {
                return null;
            }

            var criteria = new CatalogCriterion[feature.Criteria.Count];
            for (int i = 0; i < criteria.Length; i++)
            {
                Criterion c = feature.Criteria[i];
                var rows = new EquatableArray<ExampleCell>[c.Examples.Count];
                for (int r = 0; r < rows.Length; r++)
                {
                    rows[r] = c.Examples[r].Cells;
                }

                criteria[i] = new CatalogCriterion(c.Id, c.Title, c.Given, c.When, c.Then, c.Status, c.Priority, c.ReplacedBy, rows.ToEquatableArray(), c.HasInvalidExamples);
            }

            return new CatalogFeature(feature.Key, feature.Title, feature.Path, criteria.ToEquatableArray());
        }

        /// <summary>The file name, as the catalog's documentation shows it.</summary>
        public string FileName => System.IO.Path.GetFileName(Path);
    }
}
