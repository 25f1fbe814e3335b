using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using SpecGuard.Core.Diagnostics;
using SpecGuard.Core.Model;
using SpecGuard.Core.Schema;
using SpecGuard.Core.Yaml;

namespace SpecGuard.Core
{
    /// <summary>The result of loading one spec file: the model (when the file is usable) and its diagnostics.</summary>
    /// <param name="Path">The spec file's path as given.</param>
    /// <param name="Feature">
    /// The feature, built from whatever is well-typed even when there are errors (so one typo does not hide every
    /// other criterion); null when the file is not YAML, not a mapping, or has no usable feature key.
    /// </param>
    /// <param name="Diagnostics">SPEC001–SPEC004 problems, in file order.</param>
    public sealed record SpecLoadResult(string Path, SpecFeature? Feature, EquatableArray<SpecDiagnostic> Diagnostics)
    {
        /// <summary>True when any diagnostic is an error.</summary>
        public bool HasErrors => Diagnostics.Any(static d => d.Severity == SpecSeverity.Error);
    }

    /// <summary>
    /// Loads one spec file: YAML (guarded, see <see cref="SpecLoaderLimits"/>) → schema validation against the
    /// embedded <c>specguard.schema.json</c> → rules beyond the schema → an immutable, value-equatable model.
    /// Never throws for any input text; every problem is a located diagnostic.
    /// </summary>
    public static class SpecLoader
    {
        // \A and \z, not ^ and $: in .NET a $ also matches before a final line break, so "GF-001\n" would pass.
        private static readonly Regex FeaturePattern = new Regex(@"\A[A-Z][A-Z0-9]*(-[A-Z][A-Z0-9]*)*\z", RegexOptions.CultureInvariant);
        private static readonly Regex IdPattern = new Regex(@"\A[A-Z][A-Z0-9]*(-[A-Z][A-Z0-9]*)*-[0-9]{3,}\z", RegexOptions.CultureInvariant);

        // Example column names become C# parameter names: an identifier of ASCII letters, digits and underscores.
        private static readonly Regex ColumnPattern = new Regex(@"\A[A-Za-z_][A-Za-z0-9_]*\z", RegexOptions.CultureInvariant);

        /// <summary>Loads spec text. Equal inputs give equal results (value equality), so callers can cache on them.</summary>
        /// <param name="path">The file's path, used in diagnostics and the model.</param>
        /// <param name="text">The file's text.</param>
        /// <param name="limits">Safety limits; <see cref="SpecLoaderLimits.Default"/> when null.</param>
        public static SpecLoadResult Load(string path, string text, SpecLoaderLimits? limits = null) =>
            Load(path, text, limits, CancellationToken.None);

        /// <summary>Loads spec text, stopping with <see cref="OperationCanceledException"/> soon after <paramref name="cancellationToken"/> is cancelled.</summary>
        /// <param name="path">The file's path, used in diagnostics and the model.</param>
        /// <param name="text">The file's text.</param>
        /// <param name="cancellationToken">Checked every 1,024 lines (or YAML events) while reading, and per list item and criterion after.</param>
        public static SpecLoadResult Load(string path, string text, CancellationToken cancellationToken) =>
            Load(path, text, null, cancellationToken);

        /// <summary>Loads spec text under <paramref name="limits"/>, stopping with <see cref="OperationCanceledException"/> soon after <paramref name="cancellationToken"/> is cancelled.</summary>
        /// <param name="path">The file's path, used in diagnostics and the model.</param>
        /// <param name="text">The file's text.</param>
        /// <param name="limits">Safety limits; <see cref="SpecLoaderLimits.Default"/> when null.</param>
        /// <param name="cancellationToken">Checked every 1,024 lines (or YAML events) while reading, and per list item and criterion after.</param>
        public static SpecLoadResult Load(string path, string text, SpecLoaderLimits? limits, CancellationToken cancellationToken)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            limits ??= SpecLoaderLimits.Default;
            limits.Validate();
            var diagnostics = new DiagnosticBag(limits.MaxDiagnosticsPerFile);
            SpecFeature? feature = null;
            try
            {
                feature = LoadCore(path, text, limits, diagnostics, cancellationToken);
            }
#pragma warning disable CA1031 // A loader bug must become a diagnostic, never an exception inside the compiler.
            catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
#pragma warning restore CA1031
            {
                diagnostics.Add(SpecRules.MalformedYaml, path, SourceSpan.FileStart, string.Format(
                    CultureInfo.InvariantCulture,
                    "SpecGuard could not read this spec file ({0}: {1}). This is a SpecGuard bug; please report it with the file attached.",
                    exception.GetType().Name,
                    exception.Message));
            }

            return new SpecLoadResult(path, feature, diagnostics.ToArray());
        }

