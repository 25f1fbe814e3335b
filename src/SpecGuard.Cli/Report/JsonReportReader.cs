using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using SpecGuard.Core.Model;

namespace SpecGuard.Cli.Report;

/// <summary>What <see cref="JsonReportReader.Read"/> made of one report JSON: the report, or why it is not one.</summary>
internal sealed record JsonReportReadResult(TraceReport? Report, string? Problem);

/// <summary>
/// Reads a report written by <see cref="JsonReportWriter"/> (schema version <see cref="TraceReport.SchemaVersion"/>) back
/// into a <see cref="TraceReport"/>, and merges the reports of sharded CI jobs (<c>report --merge</c>) into the report
/// one run over all their inputs gives: criteria by ID (every shard must hold the same specs), implementations and
/// tests unioned (a test's cases summed over the shards, as over TRX files), statuses and coverage recomputed by
/// <see cref="ReportBuilder"/>, inputs, warnings, unknown links, findings and baselines unioned and put in the
/// builder's order. Never throws on bad input: a one-line problem instead.
/// </summary>
internal static class JsonReportReader
{
    private const int MaxDepth = 64;

    public static JsonReportReadResult Read(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException exception)
        {
            return new(null, "not JSON (" + OneLine(exception.Message) + ")");
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schemaVersion", out JsonElement version) || !root.TryGetProperty("features", out _))
            {
                return new(null, "not a specguard report (no \"schemaVersion\" and \"features\"; write one with 'specguard report --format json')");
            }

            if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out int number) || number != TraceReport.SchemaVersion)
            {
                return new(null, string.Create(CultureInfo.InvariantCulture, $"a report of schema version {OneLine(version.GetRawText())}; this specguard reads version {TraceReport.SchemaVersion} (write every shard's report with the same specguard version)"));
            }

            try
            {
                return new(ReadReport(root), null);
            }
            catch (Exception exception) when (exception is FormatException or InvalidOperationException or KeyNotFoundException or ArgumentException)
            {
                return new(null, "not a specguard report of schema version 1 (" + OneLine(exception.Message) + ")");
            }
        }
    }

    /// <summary>
    /// One report from <paramref name="shards"/> (path as displayed → report), or the reason they cannot be merged: they
    /// disagree on the specs (a feature, a criterion's text or review state) or on <c>--baseline-base</c>.
    /// </summary>
    public static (TraceReport? Report, string? Problem) Merge(IReadOnlyList<(string Path, TraceReport Report)> shards)
    {
        var ordered = shards.OrderBy(static s => s.Path, StringComparer.Ordinal).ToList();
        if (ordered.Count == 0)
        {
            return (null, "no report to merge");
        }

        var (firstPath, first) = ordered[0];
        foreach (var (path, report) in ordered.Skip(1))
        {
            if (Disagreement(first, report) is { } what)
            {
                return (null, $"{firstPath} and {path} disagree on the specs: {what}; every shard must report on the same spec files (and review record)");
            }
        }

        string?[] bases = [.. ordered.Where(static s => s.Report.BaselineRequested).Select(static s => s.Report.BaselineBase).Distinct(StringComparer.Ordinal)];
        if (bases.Length > 1)
        {
            return (null, "the shards compared their baselines with different --baseline-base revisions (" + string.Join(", ", bases.Select(static b => b ?? "none")) + ")");
        }

        // Every shard's row of each criterion, by feature and ID (unique within a feature: Read checks).
        Dictionary<(string Feature, string Id), CriterionRow>[] rowsById = [.. ordered.Select(static s => s.Report.Features.SelectMany(static f => f.Criteria).ToDictionary(static c => (c.FeatureKey, c.Spec.Id)))];
        var features = new List<FeatureRow>();
        foreach (FeatureRow feature in first.Features)
        {
            var rows = new List<CriterionRow>();
            foreach (CriterionRow row in feature.Criteria)
            {
                CriterionRow[] all = [.. rowsById.Select(shard => shard[(feature.Spec.Key, row.Spec.Id)])];
                rows.Add(ReportBuilder.Row(row.Spec, feature.Spec.Key, Implementations(all), Tests(all), row.Review));
            }

            features.Add(ReportBuilder.Feature(feature.Spec, rows));
        }

        List<SpecFinding>? findings = ordered.Any(static s => s.Report.FindingsRequested) ? [.. ordered.SelectMany(static s => s.Report.Findings)] : null;
        TraceReport merged = ReportBuilder.Assemble(
            features,
            ordered.SelectMany(static s => s.Report.UnknownLinks),
            ordered.SelectMany(static s => s.Report.Inputs),
            ordered.SelectMany(static s => s.Report.Warnings),
            findings);
        bool baselineRequested = ordered.Any(static s => s.Report.BaselineRequested);
        return (merged with
        {
            Reviews = first.Reviews is null
                ? null
                : new ReviewSummary(
                    [.. ordered.SelectMany(static s => s.Report.Reviews!.Paths).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                    [.. ordered.SelectMany(static s => s.Report.Reviews!.Orphans).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]),
            Baselines = [.. ordered.SelectMany(static s => s.Report.Baselines).DistinctBy(static b => b.Path, StringComparer.Ordinal).OrderBy(static b => b.Path, StringComparer.Ordinal)],
            BaselineRequested = baselineRequested,
            BaselineBase = baselineRequested ? bases[0] : null,
        }, null);
    }

    /// <summary>The implementations of one criterion over the shards, one per symbol, kind and location (as the builder keeps them).</summary>
    private static IEnumerable<LinkedSymbol> Implementations(CriterionRow[] rows) =>
        rows.SelectMany(static r => r.Implementations)
            .OrderBy(static s => s.Assembly, StringComparer.Ordinal)
            .DistinctBy(static s => (s.Symbol, s.Kind, s.Location));

    /// <summary>
    /// The tests of one criterion over the shards, as one run over all the shards' inputs lists them: a test that ran in
    /// several shards with its cases summed and its outcome from the sums (<see cref="ReportBuilder.OutcomeOf"/>); a test
    /// listed as not run in one shard dropped when it ran in another (by name and assembly; an inherited test by its
    /// method's location); a <c>test class</c> entry dropped when a test of that class ran in any shard.
    /// </summary>
    private static List<TestEvidence> Tests(CriterionRow[] rows)
    {
        List<TestEvidence> all = [.. rows.SelectMany(static r => r.Tests)];
        List<TestEvidence> ran = [.. all
            .Where(static t => t.Outcome != TestOutcome.NotRun)
            .GroupBy(static t => (t.Name, t.Assembly, t.Location))
            .Select(static g => g.First() with
            {
                Passed = g.Sum(static t => t.Passed),
                Failed = g.Sum(static t => t.Failed),
                Skipped = g.Sum(static t => t.Skipped),
                Outcome = ReportBuilder.OutcomeOf(g.Sum(static t => t.Passed), g.Sum(static t => t.Failed), g.Sum(static t => t.Skipped)),
                IsPendingStub = g.Any(static t => t.IsPendingStub),
            })];

        var tests = new List<TestEvidence>(ran);
        foreach (TestEvidence test in all.Where(static t => t.Outcome == TestOutcome.NotRun))
        {
            bool ranElsewhere = test.Kind == "test class"
                ? ran.Exists(r => r.Assembly == test.Assembly && r.Name.StartsWith(test.Name + ".", StringComparison.Ordinal) && r.Name.IndexOf('.', test.Name.Length + 1) < 0)
                : ran.Exists(r => (r.Name == test.Name && r.Assembly == test.Assembly) || (test.Location is not null && r.Location == test.Location && LastSegment(r.Name) == LastSegment(test.Name)));
            if (!ranElsewhere)
            {
                tests.Add(test);
            }
        }

        // One entry per name and location, as the builder adds them.
        return [.. tests.DistinctBy(static t => (t.Name, t.Location))];
    }

    private static string LastSegment(string name) => name[(name.LastIndexOf('.') + 1)..];

    /// <summary>What two shards' reports disagree on about the specs, or null when they agree.</summary>
    private static string? Disagreement(TraceReport a, TraceReport b)
    {
        if ((a.Reviews is null) != (b.Reviews is null))
        {
            return "one read a review record, the other did not";
        }

        var byKey = b.Features.ToDictionary(static f => f.Spec.Key, StringComparer.Ordinal);
        foreach (FeatureRow feature in a.Features)
        {
            if (!byKey.Remove(feature.Spec.Key, out FeatureRow? other))
            {
                return "feature " + feature.Spec.Key + " is in the first only";
            }

            SpecFeature x = feature.Spec, y = other.Spec;
            if (x.Title != y.Title || x.Path != y.Path || x.Owner != y.Owner || x.Status != y.Status)
            {
                return "feature " + x.Key + " has a different title, path, owner or status";
            }

            var criteria = other.Criteria.ToDictionary(static c => c.Spec.Id, StringComparer.Ordinal);
            foreach (CriterionRow row in feature.Criteria)
            {
                if (!criteria.Remove(row.Spec.Id, out CriterionRow? counterpart))
                {
                    return "criterion " + row.Spec.Id + " is in the first only";
                }

                if (row.Spec != counterpart.Spec || row.Review != counterpart.Review)
                {
                    return "criterion " + row.Spec.Id + " has a different text (title, given, when, then, priority, status or tags) or review state";
                }
            }

            if (criteria.Count > 0)
            {
                return "criterion " + criteria.Keys.Order(StringComparer.Ordinal).First() + " is in the second only";
            }
        }

        return byKey.Count > 0 ? "feature " + byKey.Keys.Order(StringComparer.Ordinal).First() + " is in the second only" : null;
    }

    private static TraceReport ReadReport(JsonElement root)
    {
        var features = new List<FeatureRow>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonElement feature in Array(root, "features"))
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            string key = Text(feature, "key");
            if (!keys.Add(key))
            {
                throw new FormatException($"feature {key} appears twice");
            }
            var criteria = new List<Criterion>();
            var rows = new List<CriterionRow>();
            foreach (JsonElement criterion in Array(feature, "criteria"))
            {
                var spec = new Criterion(
                    Text(criterion, "id"),
                    Text(criterion, "title"),
                    Strings(criterion, "given"),
                    Strings(criterion, "when"),
                    Strings(criterion, "then"),
                    ParseEnum<CriterionPriority>(criterion, "priority"),
                    ParseEnum<SpecStatus>(criterion, "specStatus"),
                    null,
                    Strings(criterion, "tags"),
                    default,
                    default);
                ReviewState? review = Property(criterion, "review") is { ValueKind: JsonValueKind.Object } r ? new ReviewState(Text(r, "fingerprint"), OptionalText(r, "reviewed")) : null;
                LinkedSymbol[] code = [.. Array(criterion, "implementations").Select(i => new LinkedSymbol(Text(i, "symbol"), Text(i, "kind"), Text(i, "assembly"), Location(i), [spec.Id]))];
                TestEvidence[] tests = [.. Array(criterion, "tests").Select(static t => new TestEvidence(
                    Text(t, "name"),
                    Text(t, "kind"),
                    Text(t, "assembly"),
                    Location(t),
                    Outcome(Text(t, "outcome")),
                    Boolean(t, "pendingStub"),
                    Number(t, "passed"),
                    Number(t, "failed"),
                    Number(t, "skipped")))];
                if (!ids.Add(spec.Id))
                {
                    throw new FormatException($"criterion {spec.Id} appears twice in feature {key}");
                }

                criteria.Add(spec);
                rows.Add(ReportBuilder.Row(spec, key, code, tests, review));
            }

            var specFeature = new SpecFeature(Text(feature, "path"), key, Text(feature, "title"), null, OptionalText(feature, "owner"), ParseEnum<SpecStatus>(feature, "specStatus"), default, new EquatableArray<Criterion>(criteria), default);
            features.Add(ReportBuilder.Feature(specFeature, rows));
        }

        UnknownLink[] unknown = [.. Array(root, "unknownLinks").Select(static u => new UnknownLink(Text(u, "id"), Text(u, "link"), Text(u, "symbol"), Text(u, "assembly"), Location(u)))];
        InputFile[] inputs = [.. Array(root, "inputs").Select(static i => new InputFile(Text(i, "kind"), Text(i, "path"), Text(i, "detail")))];
        ReportWarning[] warnings = [.. Array(root, "warnings").Select(static w => new ReportWarning(Text(w, "input"), Text(w, "message")))];
        SpecFinding[] findings = [.. Array(root, "findings").Select(static f => new SpecFinding(Text(f, "id"), Text(f, "level"), OptionalText(f, "path"), OptionalNumber(f, "line"), OptionalNumber(f, "column"), Text(f, "message")))];

        // The JSON says "[]" both without --findings and with --findings that found nothing: a SARIF input tells them apart.
        bool findingsRequested = findings.Length > 0 || inputs.Any(static i => i.Kind == "sarif");
        TraceReport report = ReportBuilder.Assemble(features, unknown, inputs, warnings, findingsRequested ? findings : null);

        ReviewSummary? reviews = Property(root, "reviews") is { ValueKind: JsonValueKind.Object } rv
            ? new ReviewSummary([.. StringsOf(rv, "paths")], [.. StringsOf(rv, "unknownIds")])
            : null;
        string? baselineBase = null;
        List<BaselineProject>? baselines = null;
        if (Property(root, "baseline") is { ValueKind: JsonValueKind.Object } baseline)
        {
            baselineBase = OptionalText(baseline, "base");
            baselines = [.. Array(baseline, "projects").Select(static p => new BaselineProject(
                Text(p, "project"),
                Text(p, "path"),
                [.. Array(p, "entries").Select(static e => new BaselineItem(Text(e, "rule"), Text(e, "key"), Property(e, "added") is { ValueKind: JsonValueKind.True }))]))];
        }

        return report with
        {
            Reviews = reviews,
            Baselines = [.. (baselines ?? []).OrderBy(static b => b.Path, StringComparer.Ordinal)],
            BaselineRequested = baselines is not null,
            BaselineBase = baselineBase,
        };
    }

    private static TestOutcome Outcome(string slug) => slug switch
    {
        "passed" => TestOutcome.Passed,
        "failed" => TestOutcome.Failed,
        "skipped" => TestOutcome.Skipped,
        "not-run" => TestOutcome.NotRun,
        _ => throw new FormatException($"unknown test outcome '{slug}'"),
    };

    private static T ParseEnum<T>(JsonElement element, string name)
        where T : struct, Enum
    {
        string text = Text(element, name);
        return System.Enum.TryParse(text, ignoreCase: true, out T value) && System.Enum.IsDefined(value) && !text.Any(char.IsDigit)
            ? value
            : throw new FormatException($"\"{name}\" is '{text}', not one of {string.Join(", ", System.Enum.GetNames<T>().Select(static n => n.ToLowerInvariant()))}");
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) ? value : null;

    private static JsonElement Required(JsonElement element, string name) =>
        Property(element, name) ?? throw new FormatException($"no \"{name}\"");

    private static IEnumerable<JsonElement> Array(JsonElement element, string name)
    {
        JsonElement value = Required(element, name);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw new FormatException($"\"{name}\" is not an array");
    }

    private static string Text(JsonElement element, string name)
    {
        JsonElement value = Required(element, name);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new FormatException($"\"{name}\" is not a string");
    }

    private static string? OptionalText(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static int Number(JsonElement element, string name)
    {
        JsonElement value = Required(element, name);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number) && number >= 0 ? number : throw new FormatException($"\"{name}\" is not a count");
    }

    private static int? OptionalNumber(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out int number) ? number : null;

    private static bool Boolean(JsonElement element, string name) =>
        Required(element, name).ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new FormatException($"\"{name}\" is not true or false"),
        };

    private static EquatableArray<string> Strings(JsonElement element, string name) => new(StringsOf(element, name));

    private static List<string> StringsOf(JsonElement element, string name) =>
        [.. Array(element, name).Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new FormatException($"\"{name}\" holds a value that is not a string"))];

    private static SourceLocation? Location(JsonElement element) =>
        OptionalText(element, "file") is { } file && OptionalNumber(element, "line") is { } line ? new SourceLocation(file, line) : null;

    private static string OneLine(string text) => new([.. text.Select(static c => char.IsControl(c) ? ' ' : c)]);
}
