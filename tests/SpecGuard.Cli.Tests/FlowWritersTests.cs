using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SpecGuard.Cli.Flow;
using SpecGuard.Cli.Tests.Fixtures;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>
/// The writers of <c>specguard flow</c> (issue 15) on reports built by hand (<see cref="FlowSamples"/>): the JSON shape
/// and its ISO 8601 dates, CSV quoting and formula injection, the Markdown job summary and its budget, the HTML file
/// (self-contained, escaped, one chart mark per month and per feature step), and determinism across cultures.
/// </summary>
public sealed partial class FlowWritersTests
{
    private const string Hostile = "<script>alert(\"x\")</script> & 'quoted' | **bold** [link](https://evil.example) `tick`";

    // ---------------------------------------------------------------- JSON

    [Fact]
    public void Json_has_the_schema_version_the_run_and_every_criterion()
    {
        using JsonDocument json = JsonDocument.Parse(FlowJsonWriter.Write(FlowSamples.Realistic()));
        JsonElement root = json.RootElement;

        Assert.Equal(FlowReport.SchemaVersion, root.GetProperty("schemaVersion").GetInt32());
        Assert.StartsWith("specguard ", root.GetProperty("tool").GetString(), StringComparison.Ordinal);
        Assert.Equal("2026-03-15T12:00:00+00:00", root.GetProperty("asOf").GetString());
        Assert.Equal(FlowSamples.Commit(999), root.GetProperty("head").GetProperty("commit").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("since").ValueKind);
        Assert.Equal("v*", root.GetProperty("releaseTags").GetString());
        Assert.False(root.GetProperty("partial").GetBoolean());
        Assert.Equal(420, root.GetProperty("commits").GetInt32());
        Assert.Equal(["specified-to-implemented", "implemented-to-test-linked", "specified-to-test-linked", "specified-to-released"], root.GetProperty("steps").EnumerateArray().Select(static s => s.GetString()));
        Assert.Equal(11, root.GetProperty("criteria").GetArrayLength());
        Assert.Equal(90, root.GetProperty("staleAfterDays").GetInt32());
        Assert.Equal(["ORDERS-004", "PAYMENTS-002", "PAYMENTS-003", "SHIPPING-001"], root.GetProperty("stale").EnumerateArray().Select(static s => s.GetString()));
        Assert.Equal([FlowSamples.Note], root.GetProperty("notes").EnumerateArray().Select(static s => s.GetString()));
    }

