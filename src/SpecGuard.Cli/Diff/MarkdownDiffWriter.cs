using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using SpecGuard.Cli.Report;

namespace SpecGuard.Cli.Diff;

/// <summary>
/// The diff as Markdown for a pull-request comment and a GitHub job summary: a summary, what needs attention, then one
/// collapsible block per feature (most important first), each criterion with its field diff, the changed code and tests
/// that serve it, and the links to review. Never longer than the limit given (GitHub's comment limit is 65,536
/// characters): feature blocks that do not fit are cut to one line each, then left out, with a note saying so.
/// </summary>
internal static class MarkdownDiffWriter
{
    /// <summary>GitHub's limit on a comment's body (and on a job summary's step: 1 MiB, which this is well within).</summary>
    public const int CommentLimit = 65_536;

    /// <summary>Kept for the note and the footer when blocks are cut.</summary>
    private const int Reserve = 2_000;

    /// <summary>Lines of one field diff shown before "… N more".</summary>
    private const int FieldLines = 40;

    /// <summary>Sites (code, tests, links) listed per criterion before "… N more".</summary>
    private const int SitesShown = 10;

    public static string Write(DiffReport report, int limit)
    {
        var text = new StringBuilder();
        text.Append("## SpecGuard diff\n\n");
        text.Append(Invariant($"`{Code(report.Base.Name)}` → `{Code(report.Head.Name)}` ({report.Head.Short}), merge base {report.MergeBase.Short} · {report.FilesChanged} file(s) changed, {report.SpecFilesChanged} of them spec files\n\n"));
        text.Append(Invariant($"**Spec:** {report.Count(CriterionChangeKind.Added)} added · {report.Count(CriterionChangeKind.Changed)} changed ({report.CountWhere(static c => c.Spec is { Kind: CriterionChangeKind.Changed, Normative: true })} in what they require) · {report.Count(CriterionChangeKind.Deprecated)} deprecated · {report.Count(CriterionChangeKind.Removed)} removed · {report.Count(CriterionChangeKind.Renamed)} renamed · {report.Count(CriterionChangeKind.Moved)} moved"));
        if (report.Count(CriterionChangeKind.Collision) > 0)
        {
            text.Append(Invariant($" · **{report.Count(CriterionChangeKind.Collision)} colliding**"));
        }

        text.Append("  \n");
        text.Append("**Code:** ");
        text.Append(report.CodeMapped
            ? Invariant($"code changed for {report.CountWhere(static c => !c.CodeChanged.IsEmpty)} criteria · tests changed for {report.CountWhere(static c => !c.TestsChanged.IsEmpty)}")
            : "not mapped (no --assembly)");
        text.Append(report.UntracedChecked ? Invariant($" · {report.Untraced.Length} new untraced") : " · untraced code not checked (no --findings)");
        text.Append(Invariant($" · {report.CountWhere(static c => c.LostLastTest)} lost their last test · {report.CountWhere(static c => c.Suspect)} to review\n\n"));

        if (report.Features.IsEmpty && report.Untraced.IsEmpty)
        {
            text.Append("No criterion is added, changed or removed, and no changed code or test serves one.\n\n");
        }

        Attention(text, report);
        Untraced(text, report);

        int budget = Math.Max(limit - Reserve, limit / 2);
        int compacted = 0;
        int omitted = 0;
        foreach (FeatureDiff feature in report.Features)
        {
            string block = FeatureBlock(feature, report);
            if (text.Length + block.Length <= budget)
            {
                text.Append(block);
                continue;
            }

            string line = FeatureLine(feature);
            if (text.Length + line.Length <= budget)
            {
                text.Append(line);
                compacted++;
            }
            else
            {
                omitted++;
            }
        }

        if (compacted + omitted > 0)
        {
            text.Append(Invariant($"_To fit a comment, {compacted} feature(s) are shown as one line and {omitted} left out; `specguard diff --format json` or `--format sarif` has every criterion._\n\n"));
        }

        if (!report.LeftOut.IsEmpty || !report.Warnings.IsEmpty)
        {
            text.Append("<details><summary>What this diff leaves out</summary>\n\n");
            foreach (string item in report.LeftOut)
            {
                text.Append("- ").Append(Cell(item)).Append('\n');
            }

            foreach (ReportWarning warning in report.Warnings.Take(20))
            {
                text.Append("- ").Append(Cell(warning.Text)).Append('\n');
            }

            if (report.Warnings.Length > 20)
            {
                text.Append(Invariant($"- … and {report.Warnings.Length - 20} more input problem(s) (see the tool's error output)\n"));
            }

            text.Append("\n</details>\n\n");
        }

        text.Append(Invariant($"<sub>specguard {TraceReport.Version} · base {report.Base.Short}, head {report.Head.Short}</sub>\n"));
        string result = text.ToString();
        return result.Length <= limit ? result : result[..LastBreak(result, limit)];
    }

