using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using SpecGuard.Cli.Tests.Fixtures;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>
/// <c>report --merge</c>: the reports of sharded jobs merged give exactly the report of one run over all their inputs
/// (merge equivalence), in every format; and the inputs a merge refuses.
/// </summary>
public sealed class ReportMergeTests : IClassFixture<ShopFixture>
{
    private const string BillingTestsSource = """
        using SpecGuard;

        namespace Billing.Tests
        {
            public sealed class InvoiceTests
            {
                [Verifies("PAYMENTS-002")]
                public void Refunds_part_of_an_invoice()
                { // @Refunds_part_of_an_invoice
                }

                [Verifies("ORDERS-007", "BILLING-404")]
                public void Exports_invoices(int year)
                {
                }
            }
        }
        """;

    private readonly ShopFixture _shop;

    public ReportMergeTests(ShopFixture shop)
    {
        _shop = shop;
        if (!File.Exists(Path.Combine(_shop.Root, "billing", "Billing.Tests.dll")))
        {
            FixtureCompiler.Compile(Path.Combine(_shop.Root, "billing"), "Billing.Tests", [(Path.Combine(_shop.Root, "tests", "Billing.Tests", "InvoiceTests.cs"), BillingTestsSource), (Path.Combine(_shop.Root, "tests", "Billing.Tests", "Attributes.cs"), FixtureCompiler.AttributesSource)]);
        }

        // One test assembly's results split over two shards (test splitting): a theory's cases in both, a class-level
        // [Verifies] class and an inherited test run in the second only, so the first lists them as not run.
        string[] first = ["Places_an_order", "Unlinked_test", "Refunds_the_full_amount", "ORDERS_004_Orders_can_be_split", "Reports_out_of_stock"];
        _shop.Write("shards/a/shop.trx", TrxWriter.Write([.. ShopFixture.Results.Where(r => first.Contains(r.Method) || r.Case == "quantity: 1")]));
        _shop.Write("shards/b/shop.trx", TrxWriter.Write([.. ShopFixture.Results.Where(r => !first.Contains(r.Method) && r.Case != "quantity: 1")]));

        // Another test assembly on a third machine, reporting JUnit XML.
        _shop.Write("shards/c/billing.xml", JUnitWriter.Write(
            [
                new("Billing.Tests.InvoiceTests", "Refunds_part_of_an_invoice", "Passed"),
                new("Billing.Tests.InvoiceTests", "Exports_invoices", "Passed", "year: 2025"),
                new("Billing.Tests.InvoiceTests", "Exports_invoices", "NotExecuted", "year: 2026"),
            ],
            "Billing.Tests.dll"));
    }

    private CliRun Run(params string[] args) => _shop.Run(["report", .. args]);

    /// <summary>Writes the JSON report of one shard to <paramref name="file"/> and returns it.</summary>
    private string Shard(string file, params string[] args)
    {
        CliRun run = Run([.. args, "--format", "json", "--output", file]);
        Assert.True(run.Exit == 0, run.Error);
        return file;
    }

    [Theory]
    [InlineData("md")]
    [InlineData("json")]
    [InlineData("html")]
    [InlineData("svg")]
    public void Merged_shards_give_the_report_of_one_run_over_all_their_inputs(string format)
    {
        string a = Shard("out/a.json", "--assembly", "bin", "--trx", "shards/a");
        string b = Shard("out/b.json", "--assembly", "bin", "--trx", "shards/b");
        string c = Shard("out/c.json", "--assembly", "billing", "--trx", "shards/c");

        CliRun whole = Run("--assembly", "bin", "--assembly", "billing", "--trx", "shards", "--format", format);
        CliRun merged = Run("--merge", a, b, c, "--format", format);
        CliRun reordered = Run("--merge", c, "--merge", a, b, "./" + a, "--format", format);

        Assert.True(whole.Exit == 0, whole.Error);
        Assert.True(merged.Exit == 0, merged.Error);
        Assert.Equal(whole.Output, merged.Output);
        Assert.Equal(whole.Output, reordered.Output);
        Assert.Equal(whole.Error, merged.Error);
    }