        private static SpecFeature? LoadCore(string path, string text, SpecLoaderLimits limits, DiagnosticBag diagnostics, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested(); // inside the catch-all, whose filter lets it through
            YamlNode? root = YamlTreeReader.Read(path, text, limits, diagnostics, cancellationToken);
            if (root is null)
            {
                if (diagnostics.Count == 0)
                {
                    diagnostics.Add(SpecRules.SchemaViolation, path, SourceSpan.FileStart, "The spec file is empty. A spec file starts with 'specguard: 1', then 'feature: ORDERS', 'title: ...' and a list of 'criteria:'.");
                }

                return null;
            }

            ReportUntypableNodes(path, root, diagnostics);
            new SchemaErrorTranslator(path, root, diagnostics).Report(SchemaValidator.Validate(root, cancellationToken));

            return root.Kind == YamlNodeKind.Mapping ? BuildFeature(path, root, diagnostics, cancellationToken) : null;
        }

        /// <summary>
        /// SPEC002 on what the schema cannot see: a mapping key that is not a scalar (left out of validation and the
        /// model) and a scalar that cannot be the type its tag says (<c>!!int abc</c>, <c>1e400</c>, an unknown tag;
        /// it is text for the schema). In document order; an aliased node is visited once per use and the bag drops the
        /// repeats. Recursion is bounded by <see cref="SpecLoaderLimits.MaxDepth"/>, work by <see cref="SpecLoaderLimits.MaxAliasExpansion"/>.
        /// </summary>
        private static void ReportUntypableNodes(string path, YamlNode node, DiagnosticBag diagnostics)
        {
            switch (node.Kind)
            {
                case YamlNodeKind.Mapping:
                    foreach (KeyValuePair<YamlNode, YamlNode> pair in node.Pairs)
                    {
                        if (pair.Key.Kind != YamlNodeKind.Scalar)
                        {
                            diagnostics.Add(SpecRules.SchemaViolation, path, pair.Key.Span, "A key here is " + pair.Key.Describe() + "; keys in a spec file are plain words such as 'title'. Write the key as text.");
                            continue;
                        }

                        ReportUntypableNodes(path, pair.Value, diagnostics);
                    }

                    return;

                case YamlNodeKind.Sequence:
                    foreach (YamlNode item in node.Items)
                    {
                        ReportUntypableNodes(path, item, diagnostics);
                    }

                    return;

                default:
                    if (YamlScalars.Resolve(node).Error is { } error)
                    {
                        diagnostics.Add(SpecRules.SchemaViolation, path, node.Span, error);
                    }

                    return;
            }
        }

        private static SpecFeature? BuildFeature(string path, YamlNode root, DiagnosticBag diagnostics, CancellationToken cancellationToken)
        {
            // Without a well-formed feature key nothing can be named after it; SPEC002 already says why.
            YamlNode? keyNode = SchemaValidator.Get(root, "feature");
            if (Text(keyNode) is not { } key || !FeaturePattern.IsMatch(key))
            {
                return null;
            }

            SpecStatus featureStatus = ParseStatus(Get(root, "status")) ?? SpecStatus.Approved;
            var criteria = new List<Criterion>();
            var seen = new Dictionary<string, Criterion>(StringComparer.Ordinal);
            if (Get(root, "criteria") is { Kind: YamlNodeKind.Sequence } items)
            {
                foreach (YamlNode criterion in items.Items)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (criterion.Kind != YamlNodeKind.Mapping || Get(criterion, "id") is not { } idNode || Text(idNode) is not { } id)
                    {
                        continue;
                    }

                    if (!IdPattern.IsMatch(id))
                    {
                        continue;
                    }

                    SourceSpan idSpan = idNode.Span;
                    if (!SpecContract.IsIdOfFeature(id, key))
                    {
                        diagnostics.Add(SpecRules.IdNotInFeature, path, idSpan, string.Format(
                            CultureInfo.InvariantCulture,
                            "The criterion ID '{0}' does not start with its feature key '{1}'. IDs in this file are '{1}-' and a number, e.g. '{1}-{2}'; move the criterion to the spec file of its feature, or rename it.",
                            id,
                            key,
                            id.Substring(id.LastIndexOf('-') + 1)));
                    }

                    if (seen.TryGetValue(id, out Criterion? first))
                    {
                        diagnostics.Add(SpecRules.DuplicateCriterionId, path, idSpan, DuplicateMessage(id, path, first.IdSpan));
                        diagnostics.Add(SpecRules.DuplicateCriterionId, path, first.IdSpan, DuplicateMessage(id, path, idSpan));
                        continue;
                    }

                    EquatableArray<ExampleRow> examples = Examples(Get(criterion, "examples"), out bool examplesValid);
                    var model = new Criterion(
                        id,
                        Text(Get(criterion, "title")) ?? string.Empty,
                        Sentences(Get(criterion, "given")),
                        Sentences(Get(criterion, "when")),
                        Sentences(Get(criterion, "then")),
                        ParsePriority(Get(criterion, "priority")) ?? CriterionPriority.Must,
                        ParseStatus(Get(criterion, "status")) ?? featureStatus,
                        Text(Get(criterion, "replacedBy")),
                        Sentences(Get(criterion, "tags")),
                        examples,
                        idSpan)
                    {
                        HasInvalidExamples = !examplesValid,
                    };
                    seen.Add(id, model);
                    criteria.Add(model);
                }
            }

