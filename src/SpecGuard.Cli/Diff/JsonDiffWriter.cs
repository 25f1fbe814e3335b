using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using SpecGuard.Cli.Report;

namespace SpecGuard.Cli.Diff;

/// <summary>The diff as JSON, schema version 1 (documented in docs/diff.md). Written field by field: no reflection.</summary>
internal static class JsonDiffWriter
{
    public static string Write(DiffReport report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonReportWriter.Options))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", DiffReport.SchemaVersion);
            json.WriteString("tool", "specguard " + TraceReport.Version);
            Revision(json, "base", report.Base);
            Revision(json, "mergeBase", report.MergeBase);
            Revision(json, "head", report.Head);
            json.WriteNumber("filesChanged", report.FilesChanged);
            json.WriteNumber("specFilesChanged", report.SpecFilesChanged);
            json.WriteBoolean("codeMapped", report.CodeMapped);
            json.WriteBoolean("untracedChecked", report.UntracedChecked);

            json.WriteStartObject("summary");
            foreach (CriterionChangeKind kind in System.Enum.GetValues<CriterionChangeKind>())
            {
                json.WriteNumber(MarkdownDiffWriter.Slug(kind), report.Count(kind));
            }

            json.WriteNumber("codeChanged", report.CountWhere(static c => !c.CodeChanged.IsEmpty));
            json.WriteNumber("testsChanged", report.CountWhere(static c => !c.TestsChanged.IsEmpty));
            json.WriteNumber("untraced", report.Untraced.Length);
            json.WriteNumber("lostLastTest", report.CountWhere(static c => c.LostLastTest));
            json.WriteNumber("suspect", report.CountWhere(static c => c.Suspect));
            json.WriteNumber("removedWithLinks", report.CountWhere(static c => c.RemovedWithLinks));
            json.WriteNumber("deprecatedWithLinks", report.CountWhere(static c => c.DeprecatedWithLinks));
            json.WriteEndObject();

            json.WriteStartArray("features");
            foreach (FeatureDiff feature in report.Features)
            {
                json.WriteStartObject();
                json.WriteString("key", feature.Key);
                Optional(json, "title", feature.Title);
                json.WriteStartArray("criteria");
                foreach (CriterionDiff c in feature.Criteria)
                {
                    Criterion(json, c);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("untraced");
            foreach (UntracedSite site in report.Untraced)
            {
                json.WriteStartObject();
                json.WriteString("rule", site.Rule);
                json.WriteString("path", site.Path);
                json.WriteNumber("line", site.Line);
                json.WriteNumber("column", site.Column);
                json.WriteString("message", site.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            Strings(json, "leftOut", report.LeftOut);
            json.WriteStartArray("warnings");
            foreach (ReportWarning warning in report.Warnings)
            {
                json.WriteStringValue(warning.Text);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n") + "\n";
    }

    private static void Criterion(Utf8JsonWriter json, CriterionDiff c)
    {
        json.WriteStartObject();
        json.WriteString("id", c.Id);
        Optional(json, "title", c.Title);
        if (c.Spec is { } spec)
        {
            json.WriteString("change", MarkdownDiffWriter.Slug(spec.Kind));
            json.WriteBoolean("normative", spec.Normative);
            Optional(json, "previousId", spec.PreviousId);
            json.WriteBoolean("alsoMoved", spec.AlsoMoved);
            Location(json, "before", spec.BeforeAt);
            Location(json, "after", spec.AfterAt);
            Location(json, "collidesWith", spec.CollidesWith);
            json.WriteStartArray("fields");
            foreach (FieldChange field in spec.Fields)
            {
                json.WriteStartObject();
                json.WriteString("field", field.Field);
                json.WriteStartArray("lines");
                foreach (DiffLine line in field.Lines)
                {
                    json.WriteStringValue(line.Op + line.Text);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }
        else
        {
            json.WriteNull("change");
        }

        Location(json, "at", c.At);
        if (c.Now is { } now)
        {
            json.WriteString("status", TraceReport.Slug(now));
        }

        Sites(json, "codeChanged", c.CodeChanged);
        Sites(json, "testsChanged", c.TestsChanged);
        Sites(json, "headLinks", c.HeadLinks);
        json.WriteBoolean("lostLastTest", c.LostLastTest);
        json.WriteBoolean("suspect", c.Suspect);
        json.WriteBoolean("removedWithLinks", c.RemovedWithLinks);
        json.WriteBoolean("deprecatedWithLinks", c.DeprecatedWithLinks);
        json.WriteEndObject();
    }

    private static void Revision(Utf8JsonWriter json, string name, DiffRevision revision)
    {
        json.WriteStartObject(name);
        json.WriteString("name", revision.Name);
        json.WriteString("commit", revision.Commit);
        json.WriteString("date", revision.Date.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        json.WriteString("subject", revision.Subject);
        json.WriteEndObject();
    }

    private static void Location(Utf8JsonWriter json, string name, SpecLocation? location)
    {
        if (location is null)
        {
            return;
        }

        json.WriteStartObject(name);
        json.WriteString("path", location.Path);
        json.WriteNumber("line", location.Line);
        json.WriteEndObject();
    }

    private static void Sites(Utf8JsonWriter json, string name, ImmutableArray<CodeSite> sites)
    {
        json.WriteStartArray(name);
        foreach (CodeSite site in sites)
        {
            json.WriteStartObject();
            json.WriteString("symbol", site.Symbol);
            json.WriteString("kind", site.Kind);
            json.WriteString("path", site.Path);
            json.WriteNumber("startLine", site.StartLine);
            json.WriteNumber("endLine", site.EndLine);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter json, string name, ImmutableArray<string> values)
    {
        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void Optional(Utf8JsonWriter json, string name, string? value) => JsonReportWriter.WriteOptional(json, name, value);
}
