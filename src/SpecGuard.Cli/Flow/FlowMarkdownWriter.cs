using System;
using System.Globalization;
using System.Linq;
using System.Text;
using SpecGuard.Cli.Report;

namespace SpecGuard.Cli.Flow;

/// <summary>
/// The flow report as GitHub-flavoured Markdown for a job summary (or a comment): the headline (median and 85th
/// percentile of every step over all criteria, specified → released first), a warning when the results are partial,
/// the trend of the last twelve months, a table per feature, the stale criteria (at most <see cref="StaleShown"/>) and
/// the notes. Spec text is escaped (<see cref="MarkdownReportWriter.Cell"/>, <see cref="MarkdownReportWriter.Code"/>):
/// it cannot open HTML, a link or a table cell.
/// <para>
/// Never longer than <c>budget</c> characters once the fixed part (headline, trend, at most <see cref="NotesShown"/>
/// notes, footer: a few thousand characters) fits: feature rows, then stale rows, that do not fit are left out, and a
/// line says how many (the JSON and CSV outputs have every one).
/// </para>
/// </summary>
internal static class FlowMarkdownWriter
{
    public const int DefaultBudget = 60_000;

    /// <summary>Stale criteria listed before "… N more".</summary>
    public const int StaleShown = 50;

    /// <summary>Notes listed before "… N more".</summary>
    public const int NotesShown = 20;

    /// <summary>Kept free for the lines that say what was left out.</summary>
    private const int Reserve = 600;

    /// <summary>Spec text (a title) longer than this is cut with an ellipsis: a job summary is not the place for it.</summary>
    private const int TextShown = 160;

    public static string Write(FlowReport report, int budget = DefaultBudget)
    {
        string footer = Invariant($"<sub>specguard {TraceReport.Version} · as of {Day(report.AsOf)} (`{Code(report.Head.Short)}`) · {report.Commits} commit(s) walked · the JSON and CSV outputs have every criterion's dates</sub>\n");
        string notes = Notes(report);

        var text = new StringBuilder();
        text.Append("## SpecGuard flow: specification to release\n\n");
        Headline(text, report);
        Trend(text, report);

        // The stale list (at most StaleShown rows) is what to act on: it gets its room before the feature rows.
        int room = budget - notes.Length - footer.Length - Reserve;
        string stale = Stale(report, room - text.Length);
        Features(text, report, room - stale.Length);
        text.Append(stale).Append(notes).Append(footer);
        return text.ToString();
    }

    private static void Headline(StringBuilder text, FlowReport report)
    {
        LeadStats released = Stats(report.Overall, FlowStep.SpecifiedToReleased);
        if (released.Count > 0)
        {
            text.Append(Invariant($"**Specified → released: median {Days(released.MedianDays)}, 85th percentile {Days(released.P85Days)}** ({released.Count} criteria released, {released.Open} not yet)\n\n"));
        }
        else
        {
            text.Append("**Specified → released: no criterion released yet** (")
                .Append(report.ReleaseTags is { } tags ? "no tag matching `" + Code(tags) + "` holds one" : "no `--release-tags` given")
                .Append(")\n\n");
        }

        if (report.Partial)
        {
            text.Append("> [!WARNING]\n> **Partial results**: some history is missing or no release tag matched, so some figures are incomplete; the notes below say what.\n\n");
        }

        text.Append("| Step (all criteria) | Median | 85th percentile | Done | Open |\n|---|--:|--:|--:|--:|\n");
        foreach (FlowStep step in FlowReport.Steps)
        {
            LeadStats s = Stats(report.Overall, step);
            text.Append(Invariant($"| {FlowReport.Label(step)} | {Days(s.MedianDays)} | {Days(s.P85Days)} | {s.Count} | {s.Open} |\n"));
        }

        text.Append('\n');
        text.Append(Invariant($"As of {Day(report.AsOf)} · {report.Overall.Criteria} criteria in {report.ByFeature.Length} feature(s)"));
        if (report.Since is { } since)
        {
            text.Append(Invariant($" · specified since {Day(since)}"));
        }

        if (report.ReleaseTags is { } pattern)
        {
            text.Append(" · release tags `").Append(Code(pattern)).Append('`');
        }

        text.Append(" · days between the commits that specified, implemented (`[Implements]`), test-linked (`[Verifies]`) and released (first matching tag) each criterion\n\n");
    }

    private static void Trend(StringBuilder text, FlowReport report)
    {
        GroupFlow[] months = [.. report.Trend.TakeLast(12)];
        text.Append("### Trend: the last 12 months\n\n");
        if (months.Length == 0)
        {
            text.Append("No month to show.\n\n");
            return;
        }

        text.Append("Median days per step, by month of specification.\n\n| Month | Criteria |");
        foreach (FlowStep step in FlowReport.Steps)
        {
            text.Append(' ').Append(FlowReport.Label(step)).Append(" |");
        }

        text.Append("\n|---|--:|").Append(string.Concat(Enumerable.Repeat("--:|", FlowReport.Steps.Length))).Append('\n');
        foreach (GroupFlow month in months)
        {
            text.Append("| ").Append(Cell(month.Key)).Append(Invariant($" | {month.Criteria} |"));
            foreach (FlowStep step in FlowReport.Steps)
            {
                text.Append(' ').Append(Days(Stats(month, step).MedianDays, unit: false)).Append(" |");
            }

            text.Append('\n');
        }

        text.Append('\n');
    }