    private static int LastBreak(string text, int limit)
    {
        int cut = text.LastIndexOf('\n', limit - 1);
        return cut > 0 ? cut + 1 : limit;
    }

    private static void Attention(StringBuilder text, DiffReport report)
    {
        var items = report.Features.SelectMany(static f => f.Criteria).Where(static c => c.NeedsAttention).OrderBy(static c => c.Rank).ThenBy(static c => c.Id, StringComparer.Ordinal).ToList();
        if (items.Count == 0)
        {
            return;
        }

        text.Append(Invariant($"### Needs attention ({items.Count})\n\n"));
        foreach (CriterionDiff c in items.Take(50))
        {
            text.Append("- ").Append(AttentionLine(c, report)).Append('\n');
        }

        if (items.Count > 50)
        {
            text.Append(Invariant($"- … and {items.Count - 50} more (see the features below)\n"));
        }

        text.Append('\n');
    }

    private static string AttentionLine(CriterionDiff c, DiffReport report)
    {
        string id = "**" + c.Id + "**";
        if (c.Collides)
        {
            return Invariant($"❌ {id} is added here and `{Code(report.Base.Name)}` declares it too ({Cell(c.Spec!.CollidesWith?.Path ?? "?")}:{c.Spec.CollidesWith?.Line}) with other text or in another file: give this one a new ID");
        }

        if (c.RemovedWithLinks)
        {
            return c.Spec!.Kind == CriterionChangeKind.Renamed
                ? Invariant($"❌ {id} was {Cell(c.Spec.PreviousId ?? "?")}: {c.HeadLinks.Length} link(s) still name the old ID — {Sites(c.HeadLinks, 3)}")
                : Invariant($"❌ {id} is removed, and {c.HeadLinks.Length} link(s) still name it — {Sites(c.HeadLinks, 3)}");
        }

        if (c.LostLastTest)
        {
            return Invariant($"⚠️ {id} lost its last verifying test{Title(c)}");
        }

        if (c.Suspect)
        {
            return Invariant($"🔶 {id} now requires something else ({Fields(c.Spec!)}): review its {c.HeadLinks.Length} link(s) against the new text");
        }

        return Invariant($"⚠️ {id} is deprecated{(c.Spec?.After?.ReplacedBy is { } by ? " (replaced by " + Cell(by) + ")" : string.Empty)}, and {c.HeadLinks.Length} link(s) still name it — {Sites(c.HeadLinks, 3)}");
    }

    private static void Untraced(StringBuilder text, DiffReport report)
    {
        if (report.Untraced.IsEmpty)
        {
            return;
        }

        text.Append(Invariant($"### New untraced code ({report.Untraced.Length})\n\n| Rule | Where | What |\n|---|---|---|\n"));
        foreach (UntracedSite site in report.Untraced.Take(50))
        {
            text.Append(Invariant($"| {site.Rule} | {Cell(site.Path)}:{site.Line} | {Cell(site.Message)} |\n"));
        }

        if (report.Untraced.Length > 50)
        {
            text.Append(Invariant($"| | … | and {report.Untraced.Length - 50} more |\n"));
        }

        text.Append('\n');
    }

    private static string FeatureLine(FeatureDiff feature) =>
        Invariant($"- **{feature.Key}** {Cell(feature.Title ?? string.Empty)}: {Counts(feature)}\n");

    private static string Counts(FeatureDiff feature)
    {
        var parts = new List<string>();
        foreach (CriterionChangeKind kind in Enum.GetValues<CriterionChangeKind>())
        {
            int n = feature.Count(kind);
            if (n > 0)
            {
                parts.Add(Invariant($"{n} {Slug(kind)}"));
            }
        }

        int code = feature.Criteria.Count(static c => !c.CodeChanged.IsEmpty);
        int tests = feature.Criteria.Count(static c => !c.TestsChanged.IsEmpty);
        if (code > 0)
        {
            parts.Add(Invariant($"code for {code}"));
        }

        if (tests > 0)
        {
            parts.Add(Invariant($"tests for {tests}"));
        }

        if (feature.Attention > 0)
        {
            parts.Add(Invariant($"**{feature.Attention} need attention**"));
        }

        return string.Join(" · ", parts);
    }

