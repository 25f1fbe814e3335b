using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using SpecGuard.Cli.Report;
using SpecGuard.Cli.Tests.Fixtures;
using SpecGuard.Core;
using SpecGuard.Core.Review;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>
/// <c>specguard report --format sarif</c>: failing, untraced, pending and suspect criteria on their spec lines, the
/// <c>--findings</c> and the located unknown links at their code; and the same as GitHub annotations under
/// <c>GITHUB_ACTIONS=true</c>, without touching stdout or the exit code.
/// </summary>
public sealed class ReportSarifTests : IClassFixture<ShopFixture>
{
    private readonly ShopFixture _shop;
    private readonly string _case = "sarif-" + Guid.NewGuid().ToString("N")[..8];

    public ReportSarifTests(ShopFixture shop) => _shop = shop;

    private static readonly Dictionary<string, string> InActions = new() { ["GITHUB_ACTIONS"] = "true" };

    private static JsonElement SarifRun(string text) => JsonDocument.Parse(text).RootElement.GetProperty("runs")[0].Clone();

    /// <summary>One line of the spec text's <c>- id: ID</c> (1-based), where a criterion's result must be.</summary>
    private static int LineOf(string spec, string id) =>
        Array.FindIndex(spec.ReplaceLineEndings("\n").Split('\n'), l => l.TrimStart().StartsWith("- id: " + id, StringComparison.Ordinal)) + 1;

    /// <summary>Each result as <c>rule level uri:line:column message-start</c>.</summary>
    private static string[] Results(JsonElement run) =>
        [.. run.GetProperty("results").EnumerateArray().Select(static r =>
        {
            string where = "-";
            if (r.TryGetProperty("locations", out JsonElement locations))
            {
                JsonElement physical = locations[0].GetProperty("physicalLocation");
                JsonElement region = physical.GetProperty("region");
                where = physical.GetProperty("artifactLocation").GetProperty("uri").GetString() + ":" + region.GetProperty("startLine").GetInt32()
                    + (region.TryGetProperty("startColumn", out JsonElement column) ? ":" + column.GetInt32() : string.Empty);
            }

            string message = r.GetProperty("message").GetProperty("text").GetString()!;
            return $"{r.GetProperty("ruleId").GetString()} {r.GetProperty("level").GetString()} {where} {message.Split(' ')[0]}";
        })];

