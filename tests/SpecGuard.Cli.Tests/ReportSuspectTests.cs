using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using SpecGuard.Cli.Tests.Fixtures;
using SpecGuard.Core;
using SpecGuard.Core.Review;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>
/// The report's <c>suspect</c> status (issue 13): with the review record next to the specs, a criterion changed since
/// its review counts neither as verified nor as implemented, in Markdown, HTML and JSON, and <c>--fail-on suspect</c>
/// gates on it; without the record the report is as before.
/// </summary>
public sealed class ReportSuspectTests : IClassFixture<ShopFixture>
{
    private const string Stale = "0000000000000000";

    private readonly ShopFixture _shop;
    private readonly string _case = "suspect-" + Guid.NewGuid().ToString("N")[..8];

    public ReportSuspectTests(ShopFixture shop)
    {
        _shop = shop;
        _shop.Write(_case + "/specs/orders.spec.yaml", ShopFixture.OrdersSpec);
        _shop.Write(_case + "/specs/payments.spec.yaml", ShopFixture.PaymentsSpec);
    }

    /// <summary>
    /// Records every criterion as reviewed at its current text (with specguard review --all), then marks ORDERS-001
    /// (verified), ORDERS-002 (failing) and ORDERS-003 (implemented, not verified) as reviewed at an older text.
    /// </summary>
    private void RecordWithThreeSuspects()
    {
        CliRun all = _shop.Run("review", "--all", "--specs", _case + "/specs");
        Assert.True(all.Exit == 0, all.Error);
        string path = Path.Combine(_shop.Root, _case, "specs", SpecContract.ReviewRecordFileName);
        ReviewRecord record = ReviewRecord.Parse(path, File.ReadAllText(path));
        File.WriteAllText(path, ReviewRecord.Write(record.Entries.Select(static e => (e.Id, e.Id is "ORDERS-001" or "ORDERS-002" or "ORDERS-003" ? Stale : e.Fingerprint)).Append(("GONE-001", Stale))));
    }

    private CliRun Report(params string[] args) => _shop.Run(["report", "--specs", _case + "/specs", "-a", "bin", "--trx", "results", .. args]);

    private static JsonElement Criterion(JsonElement root, string id) =>
        root.GetProperty("features").EnumerateArray().SelectMany(static f => f.GetProperty("criteria").EnumerateArray()).Single(c => c.GetProperty("id").GetString() == id);

    [Fact]
    public void Json_says_suspect_and_counts_it_neither_verified_nor_implemented()
    {
        JsonElement before = JsonDocument.Parse(Report("-f", "json").Output).RootElement.Clone();
        RecordWithThreeSuspects();

        CliRun run = Report("-f", "json");

        Assert.True(run.Exit == 0, run.Error);
        JsonElement root = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal("suspect", Criterion(root, "ORDERS-001").GetProperty("status").GetString());
        Assert.Equal("failing", Criterion(root, "ORDERS-002").GetProperty("status").GetString()); // a failing test stays failing
        Assert.True(Criterion(root, "ORDERS-002").GetProperty("review").GetProperty("suspect").GetBoolean());
        Assert.Equal("suspect", Criterion(root, "ORDERS-003").GetProperty("status").GetString());
        JsonElement review = Criterion(root, "ORDERS-001").GetProperty("review");
        Assert.Equal(Stale, review.GetProperty("reviewed").GetString());
        Assert.Equal(16, review.GetProperty("fingerprint").GetString()!.Length);
        Assert.False(Criterion(root, "ORDERS-008").GetProperty("review").GetProperty("suspect").GetBoolean());

        JsonElement was = before.GetProperty("summary");
        JsonElement now = root.GetProperty("summary");
        Assert.Equal(0, was.GetProperty("suspect").GetInt32());
        Assert.Equal(2, now.GetProperty("suspect").GetInt32());
        Assert.Equal(was.GetProperty("verified").GetInt32() - 1, now.GetProperty("verified").GetInt32());
        Assert.Equal(was.GetProperty("implementedNotVerified").GetInt32() - 1, now.GetProperty("implementedNotVerified").GetInt32());
        Assert.Equal(was.GetProperty("implemented").GetInt32() - 3, now.GetProperty("implemented").GetInt32()); // 001, 002 and 003 have code
        Assert.True(now.GetProperty("verifiedPercent").GetDouble() < was.GetProperty("verifiedPercent").GetDouble());

        JsonElement reviews = root.GetProperty("reviews");
        Assert.Equal([_case + "/specs/SpecGuard.Reviews.txt"], reviews.GetProperty("paths").EnumerateArray().Select(static p => p.GetString()));
        Assert.Equal(3, reviews.GetProperty("suspect").GetInt32());
        Assert.Equal(["GONE-001"], reviews.GetProperty("unknownIds").EnumerateArray().Select(static p => p.GetString()));

        // Without the record: off, as before.
        Assert.Equal(JsonValueKind.Null, before.GetProperty("reviews").ValueKind);
        Assert.Equal(JsonValueKind.Null, Criterion(before, "ORDERS-001").GetProperty("review").ValueKind);
        Assert.Equal("verified", Criterion(before, "ORDERS-001").GetProperty("status").GetString());
    }

