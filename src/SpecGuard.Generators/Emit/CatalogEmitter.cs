using System;
using System.Collections.Generic;
using System.Linq;
using SpecGuard.Core.Model;
using SpecGuard.Generators.Model;
using SpecGuard.Core;
using SpecGuard.Generators.Infrastructure;

namespace SpecGuard.Generators.Emit
{
    /// <summary>
    /// The typed catalog: one static class per feature key with a <c>const string</c> per criterion ID, whose XML doc
    /// carries the criterion's title and Given/When/Then, so hovering an ID shows the acceptance criterion.
    /// </summary>
    internal static class CatalogEmitter
    {
        /// <summary>Features merged by key (files ordered by full path, ordinal, as SpecSet.FeatureGroups orders them; the first declaration of an ID wins), ordered by key. Two files with one key are SPEC005.</summary>
        public static IReadOnlyList<MergedFeature> Merge(IEnumerable<CatalogFeature> features)
        {
            var byKey = new SortedDictionary<string, MergedFeature>(StringComparer.Ordinal);
            foreach (CatalogFeature feature in features.OrderBy(static f => f.Path, StringComparer.Ordinal).ThenBy(static f => f.Key, StringComparer.Ordinal))
            {
                if (!byKey.TryGetValue(feature.Key, out MergedFeature? merged))
                {
                    merged = new MergedFeature(feature.Key, feature.Title, new List<string>(), new List<CatalogCriterion>(), new HashSet<string>(StringComparer.Ordinal));
                    byKey.Add(feature.Key, merged);
                }

                merged.Files.Add(feature.FileName);
                foreach (CatalogCriterion criterion in feature.Criteria)
                {
                    if (merged.Ids.Add(criterion.Id))
                    {
                        merged.Criteria.Add(criterion);
                    }
                }
            }

            return byKey.Values.ToList();
        }

        /// <param name="catalogNamespace">The catalog's namespace.</param>
        /// <param name="feature">The feature.</param>
        /// <param name="nullableAnnotations">Whether the language has nullable annotations (C# 8 on).</param>
        /// <param name="documentation">Whether the compiler reads doc comments (an IDE, a build with a documentation file); without, none are written.</param>
        /// <param name="constants">false: the class holds only FeatureKey (SpecGuardCatalog: its feature is not named by the code).</param>
        public static string Emit(string catalogNamespace, MergedFeature feature, bool nullableAnnotations, bool documentation = true, bool constants = true)
        {
            var writer = new IndentedWriter(documentation);
            writer.Header(nullableAnnotations);
            writer.Open("namespace " + catalogNamespace);
            writer.Line("/// <summary>");
            writer.Line("/// Acceptance criteria of feature <c>" + feature.Key + "</c>: " + Names.DocText(feature.Title));
            writer.Line("/// (" + string.Join(", ", feature.Files.Distinct().Select(Names.DocText)) + ").");
            writer.Line("/// </summary>");
            writer.Line("[global::Microsoft.CodeAnalysis.Embedded]");
            writer.Line(AttributeSource.GeneratedCode);
            writer.Open("internal static partial class " + SpecContract.CatalogClass(feature.Key));
            writer.Line("/// <summary>The feature key, <c>" + feature.Key + "</c>.</summary>");
            writer.Line("public const string FeatureKey = " + Names.Literal(feature.Key) + ";");
            if (!constants)
            {
                writer.Line();
                writer.Line("// The project sees more than " + SpecGuardOptions.AutoCatalogLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) + " criteria (or SpecGuardCatalog is referenced): the");
                writer.Line("// criterion constants of a feature are generated once the code names this class, e.g. " + Names.CommentText(SpecContract.CatalogClass(feature.Key) + "." + SpecContract.CriterionConstant(feature.Criteria.Count > 0 ? feature.Criteria[0].Id : feature.Key + "-001")) + ".");
            }

            foreach (CatalogCriterion criterion in constants ? feature.Criteria : new List<CatalogCriterion>())
            {
                writer.Line();
                writer.Line("/// <summary><b>" + criterion.Id + "</b>: " + Names.DocText(criterion.Title) + "</summary>");
                writer.Line("/// <remarks>");
                Clause(writer, "Given", criterion.Given);
                Clause(writer, "When", criterion.When);
                Clause(writer, "Then", criterion.Then);
                string status = criterion.Status switch
                {
                    SpecStatus.Deprecated => "deprecated" + (criterion.ReplacedBy is null ? string.Empty : ", replaced by " + Names.DocText(criterion.ReplacedBy)),
                    SpecStatus.Draft => "draft",
                    _ => "approved",
                };
                writer.Line("/// <para>Priority: " + criterion.Priority.ToString().ToLowerInvariant() + ". Status: " + status + ".</para>");
                writer.Line("/// </remarks>");
                writer.Line("public const string " + SpecContract.CriterionConstant(criterion.Id) + " = " + Names.Literal(criterion.Id) + ";");
            }

            writer.Close();
            writer.Close();
            return writer.ToString();
        }

        private static void Clause(IndentedWriter writer, string keyword, EquatableArray<string> sentences)
        {
            if (sentences.Count == 0)
            {
                return;
            }

            writer.Line("/// <para><b>" + keyword + "</b> " + string.Join("; <b>and</b> ", sentences.Select(Names.DocText)) + "</para>");
        }

        internal sealed record MergedFeature(string Key, string Title, List<string> Files, List<CatalogCriterion> Criteria, HashSet<string> Ids);
    }
}
