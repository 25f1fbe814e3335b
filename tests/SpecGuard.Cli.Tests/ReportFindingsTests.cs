using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using SpecGuard.Cli.Tests.Fixtures;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>
/// <c>specguard report --findings</c> (issue 16, "CI shows all of it in one run"): the SpecGuard findings of every
/// project's SARIF log in one report, and <c>--fail-on untraced-code</c> failing once for all of them.
/// </summary>
public sealed class ReportFindingsTests : IClassFixture<ShopFixture>
{
    private readonly ShopFixture _shop;
    private readonly string _case = "case-" + Guid.NewGuid().ToString("N")[..8];

    public ReportFindingsTests(ShopFixture shop) => _shop = shop;

    private string Case(string relative) => _case + "/" + relative;

    private string FileUri(string relative) => new Uri(Path.Combine(_shop.Root, relative)).AbsoluteUri;

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static JsonElement Root(CliRun run) => JsonDocument.Parse(run.Output).RootElement.Clone();

    private static string[] Findings(CliRun run) =>
        [.. Root(run).GetProperty("findings").EnumerateArray().Select(static f => string.Join(
            " | ",
            f.GetProperty("id").GetString(),
            f.GetProperty("level").GetString(),
            f.GetProperty("path").ValueKind == JsonValueKind.Null ? "null" : f.GetProperty("path").GetString(),
            f.GetProperty("line").ValueKind == JsonValueKind.Null ? "null" : f.GetProperty("line").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
            f.GetProperty("column").ValueKind == JsonValueKind.Null ? "null" : f.GetProperty("column").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
            f.GetProperty("message").GetString()))];

    /// <summary>A solution of two projects: Api built for two frameworks (each logs the same finding), Worker once.</summary>
    private void WriteSolutionLogs()
    {
        var apiFinding = new SarifResult("SPEC100", "'Api.Orders.Place' is public and traces to no criterion.", FileUri("src/Api/Orders.cs"), 12, 16);
        _shop.Write(Case("src/Api/obj/Debug/net8.0/Api.specguard.sarif"), SarifWriter.Write(
        [
            new SarifResult("CS1030", "#warning: 'not ours'", FileUri("src/Api/Orders.cs"), 3, 10),
            apiFinding,
            new SarifResult("SPEC101", "Handler 'Api.PlaceOrderHandler.Handle' traces to no criterion.", FileUri("src/Api/Handlers.cs"), 8, 5),
            new SarifResult("SPEC100", "'Api.Orders.Debug' is public and traces to no criterion.", FileUri("src/Api/Orders.cs"), 30, 16, Suppressed: true),
            new SarifResult("SPEC1000", "not a SpecGuard rule ID (four digits)", FileUri("src/Api/Orders.cs"), 1, 1),
            new SarifResult("spec100", "not a SpecGuard rule ID (lower case)", FileUri("src/Api/Orders.cs"), 1, 1),
        ]));
        _shop.Write(Case("src/Api/obj/Debug/net9.0/Api.specguard.sarif"), SarifWriter.Write([apiFinding]));
        _shop.Write(Case("src/Worker/obj/Debug/net9.0/Worker.specguard.sarif"), SarifWriter.Write(
        [
            new SarifResult("SPEC102", "[Implements(\"ORDERS-999\")] names a criterion that no spec file declares.", FileUri("src/Worker/Jobs.cs"), 4, 6),
            new SarifResult("SPEC101", "Handler 'Worker.Job.Execute' traces to no criterion.", FileUri("src/Worker/Jobs.cs"), 10, 17),
            new SarifResult("SPEC100", "'Api.Orders.Cancel' is public and traces to no criterion.", FileUri("src/Api/Orders.cs"), 12, 3),
        ]));
    }

