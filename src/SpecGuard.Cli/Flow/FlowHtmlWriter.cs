using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using SpecGuard.Cli.Report;

namespace SpecGuard.Cli.Flow;

/// <summary>
/// The flow report as one self-contained HTML file: inline CSS and inline SVG charts, no script, no external
/// stylesheet, font or image, so it opens from a CI artifact without a network. It holds the headline (median and 85th
/// percentile per step), the trend of the last twelve months (median and 85th percentile of specified → released per
/// month of specification; specified → test linked when no criterion was released, saying so), the median of each step
/// per feature, and every criterion with its dates. Each chart has a title, axis labels, a tooltip per mark
/// (<c>&lt;title&gt;</c>), <c>role="img"</c> with an <c>aria-label</c>, and its figures as a table under it.
/// All text is HTML-escaped (<see cref="HtmlReportWriter.Encode"/>): spec text is untrusted.
/// </summary>
internal static class FlowHtmlWriter
{
    /// <summary>Features drawn in the per-feature chart; the table under it has every one.</summary>
    public const int FeaturesCharted = 60;

    private const string Style = """
        :root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--s0:#0969da;--s1:#8250df;--s2:#bf8700;--s3:#1a7f37;--warn:#9a6700;--warn-bg:#fff8c5}
        *{box-sizing:border-box}
        body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff}
        header{padding:20px 32px;background:var(--soft);border-bottom:1px solid var(--line)}
        h1{margin:0;font-size:22px}
        h2{font-size:17px;margin:28px 0 6px}
        .sub{color:var(--muted);margin:2px 0 0}
        .kpis{display:flex;gap:12px;flex-wrap:wrap;margin-top:14px}
        .kpi{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 16px;flex:1 1 220px;max-width:320px}
        .kpi .value{font-size:26px;font-weight:600;line-height:1.2}
        .kpi .label{color:var(--muted)}
        .kpi.main{border-color:var(--s3)}
        main{padding:4px 32px 48px;max-width:1200px}
        .warning{margin:16px 0 0;padding:10px 14px;border:1px solid #d4a72c;border-radius:6px;background:var(--warn-bg);color:#4d2d00}
        .caption{color:var(--muted);margin:0 0 8px}
        svg.chart{display:block;max-width:100%;height:auto;font:12px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
        svg .grid{stroke:#eaeef2;stroke-width:1}
        svg .axis{stroke:var(--muted);stroke-width:1}
        svg .tick,svg .label{fill:var(--muted)}
        svg .axis-title{fill:var(--ink);font-weight:600}
        svg .nodata{fill:#8c959f}
        svg .value{fill:var(--ink);font-size:11px}
        .s0{fill:var(--s0)}.s1{fill:var(--s1)}.s2{fill:var(--s2)}.s3{fill:var(--s3)}
        rect.p85{opacity:.3}
        .legend{display:flex;gap:16px;flex-wrap:wrap;margin:4px 0 8px;color:var(--muted)}
        .legend span{display:inline-flex;align-items:center;gap:6px}
        .swatch{width:12px;height:12px;border-radius:2px;display:inline-block}
        .swatch.b0{background:var(--s0)}.swatch.b1{background:var(--s1)}.swatch.b2{background:var(--s2)}.swatch.b3{background:var(--s3)}.swatch.light{opacity:.3}
        table{border-collapse:collapse;width:100%}
        th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
        th{font-size:12px;color:var(--muted);font-weight:600}
        .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .id{font-weight:600;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:nowrap}
        code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;overflow-wrap:anywhere}
        time{white-space:nowrap}
        .none{color:var(--muted)}
        .note{color:var(--muted);font-size:12px}
        details{margin-top:8px}
        summary{cursor:pointer;color:var(--muted)}
        footer{color:var(--muted);font-size:12px;padding:0 32px 24px}
        """;

    public static string Write(FlowReport report)
    {
        var html = new StringBuilder(32 * 1024 + (report.Criteria.Length * 700));
        LeadStats released = Stats(report.Overall, FlowStep.SpecifiedToReleased);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"specguard ").Append(Encode(TraceReport.Version)).Append("\">\n<title>")
            .Append(Encode(released.Count > 0 ? "Spec to release: median " + Days(released.MedianDays) : "Spec to release: nothing released yet"))
            .Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");

