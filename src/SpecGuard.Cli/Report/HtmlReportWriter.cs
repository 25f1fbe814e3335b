using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace SpecGuard.Cli.Report;

/// <summary>
/// One self-contained HTML file (inline CSS and JavaScript, no external asset, no network) that a product owner can
/// read: the overall figures, a coverage bar per feature, and a filterable matrix where each criterion's
/// given/when/then sits beside its evidence (implementing code, verifying tests and their outcomes).
/// </summary>
[SpecGuard.Implements(SpecGuard.Specs.CliCriteria.CLI_005)]
internal static class HtmlReportWriter
{
    private const string Style = """
        :root{--verified:#1a7f37;--failing:#cf222e;--implemented-not-verified:#bf8700;--pending:#8250df;--untraced:#8c959f;--suspect:#d1570f;--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa}
        *{box-sizing:border-box}
        body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff}
        header{padding:20px 32px;background:var(--soft);border-bottom:1px solid var(--line)}
        h1{margin:0;font-size:22px}
        h2{font-size:17px;margin:24px 0 8px}
        .sub{color:var(--muted);margin:2px 0 0}
        .kpis{display:flex;gap:12px;flex-wrap:wrap;margin-top:14px;align-items:stretch}
        .kpi{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 16px;min-width:170px}
        .kpi .value{font-size:28px;font-weight:600;line-height:1.2}
        .kpi .label{color:var(--muted)}
        .chips{display:flex;gap:8px;flex-wrap:wrap;align-content:center}
        .chip{display:inline-flex;align-items:center;gap:6px;border:1px solid var(--line);border-radius:999px;padding:3px 12px;background:#fff;cursor:pointer;font:inherit;color:inherit}
        .chip:hover{border-color:var(--muted)}
        .dot{width:10px;height:10px;border-radius:50%;display:inline-block;flex:none}
        main{padding:4px 32px 48px}
        table{border-collapse:collapse;width:100%}
        .features th,.features td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:middle}
        .features th{font-size:12px;color:var(--muted);font-weight:600}
        .features a{color:inherit;text-decoration:none;border-bottom:1px dotted var(--muted);cursor:pointer}
        .bar{display:flex;height:14px;border-radius:7px;overflow:hidden;background:#eaeef2;min-width:220px}
        .bar span{display:block;height:100%}
        .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .s-verified{background:var(--verified)}.s-failing{background:var(--failing)}.s-implemented-not-verified{background:var(--implemented-not-verified)}.s-pending{background:var(--pending)}.s-untraced{background:var(--untraced)}.s-suspect{background:var(--suspect)}
        .filters{display:flex;gap:12px;align-items:center;flex-wrap:wrap;position:sticky;top:0;background:#fff;padding:10px 0;border-bottom:1px solid var(--line);z-index:1}
        .filters label{color:var(--muted)}
        .filters input,.filters select{font:inherit;color:inherit;padding:5px 8px;border:1px solid var(--line);border-radius:6px;background:#fff}
        .filters input{width:340px}
        #count{color:var(--muted);margin-left:auto}
        .matrix td{border-bottom:1px solid var(--line);padding:10px 8px;vertical-align:top}
        .matrix tr.group th{text-align:left;background:var(--soft);padding:8px;border-bottom:1px solid var(--line);font-size:14px}
        .matrix tr.group .owner{color:var(--muted);font-weight:400}
        .matrix{table-layout:fixed}
        col.c-crit{width:42%}
        col.c-state{width:140px}
        .id{font-weight:600;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
        .title{font-weight:600}
        .gwt{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:6px 0 0}
        .gwt dt{font-weight:600;color:var(--muted);text-transform:uppercase;font-size:11px;padding-top:2px}
        .gwt dd{margin:0}
        .gwt ul{margin:0;padding-left:18px}
        .tags{margin-top:4px}
        .tag{display:inline-block;background:#ddf4ff;color:#0550ae;border-radius:999px;padding:0 8px;font-size:11px;margin-right:4px}
        .badge{display:inline-block;border-radius:999px;padding:2px 10px;color:#fff;font-size:12px;font-weight:600;white-space:nowrap}
        .note{color:var(--muted);font-size:12px;margin-top:4px}
        .evidence h4{margin:0 0 2px;font-size:11px;text-transform:uppercase;color:var(--muted)}
        .evidence ul{list-style:none;margin:0 0 10px;padding:0}
        .evidence li{margin:2px 0}
        code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;word-break:break-word;overflow-wrap:anywhere}
        .loc,.kind{color:var(--muted);font-size:12px}
        .outcome{display:inline-block;font-size:11px;font-weight:600;border-radius:4px;padding:0 6px;margin-right:6px;min-width:52px;text-align:center}
        .o-passed{background:#dafbe1;color:#116329}.o-failed{background:#ffebe9;color:#a40e26}.o-skipped{background:#fff8c5;color:#7d4e00}.o-not-run{background:#eaeef2;color:#59636e}
        .none{color:var(--muted);font-style:italic}
        details{margin-top:16px}
        summary{cursor:pointer;font-weight:600}
        footer{color:var(--muted);font-size:12px;padding:0 32px 24px}
        tr[hidden]{display:none}
        .findings{margin:0;padding-left:18px}
        .finding{margin:2px 0}
        """;

