using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using SpecGuard.Cli.Tests.Fixtures;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>
/// Bad input never stops the report: each problem is one line on stderr (and listed in the report), the report is built
/// from what is usable, and the exit code stays 0 unless nothing usable remains or a threshold was asked for.
/// </summary>
public sealed class ReportBadInputTests : IClassFixture<ShopFixture>
{
    private readonly ShopFixture _shop;
    private readonly string _case = "case-" + Guid.NewGuid().ToString("N")[..8];

    public ReportBadInputTests(ShopFixture shop) => _shop = shop;

    private string Case(string relative) => _case + "/" + relative;

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static JsonElement Summary(CliRun run) => JsonDocument.Parse(run.Output).RootElement.GetProperty("summary").Clone();

    private static string Status(CliRun run, string id) =>
        JsonDocument.Parse(run.Output).RootElement.GetProperty("features").EnumerateArray()
            .SelectMany(static f => f.GetProperty("criteria").EnumerateArray())
            .Single(c => c.GetProperty("id").GetString() == id)
            .GetProperty("status").GetString()!;

    [Fact]
    public void Missing_paths_are_skipped_with_one_line_each_and_the_report_is_still_produced()
    {
        CliRun run = _shop.Run("report", "-f", "json", "--specs", "specs", "--specs", "no-specs", "-a", "bin", "-a", "missing/Shop.dll", "--trx", "results", "--trx", "missing.trx");

        Assert.Equal(0, run.Exit);
        Assert.Equal(
            [
                "missing.trx: warning: no such file or folder; skipped.",
                "missing/Shop.dll: warning: no such file or folder; skipped.",
                "no-specs: warning: no such file or folder; skipped.",
            ],
            Lines(run.Error).Order(StringComparer.Ordinal));
        Assert.Equal(30.0, Summary(run).GetProperty("verifiedPercent").GetDouble());
        string[] listed = [.. JsonDocument.Parse(run.Output).RootElement.GetProperty("warnings").EnumerateArray().Select(static w => w.GetProperty("input").GetString()!)];
        Assert.Equal(["missing.trx", "missing/Shop.dll", "no-specs"], listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Warnings_come_in_the_same_order_whatever_the_order_of_the_arguments()
    {
        CliRun one = _shop.Run("report", "-a", "bin", "-a", "zz.dll", "--trx", "b.trx", "--trx", "a.trx", "--specs", "specs", "--specs", "c");
        CliRun two = _shop.Run("report", "--specs", "c", "--specs", "specs", "--trx", "a.trx", "--trx", "b.trx", "-a", "zz.dll", "-a", "bin");

        Assert.Equal(["a.trx", "b.trx", "c", "zz.dll"], Lines(one.Error).Select(static l => l.Split(':')[0]));
        Assert.Equal(one.Error, two.Error);
        Assert.Equal(one.Output, two.Output);
    }

    [Fact]
    public void Markdown_and_html_say_what_was_skipped()
    {
        CliRun md = _shop.Run("report", "-a", "bin", "--trx", "results", "--trx", "missing.trx");
        CliRun html = _shop.Run("report", "-f", "html", "-a", "bin", "--trx", "results", "--trx", "missing.trx");

        Assert.Contains("<details><summary>⚠️ 1 input problem(s): what was skipped</summary>", md.Output, StringComparison.Ordinal);
        Assert.Contains("- missing.trx: warning: no such file or folder; skipped.", md.Output, StringComparison.Ordinal);
        Assert.Contains("<summary>1 input problem(s): what was skipped</summary>", html.Output, StringComparison.Ordinal);
        Assert.Contains("<li><code>missing.trx: warning: no such file or folder; skipped.</code></li>", html.Output, StringComparison.Ordinal);
    }

    [LinuxFact]
    public void An_unreadable_spec_file_is_skipped()
    {
        // /proc/self/mem opens but cannot be read from offset 0, even by root: a dependable read error.
        CliRun run = _shop.Run("report", "-f", "json", "--specs", "specs", "--specs", "/proc/self/mem", "-a", "bin", "--trx", "results");

        Assert.Equal(0, run.Exit);
        string line = Assert.Single(Lines(run.Error));
        Assert.StartsWith("/proc/self/mem: warning: cannot read the file (", line, StringComparison.Ordinal);
        Assert.EndsWith("); skipped.", line, StringComparison.Ordinal);
        Assert.Equal(10, Summary(run).GetProperty("counted").GetInt32());
    }

    [Fact]
    public void Corrupt_and_non_dotnet_dlls_named_explicitly_get_a_line_each()
    {
        byte[] shop = File.ReadAllBytes(_shop.ShopDll);
        string truncated = _shop.Write(Case("Truncated.dll"), string.Empty);
        File.WriteAllBytes(truncated, shop[..(shop.Length / 2)]);
        string text = _shop.Write(Case("Readme.dll"), "This is not an assembly.");
        string native = _shop.Write(Case("Native.dll"), string.Empty);
        File.WriteAllBytes(native, WithoutCliHeader(shop));

        CliRun run = _shop.Run("report", "-f", "json", "-a", "bin", "-a", truncated, "-a", text, "-a", native, "--trx", "results");

        Assert.Equal(0, run.Exit);
        string[] lines = Lines(run.Error);
        Assert.Equal(3, lines.Length);
        Assert.Contains(Case("Native.dll") + ": warning: not a .NET assembly (a native DLL without .NET metadata); skipped.", lines);
        Assert.Contains(Case("Readme.dll") + ": warning: not a .NET assembly (not a PE file); skipped.", lines);
        Assert.Single(lines, l => l.StartsWith(Case("Truncated.dll") + ": warning: corrupt ", StringComparison.Ordinal) && l.EndsWith("; skipped.", StringComparison.Ordinal));
        Assert.Equal(30.0, Summary(run).GetProperty("verifiedPercent").GetDouble());
    }

    [Fact]
    public void In_a_folder_native_dlls_are_summed_up_and_corrupt_ones_named()
    {
        string bin = Path.Combine(_shop.Root, _case, "bin");
        Directory.CreateDirectory(Path.Combine(bin, "runtimes", "linux-x64", "native"));
        File.Copy(_shop.ShopDll, Path.Combine(bin, "Shop.dll"));
        File.Copy(_shop.TestsDll, Path.Combine(bin, "Shop.Tests.dll"));
        byte[] shop = File.ReadAllBytes(_shop.ShopDll);
        File.WriteAllBytes(Path.Combine(bin, "runtimes", "linux-x64", "native", "e_sqlite3.dll"), WithoutCliHeader(shop));
        File.WriteAllBytes(Path.Combine(bin, "Broken.dll"), shop[..1000]);

        CliRun run = _shop.Run("report", "-f", "json", "-a", Case("bin"), "--trx", "results");

        Assert.Equal(0, run.Exit);
        string[] lines = Lines(run.Error);
        Assert.Equal(2, lines.Length);
        Assert.Contains(lines, static l => l.Contains("/bin/Broken.dll: warning: corrupt", StringComparison.Ordinal));
        Assert.Contains(Case("bin") + ": warning: skipped 1 file(s) that are not .NET assemblies (native libraries or other files), e.g. e_sqlite3.dll.", lines);
        Assert.Equal(30.0, Summary(run).GetProperty("verifiedPercent").GetDouble());
    }

    [Fact]
    public void A_missing_or_corrupt_pdb_costs_only_the_locations()
    {
        string noPdb = Path.Combine(_shop.Root, _case, "nopdb");
        FixtureCompiler.Compile(noPdb, "Shop", [(Path.Combine(_shop.Root, "src", "Shop", "Orders.cs"), ShopFixture.ShopSource), (Path.Combine(_shop.Root, "src", "Shop", "Attributes.cs"), FixtureCompiler.AttributesSource)], pdb: false);
        string badPdb = Path.Combine(_shop.Root, _case, "badpdb");
        FixtureCompiler.Compile(badPdb, "Shop.Tests", [(Path.Combine(_shop.Root, "tests", "OrderTests.cs"), ShopFixture.TestsSource), (Path.Combine(_shop.Root, "tests", "Attributes.cs"), FixtureCompiler.AttributesSource)]);
        File.WriteAllText(Path.Combine(badPdb, "Shop.Tests.pdb"), "not a pdb");

        CliRun run = _shop.Run("report", "-f", "json", "-a", Case("nopdb"), "-a", Case("badpdb"), "--trx", "results");

        Assert.Equal(0, run.Exit);
        Assert.Equal(Case("badpdb/Shop.Tests.dll") + ": warning: cannot read its portable PDB (Metadata header too small.); no file:line for its symbols.", Assert.Single(Lines(run.Error)));
        JsonElement root = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(
            ["Shop (no PDB: no file:line)", "Shop.Tests (no PDB: no file:line)"],
            root.GetProperty("inputs").EnumerateArray().Where(static i => i.GetProperty("kind").GetString() == "assembly").Select(static i => i.GetProperty("detail").GetString()).Order(StringComparer.Ordinal));
        JsonElement place = root.GetProperty("features")[0].GetProperty("criteria")[0].GetProperty("implementations")[0];
        Assert.Equal("Shop.OrderService.Place", place.GetProperty("symbol").GetString());
        Assert.Equal(JsonValueKind.Null, place.GetProperty("file").ValueKind);
        Assert.Equal(JsonValueKind.Null, place.GetProperty("line").ValueKind);
        Assert.Equal(30.0, root.GetProperty("summary").GetProperty("verifiedPercent").GetDouble());
    }

    [Fact]
    public void A_truncated_trx_keeps_the_results_read_before_the_break()
    {
        string full = TrxWriter.Write(ShopFixture.Results);
        int fifth = IndexOfNth(full, "<UnitTestResult ", 5);
        _shop.Write(Case("cut-in-results.trx"), full[..(fifth + 40)]);

        CliRun run = _shop.Run("report", "-f", "json", "-a", "bin", "--trx", Case("cut-in-results.trx"));

        Assert.Equal(0, run.Exit);
        string line = Assert.Single(Lines(run.Error));
        Assert.StartsWith(Case("cut-in-results.trx") + ": warning: truncated or malformed XML at line ", line, StringComparison.Ordinal);
        Assert.EndsWith("; used the 4 test result(s) read before that point.", line, StringComparison.Ordinal);
        Assert.Equal("verified", Status(run, "ORDERS-001"));
        Assert.Equal("failing", Status(run, "ORDERS-002"));
        Assert.Equal("implemented-not-verified", Status(run, "ORDERS-008"));
    }

    [Fact]
    public void A_trx_cut_in_its_test_definitions_names_results_from_their_test_names()
    {
        string full = TrxWriter.Write(ShopFixture.Results);
        _shop.Write(Case("cut-in-definitions.trx"), full[..(IndexOfNth(full, "<UnitTest ", 2) + 10)]);

        CliRun run = _shop.Run("report", "-f", "json", "-a", "bin", "--trx", Case("cut-in-definitions.trx"));

        Assert.Equal(0, run.Exit);
        Assert.EndsWith("; used the 12 test result(s) read before that point.", Assert.Single(Lines(run.Error)), StringComparison.Ordinal);
        Assert.Equal(30.0, Summary(run).GetProperty("verifiedPercent").GetDouble());
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?>\n<results><testcase classname=\"Shop.Tests.OrderTests\" name=\"Places_an_order\"/></results>\n", "not a TRX file from 'dotnet test --logger trx' (root element <results>, expected <TestRun> in namespace http://microsoft.com/schemas/VisualStudio/TeamTest/2010); skipped.")]
    [InlineData("<TestRun xmlns=\"urn:other-tool\"><Results/></TestRun>", "not a TRX file from 'dotnet test --logger trx' (root element <TestRun>, expected <TestRun> in namespace http://microsoft.com/schemas/VisualStudio/TeamTest/2010); skipped.")]
    [InlineData("PK\u0003\u0004 binary", "not a TRX file (not XML: Data at the root level is invalid. Line 1, position 1.); skipped.")]
    [InlineData("", "not a TRX file (not XML: Root element is missing.); skipped.")]
    public void A_file_that_is_not_trx_is_skipped(string content, string message)
    {
        _shop.Write(Case("other.trx"), content);

        CliRun run = _shop.Run("report", "-f", "json", "-a", "bin", "--trx", "results", "--trx", Case("other.trx"));

        Assert.Equal(0, run.Exit);
        Assert.Equal(Case("other.trx") + ": warning: " + message, Assert.Single(Lines(run.Error)));
        Assert.Equal(30.0, Summary(run).GetProperty("verifiedPercent").GetDouble());
    }

    [Fact]
    public void A_test_that_no_assembly_declares_is_named_and_not_counted()
    {
        _shop.Write(Case("extra.trx"), TrxWriter.Write([.. ShopFixture.Results, new TrxCase("Other.Tests.InvoiceTests", "Prints", "Failed")]));

        CliRun run = _shop.Run("report", "-f", "json", "-a", "bin", "--trx", Case("extra.trx"), "--fail-on", "failing");

        Assert.Equal(1, run.Exit); // ORDERS-002 fails; the undeclared failure adds nothing
        Assert.Contains(Case("extra.trx") + ": warning: test Other.Tests.InvoiceTests.Prints is declared by no given assembly; its result is not counted (pass its test assembly with --assembly).", Lines(run.Error));
        Assert.Equal(1, Summary(run).GetProperty("failing").GetInt32());
    }

    [Fact]
    public void Many_undeclared_tests_are_summed_up_after_ten_lines()
    {
        _shop.Write(Case("many.trx"), TrxWriter.Write([.. Enumerable.Range(0, 13).Select(static i => new TrxCase("Other.Tests.T" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture), "M", "Passed"))]));

        CliRun run = _shop.Run("report", "-f", "json", "-a", "bin", "--trx", Case("many.trx"));

        string[] lines = Lines(run.Error);
        Assert.Equal(11, lines.Length);
        Assert.Equal(Case("many.trx") + ": warning: 3 more tests are declared by no given assembly; their results are not counted.", lines[^1]);
    }