    [Fact]
    public void Every_finding_of_every_sarif_log_under_a_folder_is_listed_once_in_order()
    {
        WriteSolutionLogs();

        CliRun run = _shop.Run("report", "-f", "json", "-a", "bin", "--trx", "results", "--findings", Case("src"));

        Assert.Equal(0, run.Exit);
        Assert.Equal(string.Empty, run.Error);
        Assert.Equal(
            [
                "SPEC101 | warning | src/Api/Handlers.cs | 8 | 5 | Handler 'Api.PlaceOrderHandler.Handle' traces to no criterion.",
                "SPEC100 | warning | src/Api/Orders.cs | 12 | 3 | 'Api.Orders.Cancel' is public and traces to no criterion.",
                "SPEC100 | warning | src/Api/Orders.cs | 12 | 16 | 'Api.Orders.Place' is public and traces to no criterion.",
                "SPEC102 | warning | src/Worker/Jobs.cs | 4 | 6 | [Implements(\"ORDERS-999\")] names a criterion that no spec file declares.",
                "SPEC101 | warning | src/Worker/Jobs.cs | 10 | 17 | Handler 'Worker.Job.Execute' traces to no criterion.",
            ],
            Findings(run));
        JsonElement root = Root(run);
        Assert.Equal(
            [("SPEC100", 2), ("SPEC101", 2), ("SPEC102", 1)],
            root.GetProperty("findingCounts").EnumerateObject().Select(static p => (p.Name, p.Value.GetInt32())));
        Assert.Equal(
            [
                (Case("src/Api/obj/Debug/net8.0/Api.specguard.sarif"), "2 SpecGuard finding(s), 1 suppressed in source (not counted)"),
                (Case("src/Api/obj/Debug/net9.0/Api.specguard.sarif"), "1 SpecGuard finding(s)"),
                (Case("src/Worker/obj/Debug/net9.0/Worker.specguard.sarif"), "3 SpecGuard finding(s)"),
            ],
            root.GetProperty("inputs").EnumerateArray().Where(static i => i.GetProperty("kind").GetString() == "sarif").Select(static i => (i.GetProperty("path").GetString(), i.GetProperty("detail").GetString())));
        Assert.Equal(30.0, root.GetProperty("summary").GetProperty("verifiedPercent").GetDouble()); // the criteria are reported as before
    }

    [Fact]
    public void The_report_is_the_same_whatever_the_order_of_the_files_and_arguments()
    {
        WriteSolutionLogs();
        string worker = Case("src/Worker/obj/Debug/net9.0/Worker.specguard.sarif");
        string api8 = Case("src/Api/obj/Debug/net8.0/Api.specguard.sarif");
        string api9 = Case("src/Api/obj/Debug/net9.0/Api.specguard.sarif");

        CliRun one = _shop.Run("report", "-f", "json", "-a", "bin", "--findings", worker, "--findings", api9, "--findings", api8);
        CliRun two = _shop.Run("report", "-f", "json", "-a", "bin", "--findings", api8, "--findings", worker, "--findings", api9, "--findings", Case("src"));

        Assert.Equal(5, Root(one).GetProperty("findings").GetArrayLength());
        Assert.Equal(one.Output, two.Output);
        Assert.Equal(one.Error, two.Error);
    }

    [Fact]
    public void Findings_of_one_rule_at_one_place_with_different_messages_are_both_kept()
    {
        _shop.Write(Case("a.sarif"), SarifWriter.Write(
        [
            new SarifResult("SPEC100", "second", FileUri("src/A.cs"), 5, 1),
            new SarifResult("SPEC100", "first", FileUri("src/A.cs"), 5, 1),
            new SarifResult("SPEC100", "first", FileUri("src/A.cs"), 5, 1, Level: "error"),
        ]));

        CliRun run = _shop.Run("report", "-f", "json", "--findings", Case("a.sarif"));

        // Identical findings are one (the most severe level is kept); a different message is another finding.
        Assert.Equal(["SPEC100 | error | src/A.cs | 5 | 1 | first", "SPEC100 | warning | src/A.cs | 5 | 1 | second"], Findings(run));
    }