    [Fact]
    public void Markdown_and_html_show_the_suspect_status_only_with_a_record()
    {
        string mdBefore = Report().Output;
        string htmlBefore = Report("-f", "html").Output;
        Assert.DoesNotContain("suspect", mdBefore, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data-status=\"suspect\"", htmlBefore, StringComparison.Ordinal);
        Assert.DoesNotContain("data-set-status=\"suspect\"", htmlBefore, StringComparison.Ordinal);
        RecordWithThreeSuspects();

        string md = Report().Output;
        string html = Report("-f", "html").Output;

        Assert.Contains("🔶 2 suspect", md, StringComparison.Ordinal);
        Assert.Contains("| ⚪ | 🔶 |", md, StringComparison.Ordinal);
        Assert.Contains("🔶 3 suspect criteria: changed since their code and tests were reviewed", md, StringComparison.Ordinal);
        Assert.Contains("- **ORDERS-001** A customer can place an order: 1 implementation(s)", md, StringComparison.Ordinal);
        Assert.Contains("`specguard review ORDERS-001`", md, StringComparison.Ordinal);
        Assert.Contains("`GONE-001` is in the review record, but no spec file declares it", md, StringComparison.Ordinal);
        Assert.Contains("| **ORDERS-001** A customer can place an order | 🔶 Suspect |", md, StringComparison.Ordinal);
        Assert.Contains("❌ Failing, suspect", md, StringComparison.Ordinal);

        Assert.Contains("data-set-status=\"suspect\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"suspect\">Suspect</option>", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split("<tr class=\"criterion\" data-status=\"suspect\"").Length - 1);
        Assert.Contains("class=\"badge s-suspect\">Suspect</span>", html, StringComparison.Ordinal);
        Assert.Contains("then run specguard review ORDERS-002", html, StringComparison.Ordinal);
        Assert.Contains(".s-suspect{background:var(--suspect)}", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Fail_on_suspect_fails_with_the_ids_and_passes_once_reviewed_and_without_a_record()
    {
        CliRun off = Report("--fail-on", "suspect");
        Assert.Equal(0, off.Exit);
        Assert.Contains("no review record", off.Error, StringComparison.Ordinal);

        RecordWithThreeSuspects();
        CliRun run = Report("--fail-on", "suspect");

        Assert.Equal(1, run.Exit);
        Assert.Contains("specguard report: 3 criteria are suspect (--fail-on suspect): ORDERS-001, ORDERS-002, ORDERS-003.", run.Error, StringComparison.Ordinal);

        Assert.Equal(0, _shop.Run("review", "ORDERS-001", "ORDERS-002", "ORDERS-003", "--specs", _case + "/specs").Exit);
        CliRun reviewed = Report("--fail-on", "suspect");
        Assert.True(reviewed.Exit == 0, reviewed.Error);
    }

    [Fact]
    public void A_malformed_record_line_is_a_located_warning_and_the_output_is_deterministic()
    {
        RecordWithThreeSuspects();
        File.AppendAllText(Path.Combine(_shop.Root, _case, "specs", SpecContract.ReviewRecordFileName), "ORDERS-004 not-a-fingerprint\n");

        CliRun one = Report("-f", "json");
        CliRun two = _shop.Run("report", "--specs", _case + "/specs", "-a", _shop.TestsDll, "-a", _shop.ShopDll, "--trx", "results/shop.trx", "-f", "json");

        Assert.Contains(_case + "/specs/SpecGuard.Reviews.txt(", one.Error, StringComparison.Ordinal);
        Assert.Contains("warning SPEC905", one.Error, StringComparison.Ordinal);
        Assert.Equal(one.Output, two.Output);
    }
}
