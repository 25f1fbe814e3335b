using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;
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
        public static SpecLoadResult Load(string path, string text, SpecLoaderLimits? limits = null)
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
                feature = LoadCore(path, text, limits, diagnostics);
            }
#pragma warning disable CA1031 // A loader bug must become a diagnostic, never an exception inside the compiler.
            catch (Exception exception)
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

        private static SpecFeature? LoadCore(string path, string text, SpecLoaderLimits limits, DiagnosticBag diagnostics)
        {
            YamlNode? root = YamlTreeReader.Read(path, text, limits, diagnostics);
            if (root is null)
            {
                if (diagnostics.Count == 0)
                {
                    diagnostics.Add(SpecRules.SchemaViolation, path, SourceSpan.FileStart, "The spec file is empty. A spec file starts with 'specguard: 1', then 'feature: ORDERS', 'title: ...' and a list of 'criteria:'.");
                }

                return null;
            }

            var json = new YamlToJson(path, diagnostics);
            JToken document = json.Convert(root);
            ICollection<ValidationError> errors = SpecSchema.Schema.Validate(document);
            new SchemaErrorTranslator(path, json, root, diagnostics).Report(errors);

            return document is JObject mapping ? BuildFeature(path, mapping, json, diagnostics) : null;
        }

        private static SpecFeature? BuildFeature(string path, JObject root, YamlToJson json, DiagnosticBag diagnostics)
        {
            // Without a well-formed feature key nothing can be named after it; SPEC002 already says why.
            if (root["feature"] is not JValue { Type: JTokenType.String } keyToken || !FeaturePattern.IsMatch((string)keyToken!))
            {
                return null;
            }

            string key = (string)keyToken!;
            SpecStatus featureStatus = ParseStatus(root["status"]) ?? SpecStatus.Approved;
            var criteria = new List<Criterion>();
            var seen = new Dictionary<string, Criterion>(StringComparer.Ordinal);
            if (root["criteria"] is JArray items)
            {
                foreach (JToken item in items)
                {
                    if (item is not JObject criterion || criterion["id"] is not JValue { Type: JTokenType.String } idToken)
                    {
                        continue;
                    }

                    string id = (string)idToken!;
                    if (!IdPattern.IsMatch(id))
                    {
                        continue;
                    }

                    SourceSpan idSpan = SpanOf(json, idToken);
                    if (!BelongsTo(id, key))
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

                    EquatableArray<ExampleRow> examples = Examples(criterion["examples"], json, out bool examplesValid);
                    var model = new Criterion(
                        id,
                        Text(criterion["title"]) ?? string.Empty,
                        Sentences(criterion["given"]),
                        Sentences(criterion["when"]),
                        Sentences(criterion["then"]),
                        ParsePriority(criterion["priority"]) ?? CriterionPriority.Must,
                        ParseStatus(criterion["status"]) ?? featureStatus,
                        Text(criterion["replacedBy"]),
                        Sentences(criterion["tags"]),
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
                Text(root["title"]) ?? string.Empty,
                Text(root["description"]),
                Text(root["owner"]),
                featureStatus,
                Sentences(root["tags"]),
                criteria.ToEquatableArray(),
                SpanOf(json, keyToken));
        }

        /// <summary>An ID belongs to feature <paramref name="key"/> when it is the key, a dash and digits only.</summary>
        internal static bool BelongsTo(string id, string key) =>
            id.Length > key.Length + 1 &&
            id.StartsWith(key, StringComparison.Ordinal) &&
            id[key.Length] == '-' &&
            id.Skip(key.Length + 1).All(static c => c >= '0' && c <= '9');

        internal static string DuplicateMessage(string id, string otherPath, SourceSpan otherSpan) =>
            string.Format(
                CultureInfo.InvariantCulture,
                "The criterion ID '{0}' is also declared in {1} at line {2}; criterion IDs must be unique across all spec files. Give one of them the next free number.",
                id,
                otherPath,
                otherSpan.StartLine + 1);

        private static SourceSpan SpanOf(YamlToJson json, JToken token) => json.OriginOf(token)?.Span ?? SourceSpan.FileStart;

        private static string? Text(JToken? token) => token is JValue { Type: JTokenType.String } value ? (string?)value : null;

        private static EquatableArray<string> Sentences(JToken? token) => token switch
        {
            JValue { Type: JTokenType.String } value => new[] { (string)value! }.ToEquatableArray(),
            JArray array => array.OfType<JValue>().Where(static v => v.Type == JTokenType.String).Select(static v => (string)v!).ToEquatableArray(),
            _ => EquatableArray<string>.Empty,
        };

        /// <summary>
        /// The example rows, each cell typed and in canonical form (<see cref="YamlScalars"/>). When any part is invalid
        /// (not a list of mappings, a column name that is not an identifier, a value that is not one scalar or cannot
        /// be its type) <paramref name="valid"/> is false and no rows are returned: generated code is made only from
        /// valid parts. The schema or <see cref="YamlToJson"/> has already reported SPEC002 on the part.
        /// </summary>
        private static EquatableArray<ExampleRow> Examples(JToken? token, YamlToJson json, out bool valid)
        {
            valid = true;
            if (token is null)
            {
                return EquatableArray<ExampleRow>.Empty;
            }

            if (token is not JArray rows || rows.Count == 0)
            {
                valid = false;
                return EquatableArray<ExampleRow>.Empty;
            }

            var result = new List<ExampleRow>();
            foreach (JToken item in rows)
            {
                if (item is not JObject row || !row.HasValues)
                {
                    valid = false;
                    return EquatableArray<ExampleRow>.Empty;
                }

                var cells = new List<ExampleCell>();
                foreach (JProperty cell in row.Properties())
                {
                    YamlNode? origin = json.OriginOf(cell.Value);
                    if (!ColumnPattern.IsMatch(cell.Name) || origin is not { Kind: YamlNodeKind.Scalar })
                    {
                        valid = false;
                        return EquatableArray<ExampleRow>.Empty;
                    }

                    ScalarValue value = YamlScalars.Resolve(origin);
                    if (value.Error is not null)
                    {
                        valid = false;
                        return EquatableArray<ExampleRow>.Empty;
                    }

                    cells.Add(new ExampleCell(cell.Name, value.Canonical, value.Kind));
                }

                result.Add(new ExampleRow(cells.ToEquatableArray(), SpanOf(json, row)));
            }

            return result.ToEquatableArray();
        }

        private static SpecStatus? ParseStatus(JToken? token) => Text(token) switch
        {
            "draft" => SpecStatus.Draft,
            "approved" => SpecStatus.Approved,
            "deprecated" => SpecStatus.Deprecated,
            _ => null,
        };

        private static CriterionPriority? ParsePriority(JToken? token) => Text(token) switch
        {
            "must" => CriterionPriority.Must,
            "should" => CriterionPriority.Should,
            "could" => CriterionPriority.Could,
            _ => null,
        };
    }
}