    [Fact]
    public void Relative_uris_resolve_against_originalUriBaseIds_else_the_folder_of_the_sarif_file()
    {
        string repo = new Uri(Path.Combine(_shop.Root, _case, "repo") + "/").AbsoluteUri;
        _shop.Write(Case("logs/one.sarif"), SarifWriter.Write(
            [
                new SarifResult("SPEC100", "based", "src/My%20Api/A.cs", 2, 3, UriBaseId: "SRCROOT"),
                new SarifResult("SPEC100", "relative to the log", "../src/B.cs", null, null),
                new SarifResult("SPEC100", "unknown base: the log's folder", "C.cs", 4, null, UriBaseId: "NOSUCHBASE"),
                new SarifResult("SPEC902", "no location", null, Level: null),
                new SarifResult("SPEC100", "not a file", "https://example.com/x.cs", 1, 1),
            ],
            new Dictionary<string, string> { ["SRCROOT"] = repo }));

        CliRun run = _shop.Run("report", "-f", "json", "--findings", Case("logs"));

        Assert.Equal(
            [
                "SPEC902 | warning | null | null | null | no location", // no location: first; SARIF's default level
                "SPEC100 | warning | " + Case("logs/C.cs") + " | 4 | 1 | unknown base: the log's folder",
                "SPEC100 | warning | " + Case("repo/src/My Api/A.cs") + " | 2 | 3 | based",
                "SPEC100 | warning | " + Case("src/B.cs") + " | 1 | 1 | relative to the log",
                "SPEC100 | warning | https://example.com/x.cs | 1 | 1 | not a file",
            ],
            Findings(run));
        Assert.Equal(CommandLine.Ok, run.Exit);
    }

    [Fact]
    public void The_sarif_1_0_0_format_that_a_bare_ErrorLog_writes_is_read_too()
    {
        // csc writes SARIF 1.0.0 when ErrorLog names no version (checked in RealCompilerSarifTests).
        string uri = FileUri("src/Old.cs");
        _shop.Write(Case("old.sarif"), $$"""
            {
              "$schema": "http://json.schemastore.org/sarif-1.0.0",
              "version": "1.0.0",
              "runs": [ { "tool": { "name": "Microsoft (R) Visual C# Compiler" },
                "results": [
                  { "ruleId": "SPEC101", "level": "warning", "message": "Handler 'Old.Handle' traces to no criterion.",
                    "locations": [ { "resultFile": { "uri": "{{uri}}", "region": { "startLine": 7, "startColumn": 9, "endLine": 7, "endColumn": 15 } } } ] },
                  { "ruleId": "SPEC100", "level": "warning", "message": "suppressed", "suppressionStates": [ "suppressedInSource" ],
                    "locations": [ { "resultFile": { "uri": "{{uri}}", "region": { "startLine": 9, "startColumn": 9 } } } ] }
                ] } ]
            }
            """);

        CliRun run = _shop.Run("report", "-f", "json", "--findings", Case("old.sarif"));

        Assert.Equal(["SPEC101 | warning | src/Old.cs | 7 | 9 | Handler 'Old.Handle' traces to no criterion."], Findings(run));
    }

    [Theory]
    [InlineData("{ \"version\": \"2.1.0\", \"runs\": [ { \"results\": [ { \"ruleId\": \"SPEC100\" ", "not a SARIF log (not JSON, or cut short: ")]
    [InlineData("PK\u0003\u0004 binary", "not a SARIF log (not JSON, or cut short: ")]
    [InlineData("", "not a SARIF log (not JSON, or cut short: ")]
    [InlineData("[ 1, 2 ]", "not a SARIF log (the JSON is not an object); skipped.")]
    [InlineData("{ \"runs\": [] }", "not a SARIF log (no \"version\"); skipped.")]
    [InlineData("{ \"version\": \"3.0.0\", \"runs\": [] }", "not a SARIF 2.1.0 log (version '3.0.0'); skipped.")]
    [InlineData("{ \"version\": \"2.1.0\", \"runs\": {} }", "not a SARIF log (no \"runs\" array); skipped.")]
    public void A_malformed_sarif_file_is_skipped_with_one_line_and_the_others_are_read(string content, string message)
    {
        _shop.Write(Case("logs/bad.sarif"), content);
        _shop.Write(Case("logs/good.sarif"), SarifWriter.Write([new SarifResult("SPEC100", "found", FileUri("src/A.cs"), 1, 2)]));

        CliRun run = _shop.Run("report", "-f", "json", "-a", "bin", "--findings", Case("logs"), "--fail-on", "untraced-code");

        string line = Assert.Single(Lines(run.Error), static l => l.Contains(": warning: ", StringComparison.Ordinal));
        Assert.StartsWith(Case("logs/bad.sarif") + ": warning: " + message, line, StringComparison.Ordinal);
        Assert.EndsWith("; skipped.", line, StringComparison.Ordinal);
        Assert.Equal(["SPEC100 | warning | src/A.cs | 1 | 2 | found"], Findings(run));
        Assert.Contains(Root(run).GetProperty("warnings").EnumerateArray(), w => w.GetProperty("message").GetString() == line);
        Assert.Equal(1, run.Exit); // the good log's SPEC100
    }

