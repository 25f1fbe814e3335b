using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SpecGuard.Core.Model;

namespace SpecGuard.Cli.Report;

/// <summary>The report as JSON, schema version 1 (documented in docs/cli.md). Written field by field: no reflection.</summary>
[SpecGuard.Implements(SpecGuard.Specs.CliCriteria.CLI_005)]
internal static class JsonReportWriter
{
    /// <summary>The JSON shape of every document the CLI writes (report, diff): indented, non-ASCII text as is.</summary>
    internal static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(TraceReport report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", TraceReport.SchemaVersion);
            json.WriteString("tool", "specguard " + TraceReport.Version);
            json.WritePropertyName("summary");
            WriteCoverage(json, report.Coverage);

            json.WriteStartArray("features");
            foreach (FeatureRow feature in report.Features)
            {
                json.WriteStartObject();
                json.WriteString("key", feature.Spec.Key);
                json.WriteString("title", feature.Spec.Title);
                json.WriteString("path", feature.Spec.Path);
                WriteOptional(json, "owner", feature.Spec.Owner);
                json.WriteString("specStatus", Lower(feature.Spec.Status));
                json.WritePropertyName("summary");
                WriteCoverage(json, feature.Coverage);
                json.WriteStartArray("criteria");
                foreach (CriterionRow row in feature.Criteria)
                {
                    WriteCriterion(json, row);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("unknownLinks");
            foreach (UnknownLink link in report.UnknownLinks)
            {
                json.WriteStartObject();
                json.WriteString("id", link.Id);
                json.WriteString("link", link.Link);
                json.WriteString("symbol", link.Symbol);
                json.WriteString("assembly", link.Assembly);
                WriteLocation(json, link.Location);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("inputs");
            foreach (InputFile input in report.Inputs)
            {
                json.WriteStartObject();
                json.WriteString("kind", input.Kind);
                json.WriteString("path", input.Path);
                json.WriteString("detail", input.Detail);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            // The SpecGuard findings of the --findings SARIF logs (empty without --findings).
            json.WriteStartObject("findingCounts");
            foreach (var (id, count) in report.FindingCounts)
            {
                json.WriteNumber(id, count);
            }

            json.WriteEndObject();
            json.WriteStartArray("findings");
            foreach (SpecFinding finding in report.Findings)
            {
                json.WriteStartObject();
                json.WriteString("id", finding.Id);
                json.WriteString("level", finding.Level);
                WriteOptional(json, "path", finding.Path);
                WriteOptional(json, "line", finding.Line);
                WriteOptional(json, "column", finding.Column);
                json.WriteString("message", finding.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            // The --baseline files (null without --baseline).
            WriteBaseline(json, report);

            // The review record next to the specs (null without one: suspect links are off).
            if (report.Reviews is { } reviews)
            {
                json.WriteStartObject("reviews");
                json.WriteStartArray("paths");
                foreach (string path in reviews.Paths)
                {
                    json.WriteStringValue(path);
                }

                json.WriteEndArray();
                json.WriteNumber("suspect", report.Features.SelectMany(static f => f.Criteria).Count(static r => r.IsSuspect));
                json.WriteStartArray("unknownIds");
                foreach (string id in reviews.Orphans)
                {
                    json.WriteStringValue(id);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("reviews");
            }

            json.WriteStartArray("warnings");
            foreach (ReportWarning warning in report.Warnings)
            {
                json.WriteStartObject();
                json.WriteString("input", warning.Input);
                json.WriteString("message", warning.Text);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length) + "\n";
    }

    private static void WriteBaseline(Utf8JsonWriter json, TraceReport report)
    {
        if (!report.BaselineRequested)
        {
            json.WriteNull("baseline");
            return;
        }

        json.WriteStartObject("baseline");
        WriteOptional(json, "base", report.BaselineBase);
        json.WriteNumber("total", report.BaselineTotal);
        WriteOptional(json, "added", report.BaselineAdded);
        WriteCounts(json, report.BaselineCounts);
        json.WriteStartArray("projects");
        foreach (BaselineProject project in report.Baselines)
        {
            json.WriteStartObject();
            json.WriteString("project", project.Project);
            json.WriteString("path", project.Path);
            json.WriteNumber("total", project.Entries.Length);
            WriteOptional(json, "added", report.BaselineBase is null ? null : project.Added.Length);
            WriteCounts(json, project.Counts);
            json.WriteStartArray("entries");
            foreach (BaselineItem entry in project.Entries)
            {
                json.WriteStartObject();
                json.WriteString("rule", entry.Rule);
                json.WriteString("key", entry.Key);
                if (report.BaselineBase is null)
                {
                    json.WriteNull("added");
                }
                else
                {
                    json.WriteBoolean("added", entry.Added);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteCounts(Utf8JsonWriter json, System.Collections.Immutable.ImmutableArray<(string Rule, int Count)> counts)
    {
        json.WriteStartObject("counts");
        foreach (var (rule, count) in counts)
        {
            json.WriteNumber(rule, count);
        }

        json.WriteEndObject();
    }

    private static void WriteCriterion(Utf8JsonWriter json, CriterionRow row)
    {
        Criterion spec = row.Spec;
        json.WriteStartObject();
        json.WriteString("id", spec.Id);
        json.WriteString("title", spec.Title);
        json.WriteString("status", TraceReport.Slug(row.Status));
        json.WriteBoolean("counted", row.Counted);
        json.WriteString("specStatus", Lower(spec.Status));
        json.WriteString("priority", spec.Priority.ToString().ToLowerInvariant());
        WriteStrings(json, "given", spec.Given);
        WriteStrings(json, "when", spec.When);
        WriteStrings(json, "then", spec.Then);
        WriteStrings(json, "tags", spec.Tags);
        if (row.Review is { } review)
        {
            json.WriteStartObject("review");
            json.WriteString("fingerprint", review.Current);
            WriteOptional(json, "reviewed", review.Reviewed);
            json.WriteBoolean("suspect", review.Suspect);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("review");
        }

        json.WriteStartArray("implementations");
        foreach (var symbol in row.Implementations)
        {
            json.WriteStartObject();
            json.WriteString("symbol", symbol.Symbol);
            json.WriteString("kind", symbol.Kind);
            json.WriteString("assembly", symbol.Assembly);
            WriteLocation(json, symbol.Location);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("tests");
        foreach (TestEvidence test in row.Tests)
        {
            json.WriteStartObject();
            json.WriteString("name", test.Name);
            json.WriteString("kind", test.Kind);
            json.WriteString("assembly", test.Assembly);
            WriteLocation(json, test.Location);
            json.WriteString("outcome", TraceReport.Slug(test.Outcome));
            json.WriteBoolean("pendingStub", test.IsPendingStub);
            json.WriteNumber("passed", test.Passed);
            json.WriteNumber("failed", test.Failed);
            json.WriteNumber("skipped", test.Skipped);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteCoverage(Utf8JsonWriter json, Coverage coverage)
    {
        json.WriteStartObject();
        json.WriteNumber("criteria", coverage.Total);
        json.WriteNumber("counted", coverage.Counted);
        json.WriteNumber("verified", coverage.Verified);
        json.WriteNumber("failing", coverage.Failing);
        json.WriteNumber("implementedNotVerified", coverage.ImplementedNotVerified);
        json.WriteNumber("pending", coverage.Pending);
        json.WriteNumber("untraced", coverage.Untraced);
        json.WriteNumber("suspect", coverage.Suspect);
        json.WriteNumber("implemented", coverage.Implemented);
        WritePercent(json, "verifiedPercent", coverage.VerifiedPercent);
        WritePercent(json, "implementedPercent", coverage.ImplementedPercent);
        json.WriteEndObject();
    }

    private static void WritePercent(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, Math.Round(v, 1, MidpointRounding.AwayFromZero));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteLocation(Utf8JsonWriter json, SourceLocation? location)
    {
        if (location is null)
        {
            json.WriteNull("file");
            json.WriteNull("line");
        }
        else
        {
            json.WriteString("file", location.File);
            json.WriteNumber("line", location.Line);
        }
    }

    internal static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, EquatableArray<string> values)
    {
        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static string Lower(SpecStatus status) => status.ToString().ToLowerInvariant();
}