    private static string FeatureBlock(FeatureDiff feature, DiffReport report)
    {
        var text = new StringBuilder();
        text.Append(Invariant($"<details{(feature.Attention > 0 ? " open" : string.Empty)}><summary><b>{feature.Key}</b> {MarkdownReportWriter.Html(feature.Title ?? string.Empty)} — {MarkdownReportWriter.Html(Counts(feature).Replace("**", string.Empty, StringComparison.Ordinal))}</summary>\n\n"));
        foreach (CriterionDiff c in feature.Criteria)
        {
            text.Append(Invariant($"#### {c.Id} — {Headline(c)}"));
            if (report.StatusShown && c.Now is { } now)
            {
                text.Append(Invariant($" · now {MarkdownReportWriter.Icon(now)} {TraceReport.Label(now).ToLowerInvariant()}"));
            }

            text.Append("\n\n");
            if (c.Title is not null)
            {
                text.Append("> ").Append(Cell(c.Title)).Append("  \n> ");
                text.Append(c.At is { } at ? Cell(at.Path) + ":" + at.Line.ToString(CultureInfo.InvariantCulture) : string.Empty).Append("\n\n");
            }

            if (c.Spec is { Fields.IsEmpty: false } spec)
            {
                FieldDiff(text, spec);
            }

            SiteList(text, "Code changed", c.CodeChanged);
            SiteList(text, "Tests changed", c.TestsChanged);
            if (!c.HeadLinks.IsEmpty)
            {
                SiteList(text, c.Spec?.Kind is CriterionChangeKind.Changed ? "Links to review" : "Links that still name it", c.HeadLinks);
            }

            if (c.LostLastTest)
            {
                text.Append("- ⚠️ Its last verifying test was removed in this change.\n");
            }

            text.Append('\n');
        }

        text.Append("</details>\n\n");
        return text.ToString();
    }

    private static string Headline(CriterionDiff c) => c.Spec is not { } spec
        ? c.Title is null ? "not declared by any spec file" : "code or tests changed"
        : spec.Kind switch
        {
            CriterionChangeKind.Changed => spec.Normative ? "changed: what it requires" : "changed: " + Fields(spec),
            CriterionChangeKind.Renamed => "renamed from " + Cell(spec.PreviousId ?? "?"),
            CriterionChangeKind.Moved => "moved from " + Cell(spec.BeforeAt?.Path ?? "?"),
            CriterionChangeKind.Deprecated => "deprecated" + (spec.After?.ReplacedBy is { } by ? ", replaced by " + Cell(by) : string.Empty),
            CriterionChangeKind.Collision => "❌ collides with " + Cell(spec.CollidesWith?.Path ?? "?") + " on the base branch",
            CriterionChangeKind.Removed => "removed" + (spec.BeforeAt is { } was ? " from " + Cell(was.Path) : string.Empty),
            _ => Slug(spec.Kind),
        } + (spec.AlsoMoved ? " (and moved to another file)" : string.Empty);

    private static void FieldDiff(StringBuilder text, CriterionChange spec)
    {
        var lines = new List<string>();
        foreach (FieldChange field in spec.Fields)
        {
            lines.Add(" " + field.Field + ":");
            int shown = 0;
            foreach (DiffLine line in field.Lines)
            {
                if (shown++ == FieldLines)
                {
                    lines.Add(Invariant($" … {field.Lines.Length - FieldLines} more line(s)"));
                    break;
                }

                lines.Add(line.Op + "   " + line.Text.Replace('\r', ' ').Replace('\n', ' '));
            }
        }

        // A fence longer than any run of backticks in the text, so spec text cannot close it.
        int longest = lines.Select(static l => LongestRun(l, '`')).DefaultIfEmpty(0).Max();
        string fence = new('`', Math.Max(3, longest + 1));
        text.Append(fence).Append("diff\n");
        foreach (string line in lines)
        {
            text.Append(line).Append('\n');
        }

        text.Append(fence).Append("\n\n");
    }

    private static int LongestRun(string text, char c)
    {
        int longest = 0;
        int run = 0;
        foreach (char x in text)
        {
            run = x == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }

    private static void SiteList(StringBuilder text, string label, ImmutableArray<CodeSite> sites)
    {
        if (sites.IsEmpty)
        {
            return;
        }

        text.Append("- ").Append(label).Append(": ").Append(Sites(sites, SitesShown)).Append('\n');
    }

    private static string Sites(ImmutableArray<CodeSite> sites, int shown) =>
        string.Join(", ", sites.Take(shown).Select(static s => s.Kind == "link" ? Cell(s.Location) : "`" + Code(s.Symbol) + "` (" + Cell(s.Location) + ")"))
        + (sites.Length > shown ? Invariant($" and {sites.Length - shown} more") : string.Empty);

    private static string Title(CriterionDiff c) => c.Title is null ? string.Empty : " (\"" + Cell(c.Title) + "\")";

    private static string Fields(CriterionChange change) => string.Join(", ", change.Fields.Select(static f => f.Field));

    internal static string Slug(CriterionChangeKind kind) => kind switch
    {
        CriterionChangeKind.Added => "added",
        CriterionChangeKind.Changed => "changed",
        CriterionChangeKind.Deprecated => "deprecated",
        CriterionChangeKind.Removed => "removed",
        CriterionChangeKind.Renamed => "renamed",
        CriterionChangeKind.Moved => "moved",
        _ => "collision",
    };

    private static string Cell(string text) => MarkdownReportWriter.Cell(text);

    private static string Code(string text) => MarkdownReportWriter.Code(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