    [Fact]
    public void Test_results_without_any_assembly_say_why_nothing_links()
    {
        CliRun run = _shop.Run("report", "-f", "json", "--trx", "results");

        Assert.Equal(0, run.Exit);
        Assert.Equal("--assembly: warning: no assemblies were read, so no test result can be linked to a criterion (pass the built test and production assemblies).", Assert.Single(Lines(run.Error)));
        Assert.Equal(10, Summary(run).GetProperty("untraced").GetInt32());
    }

    /// <summary>
    /// Regression (issue 9, class 5): the second file of a key was dropped, so a link to its criterion read "unknown".
    /// Now both files get SPEC005 in the compiler format and the report merges them (SpecSet.FeatureGroups).
    /// </summary>
    [Fact]
    public void Two_spec_files_with_the_same_feature_key_get_SPEC005_and_both_files_criteria_are_reported()
    {
        _shop.Write(Case("specs/a-orders.spec.yaml"), ShopFixture.OrdersSpec);
        // Shop.Payments.Legacy carries [Implements("ORDERS-999")]: declared only by the second file of the key.
        _shop.Write(Case("specs/b-orders.spec.yaml"), "specguard: 1\nfeature: ORDERS\ntitle: More orders\ncriteria:\n  - id: ORDERS-999\n    title: t\n    then: x\n");

        CliRun run = _shop.Run("report", "-f", "json", "--specs", Case("specs"), "-a", "bin", "--trx", "results");

        Assert.Equal(0, run.Exit);
        Assert.Equal(
            [
                Case("specs/a-orders.spec.yaml") + "(3,10): error SPEC005: The feature key 'ORDERS' is also declared in " + Case("specs/b-orders.spec.yaml") + " at line 2; a feature is one spec file. Give one of them another key (and its criteria IDs that prefix), or move its criteria into the other file.",
                Case("specs/b-orders.spec.yaml") + "(2,10): error SPEC005: The feature key 'ORDERS' is also declared in " + Case("specs/a-orders.spec.yaml") + " at line 3; a feature is one spec file. Give one of them another key (and its criteria IDs that prefix), or move its criteria into the other file.",
            ],
            Lines(run.Error));
        Assert.Equal("implemented-not-verified", Status(run, "ORDERS-999"));
        string[] unknown = [.. JsonDocument.Parse(run.Output).RootElement.GetProperty("unknownLinks").EnumerateArray().Select(static u => u.GetProperty("id").GetString()!)];
        Assert.DoesNotContain("ORDERS-999", unknown);
        Assert.All(unknown, id => Assert.StartsWith("PAYMENTS-", id, StringComparison.Ordinal)); // payments.spec.yaml is not among these specs
        JsonElement orders = Assert.Single(JsonDocument.Parse(run.Output).RootElement.GetProperty("features").EnumerateArray(), f => f.GetProperty("key").GetString() == "ORDERS");
        Assert.Equal(("Order placement", Case("specs/a-orders.spec.yaml")), (orders.GetProperty("title").GetString(), orders.GetProperty("path").GetString()));
        Assert.Equal(9, Summary(run).GetProperty("counted").GetInt32());
    }