    private CliRun RunWith(IReadOnlyDictionary<string, string> environment, string format, IReadOnlyList<string>? findings = null, IReadOnlyList<string>? failOn = null, string? output = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var options = new ReportOptions([], ["bin"], ["results"], format, output, null, failOn ?? [], findings);
        int exit = ReportCommand.Run(options, stdout, stderr, _shop.Root, name => environment.TryGetValue(name, out string? value) ? value : null);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Criteria_that_need_attention_are_results_on_their_spec_lines()
    {
        CliRun run = _shop.Run("report", "--format", "sarif", "-a", "bin", "--trx", "results");

        Assert.Equal(0, run.Exit);
        JsonElement sarif = SarifRun(run.Output);
        string orders = ShopFixture.OrdersSpec;
        string[] criteria = [.. Results(sarif).Where(static r => r.Contains(" specs/", StringComparison.Ordinal))];
        Assert.Equal(
            [
                $"specguard/criterion-failing error specs/orders.spec.yaml:{LineOf(orders, "ORDERS-002")}:9 ORDERS-002",
                $"specguard/criterion-pending note specs/orders.spec.yaml:{LineOf(orders, "ORDERS-004")}:9 ORDERS-004",
                $"specguard/criterion-pending note specs/orders.spec.yaml:{LineOf(orders, "ORDERS-005")}:9 ORDERS-005",
                $"specguard/criterion-pending note specs/orders.spec.yaml:{LineOf(orders, "ORDERS-006")}:9 ORDERS-006",
                $"specguard/criterion-untraced warning specs/orders.spec.yaml:{LineOf(orders, "ORDERS-007")}:9 ORDERS-007",
            ],
            criteria);
        Assert.DoesNotContain("ORDERS-009", run.Output, StringComparison.Ordinal); // deprecated: nothing
        Assert.Contains("Shop.Tests.OrderTests.Reserves_stock", sarif.GetProperty("results")[0].GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);

        // The link to ORDERS-999, which no spec file declares, where the PDB puts it.
        string unknown = Assert.Single(Results(sarif), static r => r.StartsWith("SPEC102 ", StringComparison.Ordinal));
        Assert.StartsWith("SPEC102 error src/Shop/Orders.cs:", unknown, StringComparison.Ordinal);
        Assert.Contains("ORDERS-999", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rules_of_the_report_link_into_the_docs()
    {
        CliRun run = _shop.Run("report", "--format", "sarif", "-a", "bin", "--trx", "results");

        JsonElement[] rules = [.. SarifRun(run.Output).GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()];
        Assert.Equal(
            ["SPEC102", "specguard/criterion-failing", "specguard/criterion-pending", "specguard/criterion-untraced"],
            rules.Select(static r => r.GetProperty("id").GetString()));
        Assert.All(rules.Skip(1), r =>
        {
            Assert.Equal(ProjectLinks.DocsBase + "cli.md#" + r.GetProperty("id").GetString()!.Replace("/", string.Empty, StringComparison.Ordinal), r.GetProperty("helpUri").GetString());
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("shortDescription").GetProperty("text").GetString()));
        });

        // Each anchor is a heading of docs/cli.md.
        string docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "cli.md"));
        Assert.All(ReportResults.Rules, r => Assert.Contains("\n#### `" + r.Id + "`\n", docs, StringComparison.Ordinal));
    }

    [Fact]
    public void Findings_are_results_at_their_code_with_their_own_level_and_a_logged_unknown_link_is_not_repeated()
    {
        CliRun plain = _shop.Run("report", "--format", "sarif", "-a", "bin", "--trx", "results");
        string unknownLine = Assert.Single(Results(SarifRun(plain.Output)), static r => r.StartsWith("SPEC102 ", StringComparison.Ordinal)).Split(' ')[2].Split(':')[1];
        string uri = new Uri(Path.Combine(_shop.Root, "src", "Shop", "Orders.cs")).AbsoluteUri;
        _shop.Write(_case + "/build.sarif", SarifWriter.Write(
        [
            new SarifResult("SPEC100", "'Shop.Payments.Legacy' is public and traces to no criterion.", uri, 50, 21, Level: "error"),
            new SarifResult("SPEC102", "[Implements(\"ORDERS-999\")] names a criterion that no spec file declares.", uri, int.Parse(unknownLine, System.Globalization.CultureInfo.InvariantCulture), 10),
            new SarifResult("SPEC902", "The project sees no spec files.", null, Level: "note"),
        ]));

        CliRun run = _shop.Run("report", "--format", "sarif", "-a", "bin", "--trx", "results", "--findings", _case + "/build.sarif");

        string[] code = [.. Results(SarifRun(run.Output)).Where(static r => !r.Contains(" specs/", StringComparison.Ordinal))];
        Assert.Equal(
            [
                "SPEC902 note - The",
                "SPEC100 error src/Shop/Orders.cs:50:21 'Shop.Payments.Legacy'",
                $"SPEC102 warning src/Shop/Orders.cs:{unknownLine}:10 [Implements(\"ORDERS-999\")]",
            ],
            code);
    }

    [Fact]
    public void A_criterion_changed_since_its_review_is_SPEC105_also_when_it_is_failing()
    {
        string specs = _case + "/specs";
        _shop.Write(specs + "/orders.spec.yaml", ShopFixture.OrdersSpec);
        CliRun all = _shop.Run("review", "--all", "--specs", specs);
        Assert.True(all.Exit == 0, all.Error);
        string path = Path.Combine(_shop.Root, _case, "specs", SpecContract.ReviewRecordFileName);
        ReviewRecord record = ReviewRecord.Parse(path, File.ReadAllText(path));
        File.WriteAllText(path, ReviewRecord.Write(record.Entries.Select(static e => (e.Id, e.Id is "ORDERS-001" or "ORDERS-002" ? "0000000000000000" : e.Fingerprint))));

        CliRun run = _shop.Run("report", "--format", "sarif", "--specs", specs, "-a", "bin", "--trx", "results");

        string prefix = _case + "/specs/orders.spec.yaml:";
        string[] results = Results(SarifRun(run.Output));
        Assert.Contains($"SPEC105 warning {prefix}{LineOf(ShopFixture.OrdersSpec, "ORDERS-001")}:9 ORDERS-001", results);
        Assert.Contains($"SPEC105 warning {prefix}{LineOf(ShopFixture.OrdersSpec, "ORDERS-002")}:9 ORDERS-002", results);
        Assert.Contains($"specguard/criterion-failing error {prefix}{LineOf(ShopFixture.OrdersSpec, "ORDERS-002")}:9 ORDERS-002", results);
        Assert.Equal(2, results.Count(static r => r.StartsWith("SPEC105 ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("sarif")]
    [InlineData("json")]
    public void Under_GitHub_Actions_the_annotations_go_to_stderr_and_stdout_and_the_exit_code_stay_as_they_were(string format)
    {
        CliRun plain = RunWith(new Dictionary<string, string>(), format, failOn: ["failing"]);
        CliRun annotated = RunWith(InActions, format, failOn: ["failing"]);

        Assert.Equal(1, annotated.Exit);
        Assert.Equal(plain.Exit, annotated.Exit);
        Assert.Equal(plain.Output, annotated.Output);
        using JsonDocument parsed = JsonDocument.Parse(annotated.Output);
        Assert.DoesNotContain("::", plain.Error, StringComparison.Ordinal);

        string[] commands = [.. annotated.Error.ReplaceLineEndings("\n").Split('\n').Where(static l => l.StartsWith("::", StringComparison.Ordinal))];
        Assert.Contains($"::error file=specs/orders.spec.yaml,line={LineOf(ShopFixture.OrdersSpec, "ORDERS-002")},col=9,title=specguard/criterion-failing::ORDERS-002 is failing: 1 linked test(s) failed: Shop.Tests.OrderTests.Reserves_stock.", commands);
        Assert.Contains($"::warning file=specs/orders.spec.yaml,line={LineOf(ShopFixture.OrdersSpec, "ORDERS-007")},col=9,title=specguard/criterion-untraced::ORDERS-007 is untraced: no code implements it ([Implements]) and no test verifies it ([Verifies]).", commands);
        Assert.Equal(3, commands.Count(static l => l.StartsWith("::notice ", StringComparison.Ordinal)));

        // Everything the plain run said is still said.
        static string[] Said(string error) => [.. error.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(static l => !l.StartsWith("::", StringComparison.Ordinal))];
        Assert.NotEmpty(Said(plain.Error));
        Assert.Equal(Said(plain.Error), Said(annotated.Error));
    }

    [Fact]
    public void The_sarif_report_can_be_written_to_a_file()
    {
        CliRun run = RunWith(new Dictionary<string, string>(), "sarif", output: _case + "/out/report.sarif");

        Assert.Equal(0, run.Exit);
        Assert.StartsWith("Wrote ", run.Output, StringComparison.Ordinal);
        string text = File.ReadAllText(Path.Combine(_shop.Root, _case, "out", "report.sarif"));
        Assert.NotEqual('\uFEFF', text[0]);
        Assert.Equal("2.1.0", JsonDocument.Parse(text).RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public void The_sarif_report_is_the_same_whatever_the_order_of_the_inputs()
    {
        CliRun one = _shop.Run("report", "--format", "sarif", "-a", "bin/Shop.dll", "-a", "bin/Shop.Tests.dll", "--trx", "results", "--specs", "specs/payments.spec.yaml", "--specs", "specs/orders.spec.yaml");
        CliRun two = _shop.Run("report", "--format", "sarif", "-a", "bin/Shop.Tests.dll", "-a", "bin/Shop.dll", "--trx", "results", "--specs", "specs/orders.spec.yaml", "--specs", "specs/payments.spec.yaml");

        Assert.Equal(one.Output, two.Output);
        Assert.NotEmpty(SarifRun(one.Output).GetProperty("results").EnumerateArray());
    }

    [Fact]
    public void What_report_writes_report_findings_reads_back()
    {
        CliRun first = _shop.Run("report", "--format", "sarif", "-a", "bin", "--trx", "results", "-o", _case + "/report.sarif");
        Assert.Equal(0, first.Exit);

        CliRun again = _shop.Run("report", "-f", "json", "--findings", _case + "/report.sarif");

        // The reader keeps SPECnnn results only: the located unknown link comes back where it was.
        JsonElement finding = Assert.Single(JsonDocument.Parse(again.Output).RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("SPEC102", finding.GetProperty("id").GetString());
        Assert.Equal("src/Shop/Orders.cs", finding.GetProperty("path").GetString());
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Directory.Build.props")) && Directory.Exists(Path.Combine(directory.FullName, "docs")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root was not found above " + AppContext.BaseDirectory);
    }
}