    [Fact]
    public void The_merge_sums_cases_over_shards_and_drops_what_ran_elsewhere()
    {
        string a = Shard("out/sum-a.json", "--assembly", "bin", "--trx", "shards/a");
        string b = Shard("out/sum-b.json", "--assembly", "bin", "--trx", "shards/b");

        // The first shard alone: the class-level and inherited tests did not run there.
        JsonElement first = JsonDocument.Parse(File.ReadAllText(Path.Combine(_shop.Root, a))).RootElement;
        Assert.Equal("implemented-not-verified", Criterion(first, "ORDERS-008").GetProperty("status").GetString());
        Assert.Equal("test class", Criterion(first, "ORDERS-008").GetProperty("tests")[0].GetProperty("kind").GetString());

        CliRun merged = Run("--merge", a, b, "--format", "json");
        Assert.Equal(0, merged.Exit);
        JsonElement root = JsonDocument.Parse(merged.Output).RootElement;

        JsonElement theory = Criterion(root, "ORDERS-002").GetProperty("tests").EnumerateArray().Single();
        Assert.Equal(("failed", 2, 1), (theory.GetProperty("outcome").GetString(), theory.GetProperty("passed").GetInt32(), theory.GetProperty("failed").GetInt32()));
        Assert.Equal("verified", Criterion(root, "ORDERS-008").GetProperty("status").GetString());
        Assert.All(Criterion(root, "ORDERS-008").GetProperty("tests").EnumerateArray(), static t => Assert.Equal("test", t.GetProperty("kind").GetString()));
        Assert.Equal(
            ["Shop.Tests.PaymentTests.Refunds.Refunds_the_full_amount", "Shop.Tests.StripeContractTests.Holds_the_contract"],
            Criterion(root, "PAYMENTS-001").GetProperty("tests").EnumerateArray().Select(static t => t.GetProperty("name").GetString()));
        Assert.Equal(30.0, root.GetProperty("summary").GetProperty("verifiedPercent").GetDouble());
    }