    [Fact]
    public void Spec_errors_are_printed_in_the_compiler_format_and_the_rest_of_the_file_is_used()
    {
        _shop.Write(Case("specs/orders.spec.yaml"), ShopFixture.OrdersSpec.Replace("    then: the customer sees which items are out of stock", "    thne: the customer sees which items are out of stock", StringComparison.Ordinal));
        _shop.Write(Case("specs/broken.spec.yaml"), "{ not: [yaml");

        CliRun run = _shop.Run("report", "-f", "json", "--specs", Case("specs"), "-a", "bin", "--trx", "results");

        Assert.Equal(0, run.Exit);
        string[] lines = Lines(run.Error);
        Assert.Contains(lines, l => l.StartsWith(Case("specs/orders.spec.yaml") + "(", StringComparison.Ordinal) && l.Contains("): error SPEC002: Unknown key 'thne'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith(Case("specs/broken.spec.yaml") + "(", StringComparison.Ordinal) && l.Contains(": error SPEC001: ", StringComparison.Ordinal));
        Assert.Contains(Case("specs/broken.spec.yaml") + ": warning: no usable feature in this spec file (see the errors above); skipped.", lines);
        Assert.Equal(8, Summary(run).GetProperty("counted").GetInt32());
    }

    [Fact]
    public void Nothing_usable_exits_one_and_still_writes_the_report()
    {
        CliRun run = _shop.Run("report", "--specs", Case("nothing-here"), "-a", "bin", "--trx", "results", "-o", Case("empty.md"));

        Assert.Equal(1, run.Exit);
        Assert.Equal(
            [
                Case("nothing-here") + ": warning: no such file or folder; skipped.",
                "specguard report: no criteria to report on (no usable spec file was found; see the warnings above).",
            ],
            Lines(run.Error));
        string written = File.ReadAllText(Path.Combine(_shop.Root, Case("empty.md")));
        Assert.Contains("**Verified n/a** (0 of 0 criteria)", written, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_file_that_cannot_be_written_exits_one()
    {
        _shop.Write(Case("file"), "a file, not a folder");

        CliRun run = _shop.Run("report", "-a", "bin", "-o", Case("file/report.md"));

        Assert.Equal(1, run.Exit);
        Assert.StartsWith("specguard report: cannot write '" + Case("file/report.md") + "' (", run.Error, StringComparison.Ordinal);
    }

    /// <summary>The same PE file with its CLI header directory entry zeroed: a valid PE image without .NET metadata, like a native DLL.</summary>
    internal static byte[] WithoutCliHeader(byte[] image)
    {
        byte[] copy = (byte[])image.Clone();
        int pe = BitConverter.ToInt32(copy, 0x3C);
        int optional = pe + 4 + 20;
        int directories = optional + (BitConverter.ToUInt16(copy, optional) == 0x20B ? 112 : 96);
        Array.Clear(copy, directories + (14 * 8), 8);
        return copy;
    }

    private static int IndexOfNth(string text, string value, int n)
    {
        int index = -1;
        for (int i = 0; i < n; i++)
        {
            index = text.IndexOf(value, index + 1, StringComparison.Ordinal);
        }

        return index;
    }
}