        Header(html, report);
        html.Append("<main>\n");
        if (report.Partial)
        {
            html.Append("<p class=\"warning\" role=\"note\"><b>Partial results:</b> some history is missing or no release tag matched, so some figures are incomplete; the notes at the end say what.</p>\n");
        }

        Trend(html, report);
        Features(html, report);
        Criteria(html, report);
        Stale(html, report);
        if (!report.Notes.IsEmpty)
        {
            html.Append("<h2 id=\"notes\">Notes</h2>\n<ul class=\"notes\">\n");
            foreach (string note in report.Notes)
            {
                html.Append("<li>").Append(Encode(note)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("</main>\n<footer>Generated by specguard ").Append(Encode(TraceReport.Version))
            .Append(Invariant($" from {report.Commits} commit(s), as of ")).Append(Time(report.AsOf)).Append(" (head <code>").Append(Encode(report.Head.Short)).Append("</code>).")
            .Append(" Dated by commit: specified is the first commit that declares a criterion, implemented and test linked the first whose source has an <code>[Implements]</code> or <code>[Verifies]</code> naming it, released the first matching tag that holds them.</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Header(StringBuilder html, FlowReport report)
    {
        html.Append("<header>\n<h1>Specification to release</h1>\n<p class=\"sub\">As of ").Append(Time(report.AsOf))
            .Append(Invariant($" · {report.Overall.Criteria} criteria in {report.ByFeature.Length} feature(s) · {report.Commits} commit(s) walked"));
        if (report.Since is { } since)
        {
            html.Append(" · specified since ").Append(Time(since));
        }

        html.Append(report.ReleaseTags is { } tags ? " · release tags <code>" + Encode(tags) + "</code>" : " · no release tags given");
        html.Append("</p>\n<div class=\"kpis\">\n");
        foreach (FlowStep step in FlowReport.Steps.Reverse())
        {
            LeadStats s = Stats(report.Overall, step);
            html.Append("<div class=\"kpi").Append(step == FlowStep.SpecifiedToReleased ? " main" : string.Empty).Append("\" data-step=\"").Append(FlowReport.Slug(step)).Append("\"><div class=\"value\">")
                .Append(Encode(s.Count > 0 ? Days(s.MedianDays) : "—")).Append("</div><div class=\"label\">").Append(Encode(FlowReport.Label(step))).Append(", median<br>")
                .Append(Encode(s.Count > 0 ? Invariant($"85th percentile {Days(s.P85Days)}; {s.Count} done, {s.Open} open") : Invariant($"none done yet, {s.Open} open")))
                .Append("</div></div>\n");
        }

        html.Append("</div>\n</header>\n");
    }

    /// <summary>Chart (a): per month of the last twelve, the median (solid bar) and the 85th percentile (light bar behind it).</summary>
    private static void Trend(StringBuilder html, FlowReport report)
    {
        bool anyReleased = Stats(report.Overall, FlowStep.SpecifiedToReleased).Count > 0;
        FlowStep step = anyReleased ? FlowStep.SpecifiedToReleased : FlowStep.SpecifiedToTestLinked;
        int color = FlowReport.Steps.IndexOf(step);
        GroupFlow[] months = [.. report.Trend.TakeLast(12)];
        string label = FlowReport.Label(step);

        html.Append("<h2 id=\"trend\">Trend: the last 12 months</h2>\n<p class=\"caption\">");
        if (!anyReleased)
        {
            html.Append("<b>No criterion was released yet</b> (")
                .Append(report.ReleaseTags is { } tags ? "no tag matching <code>" + Encode(tags) + "</code> holds one" : "no release tags given")
                .Append("), so this chart shows specified → test linked instead. ");
        }

        html.Append(Encode(label)).Append(", in days, by month of specification: the median (solid) and the 85th percentile (light).</p>\n");
        if (months.Length == 0)
        {
            html.Append("<p class=\"none\">No month to show.</p>\n");
            return;
        }

        const double Width = 760, Height = 300, Left = 60, Right = 16, Top = 16, Bottom = 58;
        double plotWidth = Width - Left - Right, plotHeight = Height - Top - Bottom;
        (double top, double tick) = Scale(months.Select(m => Stats(m, step)).SelectMany(static s => new[] { s.MedianDays, s.P85Days }));
        string aria = "Trend of " + label.ToLowerInvariant() + " over the last 12 months, median days by month of specification: "
            + string.Join("; ", months.Select(m => m.Key + " " + (Stats(m, step) is { Count: > 0 } s ? Days(s.MedianDays) : "no data"))) + ".";

        html.Append(Invariant($"<svg class=\"chart trend\" data-step=\"{FlowReport.Slug(step)}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"")).Append(Encode(aria)).Append("\">\n")
            .Append("<title>").Append(Encode(label + ": median and 85th percentile per month of specification")).Append("</title>\n");
        YAxis(html, top, tick, Left, Top, plotWidth, plotHeight);
        html.Append(Invariant($"<text class=\"axis-title\" transform=\"translate(14 {N(Top + (plotHeight / 2))}) rotate(-90)\" text-anchor=\"middle\">days</text>\n"));
        html.Append(Invariant($"<text class=\"axis-title\" x=\"{N(Left + (plotWidth / 2))}\" y=\"{N(Height - 6)}\" text-anchor=\"middle\">month of specification</text>\n"));

        double slot = plotWidth / months.Length, bar = Math.Min(28, slot * 0.6);
        for (int i = 0; i < months.Length; i++)
        {
            GroupFlow month = months[i];
            LeadStats s = Stats(month, step);
            double center = Left + (slot * (i + 0.5));
            bool has = s.Count > 0 && s.MedianDays is { } median && double.IsFinite(median);
            html.Append("<g class=\"month").Append(has ? string.Empty : " empty").Append("\" data-month=\"").Append(Encode(month.Key)).Append("\"><title>").Append(Encode(month.Key + ": " + Describe(s, month.Criteria, label))).Append("</title>");
            if (has)
            {
                if (s.P85Days is { } p85 && double.IsFinite(p85))
                {
                    Rect(html, "p85 s" + color, center - (bar / 2), Y(p85, top, Top, plotHeight), bar, plotHeight * Math.Min(1, p85 / top));
                }

                double m = s.MedianDays!.Value;
                Rect(html, "median s" + color, center - (bar / 2), Y(m, top, Top, plotHeight), bar, plotHeight * Math.Min(1, m / top));
                html.Append(Invariant($"<text class=\"value\" x=\"{N(center)}\" y=\"{N(Y(m, top, Top, plotHeight) - 3)}\" text-anchor=\"middle\">{FlowReport.FormatDays(m)}</text>"));
            }
            else
            {
                html.Append(Invariant($"<text class=\"nodata\" x=\"{N(center)}\" y=\"{N(Top + plotHeight - 4)}\" text-anchor=\"middle\">–</text>"));
            }

            html.Append(Invariant($"<text class=\"label\" x=\"{N(center)}\" y=\"{N(Top + plotHeight + 16)}\" text-anchor=\"middle\">")).Append(Encode(Short(month.Key, 10))).Append("</text>")
                .Append(Invariant($"<text class=\"label\" x=\"{N(center)}\" y=\"{N(Top + plotHeight + 30)}\" text-anchor=\"middle\">n={s.Count}</text>"))
                .Append("</g>\n");
        }

        html.Append("</svg>\n<details><summary>The figures</summary>\n<table class=\"trend-data\">\n<thead><tr><th>Month</th><th class=\"num\">Criteria</th>");
        foreach (FlowStep each in FlowReport.Steps)
        {
            html.Append("<th class=\"num\">").Append(Encode(FlowReport.Label(each))).Append(", median / 85th percentile</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (GroupFlow month in months)
        {
            GroupRow(html, month);
        }

        html.Append("</tbody>\n</table>\n</details>\n");
    }

    /// <summary>Chart (b): per feature, one horizontal bar per step, the median in days.</summary>
    private static void Features(StringBuilder html, FlowReport report)
    {
        html.Append("<h2 id=\"features\">Per feature</h2>\n<p class=\"caption\">The median lead time of each step, in days (the tooltips and the table give the 85th percentile and the counts).</p>\n");
        if (report.ByFeature.IsEmpty)
        {
            html.Append("<p class=\"none\">No feature to show.</p>\n");
            return;
        }

        html.Append("<div class=\"legend\">");
        for (int i = 0; i < FlowReport.Steps.Length; i++)
        {
            html.Append("<span><i class=\"swatch b").Append(i.ToString(CultureInfo.InvariantCulture)).Append("\"></i>").Append(Encode(FlowReport.Label(FlowReport.Steps[i]))).Append("</span>");
        }

        html.Append("</div>\n");
        GroupFlow[] features = [.. report.ByFeature.Take(FeaturesCharted)];
        const double Width = 760, Left = 170, Right = 56, Top = 8, Bottom = 44, BarHeight = 10, Gap = 2, GroupGap = 14;
        int steps = FlowReport.Steps.Length;
        double groupHeight = (steps * (BarHeight + Gap)) - Gap + GroupGap;
        double plotWidth = Width - Left - Right, plotHeight = features.Length * groupHeight;
        double height = Top + plotHeight + Bottom;
        (double top, double tick) = Scale(features.SelectMany(f => FlowReport.Steps.Select(s => Stats(f, s).MedianDays)));
        string aria = "Median days per step and feature: " + string.Join("; ", features.Select(f => f.Key + " " + string.Join(", ", FlowReport.Steps.Select(s => FlowReport.Label(s).ToLowerInvariant() + " " + (Stats(f, s) is { Count: > 0 } st ? Days(st.MedianDays) : "none"))))) + ".";

        html.Append(Invariant($"<svg class=\"chart features\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {N(height)}\" width=\"{Width}\" height=\"{N(height)}\" role=\"img\" aria-label=\"")).Append(Encode(aria)).Append("\">\n")
            .Append("<title>Median lead time per step and feature, in days</title>\n");
        for (int k = 0; k <= Ticks(top, tick); k++)
        {
            double v = k * tick, x = Left + (plotWidth * (v / top));
            html.Append(Invariant($"<line class=\"grid\" x1=\"{N(x)}\" y1=\"{N(Top)}\" x2=\"{N(x)}\" y2=\"{N(Top + plotHeight)}\"/><text class=\"tick\" x=\"{N(x)}\" y=\"{N(Top + plotHeight + 14)}\" text-anchor=\"middle\">{N(v)}</text>\n"));
        }

        html.Append(Invariant($"<line class=\"axis\" x1=\"{N(Left)}\" y1=\"{N(Top)}\" x2=\"{N(Left)}\" y2=\"{N(Top + plotHeight)}\"/>\n"))
            .Append(Invariant($"<text class=\"axis-title\" x=\"{N(Left + (plotWidth / 2))}\" y=\"{N(height - 6)}\" text-anchor=\"middle\">median days</text>\n"));
        for (int f = 0; f < features.Length; f++)
        {
            GroupFlow feature = features[f];
            double y0 = Top + (f * groupHeight) + (GroupGap / 2);
            html.Append("<g class=\"feature\" data-feature=\"").Append(Encode(feature.Key)).Append("\">")
                .Append(Invariant($"<text class=\"label\" x=\"{N(Left - 8)}\" y=\"{N(y0 + ((groupHeight - GroupGap) / 2) + 4)}\" text-anchor=\"end\"><title>")).Append(Encode(Invariant($"{feature.Key}: {feature.Criteria} criteria"))).Append("</title>")
                .Append(Encode(Short(feature.Key, 20))).Append("</text>");
            for (int i = 0; i < steps; i++)
            {
                FlowStep step = FlowReport.Steps[i];
                LeadStats s = Stats(feature, step);
                double y = y0 + (i * (BarHeight + Gap));
                string tip = feature.Key + " · " + Describe(s, feature.Criteria, FlowReport.Label(step));
                if (s.Count > 0 && s.MedianDays is { } median && double.IsFinite(median))
                {
                    double w = Math.Max(1, plotWidth * Math.Min(1, median / top));
                    html.Append(Invariant($"<rect class=\"bar s{i}\" data-step=\"{FlowReport.Slug(step)}\" x=\"{N(Left)}\" y=\"{N(y)}\" width=\"{N(w)}\" height=\"{N(BarHeight)}\"><title>")).Append(Encode(tip)).Append("</title></rect>")
                        .Append(Invariant($"<text class=\"value\" x=\"{N(Left + w + 4)}\" y=\"{N(y + BarHeight - 1)}\">{FlowReport.FormatDays(median)}</text>"));
                }
                else
                {
                    html.Append(Invariant($"<text class=\"nodata\" x=\"{N(Left + 4)}\" y=\"{N(y + BarHeight - 1)}\"><title>")).Append(Encode(tip)).Append("</title>–</text>");
                }
            }

            html.Append("</g>\n");
        }

        html.Append("</svg>\n");
        if (report.ByFeature.Length > features.Length)
        {
            html.Append("<p class=\"note\">").Append(Invariant($"The chart shows the first {features.Length} of {report.ByFeature.Length} features; the table has every one.")).Append("</p>\n");
        }

        html.Append("<details><summary>The figures</summary>\n<table class=\"feature-data\">\n<thead><tr><th>Feature</th><th class=\"num\">Criteria</th>");
        foreach (FlowStep each in FlowReport.Steps)
        {
            html.Append("<th class=\"num\">").Append(Encode(FlowReport.Label(each))).Append(", median / 85th percentile</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (GroupFlow feature in report.ByFeature)
        {
            GroupRow(html, feature);
        }

        html.Append("</tbody>\n</table>\n</details>\n");
    }

    /// <summary>Table (c): every criterion with its dates.</summary>
    private static void Criteria(StringBuilder html, FlowReport report)
    {
        html.Append("<h2 id=\"criteria\">Criteria</h2>\n");
        if (report.Criteria.IsEmpty)
        {
            html.Append("<p class=\"none\">No criterion counted.</p>\n");
            return;
        }

        html.Append("<table class=\"criteria\">\n<thead><tr><th>Criterion</th><th>Feature</th><th>Specified</th><th>Implemented</th><th>Test linked</th><th>Released</th><th class=\"num\">Versions</th><th>Status</th><th class=\"num\">Days to release</th></tr></thead>\n<tbody>\n");
        foreach (CriterionFlow c in report.Criteria)
        {
            html.Append("<tr class=\"criterion\" data-feature=\"").Append(Encode(c.FeatureKey)).Append("\"><td><span class=\"id\">").Append(Encode(c.Id)).Append("</span> ").Append(Encode(c.Title))
                .Append("<div class=\"note\"><code>").Append(Encode(c.Path)).Append("</code>");
            if (!c.InHead)
            {
                html.Append(" · removed since");
            }

            if (c.Deprecated)
            {
                html.Append(" · deprecated");
            }

            html.Append("</div></td><td>").Append(Encode(c.FeatureKey)).Append("</td><td>");
            Event(html, c.Specified);
            html.Append("</td><td>");
            Event(html, c.Implemented);
            html.Append("</td><td>");
            Event(html, c.TestLinked);
            html.Append("</td><td>");
            if (c.Released is { } released)
            {
                html.Append("<code>").Append(Encode(released.Tag)).Append("</code> ").Append(Time(released.Date));
            }
            else
            {
                html.Append("<span class=\"none\">—</span>");
            }

            html.Append("</td><td class=\"num\" title=\"")
                .Append(Encode(string.Join("; ", c.Versions.Select(static v => FlowJsonWriter.Iso(v.At.Date) + " " + v.At.Short))))
                .Append("\">").Append(c.Versions.Length.ToString(CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(c.Status is { } status ? Encode(status) : "<span class=\"none\">—</span>")
                .Append("</td><td class=\"num\">").Append(Encode(c.Days(FlowStep.SpecifiedToReleased) is { } days ? FlowReport.FormatDays(days) : "—")).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void Stale(StringBuilder html, FlowReport report)
    {
        if (report.StaleAfterDays is not { } after)
        {
            return;
        }

        html.Append("<h2 id=\"stale\">Stale</h2>\n");
        if (report.Stale.IsEmpty)
        {
            html.Append("<p class=\"none\">").Append(Invariant($"No criterion specified more than {after} days ago is still pending.")).Append("</p>\n");
            return;
        }

        html.Append("<p>").Append(Invariant($"{report.Stale.Length} criteria specified more than {after} days ago are still pending:")).Append("</p>\n<ul class=\"stale\">\n");
        foreach (CriterionFlow c in report.Stale)
        {
            html.Append("<li><span class=\"id\">").Append(Encode(c.Id)).Append("</span> ").Append(Encode(c.Title)).Append(" — specified ").Append(Time(c.Specified.Date))
                .Append(Invariant($", {Math.Max(0, (report.AsOf - c.Specified.Date).TotalDays):0} days ago; "))
                .Append(c.Implemented is null ? "not implemented" : c.TestLinked is null ? "implemented, no test linked" : "test linked")
                .Append(c.Status is { } status ? " · " + Encode(status) : string.Empty).Append("</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static void GroupRow(StringBuilder html, GroupFlow group)
    {
        html.Append("<tr><td>").Append(Encode(group.Key)).Append("</td><td class=\"num\">").Append(group.Criteria.ToString(CultureInfo.InvariantCulture)).Append("</td>");
        foreach (FlowStep step in FlowReport.Steps)
        {
            LeadStats s = Stats(group, step);
            html.Append("<td class=\"num\">").Append(s.Count == 0 ? "—" : Encode(Figure(s.MedianDays) + " / " + Figure(s.P85Days) + Invariant($" ({s.Count})"))).Append("</td>");
        }

        html.Append("</tr>\n");
    }

    private static void YAxis(StringBuilder html, double top, double tick, double left, double y0, double width, double height)
    {
        for (int k = 0; k <= Ticks(top, tick); k++)
        {
            double v = k * tick, y = Y(v, top, y0, height);
            html.Append(Invariant($"<line class=\"grid\" x1=\"{N(left)}\" y1=\"{N(y)}\" x2=\"{N(left + width)}\" y2=\"{N(y)}\"/><text class=\"tick\" x=\"{N(left - 6)}\" y=\"{N(y + 4)}\" text-anchor=\"end\">{N(v)}</text>\n"));
        }

        html.Append(Invariant($"<line class=\"axis\" x1=\"{N(left)}\" y1=\"{N(y0 + height)}\" x2=\"{N(left + width)}\" y2=\"{N(y0 + height)}\"/>\n"));
    }

    /// <summary>A round top for an axis and its tick step (1, 2 or 5 × 10ⁿ, about five ticks): never zero.</summary>
    internal static (double Top, double Tick) Scale(IEnumerable<double?> values)
    {
        double max = 0;
        foreach (double? value in values)
        {
            if (value is { } v && double.IsFinite(v) && v > max)
            {
                max = v;
            }
        }

        // Below a second (or no value): a one-day axis. Lead times come from commit dates, so nothing finer is meaningful.
        if (max < 1e-5)
        {
            return (1, 0.25);
        }

        double rough = max / 5;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double fraction = rough / magnitude;
        double tick = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
        double top = Math.Ceiling(max / tick) * tick;
        return tick > 0 && double.IsFinite(top) && top >= max ? (top, tick) : (max, max);
    }

    /// <summary>How many ticks after 0 an axis has (at most 20, whatever the figures).</summary>
    private static int Ticks(double top, double tick) => (int)Math.Min(20, Math.Round(top / tick));

    private static double Y(double value, double top, double y0, double height) => y0 + (height * (1 - Math.Min(1, value / top)));

    private static void Rect(StringBuilder html, string cssClass, double x, double y, double width, double height) =>
        html.Append(Invariant($"<rect class=\"{cssClass}\" x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(width)}\" height=\"{N(Math.Max(0, height))}\"/>"));

    private static string Describe(LeadStats s, int criteria, string label) => s.Count > 0
        ? Invariant($"{label}, median {Days(s.MedianDays)}, 85th percentile {Days(s.P85Days)} ({s.Count} of {criteria} criteria done, {s.Open} open)")
        : Invariant($"{label}: none done yet ({criteria} criteria, {s.Open} open)");

    private static void Event(StringBuilder html, FlowEvent? at)
    {
        if (at is null)
        {
            html.Append("<span class=\"none\">—</span>");
            return;
        }

        html.Append(Time(at.Date)).Append(" <code class=\"note\">").Append(Encode(at.Short)).Append("</code>");
    }

    /// <summary>A date for people (<c>2026-03-04</c>) with the full ISO 8601 instant in <c>datetime</c>.</summary>
    private static string Time(DateTimeOffset date) =>
        "<time datetime=\"" + FlowJsonWriter.Iso(date) + "\">" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "</time>";

    private static LeadStats Stats(GroupFlow group, FlowStep step) => FlowMarkdownWriter.Stats(group, step);

    private static string Figure(double? days) => days is { } d && double.IsFinite(d) ? FlowReport.FormatDays(d) : "—";

    private static string Days(double? days) => days is { } d && double.IsFinite(d) ? FlowReport.FormatDays(d) + " days" : "—";

    private static string Short(string text, int max) => FlowMarkdownWriter.Short(text, max);

    /// <summary>A coordinate or a tick: invariant, at most two decimals.</summary>
    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Encode(string text) => HtmlReportWriter.Encode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