    private const string Script = """
        (function () {
          var q = document.getElementById('q'), st = document.getElementById('status'), ft = document.getElementById('feature'), count = document.getElementById('count');
          var rows = Array.prototype.slice.call(document.querySelectorAll('tr.criterion'));
          var groups = Array.prototype.slice.call(document.querySelectorAll('tr.group'));
          var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
          function apply() {
            var text = q.value.trim().toLowerCase(), status = st.value, feature = ft.value, shown = 0, visible = {};
            rows.forEach(function (row, i) {
              var ok = (!status || row.getAttribute('data-status') === status) && (!feature || row.getAttribute('data-feature') === feature) && (!text || texts[i].indexOf(text) >= 0);
              row.hidden = !ok;
              if (ok) { shown++; visible[row.getAttribute('data-feature')] = true; }
            });
            groups.forEach(function (group) { group.hidden = !visible[group.getAttribute('data-feature')]; });
            count.textContent = 'Showing ' + shown + ' of ' + rows.length + ' criteria';
            var hash = [text && 'q=' + encodeURIComponent(q.value.trim()), status && 'status=' + status, feature && 'feature=' + encodeURIComponent(feature)].filter(Boolean).join('&');
            try { history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search); } catch (e) { /* file: URLs may refuse; the filter still works */ }
          }
          // A filter can be shared as a link: report.html#status=failing&feature=ORDERS&q=refund
          try {
            location.hash.replace(/^#/, '').split('&').forEach(function (pair) {
              var kv = pair.split('='), value = decodeURIComponent(kv[1] || '');
              if (kv[0] === 'q') { q.value = value; } else if (kv[0] === 'status') { st.value = value; } else if (kv[0] === 'feature') { ft.value = value; }
            });
          } catch (e) { /* a malformed hash only loses the preset */ }
          q.addEventListener('input', apply);
          st.addEventListener('change', apply);
          ft.addEventListener('change', apply);
          Array.prototype.forEach.call(document.querySelectorAll('[data-set-status]'), function (el) {
            el.addEventListener('click', function () { st.value = el.getAttribute('data-set-status'); apply(); document.getElementById('matrix').scrollIntoView(); });
          });
          Array.prototype.forEach.call(document.querySelectorAll('[data-set-feature]'), function (el) {
            el.addEventListener('click', function (e) { e.preventDefault(); ft.value = el.getAttribute('data-set-feature'); apply(); document.getElementById('matrix').scrollIntoView(); });
          });
          apply();
        })();
        """;

    public static string Write(TraceReport report)
    {
        var html = new StringBuilder(64 * 1024 + (report.Coverage.Total * 1200));
        Coverage all = report.Coverage;
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"specguard ").Append(TraceReport.Version).Append("\">\n")
            .Append("<title>Spec coverage: ").Append(Invariant($"{TraceReport.Percent(all.VerifiedPercent)} verified")).Append("</title>\n<style>\n")
            .Append(Style).Append("</style>\n</head>\n<body>\n");