    [Fact]
    public void A_findings_folder_without_sarif_files_says_so()
    {
        _shop.Write(Case("obj/readme.txt"), "no logs here");

        CliRun run = _shop.Run("report", "-f", "json", "-a", "bin", "--findings", Case("obj"), "--findings", Case("missing.sarif"));

        Assert.Equal(0, run.Exit);
        Assert.Equal(
            [
                Case("missing.sarif") + ": warning: no such file or folder; skipped.",
                Case("obj") + ": warning: no SARIF file (*.sarif) in this folder, so no finding was read from it (build with -p:SpecGuardEnforce=report, which makes each project's compiler write obj/<...>/<Project>.specguard.sarif).",
            ],
            Lines(run.Error));
        Assert.Equal(0, Root(run).GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public void Fail_on_untraced_code_exits_one_and_prints_every_SPEC100_and_SPEC101_finding()
    {
        WriteSolutionLogs();

        CliRun run = _shop.Run("report", "-a", "bin", "--trx", "results", "--findings", Case("src"), "--fail-on", "untraced-code", "-o", Case("report.md"));

        Assert.Equal(1, run.Exit);
        Assert.Equal(
            [
                "specguard report: 4 untraced-code finding(s) (2 SPEC100, 2 SPEC101) (--fail-on untraced-code):",
                "  src/Api/Handlers.cs(8,5): SPEC101: Handler 'Api.PlaceOrderHandler.Handle' traces to no criterion.",
                "  src/Api/Orders.cs(12,3): SPEC100: 'Api.Orders.Cancel' is public and traces to no criterion.",
                "  src/Api/Orders.cs(12,16): SPEC100: 'Api.Orders.Place' is public and traces to no criterion.",
                "  src/Worker/Jobs.cs(10,17): SPEC101: Handler 'Worker.Job.Execute' traces to no criterion.",
            ],
            Lines(run.Error));
        Assert.StartsWith("Wrote " + Case("report.md") + ": 10 criteria, ", run.Output, StringComparison.Ordinal);
        Assert.EndsWith(" untraced); 5 SpecGuard finding(s).\n", run.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_finding_printed_by_the_gate_stays_on_one_line_without_control_characters()
    {
        _shop.Write(Case("logs/a.sarif"), SarifWriter.Write([new SarifResult("SPEC100", "first\nsrc/Fake.cs(1,1): error CS0001: forged\u001b[2J", FileUri("src/A.cs"), 1, 2)]));

        CliRun run = _shop.Run("report", "-f", "json", "-a", "bin", "--findings", Case("logs"), "--fail-on", "untraced-code");

        Assert.Equal(1, run.Exit);
        Assert.Equal("  src/A.cs(1,2): SPEC100: first src/Fake.cs(1,1): error CS0001: forged [2J", Lines(run.Error)[1]);
        Assert.Equal(2, Lines(run.Error).Length);
    }

    [Fact]
    public void Fail_on_untraced_code_passes_when_the_findings_are_of_other_rules()
    {
        _shop.Write(Case("logs/a.sarif"), SarifWriter.Write(
        [
            new SarifResult("SPEC102", "unknown criterion", FileUri("src/A.cs"), 1, 1),
            new SarifResult("SPEC100", "suppressed in source", FileUri("src/A.cs"), 2, 1, Suppressed: true),
            new SarifResult("CS1030", "not ours", FileUri("src/A.cs"), 3, 1),
        ]));

        CliRun run = _shop.Run("report", "-f", "json", "-a", "bin", "--findings", Case("logs"), "--fail-on", "untraced-code");

        Assert.Equal(0, run.Exit);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public void Fail_on_untraced_code_combines_with_the_other_fail_on_values()
    {
        WriteSolutionLogs();

        CliRun run = _shop.Run("report", "-f", "json", "-a", "bin", "--trx", "results", "--findings", Case("src"), "--fail-on", "untraced-code", "--fail-on", "failing");

        Assert.Equal(1, run.Exit);
        string[] lines = Lines(run.Error);
        Assert.Equal("specguard report: 1 criteria are failing (--fail-on failing): ORDERS-002.", lines[0]);
        Assert.Equal("specguard report: 4 untraced-code finding(s) (2 SPEC100, 2 SPEC101) (--fail-on untraced-code):", lines[1]);
        Assert.Equal(6, lines.Length);
    }

    [Fact]
    public void Fail_on_untraced_code_without_findings_fails_instead_of_passing_unchecked()
    {
        CliRun run = _shop.Run("report", "-f", "json", "-a", "bin", "--fail-on", "untraced-code");

        Assert.Equal(1, run.Exit);
        Assert.Equal(
            "specguard report: --fail-on untraced-code checks the findings of SARIF logs, but no --findings was given (build with -p:SpecGuardEnforce=report, then pass --findings with the solution folder).",
            Assert.Single(Lines(run.Error)));
    }

    [Fact]
    public void Findings_without_any_criterion_still_exit_one_and_are_listed()
    {
        // SPEC100/SPEC101 are quiet in a build that sees no criteria (SPEC902), so a gate without criteria checked nothing.
        _shop.Write(Case("logs/a.sarif"), SarifWriter.Write(
        [
            new SarifResult("SPEC902", "The project references SpecGuard but no spec file reaches it.", null),
            new SarifResult("SPEC101", "Handler 'H.Handle' traces to no criterion.", FileUri("src/H.cs"), 3, 5),
        ]));

        CliRun run = _shop.Run("report", "-f", "json", "--specs", Case("nothing"), "--findings", Case("logs"), "--fail-on", "untraced-code");

        Assert.Equal(1, run.Exit);
        Assert.Equal(
            [
                Case("nothing") + ": warning: no such file or folder; skipped.",
                "specguard report: no criteria to report on (no usable spec file was found; see the warnings above).",
                "specguard report: 1 untraced-code finding(s) (1 SPEC101) (--fail-on untraced-code):",
                "  src/H.cs(3,5): SPEC101: Handler 'H.Handle' traces to no criterion.",
            ],
            Lines(run.Error));
        Assert.Equal(2, Root(run).GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public void Output_onto_a_findings_file_is_refused_and_the_file_is_kept()
    {
        string log = SarifWriter.Write([new SarifResult("SPEC100", "found", FileUri("src/A.cs"), 1, 2)]);
        string path = _shop.Write(Case("logs/Api.specguard.sarif"), log);

        CliRun run = _shop.Run("report", "-a", "bin", "--findings", Case("logs"), "-o", Case("logs/Api.specguard.sarif"));

        Assert.Equal(2, run.Exit);
        Assert.StartsWith("specguard report: --output '" + Case("logs/Api.specguard.sarif") + "' is a SARIF file the report reads; nothing was written.", run.Error, StringComparison.Ordinal);
        Assert.Equal(log, File.ReadAllText(path));
    }

    [Fact]
    public void Markdown_and_html_show_the_counts_and_every_finding_with_hostile_text_escaped()
    {
        const string hostile = "<script>alert(1)</script> | **bold** [link](javascript:alert(2)) `tick`\nsecond line";
        _shop.Write(Case("logs/a.sarif"), SarifWriter.Write(
        [
            new SarifResult("SPEC100", hostile, FileUri("src/Evil`|<b>.cs"), 4, 2),
            new SarifResult("SPEC101", "Handler 'H.Handle' traces to no criterion.", FileUri("src/H.cs"), 3, 5),
            new SarifResult("SPEC101", "Handler 'H.Other' traces to no criterion.", FileUri("src/H.cs"), 9, 5),
        ]));

        CliRun md = _shop.Run("report", "-a", "bin", "--findings", Case("logs"));
        CliRun html = _shop.Run("report", "-f", "html", "-a", "bin", "--findings", Case("logs"));
        CliRun plain = _shop.Run("report", "-a", "bin");

        Assert.Contains("### SpecGuard findings\n\n**3 finding(s)** in 1 SARIF file(s): SPEC100 × 1 · SPEC101 × 2\n", md.Output, StringComparison.Ordinal);
        Assert.Contains("- `src/H.cs(3,5)`: **SPEC101**: Handler 'H.Handle' traces to no criterion.\n", md.Output, StringComparison.Ordinal);
        Assert.Contains("- `src/Evil'¦<b>.cs(4,2)`: **SPEC100**: &lt;script&gt;alert(1)&lt;/script&gt; \\| \\*\\*bold\\*\\* \\[link\\](javascript:alert(2)) \\`tick\\` second line\n", md.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", md.Output, StringComparison.Ordinal);
        Assert.Contains("1 SARIF file(s)</sub>", md.Output, StringComparison.Ordinal);
        Assert.True(md.Output.IndexOf("### SpecGuard findings", StringComparison.Ordinal) < md.Output.IndexOf("<details><summary><b>ORDERS</b>", StringComparison.Ordinal), "the findings come before the matrices");

        Assert.Contains("<h2 id=\"findings\">SpecGuard findings</h2>\n<p>3 finding(s) in 1 SARIF file(s): <b>SPEC100</b> 1, <b>SPEC101</b> 2</p>", html.Output, StringComparison.Ordinal);
        Assert.Contains("<li class=\"finding\" data-rule=\"SPEC100\"><code>src/Evil`|&lt;b&gt;.cs(4,2)</code>: <b>SPEC100</b>: &lt;script&gt;alert(1)&lt;/script&gt; | **bold** [link](javascript:alert(2)) `tick`\nsecond line</li>", html.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html.Output, StringComparison.Ordinal);

        Assert.DoesNotContain("SpecGuard findings", plain.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("SARIF", plain.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void With_findings_and_none_found_the_report_says_so()
    {
        _shop.Write(Case("logs/a.sarif"), SarifWriter.Write([new SarifResult("CS1030", "not ours", FileUri("src/A.cs"), 3, 1)]));

        CliRun md = _shop.Run("report", "-a", "bin", "--findings", Case("logs"));

        Assert.Equal(0, md.Exit);
        Assert.Contains("### SpecGuard findings\n\nNo SpecGuard finding in 1 SARIF file(s).\n", md.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_keeps_to_the_comment_budget_while_json_and_stderr_list_every_finding()
    {
        SarifResult[] many = [.. Enumerable.Range(1, 2000).Select(i => new SarifResult("SPEC100", "'Big.Type" + i.ToString("0000", System.Globalization.CultureInfo.InvariantCulture) + ".Member' is public and traces to no criterion; link it with [Implements] or exempt it.", FileUri("src/Big.cs"), i, 5))];
        _shop.Write(Case("logs/big.sarif"), SarifWriter.Write(many));

        CliRun md = _shop.Run("report", "-a", "bin", "--findings", Case("logs"), "--fail-on", "untraced-code");
        CliRun json = _shop.Run("report", "-f", "json", "-a", "bin", "--findings", Case("logs"));

        Assert.InRange(md.Output.Length, 50_000, 65_536);
        Assert.Contains("**2000 finding(s)** in 1 SARIF file(s): SPEC100 × 2000", md.Output, StringComparison.Ordinal);
        Assert.Matches(@"- _… \d+ more finding\(s\) left out to fit a comment; the HTML and JSON reports have every one\._", md.Output);
        Assert.Equal(2001, Lines(md.Error).Length); // the gate's own list is complete
        Assert.Equal(2000, Root(json).GetProperty("findings").GetArrayLength());
    }
}