    [Fact]
    public void Json_criteria_carry_their_dated_steps_versions_and_days()
    {
        using JsonDocument json = JsonDocument.Parse(FlowJsonWriter.Write(FlowSamples.Realistic()));
        JsonElement[] criteria = [.. json.RootElement.GetProperty("criteria").EnumerateArray()];
        JsonElement orders2 = criteria.Single(static c => c.GetProperty("id").GetString() == "ORDERS-002");
        JsonElement never = criteria.Single(static c => c.GetProperty("id").GetString() == "PAYMENTS-002");
        JsonElement removed = criteria.Single(static c => c.GetProperty("id").GetString() == "ORDERS-004");

        Assert.Equal("ORDERS", orders2.GetProperty("feature").GetString());
        Assert.Equal("Stock is reserved per line", orders2.GetProperty("title").GetString());
        Assert.Equal("specs/orders.spec.yaml", orders2.GetProperty("path").GetString());
        Assert.Equal("2025-02-03T09:00:00+00:00", orders2.GetProperty("specified").GetProperty("date").GetString());
        Assert.Equal(40, orders2.GetProperty("specified").GetProperty("commit").GetString()!.Length);
        Assert.Equal("2025-02-20T09:00:00+00:00", orders2.GetProperty("implemented").GetProperty("date").GetString());
        Assert.Equal("2025-03-01T09:00:00+00:00", orders2.GetProperty("testLinked").GetProperty("date").GetString());
        Assert.Equal("v1.1", orders2.GetProperty("released").GetProperty("tag").GetString());
        Assert.Equal("2025-04-01T09:00:00+00:00", orders2.GetProperty("released").GetProperty("date").GetString());
        Assert.Equal(["2025-02-03T09:00:00+00:00", "2025-06-01T09:00:00+00:00"], orders2.GetProperty("versions").EnumerateArray().Select(static v => v.GetProperty("date").GetString()));
        Assert.All(orders2.GetProperty("versions").EnumerateArray(), static v => Assert.StartsWith("sha256:", v.GetProperty("fingerprint").GetString(), StringComparison.Ordinal));
        Assert.Equal("verified", orders2.GetProperty("status").GetString());
        Assert.True(orders2.GetProperty("inHead").GetBoolean());
        JsonElement days = orders2.GetProperty("days");
        Assert.Equal(17.0, days.GetProperty("specified-to-implemented").GetDouble());
        Assert.Equal(9.0, days.GetProperty("implemented-to-test-linked").GetDouble());
        Assert.Equal(26.0, days.GetProperty("specified-to-test-linked").GetDouble());
        Assert.Equal(57.0, days.GetProperty("specified-to-released").GetDouble());

        Assert.Equal(JsonValueKind.Null, never.GetProperty("implemented").ValueKind);
        Assert.Equal(JsonValueKind.Null, never.GetProperty("testLinked").ValueKind);
        Assert.Equal(JsonValueKind.Null, never.GetProperty("released").ValueKind);
        Assert.All(never.GetProperty("days").EnumerateObject(), static d => Assert.Equal(JsonValueKind.Null, d.Value.ValueKind));
        Assert.False(removed.GetProperty("inHead").GetBoolean());
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("status").ValueKind);
    }

    [Fact]
    public void Json_groups_have_count_open_median_and_p85_per_step()
    {
        FlowReport report = FlowSamples.Realistic();
        using JsonDocument json = JsonDocument.Parse(FlowJsonWriter.Write(report));
        JsonElement root = json.RootElement;
        JsonElement overall = root.GetProperty("overall");

        Assert.Equal(11, overall.GetProperty("criteria").GetInt32());
        LeadStats released = report.Overall.Steps.Single(static s => s.Step == FlowStep.SpecifiedToReleased).Stats;
        JsonElement step = overall.GetProperty("steps").GetProperty("specified-to-released");
        Assert.Equal(5, step.GetProperty("count").GetInt32());
        Assert.Equal(6, step.GetProperty("open").GetInt32());
        Assert.Equal(Math.Round(released.MedianDays!.Value, 1), step.GetProperty("median").GetDouble());
        Assert.Equal(Math.Round(released.P85Days!.Value, 1), step.GetProperty("p85").GetDouble());
        Assert.Equal(["ORDERS", "PAYMENTS", "SHIPPING"], root.GetProperty("byFeature").EnumerateArray().Select(static g => g.GetProperty("key").GetString()));
        JsonElement payments = root.GetProperty("byFeature")[1].GetProperty("steps").GetProperty("specified-to-released");
        Assert.Equal(0, payments.GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, payments.GetProperty("median").ValueKind);
        Assert.Equal(JsonValueKind.Null, payments.GetProperty("p85").ValueKind);
        Assert.Equal(12, root.GetProperty("trend").GetArrayLength());
        Assert.Equal("2025-04", root.GetProperty("trend")[0].GetProperty("key").GetString());
        Assert.Equal("2026-03", root.GetProperty("trend")[11].GetProperty("key").GetString());
        Assert.Equal(report.ByMonth.Select(static m => m.Key), root.GetProperty("byMonth").EnumerateArray().Select(static g => g.GetProperty("key").GetString()));
    }

    [Fact]
    public void Json_dates_are_iso_8601_with_their_offset_everywhere()
    {
        FlowReport report = FlowSamples.Build(FlowSamples.Criteria().Select(static c => c with
        {
            Specified = new FlowEvent(c.Specified.Commit, c.Specified.Date.ToOffset(TimeSpan.FromHours(2))),
        })) with
        {
            Since = FlowSamples.At("2025-01-01T00:00:00-05:00"),
        };
        using JsonDocument json = JsonDocument.Parse(FlowJsonWriter.Write(report));
        var dates = new List<string>();
        Collect(json.RootElement, null, dates);

        Assert.True(dates.Count > 40, "dates found: " + dates.Count);
        Assert.All(dates, static d => Assert.Matches(IsoDate(), d));
        Assert.Contains("2025-01-01T00:00:00-05:00", dates);
        Assert.Contains("2025-02-03T11:00:00+02:00", dates);
    }

    [Fact]
    public void Json_keeps_hostile_text_as_is_and_never_writes_a_non_number()
    {
        CriterionFlow hostile = FlowSamples.C("ORDERS-009", Hostile + "\n\u2028line", "2025-06-01", null, null, null, Hostile);
        FlowReport report = FlowSamples.Build([hostile]);
        report = report with { Overall = report.Overall with { Steps = [(FlowStep.SpecifiedToImplemented, new LeadStats(1, 0, double.NaN, double.PositiveInfinity))] } };

        using JsonDocument json = JsonDocument.Parse(FlowJsonWriter.Write(report));

        JsonElement c = json.RootElement.GetProperty("criteria")[0];
        Assert.Equal(Hostile + "\n\u2028line", c.GetProperty("title").GetString());
        Assert.Equal(Hostile, c.GetProperty("status").GetString());
        JsonElement step = json.RootElement.GetProperty("overall").GetProperty("steps").GetProperty("specified-to-implemented");
        Assert.Equal(JsonValueKind.Null, step.GetProperty("median").ValueKind);
        Assert.Equal(JsonValueKind.Null, step.GetProperty("p85").ValueKind);
    }

    // ---------------------------------------------------------------- CSV

    [Fact]
    public void Csv_has_a_header_and_one_row_per_criterion_with_iso_dates_and_days()
    {
        string csv = FlowCsvWriter.Write(FlowSamples.Realistic());
        List<string[]> rows = ParseCsv(csv);

        Assert.EndsWith("\n", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", csv, StringComparison.Ordinal);
        Assert.Equal(
            ["id", "feature", "title", "path", "specified", "implemented", "test_linked", "released_tag", "released", "versions", "status", "in_head", "deprecated", "days_specified_to_implemented", "days_implemented_to_test_linked", "days_specified_to_test_linked", "days_specified_to_released"],
            rows[0]);
        Assert.Equal(12, rows.Count);
        Assert.All(rows, r => Assert.Equal(rows[0].Length, r.Length));
        string[] orders2 = rows.Single(static r => r[0] == "ORDERS-002");
        Assert.Equal(["ORDERS-002", "ORDERS", "Stock is reserved per line", "specs/orders.spec.yaml", "2025-02-03T09:00:00+00:00", "2025-02-20T09:00:00+00:00", "2025-03-01T09:00:00+00:00", "v1.1", "2025-04-01T09:00:00+00:00", "2", "verified", "true", "false", "17.0", "9.0", "26.0", "57.0"], orders2);
        string[] never = rows.Single(static r => r[0] == "PAYMENTS-002");
        Assert.Equal(["", "", "", "", "1", "pending"], never[5..11]);
        Assert.Equal(["", "", "", ""], never[13..]);
        Assert.Equal("0.0", rows.Single(static r => r[0] == "SHIPPING-002")[14]); // test linked before the implementation
        Assert.Equal(["true", "true"], rows.Single(static r => r[0] == "SHIPPING-004")[11..13]); // in head, deprecated
        Assert.Equal(["false", "false"], rows.Single(static r => r[0] == "ORDERS-004")[11..13]); // removed since
    }

    [Fact]
    public void Csv_quotes_commas_quotes_and_line_breaks_as_RFC_4180_says()
    {
        string title = "Refunds, \"partial\" ones\nand full";
        FlowReport report = FlowSamples.Build([FlowSamples.C("PAYMENTS-001", title, "2025-06-01", null, null, null, null)]);

        string csv = FlowCsvWriter.Write(report);

        Assert.Contains(",\"Refunds, \"\"partial\"\" ones\nand full\",", csv, StringComparison.Ordinal);
        Assert.Equal(title, ParseCsv(csv)[1][2]);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.example\",\"click\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("\tcmd")]
    [InlineData("\rcmd")]
    public void Csv_defuses_cells_that_a_spreadsheet_would_run_as_a_formula(string text)
    {
        FlowReport report = FlowSamples.Build([FlowSamples.C("ORDERS-001", text, "2025-06-01", null, null, null, text, feature: text)]);

        string[] row = ParseCsv(FlowCsvWriter.Write(report))[1];

        Assert.Equal("'" + text, row[1]); // feature
        Assert.Equal("'" + text, row[2]); // title
        Assert.Equal("'" + text, row[10]); // status
        Assert.Equal("ORDERS-001", row[0]);
    }

    [Fact]
    public void Csv_leaves_other_text_alone()
    {
        FlowReport report = FlowSamples.Build([FlowSamples.C("ORDERS-001", "a = b + c - d @ e", "2025-06-01", null, null, null, null)]);

        Assert.Equal("a = b + c - d @ e", ParseCsv(FlowCsvWriter.Write(report))[1][2]);
    }

    // ---------------------------------------------------------------- Markdown

    [Fact]
    public void Markdown_headline_gives_median_and_p85_of_every_step()
    {
        FlowReport report = FlowSamples.Realistic();
        string md = FlowMarkdownWriter.Write(report);
        LeadStats released = Stats(report.Overall, FlowStep.SpecifiedToReleased);

        Assert.StartsWith("## SpecGuard flow: specification to release\n\n", md, StringComparison.Ordinal);
        Assert.Contains($"**Specified → released: median {FlowReport.FormatDays(released.MedianDays)} days, 85th percentile {FlowReport.FormatDays(released.P85Days)} days** (5 criteria released, 6 not yet)", md, StringComparison.Ordinal);
        foreach (FlowStep step in FlowReport.Steps)
        {
            LeadStats s = Stats(report.Overall, step);
            Assert.Contains($"| {FlowReport.Label(step)} | {FlowReport.FormatDays(s.MedianDays)} days | {FlowReport.FormatDays(s.P85Days)} days | {s.Count} | {s.Open} |\n", md, StringComparison.Ordinal);
        }

        Assert.Contains("As of 2026-03-15 · 11 criteria in 3 feature(s) · release tags `v*`", md, StringComparison.Ordinal);
        Assert.DoesNotContain("Partial results", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_trend_has_the_twelve_months_with_the_median_per_step()
    {
        FlowReport report = FlowSamples.Realistic();
        string md = FlowMarkdownWriter.Write(report);

        string[] rows = [.. md.Split('\n').Where(static l => MonthRow().IsMatch(l))];
        Assert.Equal(report.Trend.Select(static m => m.Key), rows.Select(static r => r[2..9]));
        // 2025-05: ORDERS-003 alone: 20 days to implement, 1 to test, 21 to test linked, 50 to release.
        Assert.Contains("| 2025-05 | 1 | 20.0 | 1.0 | 21.0 | 50.0 |", rows);
        Assert.Contains("| 2025-06 | 0 | — | — | — | — |", rows);
    }

    [Fact]
    public void Markdown_has_the_features_the_stale_list_and_the_notes()
    {
        string md = FlowMarkdownWriter.Write(FlowSamples.Realistic());

        Assert.Contains("| **ORDERS** | 4 |", md, StringComparison.Ordinal);
        Assert.Matches(@"\| \*\*PAYMENTS\*\* \| 3 \| [0-9.]+ / [0-9.]+ \| [0-9.]+ / [0-9.]+ \| [0-9.]+ / [0-9.]+ \| — \|", md);
        Assert.Contains("### Stale: 4 criteria specified more than 90 days ago, still pending", md, StringComparison.Ordinal);
        Assert.Contains("| **PAYMENTS-002** Invoices are sent by e-mail | 2025-08-20 | 207 | not implemented · pending |", md, StringComparison.Ordinal);
        Assert.Contains("| **SHIPPING-001** Parcels can be tracked | 2025-10-10 | 156 | test linked · failing |", md, StringComparison.Ordinal);
        Assert.Contains("### Notes\n\n- " + FlowSamples.Note, md, StringComparison.Ordinal);
        Assert.True(md.IndexOf("### Trend", StringComparison.Ordinal) < md.IndexOf("### Per feature", StringComparison.Ordinal));
        Assert.True(md.IndexOf("### Per feature", StringComparison.Ordinal) < md.IndexOf("### Stale", StringComparison.Ordinal));
        Assert.True(md.IndexOf("### Stale", StringComparison.Ordinal) < md.IndexOf("### Notes", StringComparison.Ordinal));
    }

    [Fact]
    public void Markdown_warns_when_the_results_are_partial_and_says_when_nothing_was_released()
    {
        FlowReport report = FlowSamples.Build(FlowSamples.Criteria().Select(static c => c with { Released = null }), partial: true, notes: ["This is a shallow clone: history before 2025-06-01 is missing."]);

        string md = FlowMarkdownWriter.Write(report);

        Assert.Contains("> [!WARNING]\n> **Partial results**", md, StringComparison.Ordinal);
        Assert.Contains("**Specified → released: no criterion released yet** (no tag matching `v*` holds one)", md, StringComparison.Ordinal);
        Assert.Contains("- This is a shallow clone: history before 2025-06-01 is missing.", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_escapes_spec_text()
    {
        FlowReport report = FlowSamples.Build([FlowSamples.C("ORDERS-001", Hostile, "2025-06-01", null, null, null, null, feature: "ORD|ERS<b>")], staleAfterDays: 1);

        string md = FlowMarkdownWriter.Write(report);

        Assert.DoesNotContain("<script>", md, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", md, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?<!\\)\]\(https://", md);
        Assert.Contains("&lt;script&gt;", md, StringComparison.Ordinal);
        Assert.Contains("| **ORD\\|ERS&lt;b&gt;** |", md, StringComparison.Ordinal);
        string staleRow = md.Split('\n').Single(static l => l.StartsWith("| **ORDERS-001**", StringComparison.Ordinal));
        Assert.Equal(5, Regex.Matches(staleRow, @"(?<!\\)\|").Count); // four cells: no pipe of the title splits one
    }

    [Fact]
    public void Markdown_stays_within_its_budget_and_says_what_it_left_out()
    {
        // 2,000 features of 2 criteria each, every one stale, with long titles.
        CriterionFlow[] many = [.. Enumerable.Range(0, 4_000).Select(static i => FlowSamples.C(
            $"F{i / 2:D4}-{i % 2 + 1:D3}", "A rather long title that repeats itself " + new string('x', 150), "2025-04-02", null, null, null, "pending", feature: $"F{i / 2:D4}"))];
        FlowReport report = FlowSamples.Build(many);

        string md = FlowMarkdownWriter.Write(report);
        string small = FlowMarkdownWriter.Write(report, budget: 12_000);

        string tiny = FlowMarkdownWriter.Write(report, budget: 2_400);

        // The stale list comes first (its fifty rows), the feature rows fill what is left.
        Assert.InRange(md.Length, 50_000, FlowMarkdownWriter.DefaultBudget);
        Assert.Equal(FlowMarkdownWriter.StaleShown, StaleRows(md));
        Assert.Contains("_… and 3950 more; the JSON output lists every one._", md, StringComparison.Ordinal);
        Assert.Matches(@"\n\| \*\*F0000\*\* \| 2 \|", md);
        Assert.Matches(@"\n_\d{3,4} more feature\(s\) left out to fit; the JSON output has every one\._\n", md);

        Assert.InRange(small.Length, 8_000, 12_000);
        Assert.InRange(StaleRows(small), 10, FlowMarkdownWriter.StaleShown - 1);
        Assert.Matches(@"_… and 39\d\d more; the JSON output lists every one\._", small);
        Assert.Contains("### Trend: the last 12 months", small, StringComparison.Ordinal);
        Assert.Contains("### Notes", small, StringComparison.Ordinal);
        Assert.EndsWith("</sub>\n", small, StringComparison.Ordinal);

        // Nothing but the fixed part fits: no table header without rows.
        Assert.InRange(tiny.Length, 1_500, 2_400);
        Assert.Contains("_2000 feature(s) left out to fit; the JSON output has every one._", tiny, StringComparison.Ordinal);
        Assert.Contains("_All 4000 left out to fit; the JSON output lists every one._", tiny, StringComparison.Ordinal);
        Assert.DoesNotContain("| Feature | Criteria |", tiny, StringComparison.Ordinal);
        Assert.DoesNotContain("| Criterion | Specified |", tiny, StringComparison.Ordinal);
        Assert.EndsWith("</sub>\n", tiny, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_lists_at_most_fifty_stale_criteria()
    {
        CriterionFlow[] many = [.. Enumerable.Range(1, 70).Select(static i => FlowSamples.C($"ORDERS-{i:D3}", "Stale " + i, "2025-04-02", null, null, null, null))];

        string md = FlowMarkdownWriter.Write(FlowSamples.Build(many));

        Assert.Equal(FlowMarkdownWriter.StaleShown, md.Split('\n').Count(static l => l.StartsWith("| **ORDERS-", StringComparison.Ordinal)));
        Assert.Contains("_… and 20 more; the JSON output lists every one._", md, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- HTML

    [Fact]
    public void Html_is_self_contained()
    {
        string html = FlowHtmlWriter.Write(FlowSamples.Realistic());

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"(src|href)\s*=\s*[""']?\s*(https?:)?//", html);
        Assert.DoesNotMatch(@"\s(src|href)\s*=", html);
    }

    [Fact]
    public void Html_trend_chart_has_one_mark_per_month_and_a_bar_per_month_released()
    {
        FlowReport report = FlowSamples.Realistic();
        string html = FlowHtmlWriter.Write(report);
        string trend = Svg(html, "trend");

        Assert.Contains("data-step=\"specified-to-released\"", trend, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", trend, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Trend of specified → released over the last 12 months, median days by month of specification: 2025-04 no data; 2025-05 50.0 days;", trend, StringComparison.Ordinal);
        Assert.Equal(report.Trend.Select(static m => m.Key), MonthGroup().Matches(trend).Select(static m => m.Groups[1].Value));
        // Released, by month of specification, within the last twelve months: 2025-05, 2025-10 and 2025-12.
        Assert.Equal(3, Count(trend, "<rect class=\"median "));
        Assert.Equal(3, Count(trend, "<rect class=\"p85 "));
        Assert.Equal(9, Count(trend, "<g class=\"month empty\""));
        Assert.Contains("<g class=\"month\" data-month=\"2025-05\"><title>2025-05: Specified → released, median 50.0 days, 85th percentile 50.0 days (1 of 1 criteria done, 0 open)</title>", trend, StringComparison.Ordinal);
        Assert.Contains(">days</text>", trend, StringComparison.Ordinal);
        Assert.Contains(">month of specification</text>", trend, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_chart_axes_have_round_ticks_up_to_the_largest_mark()
    {
        string html = FlowHtmlWriter.Write(FlowSamples.Realistic());

        // The trend's largest mark is 62 days (SHIPPING-002): ticks every 20 up to 80. The features' is 57 days: every 20 up to 60.
        Assert.Equal(["0", "20", "40", "60", "80"], Tick().Matches(Svg(html, "trend")).Select(static m => m.Groups[1].Value));
        Assert.Equal(["0", "20", "40", "60"], Tick().Matches(Svg(html, "features")).Select(static m => m.Groups[1].Value));
    }

    [Fact]
    public async System.Threading.Tasks.Task Html_charts_draw_whatever_the_figures()
    {
        FlowReport report = FlowSamples.Realistic();
        var odd = new[] { new LeadStats(1, 0, 1e-320, 1e-300), new LeadStats(1, 0, double.MaxValue, double.PositiveInfinity), new LeadStats(1, 0, double.NaN, -5) };
        report = report with
        {
            Trend = [.. report.Trend.Select((m, i) => m with { Steps = [(FlowStep.SpecifiedToReleased, odd[i % 3])] })],
            ByFeature = [.. report.ByFeature.Select((f, i) => f with { Steps = [.. FlowReport.Steps.Select(s => (s, odd[i % 3]))] })],
        };

        // A loop that never ends on such figures fails here (TimeoutException) instead of hanging the run.
        string html = await System.Threading.Tasks.Task.Run(() => FlowHtmlWriter.Write(report)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", html, StringComparison.Ordinal);
        Assert.DoesNotContain("∞", html, StringComparison.Ordinal);
        Assert.InRange(Tick().Matches(Svg(html, "trend")).Count, 2, 21);
        Assert.Equal(8, Count(Svg(html, "trend"), "<rect class=\"median ")); // the NaN months have no bar
        XElement.Parse(Svg(html, "trend"));
        XElement.Parse(Svg(html, "features"));
    }

    [Fact]
    public void Html_trend_falls_back_to_test_linked_when_nothing_was_released_and_says_so()
    {
        FlowReport report = FlowSamples.Build(FlowSamples.Criteria().Select(static c => c with { Released = null }));

        string html = FlowHtmlWriter.Write(report);
        string trend = Svg(html, "trend");

        Assert.Contains("data-step=\"specified-to-test-linked\"", trend, StringComparison.Ordinal);
        Assert.Contains("<b>No criterion was released yet</b> (no tag matching <code>v*</code> holds one), so this chart shows specified → test linked instead.", html, StringComparison.Ordinal);
        // Test linked, by month of specification: 2025-04, 2025-05, 2025-10, 2025-12 and 2026-01.
        Assert.Equal(5, Count(trend, "<rect class=\"median "));
        Assert.Equal(12, MonthGroup().Matches(trend).Count);
    }

    [Fact]
    public void Html_feature_chart_has_a_bar_per_feature_and_step_with_a_median()
    {
        FlowReport report = FlowSamples.Realistic();
        string html = FlowHtmlWriter.Write(report);
        string features = Svg(html, "features");

        int expected = report.ByFeature.Sum(static f => f.Steps.Count(static s => s.Stats.Count > 0));
        Assert.Equal(11, expected); // PAYMENTS has no release
        Assert.Equal(expected, Count(features, "<rect class=\"bar "));
        Assert.Equal(["ORDERS", "PAYMENTS", "SHIPPING"], FeatureGroup().Matches(features).Select(static m => m.Groups[1].Value));
        Assert.Contains("<title>PAYMENTS &#183; Specified → released: none done yet (3 criteria, 3 open)</title>–</text>", features, StringComparison.Ordinal);
        Assert.Contains("role=\"img\" aria-label=\"Median days per step and feature: ORDERS specified → implemented", features, StringComparison.Ordinal);
        Assert.Contains(">median days</text>", features, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_svg_charts_are_well_formed_xml()
    {
        string html = FlowHtmlWriter.Write(FlowSamples.Build(FlowSamples.Criteria().Select(static c => c with { Title = Hostile, FeatureKey = c.FeatureKey + Hostile })));

        foreach (string name in new[] { "trend", "features" })
        {
            XElement svg = XElement.Parse(Svg(html, name));
            Assert.Equal("svg", svg.Name.LocalName);
            Assert.NotNull(svg.Elements().FirstOrDefault(static e => e.Name.LocalName == "title"));
        }
    }

    [Fact]
    public void Html_has_a_table_of_criteria_with_their_dates()
    {
        string html = FlowHtmlWriter.Write(FlowSamples.Realistic());

        Assert.Equal(11, Count(html, "<tr class=\"criterion\""));
        string row = html.Split('\n').Single(static l => l.Contains("<span class=\"id\">ORDERS-002</span>", StringComparison.Ordinal) && l.StartsWith("<tr", StringComparison.Ordinal));
        Assert.Contains("<time datetime=\"2025-02-03T09:00:00+00:00\">2025-02-03</time>", row, StringComparison.Ordinal);
        Assert.Contains("<code>v1.1</code> <time datetime=\"2025-04-01T09:00:00+00:00\">2025-04-01</time>", row, StringComparison.Ordinal);
        Assert.Contains(">2</td><td>verified</td><td class=\"num\">57.0</td></tr>", row, StringComparison.Ordinal);
        Assert.Contains("<span class=\"id\">ORDERS-004</span> Orders can be gift-wrapped<div class=\"note\"><code>specs/orders.spec.yaml</code> · removed since</div>", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"stale\">Stale</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<li>" + FlowSamples.Note + "</li>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"warning\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"warning\"", FlowHtmlWriter.Write(FlowSamples.Realistic() with { Partial = true }), StringComparison.Ordinal);
    }

    [Fact]
    public void Html_escapes_spec_text_everywhere()
    {
        const string Key = "ORD\"><svg onload=alert(1)>";
        FlowReport report = FlowSamples.Build(
            [FlowSamples.C("ORDERS-001", Hostile, "2025-06-01", "2025-06-02", null, ("<img src=x onerror=alert(1)>", "2025-07-01"), Hostile, feature: Key)],
            staleAfterDays: 1,
            notes: [Hostile],
            releaseTags: "<i>v*</i>");

        string html = FlowHtmlWriter.Write(report);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg onload", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<i>v*", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\"><svg", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;", html, StringComparison.Ordinal);
        Assert.Contains("data-feature=\"ORD&quot;&gt;&lt;svg onload=alert(1)&gt;\"", html, StringComparison.Ordinal);
        Assert.Equal(2, Count(html, "<svg "));
    }

    // ---------------------------------------------------------------- all writers

    [Fact]
    public void Every_writer_is_deterministic_and_culture_invariant()
    {
        FlowReport report = FlowSamples.Realistic();
        string[] first = WriteAll(report);
        CultureInfo saved = CultureInfo.CurrentCulture;
        string[] german, arabic;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            german = WriteAll(report);
            CultureInfo.CurrentCulture = new CultureInfo("ar-SA");
            arabic = WriteAll(report);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        Assert.Equal(first, WriteAll(FlowSamples.Realistic()));
        Assert.Equal(first, german);
        Assert.Equal(first, arabic);
        Assert.Contains("57.0", first[1], StringComparison.Ordinal);
        Assert.DoesNotContain("57,0", first[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_writer_handles_an_empty_report()
    {
        FlowReport report = FlowSamples.Build([], staleAfterDays: null, notes: [], releaseTags: null) with
        {
            Trend = [],
            ByFeature = [],
        };

        string[] outputs = WriteAll(report);

        using (JsonDocument json = JsonDocument.Parse(outputs[0]))
        {
            Assert.Equal(0, json.RootElement.GetProperty("criteria").GetArrayLength());
            Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("staleAfterDays").ValueKind);
        }

        Assert.Single(ParseCsv(outputs[1]));
        Assert.Contains("**Specified → released: no criterion released yet** (no `--release-tags` given)", outputs[2], StringComparison.Ordinal);
        Assert.DoesNotContain("### Stale", outputs[2], StringComparison.Ordinal);
        Assert.Contains("No month to show.", outputs[3], StringComparison.Ordinal);
        Assert.Contains("No criterion counted.", outputs[3], StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- helpers

    private static string[] WriteAll(FlowReport report) =>
        [FlowJsonWriter.Write(report), FlowCsvWriter.Write(report), FlowMarkdownWriter.Write(report), FlowHtmlWriter.Write(report)];

    private static LeadStats Stats(GroupFlow group, FlowStep step) => group.Steps.Single(s => s.Step == step).Stats;

    private static int StaleRows(string md) => md.Split('\n').Count(static l => l.StartsWith("| **F", StringComparison.Ordinal) && l.Contains("| 2025-04-02 |", StringComparison.Ordinal));

    private static int Count(string text, string part) => Regex.Matches(text, Regex.Escape(part)).Count;

    /// <summary>The chart <c>&lt;svg class="chart NAME"…&gt;…&lt;/svg&gt;</c> of the page.</summary>
    internal static string Svg(string html, string name)
    {
        int start = html.IndexOf("<svg class=\"chart " + name + "\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no " + name + " chart");
        int end = html.IndexOf("</svg>", start, StringComparison.Ordinal);
        return html[start..(end + "</svg>".Length)];
    }

    private static void Collect(JsonElement element, string? name, List<string> dates)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    Collect(property.Value, property.Name, dates);
                }

                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Collect(item, name, dates);
                }

                break;
            case JsonValueKind.String when name is "date" or "asOf" or "since":
                dates.Add(element.GetString()!);
                break;
        }
    }

    /// <summary>RFC 4180: rows of cells; quoted cells may hold commas, doubled quotes and line breaks.</summary>
    private static List<string[]> ParseCsv(string csv)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < csv.Length; i++)
        {
            char c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                Assert.True(cell.Length == 0, "a quote inside an unquoted cell");
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                Assert.NotEqual('\r', c);
                cell.Append(c);
            }
        }

        Assert.False(quoted, "an unclosed quote");
        Assert.True(row.Count == 0 && cell.Length == 0, "the last row does not end with \\n");
        return rows;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")]
    private static partial Regex IsoDate();

    [GeneratedRegex("<text class=\"tick\"[^>]*>([^<]*)</text>")]
    private static partial Regex Tick();

    [GeneratedRegex(@"^\| \d{4}-\d{2} \|")]
    private static partial Regex MonthRow();

    [GeneratedRegex("<g class=\"month(?: empty)?\" data-month=\"([^\"]*)\"")]
    private static partial Regex MonthGroup();

    [GeneratedRegex("<g class=\"feature\" data-feature=\"([^\"]*)\"")]
    private static partial Regex FeatureGroup();
}
