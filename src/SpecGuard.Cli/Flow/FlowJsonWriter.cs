using System;
using System.IO;
using System.Text;
using System.Text.Json;
using SpecGuard.Cli.Report;

namespace SpecGuard.Cli.Flow;

/// <summary>
/// The flow report as JSON, schema version <see cref="FlowReport.SchemaVersion"/> (documented in docs/flow.md), for
/// people who chart it elsewhere. Written field by field (no reflection); every date ISO 8601 with its offset; days
/// rounded to one decimal as the other formats print them; steps keyed by <see cref="FlowReport.Slug"/>.
/// </summary>
internal static class FlowJsonWriter
{
    public static string Write(FlowReport report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonReportWriter.Options))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", FlowReport.SchemaVersion);
            json.WriteString("tool", "specguard " + TraceReport.Version);
            json.WriteString("asOf", Iso(report.AsOf));
            Event(json, "head", report.Head);
            JsonReportWriter.WriteOptional(json, "since", report.Since is { } since ? Iso(since) : null);
            JsonReportWriter.WriteOptional(json, "releaseTags", report.ReleaseTags);
            json.WriteBoolean("partial", report.Partial);
            json.WriteNumber("commits", report.Commits);
            json.WriteStartArray("steps");
            foreach (FlowStep step in FlowReport.Steps)
            {
                json.WriteStringValue(FlowReport.Slug(step));
            }

            json.WriteEndArray();

            json.WritePropertyName("overall");
            Group(json, report.Overall);
            Groups(json, "byFeature", report.ByFeature);
            Groups(json, "byMonth", report.ByMonth);
            Groups(json, "trend", report.Trend);

            json.WriteStartArray("criteria");
            foreach (CriterionFlow criterion in report.Criteria)
            {
                Criterion(json, criterion);
            }

            json.WriteEndArray();

            if (report.StaleAfterDays is { } staleAfter)
            {
                json.WriteNumber("staleAfterDays", staleAfter);
            }
            else
            {
                json.WriteNull("staleAfterDays");
            }

            json.WriteStartArray("stale");
            foreach (CriterionFlow criterion in report.Stale)
            {
                json.WriteStringValue(criterion.Id);
            }

            json.WriteEndArray();
            json.WriteStartArray("notes");
            foreach (string note in report.Notes)
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>
    /// A date as every flow output writes it: ISO 8601 with its offset (<c>2026-03-04T12:00:00+00:00</c>), the one
    /// format of <see cref="FlowEvent.Iso"/>.
    /// </summary>
    internal static string Iso(DateTimeOffset date) => new FlowEvent(string.Empty, date).Iso;

    /// <summary>Days rounded to one decimal, as <see cref="FlowReport.FormatDays"/> prints them.</summary>
    internal static double Round(double days) => Math.Round(days, 1, MidpointRounding.AwayFromZero);

    private static void Criterion(Utf8JsonWriter json, CriterionFlow c)
    {
        json.WriteStartObject();
        json.WriteString("id", c.Id);
        json.WriteString("feature", c.FeatureKey);
        json.WriteString("title", c.Title);
        json.WriteString("path", c.Path);
        Event(json, "specified", c.Specified);
        Event(json, "implemented", c.Implemented);
        Event(json, "testLinked", c.TestLinked);
        if (c.Released is { } released)
        {
            json.WriteStartObject("released");
            json.WriteString("tag", released.Tag);
            json.WriteString("commit", released.Commit);
            json.WriteString("date", Iso(released.Date));
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("released");
        }

        json.WriteStartArray("versions");
        foreach (CriterionVersion version in c.Versions)
        {
            json.WriteStartObject();
            json.WriteString("fingerprint", version.Fingerprint);
            json.WriteString("commit", version.At.Commit);
            json.WriteString("date", version.At.Iso);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteBoolean("inHead", c.InHead);
        json.WriteBoolean("deprecated", c.Deprecated);
        JsonReportWriter.WriteOptional(json, "status", c.Status);
        json.WriteStartObject("days");
        foreach (FlowStep step in FlowReport.Steps)
        {
            Days(json, FlowReport.Slug(step), c.Days(step));
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Groups(Utf8JsonWriter json, string name, System.Collections.Immutable.ImmutableArray<GroupFlow> groups)
    {
        json.WriteStartArray(name);
        foreach (GroupFlow group in groups)
        {
            Group(json, group);
        }

        json.WriteEndArray();
    }

    private static void Group(Utf8JsonWriter json, GroupFlow group)
    {
        json.WriteStartObject();
        json.WriteString("key", group.Key);
        json.WriteNumber("criteria", group.Criteria);
        json.WriteStartObject("steps");
        foreach (var (step, stats) in group.Steps)
        {
            json.WriteStartObject(FlowReport.Slug(step));
            json.WriteNumber("count", stats.Count);
            json.WriteNumber("open", stats.Open);
            Days(json, "median", stats.MedianDays);
            Days(json, "p85", stats.P85Days);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Event(Utf8JsonWriter json, string name, FlowEvent? at)
    {
        if (at is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteString("commit", at.Commit);
        json.WriteString("date", at.Iso);
        json.WriteEndObject();
    }

    private static void Days(Utf8JsonWriter json, string name, double? days)
    {
        if (days is { } d && double.IsFinite(d))
        {
            json.WriteNumber(name, Round(d));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