        // Header: the two figures and the status chips (each chip filters the matrix).
        html.Append("<header>\n<h1>Spec coverage</h1>\n<p class=\"sub\">")
            .Append(Invariant($"{all.Counted} criteria in {report.Features.Length} feature(s)"))
            .Append(all.Total != all.Counted ? Invariant($", plus {all.Total - all.Counted} deprecated (not counted)") : string.Empty)
            .Append(". Verified means every linked test that ran passed.</p>\n<div class=\"kpis\">\n");
        Kpi(html, TraceReport.Percent(all.VerifiedPercent), Invariant($"verified ({all.Verified} of {all.Counted})"));
        Kpi(html, TraceReport.Percent(all.ImplementedPercent), Invariant($"implemented ({all.Implemented} of {all.Counted})"));
        html.Append("<div class=\"chips\">");
        foreach (CriterionStatus status in report.ShownStatuses)
        {
            string slug = TraceReport.Slug(status);
            html.Append("<button type=\"button\" class=\"chip\" data-set-status=\"").Append(slug).Append("\"><span class=\"dot s-").Append(slug).Append("\"></span>")
                .Append(Invariant($"{all.Count(status)} ")).Append(Encode(TraceReport.Label(status).ToLowerInvariant())).Append("</button>");
        }

        html.Append("</div>\n</div>\n</header>\n<main>\n");