            return new SpecFeature(
                path,
                key,
                Text(Get(root, "title")) ?? string.Empty,
                Text(Get(root, "description")),
                Text(Get(root, "owner")),
                featureStatus,
                Sentences(Get(root, "tags")),
                criteria.ToEquatableArray(),
                keyNode!.Span);
        }

        internal static string DuplicateMessage(string id, string otherPath, SourceSpan otherSpan) =>
            string.Format(
                CultureInfo.InvariantCulture,
                "The criterion ID '{0}' is also declared in {1} at line {2}; criterion IDs must be unique across all spec files. Give one of them the next free number.",
                id,
                otherPath,
                otherSpan.StartLine + 1);

        private static YamlNode? Get(YamlNode mapping, string key) => SchemaValidator.Get(mapping, key);

        /// <summary>The text of a node that is text for the schema (a tagged scalar that cannot be its type is text too).</summary>
        private static string? Text(YamlNode? node) => SchemaValidator.TextOf(node);

        private static EquatableArray<string> Sentences(YamlNode? node)
        {
            if (node is null)
            {
                return EquatableArray<string>.Empty;
            }

            if (node.Kind == YamlNodeKind.Sequence)
            {
                var sentences = new List<string>(node.Items.Count);
                foreach (YamlNode item in node.Items)
                {
                    if (Text(item) is { } sentence)
                    {
                        sentences.Add(sentence);
                    }
                }

                return sentences.ToEquatableArray();
            }

            return Text(node) is { } text ? new[] { text }.ToEquatableArray() : EquatableArray<string>.Empty;
        }

        /// <summary>
        /// The example rows, each cell typed and in canonical form (<see cref="YamlScalars"/>). When any part is invalid
        /// (not a list of mappings, a column name that is not an identifier, a value that is not one scalar or cannot
        /// be its type) <paramref name="valid"/> is false and no rows are returned: generated code is made only from
        /// valid parts. The schema (or the check for untypable nodes) has already reported SPEC002 on the part.
        /// </summary>
        private static EquatableArray<ExampleRow> Examples(YamlNode? node, out bool valid)
        {
            valid = true;
            if (node is null)
            {
                return EquatableArray<ExampleRow>.Empty;
            }

            if (node.Kind != YamlNodeKind.Sequence || node.Items.Count == 0)
            {
                valid = false;
                return EquatableArray<ExampleRow>.Empty;
            }

            var result = new List<ExampleRow>();
            foreach (YamlNode row in node.Items)
            {
                if (row.Kind != YamlNodeKind.Mapping || SchemaValidator.PropertyCount(row) == 0)
                {
                    valid = false;
                    return EquatableArray<ExampleRow>.Empty;
                }

                var cells = new List<ExampleCell>();
                foreach (KeyValuePair<YamlNode, YamlNode> cell in row.Pairs)
                {
                    if (cell.Key.Kind != YamlNodeKind.Scalar)
                    {
                        continue; // not a property for the schema; SPEC002 says so
                    }

                    if (!ColumnPattern.IsMatch(cell.Key.Value) || cell.Value.Kind != YamlNodeKind.Scalar)
                    {
                        valid = false;
                        return EquatableArray<ExampleRow>.Empty;
                    }

                    ScalarValue value = YamlScalars.Resolve(cell.Value);
                    if (value.Error is not null)
                    {
                        valid = false;
                        return EquatableArray<ExampleRow>.Empty;
                    }

                    cells.Add(new ExampleCell(cell.Key.Value, value.Canonical, value.Kind));
                }

                result.Add(new ExampleRow(cells.ToEquatableArray(), row.Span));
            }

            return result.ToEquatableArray();
        }

        private static SpecStatus? ParseStatus(YamlNode? node) => Text(node) switch
        {
            "draft" => SpecStatus.Draft,
            "approved" => SpecStatus.Approved,
            "deprecated" => SpecStatus.Deprecated,
            _ => null,
        };

        private static CriterionPriority? ParsePriority(YamlNode? node) => Text(node) switch
        {
            "must" => CriterionPriority.Must,
            "should" => CriterionPriority.Should,
            "could" => CriterionPriority.Could,
            _ => null,
        };
    }
}