    private static void Features(StringBuilder text, FlowReport report, int room)
    {
        if (report.ByFeature.IsEmpty)
        {
            return;
        }

        var header = new StringBuilder("| Feature | Criteria |");
        foreach (FlowStep step in FlowReport.Steps)
        {
            header.Append(' ').Append(FlowReport.Label(step)).Append(" |");
        }

        header.Append("\n|---|--:|").Append(string.Concat(Enumerable.Repeat("---:|", FlowReport.Steps.Length))).Append('\n');
        text.Append("### Per feature\n\nMedian / 85th percentile in days (criteria whose step is done).\n\n");
        int shown = 0;
        foreach (GroupFlow feature in report.ByFeature)
        {
            var row = new StringBuilder();
            row.Append("| **").Append(Cell(Short(feature.Key))).Append(Invariant($"** | {feature.Criteria} |"));
            foreach (FlowStep step in FlowReport.Steps)
            {
                LeadStats s = Stats(feature, step);
                row.Append(' ').Append(s.Count == 0 ? "—" : Days(s.MedianDays, unit: false) + " / " + Days(s.P85Days, unit: false)).Append(" |");
            }

            row.Append('\n');
            if (text.Length + row.Length + (shown == 0 ? header.Length : 0) > room)
            {
                break;
            }

            text.Append(shown == 0 ? header.ToString() : string.Empty).Append(row);
            shown++;
        }

        if (shown < report.ByFeature.Length)
        {
            text.Append(Invariant($"{(shown == 0 ? string.Empty : "\n")}_{report.ByFeature.Length - shown} {(shown == 0 ? string.Empty : "more ")}feature(s) left out to fit; the JSON output has every one._\n"));
        }

        text.Append('\n');
    }

    /// <summary>The stale section: its rows (at most <see cref="StaleShown"/>) as long as they fit in <paramref name="room"/> characters.</summary>
    private static string Stale(FlowReport report, int room)
    {
        if (report.StaleAfterDays is not { } after)
        {
            return string.Empty;
        }

        if (report.Stale.IsEmpty)
        {
            return Invariant($"### Stale\n\nNo criterion specified more than {after} days ago is still pending.\n\n");
        }

        var text = new StringBuilder(Invariant($"### Stale: {report.Stale.Length} criteria specified more than {after} days ago, still pending\n\n"));
        const string Header = "| Criterion | Specified | Days ago | Where it stands |\n|---|---|--:|---|\n";
        int shown = 0;
        foreach (CriterionFlow c in report.Stale.Take(StaleShown))
        {
            string row = "| **" + Cell(c.Id) + "** " + Cell(Short(c.Title)) + " | " + Day(c.Specified.Date) + " | "
                + Math.Max(0, (report.AsOf - c.Specified.Date).TotalDays).ToString("0", CultureInfo.InvariantCulture) + " | " + Standing(c) + " |\n";
            if (text.Length + row.Length + (shown == 0 ? Header.Length : 0) > room)
            {
                break;
            }

            text.Append(shown == 0 ? Header : string.Empty).Append(row);
            shown++;
        }

        if (shown < report.Stale.Length)
        {
            text.Append(shown == 0
                ? Invariant($"_All {report.Stale.Length} left out to fit; the JSON output lists every one._\n")
                : Invariant($"\n_… and {report.Stale.Length - shown} more; the JSON output lists every one._\n"));
        }

        return text.Append('\n').ToString();
    }

    /// <summary>The notes section, built first so that its length is kept free: what limits the figures matters.</summary>
    private static string Notes(FlowReport report)
    {
        if (report.Notes.IsEmpty)
        {
            return string.Empty;
        }

        var text = new StringBuilder("### Notes\n\n");
        foreach (string note in report.Notes.Take(NotesShown))
        {
            text.Append("- ").Append(Cell(Short(note, 400))).Append('\n');
        }

        if (report.Notes.Length > NotesShown)
        {
            text.Append(Invariant($"- … and {report.Notes.Length - NotesShown} more (the JSON output has every one)\n"));
        }

        return text.Append('\n').ToString();
    }

    /// <summary>Where a pending criterion stands, for people: what is missing, then its status when known.</summary>
    private static string Standing(CriterionFlow c)
    {
        string where = c.Implemented is null ? "not implemented" : c.TestLinked is null ? "implemented, no test linked" : "test linked";
        if (c.Status is { } status)
        {
            where += " · " + Cell(status);
        }

        return c.Deprecated ? where + " · deprecated" : where;
    }

    internal static LeadStats Stats(GroupFlow group, FlowStep step)
    {
        foreach (var (s, stats) in group.Steps)
        {
            if (s == step)
            {
                return stats;
            }
        }

        return new LeadStats(0, 0, null, null);
    }

    private static string Days(double? days, bool unit = true) =>
        days is { } d && double.IsFinite(d) ? FlowReport.FormatDays(d) + (unit ? " days" : string.Empty) : "—";

    private static string Day(DateTimeOffset date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The text, or its first <paramref name="max"/> - 1 characters and an ellipsis (never half a surrogate pair).</summary>
    internal static string Short(string text, int max = TextShown)
    {
        if (text.Length <= max)
        {
            return text;
        }

        int cut = Math.Max(0, max - 1);
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut] + "…";
    }

    private static string Cell(string text) => MarkdownReportWriter.Cell(text);

    private static string Code(string text) => MarkdownReportWriter.Code(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