        // Features: one bar each.
        html.Append("<h2>Features</h2>\n<table class=\"features\">\n<thead><tr><th>Feature</th><th>Coverage</th><th class=\"num\">Verified</th><th class=\"num\">Implemented</th><th class=\"num\">Criteria</th></tr></thead>\n<tbody>\n");
        foreach (FeatureRow feature in report.Features)
        {
            Coverage c = feature.Coverage;
            html.Append("<tr><td><a href=\"#matrix\" data-set-feature=\"").Append(Encode(feature.Spec.Key)).Append("\"><b>").Append(Encode(feature.Spec.Key)).Append("</b></a> ")
                .Append(Encode(feature.Spec.Title)).Append("</td><td>");
            Bar(html, c, report.ShownStatuses);
            html.Append("</td><td class=\"num\">").Append(TraceReport.Percent(c.VerifiedPercent))
                .Append("</td><td class=\"num\">").Append(TraceReport.Percent(c.ImplementedPercent))
                .Append("</td><td class=\"num\">").Append(c.Counted.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        Findings(html, report);
        Baseline(html, report);

        // The matrix and its filters.
        html.Append("<h2 id=\"matrix\">Criteria and evidence</h2>\n<div class=\"filters\">\n")
            .Append("<label for=\"q\">Filter</label><input id=\"q\" type=\"search\" placeholder=\"ID, words of the criterion, a class, a test\" autocomplete=\"off\">\n")
            .Append("<label for=\"status\">Status</label><select id=\"status\"><option value=\"\">All</option>");
        foreach (CriterionStatus status in report.ShownStatuses)
        {
            html.Append("<option value=\"").Append(TraceReport.Slug(status)).Append("\">").Append(Encode(TraceReport.Label(status))).Append("</option>");
        }

        html.Append("</select>\n<label for=\"feature\">Feature</label><select id=\"feature\"><option value=\"\">All</option>");
        foreach (FeatureRow feature in report.Features)
        {
            html.Append("<option value=\"").Append(Encode(feature.Spec.Key)).Append("\">").Append(Encode(feature.Spec.Key)).Append("</option>");
        }

        html.Append("</select>\n<span id=\"count\">").Append(Invariant($"{all.Total} criteria")).Append("</span>\n</div>\n");
        html.Append("<table class=\"matrix\">\n<colgroup><col class=\"c-crit\"><col class=\"c-state\"><col></colgroup>\n<tbody>\n");
        foreach (FeatureRow feature in report.Features)
        {
            html.Append("<tr class=\"group\" data-feature=\"").Append(Encode(feature.Spec.Key)).Append("\"><th colspan=\"3\">").Append(Encode(feature.Spec.Key)).Append(" · ")
                .Append(Encode(feature.Spec.Title));
            if (feature.Spec.Owner is { } owner)
            {
                html.Append(" <span class=\"owner\">(").Append(Encode(owner)).Append(")</span>");
            }

            html.Append(" <span class=\"owner\">").Append(Invariant($"{TraceReport.Percent(feature.Coverage.VerifiedPercent)} verified")).Append("</span></th></tr>\n");
            foreach (CriterionRow row in feature.Criteria)
            {
                Criterion(html, row);
            }
        }

        html.Append("</tbody>\n</table>\n");

        if (!report.UnknownLinks.IsEmpty)
        {
            html.Append("<details><summary>").Append(Invariant($"{report.UnknownLinks.Length} link(s) to criteria that no spec file declares")).Append("</summary>\n<ul>\n");
            foreach (UnknownLink link in report.UnknownLinks)
            {
                html.Append("<li><code>").Append(Encode(link.Id)).Append("</code> ← ").Append(link.Link).Append(" by <code>").Append(Encode(link.Symbol)).Append("</code>");
                Location(html, link.Location);
                html.Append("</li>\n");
            }

            html.Append("</ul>\n</details>\n");
        }

        if (!report.Warnings.IsEmpty)
        {
            html.Append("<details><summary>").Append(Invariant($"{report.Warnings.Length} input problem(s): what was skipped")).Append("</summary>\n<ul>\n");
            foreach (ReportWarning warning in report.Warnings)
            {
                html.Append("<li><code>").Append(Encode(warning.Text)).Append("</code></li>\n");
            }

            html.Append("</ul>\n</details>\n");
        }

        html.Append("</main>\n<footer>Generated by specguard ").Append(TraceReport.Version).Append(Invariant($" from {report.Inputs.Count(static i => i.Kind == "spec")} spec file(s), {report.Inputs.Count(static i => i.Kind == "assembly")} assembly(ies) and {report.Inputs.Count(static i => i.Kind == "trx")} TRX file(s){(report.FindingsRequested ? Invariant($", {report.Inputs.Count(static i => i.Kind == "sarif")} SARIF file(s)") : string.Empty)}{(report.BaselineRequested ? Invariant($", {report.Baselines.Length} baseline file(s)") : string.Empty)}."))
            .Append("</footer>\n<script>\n").Append(Script).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The findings of the SARIF logs: the count per rule, then every finding (rule, location, message), each encoded.</summary>
    private static void Findings(StringBuilder html, TraceReport report)
    {
        if (!report.FindingsRequested)
        {
            return;
        }

        int files = report.Inputs.Count(static i => i.Kind == "sarif");
        html.Append("<h2 id=\"findings\">SpecGuard findings</h2>\n");
        if (report.Findings.IsEmpty)
        {
            html.Append("<p class=\"none\">").Append(Invariant($"No SpecGuard finding in {files} SARIF file(s).")).Append("</p>\n");
            return;
        }

        html.Append("<p>").Append(Invariant($"{report.Findings.Length} finding(s) in {files} SARIF file(s): "));
        html.Append(string.Join(", ", report.FindingCounts.Select(static c => "<b>" + Encode(c.Id) + "</b> " + c.Count.ToString(CultureInfo.InvariantCulture))));
        html.Append("</p>\n<ul class=\"findings\">\n");
        foreach (SpecFinding finding in report.Findings)
        {
            html.Append("<li class=\"finding\" data-rule=\"").Append(Encode(finding.Id)).Append("\">");
            if (finding.Path is not null)
            {
                html.Append("<code>").Append(Encode(finding.Location)).Append("</code>: ");
            }

            html.Append("<b>").Append(Encode(finding.Id)).Append("</b>: ").Append(Encode(finding.Message)).Append("</li>\n");
        }

        html.Append("</ul>\n");
    }

    /// <summary>
    /// The baseline as debt, before the criteria matrix: totals and a table per project, open; the entries themselves in a
    /// collapsed section, so that a long baseline never pushes the criteria view out of sight.
    /// </summary>
    private static void Baseline(StringBuilder html, TraceReport report)
    {
        if (!report.BaselineRequested)
        {
            return;
        }

        html.Append("<h2 id=\"baseline\">SpecGuard baseline (untraced code recorded as debt)</h2>\n");
        if (report.BaselineTotal == 0)
        {
            html.Append("<p class=\"none\">").Append(Invariant($"No baselined symbol in {report.Baselines.Length} baseline file(s).")).Append("</p>\n");
            return;
        }

        bool withBase = report.BaselineBase is not null;
        html.Append("<p>").Append(Invariant($"{report.BaselineTotal} baselined symbol(s) in {report.Baselines.Count(static b => !b.Entries.IsEmpty)} project(s): "));
        html.Append(string.Join(", ", report.BaselineCounts.Select(static c => "<b>" + Encode(c.Rule) + "</b> " + c.Count.ToString(CultureInfo.InvariantCulture))));
        if (withBase)
        {
            html.Append(Invariant($"; <b>{report.BaselineAdded}</b> added since <code>")).Append(Encode(report.BaselineBase!)).Append("</code>");
        }

        html.Append("</p>\n<table class=\"features baseline\">\n<thead><tr><th>Project</th><th>Baseline</th><th class=\"num\">SPEC100</th><th class=\"num\">SPEC101</th><th class=\"num\">Total</th>")
            .Append(withBase ? "<th class=\"num\">Added</th>" : string.Empty).Append("</tr></thead>\n<tbody>\n");
        foreach (BaselineProject project in report.Baselines)
        {
            html.Append("<tr><td><b>").Append(Encode(project.Project)).Append("</b></td><td><code>").Append(Encode(project.Path)).Append("</code></td>")
                .Append(Invariant($"<td class=\"num\">{project.Entries.Count(static e => e.Rule == "SPEC100")}</td><td class=\"num\">{project.Entries.Count(static e => e.Rule == "SPEC101")}</td><td class=\"num\">{project.Entries.Length}</td>"))
                .Append(withBase ? Invariant($"<td class=\"num\">{project.Added.Length}</td>") : string.Empty).Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n<details class=\"baseline-entries\"><summary>").Append(Invariant($"Every baselined symbol ({report.BaselineTotal})")).Append("</summary>\n<ul class=\"findings\">\n");
        foreach (BaselineProject project in report.Baselines)
        {
            foreach (BaselineItem entry in project.Entries)
            {
                html.Append("<li class=\"baselined\" data-rule=\"").Append(Encode(entry.Rule)).Append("\">").Append(Encode(project.Project)).Append(": <b>").Append(Encode(entry.Rule)).Append("</b> <code>").Append(Encode(entry.Key)).Append("</code>");
                if (entry.Added)
                {
                    html.Append(" <em>added since <code>").Append(Encode(report.BaselineBase!)).Append("</code></em>");
                }

                html.Append("</li>\n");
            }
        }

        html.Append("</ul>\n</details>\n");
    }

    private static void Criterion(StringBuilder html, CriterionRow row)
    {
        string slug = TraceReport.Slug(row.Status);
        var spec = row.Spec;
        html.Append("<tr class=\"criterion\" data-status=\"").Append(slug).Append("\" data-feature=\"").Append(Encode(row.FeatureKey)).Append("\">")
            .Append("<td class=\"crit\"><div><span class=\"id\">").Append(Encode(spec.Id)).Append("</span> <span class=\"title\">").Append(Encode(spec.Title)).Append("</span></div>")
            .Append("<dl class=\"gwt\">");
        Clause(html, "Given", spec.Given);
        Clause(html, "When", spec.When);
        Clause(html, "Then", spec.Then);
        html.Append("</dl>");
        if (spec.Tags.Count > 0)
        {
            html.Append("<div class=\"tags\">");
            foreach (string tag in spec.Tags)
            {
                html.Append("<span class=\"tag\">").Append(Encode(tag)).Append("</span>");
            }

            html.Append("</div>");
        }

        html.Append("</td><td class=\"state\"><span class=\"badge s-").Append(slug).Append("\">").Append(Encode(TraceReport.Label(row.Status))).Append("</span>")
            .Append("<div class=\"note\">priority ").Append(spec.Priority.ToString().ToLowerInvariant()).Append("</div>");
        if (row.IsSuspect)
        {
            html.Append("<div class=\"note\">").Append(Encode($"changed since its links were reviewed: check them, then run specguard review {spec.Id}")).Append("</div>");
        }

        if (!row.Counted)
        {
            html.Append("<div class=\"note\">deprecated: not counted</div>");
        }
        else if (spec.Status == Core.Model.SpecStatus.Draft)
        {
            html.Append("<div class=\"note\">draft</div>");
        }

        html.Append("</td><td class=\"evidence\"><h4>Implemented by</h4>");
        if (row.Implementations.IsEmpty)
        {
            html.Append("<ul><li class=\"none\">no code links to this criterion</li></ul>");
        }
        else
        {
            html.Append("<ul>");
            foreach (var symbol in row.Implementations)
            {
                html.Append("<li><code>").Append(Encode(symbol.Symbol)).Append("</code>");
                if (symbol.Kind != "method")
                {
                    html.Append(" <span class=\"kind\">").Append(Encode(symbol.Kind)).Append("</span>");
                }

                Location(html, symbol.Location);
                html.Append("</li>");
            }

            html.Append("</ul>");
        }

        html.Append("<h4>Verified by</h4>");
        if (row.Tests.IsEmpty)
        {
            html.Append("<ul><li class=\"none\">no test verifies this criterion</li></ul>");
        }
        else
        {
            html.Append("<ul>");
            foreach (TestEvidence test in row.Tests)
            {
                string outcome = TraceReport.Slug(test.Outcome);
                html.Append("<li><span class=\"outcome o-").Append(outcome).Append("\">").Append(outcome.Replace('-', ' ')).Append("</span><code>").Append(Encode(test.Name)).Append("</code>");
                if (test.IsPendingStub)
                {
                    html.Append(" <span class=\"kind\">generated pending stub</span>");
                }
                else if (test.Kind != "test")
                {
                    html.Append(" <span class=\"kind\">").Append(Encode(test.Kind)).Append("</span>");
                }

                int cases = test.Passed + test.Failed + test.Skipped;
                if (cases > 1)
                {
                    html.Append(" <span class=\"kind\">").Append(Invariant($"{test.Passed} of {cases} cases passed")).Append("</span>");
                }

                Location(html, test.Location);
                html.Append("</li>");
            }

            html.Append("</ul>");
        }

        html.Append("</td></tr>\n");
    }

    private static void Clause(StringBuilder html, string name, SpecGuard.Core.Model.EquatableArray<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        html.Append("<dt>").Append(name).Append("</dt><dd>");
        if (lines.Count == 1)
        {
            html.Append(Encode(lines[0]));
        }
        else
        {
            html.Append("<ul>");
            foreach (string line in lines)
            {
                html.Append("<li>").Append(Encode(line)).Append("</li>");
            }

            html.Append("</ul>");
        }

        html.Append("</dd>");
    }

    private static void Bar(StringBuilder html, Coverage coverage, System.Collections.Immutable.ImmutableArray<CriterionStatus> statuses)
    {
        html.Append("<div class=\"bar\" role=\"img\" aria-label=\"").Append(Encode(string.Join(", ", statuses.Select(s => Invariant($"{coverage.Count(s)} {TraceReport.Label(s).ToLowerInvariant()}"))))).Append("\">");
        foreach (CriterionStatus status in statuses)
        {
            int count = coverage.Count(status);
            if (count == 0 || coverage.Counted == 0)
            {
                continue;
            }

            double width = count * 100.0 / coverage.Counted;
            html.Append("<span class=\"s-").Append(TraceReport.Slug(status)).Append("\" style=\"width:").Append(width.ToString("0.###", CultureInfo.InvariantCulture))
                .Append("%\" title=\"").Append(Invariant($"{count} {TraceReport.Label(status).ToLowerInvariant()}")).Append("\"></span>");
        }

        html.Append("</div>");
    }

    private static void Kpi(StringBuilder html, string value, string label) =>
        html.Append("<div class=\"kpi\"><div class=\"value\">").Append(Encode(value)).Append("</div><div class=\"label\">").Append(Encode(label)).Append("</div></div>\n");

    private static void Location(StringBuilder html, SourceLocation? location)
    {
        if (location is not null)
        {
            html.Append(" <span class=\"loc\">").Append(Encode(TraceReport.Location(location))).Append("</span>");
        }
    }

    /// <summary>Text for HTML content and attribute values (quotes included): what every HTML writer escapes untrusted text with.</summary>
    internal static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
