using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SpecGuard.Cli.Report;

/// <summary>
/// GitHub-flavoured Markdown for a pull-request comment or a CI step summary: the overall figures, a table of features,
/// then each feature's criteria in a collapsed section. GitHub caps a comment at 65,536 characters, so once the text
/// reaches <see cref="DefaultBudget"/> the remaining features' details are left out with a note (the summary and the
/// feature table are always complete).
/// </summary>
[SpecGuard.Implements(SpecGuard.Specs.CliCriteria.CLI_005)]
internal static class MarkdownReportWriter
{
    public const int DefaultBudget = 60_000;

    public static string Write(TraceReport report, int budget = DefaultBudget)
    {
        var text = new StringBuilder();
        Coverage all = report.Coverage;
        text.Append("## SpecGuard spec coverage\n\n");
        text.Append(Invariant($"**Verified {TraceReport.Percent(all.VerifiedPercent)}** ({all.Verified} of {all.Counted} criteria) · **Implemented {TraceReport.Percent(all.ImplementedPercent)}** ({all.Implemented} of {all.Counted})"));
        if (all.Total != all.Counted)
        {
            text.Append(Invariant($" · {all.Total - all.Counted} deprecated not counted"));
        }

        text.Append("\n\n");
        text.Append(string.Join(" · ", report.ShownStatuses.Select(s => Invariant($"{Icon(s)} {all.Count(s)} {TraceReport.Label(s).ToLowerInvariant()}"))));
        text.Append("\n\n");

        bool reviews = report.Reviews is not null;
        text.Append(reviews
            ? "| Feature | Criteria | Verified | Implemented | ✅ | ❌ | 🟡 | ⏳ | ⚪ | 🔶 |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n"
            : "| Feature | Criteria | Verified | Implemented | ✅ | ❌ | 🟡 | ⏳ | ⚪ |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        foreach (FeatureRow feature in report.Features)
        {
            Coverage c = feature.Coverage;
            text.Append(Invariant($"| **{Cell(feature.Spec.Key)}** {Cell(feature.Spec.Title)} | {c.Counted} | {TraceReport.Percent(c.VerifiedPercent)} | {TraceReport.Percent(c.ImplementedPercent)} | {c.Verified} | {c.Failing} | {c.ImplementedNotVerified} | {c.Pending} | {c.Untraced} |{(reviews ? Invariant($" {c.Suspect} |") : string.Empty)}\n"));
        }

        text.Append('\n');
        Reviews(text, report);
        Findings(text, report, budget);
        Baseline(text, report, budget);
        int omitted = 0;
        foreach (FeatureRow feature in report.Features)
        {
            if (text.Length >= budget)
            {
                omitted++;
                continue;
            }

            string block = FeatureBlock(feature);
            if (text.Length + block.Length > budget)
            {
                omitted++;
                continue;
            }

            text.Append(block);
        }

        if (omitted > 0)
        {
            text.Append(Invariant($"_The criteria of {omitted} more feature(s) are left out to fit a comment; the HTML and JSON reports have every criterion._\n\n"));
        }

        if (!report.UnknownLinks.IsEmpty)
        {
            text.Append(Invariant($"<details><summary>⚠️ {report.UnknownLinks.Length} link(s) to criteria that no spec file declares</summary>\n\n"));
            foreach (UnknownLink link in report.UnknownLinks.Take(50))
            {
                text.Append(Invariant($"- `{Code(link.Id)}` ← {link.Link} by `{Code(link.Symbol)}`{At(link.Location)}\n"));
            }

            text.Append("\n</details>\n\n");
        }

        if (!report.Warnings.IsEmpty)
        {
            text.Append(Invariant($"<details><summary>⚠️ {report.Warnings.Length} input problem(s): what was skipped</summary>\n\n"));
            foreach (ReportWarning warning in report.Warnings.Take(50))
            {
                text.Append("- ").Append(Cell(warning.Text)).Append('\n');
            }

            if (report.Warnings.Length > 50)
            {
                text.Append(Invariant($"- … and {report.Warnings.Length - 50} more (see the tool's error output)\n"));
            }

            text.Append("\n</details>\n\n");
        }

        text.Append(Invariant($"<sub>specguard {TraceReport.Version} · {report.Inputs.Count(static i => i.Kind == "spec")} spec file(s), {report.Inputs.Count(static i => i.Kind == "assembly")} assembly(ies), {report.Inputs.Count(static i => i.Kind == "trx")} TRX file(s){(report.FindingsRequested ? Invariant($", {report.Inputs.Count(static i => i.Kind == "sarif")} SARIF file(s)") : string.Empty)}{(report.BaselineRequested ? Invariant($", {report.Baselines.Length} baseline file(s)") : string.Empty)}</sub>\n"));
        return text.ToString();
    }

    /// <summary>
    /// The findings of the SARIF logs: the count per rule (always complete), then every finding, one per line, open,
    /// since they are what a CI gate on untraced code fails on. Lines that would pass the budget are left out with a note.
    /// </summary>
    private static void Findings(StringBuilder text, TraceReport report, int budget)
    {
        if (!report.FindingsRequested)
        {
            return;
        }

        int files = report.Inputs.Count(static i => i.Kind == "sarif");
        text.Append("### SpecGuard findings\n\n");
        if (report.Findings.IsEmpty)
        {
            text.Append(Invariant($"No SpecGuard finding in {files} SARIF file(s).\n\n"));
            return;
        }

        text.Append(Invariant($"**{report.Findings.Length} finding(s)** in {files} SARIF file(s): "))
            .Append(string.Join(" · ", report.FindingCounts.Select(static c => Invariant($"{Cell(c.Id)} × {c.Count}"))))
            .Append("\n\n<details open><summary>Every finding</summary>\n\n");
        int shown = 0;
        foreach (SpecFinding finding in report.Findings)
        {
            string line = "- " + (finding.Path is null ? string.Empty : "`" + Code(finding.Location) + "`: ") + "**" + Cell(finding.Id) + "**: " + Cell(finding.Message) + "\n";
            if (text.Length + line.Length > budget)
            {
                break;
            }

            text.Append(line);
            shown++;
        }

        if (shown < report.Findings.Length)
        {
            text.Append(Invariant($"- _… {report.Findings.Length - shown} more finding(s) left out to fit a comment; the HTML and JSON reports have every one._\n"));
        }

        text.Append("\n</details>\n\n");
    }

    /// <summary>
    /// The baseline as debt: the totals per rule, a table per project (always complete), then every entry in a collapsed
    /// section within the budget. With <c>--baseline-base</c>, what was added since that revision is counted and marked.
    /// </summary>
    private static void Baseline(StringBuilder text, TraceReport report, int budget)
    {
        if (!report.BaselineRequested)
        {
            return;
        }

        text.Append("### SpecGuard baseline (untraced code recorded as debt)\n\n");
        if (report.BaselineTotal == 0)
        {
            text.Append(Invariant($"No baselined symbol in {report.Baselines.Length} baseline file(s).\n\n"));
            return;
        }

        bool withBase = report.BaselineBase is not null;
        text.Append(Invariant($"**{report.BaselineTotal} baselined symbol(s)** in {report.Baselines.Count(static b => !b.Entries.IsEmpty)} project(s): "))
            .Append(string.Join(" · ", report.BaselineCounts.Select(static c => Invariant($"{Cell(c.Rule)} × {c.Count}"))));
        if (withBase)
        {
            text.Append(Invariant($" · **{report.BaselineAdded} added since `{Code(report.BaselineBase!)}`**"));
        }

        text.Append("\n\n| Project | Baseline | SPEC100 | SPEC101 | Total |").Append(withBase ? " Added |\n|---|---|--:|--:|--:|--:|\n" : "\n|---|---|--:|--:|--:|\n");
        foreach (BaselineProject project in report.Baselines)
        {
            text.Append(Invariant($"| **{Cell(project.Project)}** | `{Code(project.Path)}` | {Count(project, "SPEC100")} | {Count(project, "SPEC101")} | {project.Entries.Length} |"));
            text.Append(withBase ? Invariant($" {project.Added.Length} |\n") : "\n");
        }

        text.Append("\n<details><summary>Every baselined symbol</summary>\n\n");
        int shown = 0;
        foreach (BaselineProject project in report.Baselines)
        {
            foreach (BaselineItem entry in project.Entries)
            {
                string line = "- " + Cell(project.Project) + ": **" + Cell(entry.Rule) + "** `" + Code(entry.Key) + "`" + (entry.Added ? " — added since `" + Code(report.BaselineBase!) + "`" : string.Empty) + "\n";
                if (text.Length + line.Length > budget)
                {
                    break;
                }

                text.Append(line);
                shown++;
            }
        }

        if (shown < report.BaselineTotal)
        {
            text.Append(Invariant($"- _… {report.BaselineTotal - shown} more entr(ies) left out to fit a comment; the HTML and JSON reports have every one._\n"));
        }

        text.Append("\n</details>\n\n");
    }

    private static int Count(BaselineProject project, string rule) => project.Entries.Count(e => e.Rule == rule);

    /// <summary>The suspect criteria (changed since their links were reviewed): the pull request's checklist.</summary>
    private static void Reviews(StringBuilder text, TraceReport report)
    {
        if (report.Reviews is not { } reviews)
        {
            return;
        }

        CriterionRow[] suspect = [.. report.Features.SelectMany(static f => f.Criteria).Where(static r => r.IsSuspect)];
        if (suspect.Length == 0 && reviews.Orphans.IsEmpty)
        {
            return;
        }

        text.Append(Invariant($"<details open><summary>🔶 {suspect.Length} suspect criteria: changed since their code and tests were reviewed</summary>\n\n"));
        foreach (CriterionRow row in suspect.Take(100))
        {
            text.Append(Invariant($"- **{Cell(row.Spec.Id)}** {Cell(row.Spec.Title)}: {row.Implementations.Length} implementation(s), {row.Tests.Length} test(s) to re-check, then `specguard review {Code(row.Spec.Id)}`\n"));
        }

        if (suspect.Length > 100)
        {
            text.Append(Invariant($"- … and {suspect.Length - 100} more (`specguard review --list`)\n"));
        }

        foreach (string id in reviews.Orphans.Take(20))
        {
            text.Append(Invariant($"- `{Code(id)}` is in the review record, but no spec file declares it\n"));
        }

        text.Append("\n</details>\n\n");
    }

    private static string FeatureBlock(FeatureRow feature)
    {
        var text = new StringBuilder();
        text.Append(Invariant($"<details><summary><b>{Html(feature.Spec.Key)}</b> {Html(feature.Spec.Title)}: verified {TraceReport.Percent(feature.Coverage.VerifiedPercent)}</summary>\n\n"));
        text.Append("| Criterion | Status | Implemented by | Verified by |\n|---|---|---|---|\n");
        foreach (CriterionRow row in feature.Criteria)
        {
            string status = Icon(row.Status) + " " + TraceReport.Label(row.Status) + (row.IsSuspect && row.Status != CriterionStatus.Suspect ? ", suspect" : string.Empty) + (row.Counted ? string.Empty : " (deprecated)");
            string code = row.Implementations.IsEmpty
                ? "—"
                : string.Join("<br>", row.Implementations.Select(static s => "`" + Code(s.Symbol) + "`" + (s.Kind == "method" ? string.Empty : " (" + s.Kind + ")") + At(s.Location)));
            string tests = row.Tests.IsEmpty
                ? "—"
                : string.Join("<br>", row.Tests.Select(static t => OutcomeIcon(t) + " `" + Code(t.Name) + "`" + (t.IsPendingStub ? " (pending stub)" : string.Empty) + Cases(t)));
            text.Append(Invariant($"| **{Cell(row.Spec.Id)}** {Cell(row.Spec.Title)} | {status} | {code} | {tests} |\n"));
        }

        text.Append("\n</details>\n\n");
        return text.ToString();
    }

    public static string Icon(CriterionStatus status) => status switch
    {
        CriterionStatus.Verified => "✅",
        CriterionStatus.Failing => "❌",
        CriterionStatus.ImplementedNotVerified => "🟡",
        CriterionStatus.Pending => "⏳",
        CriterionStatus.Suspect => "🔶",
        _ => "⚪",
    };

    private static string OutcomeIcon(TestEvidence test) => test.Outcome switch
    {
        TestOutcome.Passed => "✅",
        TestOutcome.Failed => "❌",
        TestOutcome.Skipped => "⏭️",
        _ => "◻️",
    } + " " + TraceReport.Slug(test.Outcome);

    private static string Cases(TestEvidence test)
    {
        int cases = test.Passed + test.Failed + test.Skipped;
        return cases > 1 ? Invariant($" ({test.Passed}/{cases} cases passed)") : string.Empty;
    }

    private static string At(SourceLocation? location) => location is null ? string.Empty : " " + Cell(TraceReport.Location(location));

    /// <summary>Text for a table cell: no line breaks, pipes escaped, HTML and Markdown emphasis neutralised, no @mentions.</summary>
    internal static string Cell(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(c switch
            {
                '|' => "\\|",
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '*' or '_' or '`' or '[' or ']' or '\\' or '#' => "\\" + c,
                // "@name" in a comment notifies that person or team on GitHub: spec text from a pull request must not
                // page anyone. A zero-width space after the '@' keeps the text and breaks the mention (what Dependabot does).
                '@' => "@&#8203;",
                '\r' or '\n' or '\t' => " ",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>Text inside a code span: backticks and pipes cannot be escaped there, so they are replaced.</summary>
    internal static string Code(string text) => text.Replace('`', '\'').Replace("|", "¦", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');

    internal static string Html(string text) => System.Net.WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
