using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SpecGuard.Cli.Flow;

/// <summary>
/// The flow report as CSV, one row per criterion (documented in docs/flow.md), for a spreadsheet or a charting tool:
/// a header row, then the criteria in the report's order. RFC 4180 quoting (a cell holding <c>,</c>, <c>"</c>, CR or LF
/// is quoted, its quotes doubled); rows end with <c>\n</c>; dates ISO 8601 with their offset; numbers invariant.
/// <para>
/// Spec text is untrusted and spreadsheets run a cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or
/// a carriage return as a formula (CSV injection). Such a cell gets a leading apostrophe (<c>'=1+1</c>), which
/// spreadsheets show as text. Only text cells can start that way: dates and day counts never do.
/// </para>
/// </summary>
internal static class FlowCsvWriter
{
    /// <summary>The columns before the days, in order; then one <c>days_…</c> column per <see cref="FlowReport.Steps"/>.</summary>
    internal static readonly string[] Columns = ["id", "feature", "title", "path", "specified", "implemented", "test_linked", "released_tag", "released", "versions", "status", "in_head", "deprecated"];

    public static string Write(FlowReport report)
    {
        var csv = new StringBuilder(256 + (report.Criteria.Length * 256));
        Row(csv, [.. Columns, .. FlowReport.Steps.Select(static s => "days_" + FlowReport.Slug(s).Replace('-', '_'))]);
        foreach (CriterionFlow c in report.Criteria)
        {
            Row(csv, [
                c.Id,
                c.FeatureKey,
                c.Title,
                c.Path,
                c.Specified.Iso,
                c.Implemented?.Iso ?? string.Empty,
                c.TestLinked?.Iso ?? string.Empty,
                c.Released?.Tag ?? string.Empty,
                c.Released is { } released ? FlowJsonWriter.Iso(released.Date) : string.Empty,
                c.Versions.Length.ToString(CultureInfo.InvariantCulture),
                c.Status ?? string.Empty,
                c.InHead ? "true" : "false",
                c.Deprecated ? "true" : "false",
                .. FlowReport.Steps.Select(s => FlowReport.FormatDays(c.Days(s))),
            ]);
        }

        return csv.ToString();
    }

    /// <summary>One cell: defused against formula injection, then quoted per RFC 4180 when it needs to be.</summary>
    internal static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static void Row(StringBuilder csv, string[] cells)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            csv.Append(Cell(cells[i]));
        }

        csv.Append('\n');
    }
}