    [Theory]
    [InlineData("md")]
    [InlineData("json")]
    [InlineData("html")]
    public void With_a_review_record_suspect_criteria_merge_like_a_single_run(string format)
    {
        _shop.Write("reviewed/specs/orders.spec.yaml", ShopFixture.OrdersSpec);
        _shop.Write("reviewed/specs/payments.spec.yaml", ShopFixture.PaymentsSpec);
        _shop.Write("reviewed/specs/SpecGuard.Reviews.txt", "ORDERS-001 0000000000000000\nORDERS-002 0000000000000000\nGONE-001 0000000000000000\n");
        string a = Shard("out/rev-a.json", "--specs", "reviewed/specs", "--assembly", "bin", "--trx", "shards/a");
        string b = Shard("out/rev-b.json", "--specs", "reviewed/specs", "--assembly", "bin", "--trx", "shards/b");

        CliRun whole = Run("--specs", "reviewed/specs", "--assembly", "bin", "--trx", "shards/a", "--trx", "shards/b", "--format", format);
        CliRun merged = Run("--merge", a, b, "--format", format);

        Assert.True(merged.Exit == 0, merged.Error);
        Assert.Equal(whole.Output, merged.Output);
        Assert.Contains("suspect", merged.Output, StringComparison.Ordinal);

        // A shard without the record disagrees on the specs.
        string plain = Shard("out/rev-plain.json", "--assembly", "bin", "--trx", "shards/b");
        CliRun mixed = Run("--merge", a, plain);
        Assert.Equal(2, mixed.Exit);
        Assert.Contains("disagree on the specs: one read a review record, the other did not", mixed.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("md")]
    [InlineData("json")]
    [InlineData("html")]
    public void Findings_and_baselines_of_the_shards_merge_like_a_single_run(string format)
    {
        string Uri(string relative) => new System.Uri(Path.Combine(_shop.Root, relative)).AbsoluteUri;
        _shop.Write("debt/api/obj/Api.specguard.sarif", SarifWriter.Write(
            [
                new SarifResult("SPEC100", "'Api.Orders.Place' is public and traces to no criterion.", Uri("debt/api/Orders.cs"), 12, 16),
                new SarifResult("SPEC101", "Handler 'Api.Handler.Handle' traces to no criterion.", Uri("debt/api/Handler.cs"), 8, 5),
            ],
            rules: ["SPEC100", "SPEC101"]));
        _shop.Write("debt/worker/obj/Worker.specguard.sarif", SarifWriter.Write(
            [new SarifResult("SPEC100", "'Worker.Job' is public and traces to no criterion.", Uri("debt/worker/Job.cs"), 3, 14, Level: "error")],
            rules: ["SPEC100"]));
        _shop.Write("debt/api/SpecGuard.Baseline.txt", "SPEC100 T:Api.Old\nSPEC101 M:Api.Old.Run\n");
        _shop.Write("debt/worker/SpecGuard.Baseline.txt", "SPEC100 T:Worker.Legacy\n");
        string a = Shard("out/debt-a.json", "--assembly", "bin", "--trx", "shards/a", "--findings", "debt/api", "--baseline", "debt/api");
        string b = Shard("out/debt-b.json", "--assembly", "bin", "--trx", "shards/b", "--findings", "debt/worker", "--baseline", "debt/worker");

        CliRun whole = Run("--assembly", "bin", "--trx", "shards/a", "--trx", "shards/b", "--findings", "debt", "--baseline", "debt", "--format", format);
        CliRun merged = Run("--merge", a, b, "--format", format);

        Assert.True(merged.Exit == 0, merged.Error);
        Assert.Equal(whole.Output, merged.Output);
        Assert.Equal(whole.Error, merged.Error);
        Assert.Contains("Worker.Legacy", merged.Output, StringComparison.Ordinal);
        Assert.Contains("Api.Orders.Place", merged.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_that_repeats_a_criterion_is_not_a_report()
    {
        string good = Shard("out/dup.json", "--assembly", "bin");
        JsonElement root = JsonDocument.Parse(File.ReadAllText(Path.Combine(_shop.Root, good))).RootElement;
        string feature = root.GetProperty("features")[0].GetRawText();
        _shop.Write("out/dup-bad.json", "{ \"schemaVersion\": 1, \"features\": [" + feature + ", " + feature + "] }");

        CliRun run = Run("--merge", "out/dup-bad.json");

        Assert.Equal(2, run.Exit);
        Assert.Contains("out/dup-bad.json: not a specguard report of schema version 1 (feature ORDERS appears twice)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Merged_thresholds_hold_like_a_single_runs()
    {
        string a = Shard("out/gate-a.json", "--assembly", "bin", "--trx", "shards/a");
        string b = Shard("out/gate-b.json", "--assembly", "bin", "--trx", "shards/b");

        CliRun merged = Run("--merge", a, b, "--fail-on", "failing", "--output", "out/gate.md");

        Assert.Equal(1, merged.Exit);
        Assert.Contains("ORDERS-002", merged.Error, StringComparison.Ordinal);
        Assert.StartsWith("Wrote out/gate.md: 10 criteria, verified 30.0%", merged.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Shards_that_disagree_on_a_criterion_are_an_error_naming_it_and_the_files()
    {
        string a = Shard("out/spec-a.json", "--assembly", "bin", "--trx", "shards/a");
        string b = Path.Combine(_shop.Root, "out", "spec-b.json");
        File.WriteAllText(b, File.ReadAllText(Path.Combine(_shop.Root, a)).Replace("A customer can place an order", "A customer can place two orders", StringComparison.Ordinal));

        CliRun run = Run("--merge", a, "out/spec-b.json");

        Assert.Equal(2, run.Exit);
        Assert.Equal(string.Empty, run.Output);
        Assert.Equal("specguard report: --merge: out/spec-a.json and out/spec-b.json disagree on the specs: criterion ORDERS-001 has a different text (title, given, when, then, priority, status or tags) or review state; every shard must report on the same spec files (and review record); nothing was written.", run.Error.TrimEnd());
    }

    [Fact]
    public void Shards_with_different_features_are_an_error()
    {
        string a = Shard("out/feat-a.json", "--assembly", "bin");
        string b = Shard("out/feat-b.json", "--specs", "specs/orders.spec.yaml", "--assembly", "bin");

        CliRun run = Run("--merge", a, b);

        Assert.Equal(2, run.Exit);
        Assert.Contains("disagree on the specs: feature PAYMENTS is in the first only", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"schemaVersion\": 2, \"features\": [] }", "out/bad.json: a report of schema version 2; this specguard reads version 1 (write every shard's report with the same specguard version); nothing was written.")]
    [InlineData("{ \"schemaVersion\": 1, \"features\": [ { \"key\": ", "out/bad.json: not JSON (")]
    [InlineData("{ \"version\": \"2.1.0\", \"runs\": [] }", "out/bad.json: not a specguard report (no \"schemaVersion\" and \"features\"; write one with 'specguard report --format json'); nothing was written.")]
    [InlineData("[1, 2, 3]", "out/bad.json: not a specguard report (")]
    [InlineData("{ \"schemaVersion\": 1, \"features\": [ { \"key\": 7 } ] }", "out/bad.json: not a specguard report of schema version 1 (\"key\" is not a string); nothing was written.")]
    public void A_file_that_is_not_a_report_of_this_schema_is_an_error(string text, string message)
    {
        string good = Shard("out/good.json", "--assembly", "bin");
        _shop.Write("out/bad.json", text);

        CliRun run = Run("--merge", good, "out/bad.json", "--output", "out/never.md");

        Assert.Equal(2, run.Exit);
        Assert.Equal(string.Empty, run.Output);
        Assert.Contains("specguard report: --merge " + message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.False(File.Exists(Path.Combine(_shop.Root, "out", "never.md")));
    }

    [Fact]
    public void A_missing_file_is_an_error()
    {
        CliRun run = Run("--merge", "out/none.json");

        Assert.Equal(2, run.Exit);
        Assert.StartsWith("specguard report: --merge out/none.json: cannot read the file (", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--assembly", "bin")]
    [InlineData("--specs", "specs")]
    [InlineData("--trx", "results")]
    [InlineData("--findings", "obj")]
    [InlineData("--baseline", "src")]
    public void Merge_cannot_be_combined_with_the_inputs_of_a_run(string option, string value)
    {
        string good = Shard("out/excl.json", "--assembly", "bin");

        CliRun run = Run("--merge", good, option, value);

        Assert.Equal(2, run.Exit);
        Assert.Equal("specguard report: --merge reads the inputs from the JSON reports it merges; it cannot be combined with --specs, --assembly, --trx, --findings, --baseline or --baseline-base.", run.Error.TrimEnd());
    }

    [Fact]
    public void Merge_refuses_sarif_and_an_output_that_is_one_of_its_inputs()
    {
        string good = Shard("out/in.json", "--assembly", "bin");

        CliRun sarif = Run("--merge", good, "--format", "sarif");
        CliRun overwrite = Run("--merge", good, "--format", "json", "--output", good);

        Assert.Equal(2, sarif.Exit);
        Assert.Contains("--merge cannot write sarif", sarif.Error, StringComparison.Ordinal);
        Assert.Equal(2, overwrite.Exit);
        Assert.Contains("--output 'out/in.json' is a report the merge reads; nothing was written.", overwrite.Error, StringComparison.Ordinal);
    }

    private static JsonElement Criterion(JsonElement root, string id) =>
        root.GetProperty("features").EnumerateArray()
            .SelectMany(static f => f.GetProperty("criteria").EnumerateArray())
            .Single(c => c.GetProperty("id").GetString() == id);
}
