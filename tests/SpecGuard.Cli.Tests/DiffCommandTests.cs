using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using SpecGuard.Cli.Tests.Fixtures;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>
/// <c>specguard diff</c> end to end through the command line, against real git repositories created in the tests:
/// branches, merges, renames, a deleted spec file, a criterion moved between files, links in the source text, and
/// assemblies built from the head (with PDBs) for the code side.
/// </summary>
public sealed class DiffCommandTests : IDisposable
{
    internal const string Orders = """
        specguard: 1
        feature: ORDERS
        title: Orders
        criteria:
          - id: ORDERS-001
            title: A customer can place an order
            given: a signed-in customer
            when: the customer submits the order
            then:
              - an order is created
              - stock is reserved
          - id: ORDERS-002
            title: Orders can be cancelled
            then: the order is cancelled
          - id: ORDERS-003
            title: Orders have a number
            then: the order has a number
        """;

    internal const string Payments = """
        specguard: 1
        feature: PAYMENTS
        title: Payments
        criteria:
          - id: PAYMENTS-001
            title: Refunds
            then: the amount is refunded
        """;

    private const string OrdersCode = """
        namespace Shop
        {
            public class OrdersController
            {
                [SpecGuard.Implements("ORDERS-001")]
                public int Place(int quantity)
                {
                    int total = quantity * 2;
                    return total;
                }

                [SpecGuard.Implements("ORDERS-002")]
                public void Cancel()
                {
                    System.GC.KeepAlive("cancelled");
                }
            }
        }
        """;

    private const string OrdersTests = """
        namespace Shop.Tests
        {
            public class OrdersTests
            {
                [SpecGuard.Verifies("ORDERS-001")]
                public void Places_an_order()
                {
                    System.GC.KeepAlive("placed");
                }

                [SpecGuard.Verifies("ORDERS-002")]
                public void Cancels_an_order()
                {
                    System.GC.KeepAlive("cancelled");
                }
            }
        }
        """;

    private readonly TestRepository _repo = new("specguard-diff-");

    public void Dispose()
    {
        _repo.Dispose();
        Directory.Delete(_build, recursive: true);
    }

    private sealed record Run(int Exit, string Output, string Error);

    private Run Diff(params string[] args) => DiffWith(null, args);

    private Run DiffWith(Dictionary<string, string>? environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = CommandLine.Run(["diff", .. args], output, error, _repo.Root, BaselineCommand.DotnetBuild, name => environment is not null && environment.TryGetValue(name, out string? value) ? value : null);
        return new Run(exit, output.ToString(), error.ToString());
    }

    private static JsonElement Json(Run run)
    {
        Assert.True(run.Exit is 0 or 1, run.Error);
        return JsonDocument.Parse(run.Output).RootElement;
    }

    private static JsonElement Criterion(JsonElement diff, string id) =>
        diff.GetProperty("features").EnumerateArray().SelectMany(static f => f.GetProperty("criteria").EnumerateArray()).First(c => c.GetProperty("id").GetString() == id);

    private static string[] Changes(JsonElement diff) =>
        [.. diff.GetProperty("features").EnumerateArray().SelectMany(static f => f.GetProperty("criteria").EnumerateArray())
            .Select(static c => c.GetProperty("id").GetString() + ":" + (c.GetProperty("change").ValueKind == JsonValueKind.Null ? "-" : c.GetProperty("change").GetString()))
            .Order(StringComparer.Ordinal)];

    private void Base()
    {
        _repo.Write("specs/orders.spec.yaml", Orders).Write("specs/payments.spec.yaml", Payments)
            .Write("src/Orders.cs", OrdersCode).Write("tests/OrdersTests.cs", OrdersTests);
        _repo.Commit("base");
        _repo.Git("checkout", "-q", "-b", "feature");
    }

    // ---- the spec side ----

    [Verifies(SpecGuard.Specs.CliCriteria.CLI_010)]
    [Fact]
    public void A_branch_that_adds_changes_and_removes_criteria_is_described_per_criterion()
    {
        Base();
        _repo.Write("specs/orders.spec.yaml", Orders
            .Replace("  - stock is reserved", "  - stock is reserved for a day", StringComparison.Ordinal)
            .Replace("""
                  - id: ORDERS-003
                    title: Orders have a number
                    then: the order has a number
                """, """
                  - id: ORDERS-004
                    title: Orders can be tracked
                    then: the customer sees where the order is
                """, StringComparison.Ordinal));
        _repo.Commit("change orders");

        JsonElement diff = Json(Diff("--base", "main", "--format", "json"));
        Assert.Equal(["ORDERS-001:changed", "ORDERS-003:removed", "ORDERS-004:added"], Changes(diff));
        JsonElement changed = Criterion(diff, "ORDERS-001");
        Assert.True(changed.GetProperty("normative").GetBoolean());
        string[] lines = [.. changed.GetProperty("fields").EnumerateArray().Single(static f => f.GetProperty("field").GetString() == "then").GetProperty("lines").EnumerateArray().Select(static l => l.GetString()!)];
        Assert.Equal([" an order is created", "-stock is reserved", "+stock is reserved for a day"], lines);
        Assert.Equal("specs/orders.spec.yaml", Criterion(diff, "ORDERS-004").GetProperty("at").GetProperty("path").GetString());
        Assert.Equal(1, diff.GetProperty("summary").GetProperty("added").GetInt32());

        Run md = Diff("--base", "main");
        Assert.Equal(0, md.Exit);
        Assert.Contains("#### ORDERS-001 — changed: what it requires", md.Output, StringComparison.Ordinal);
        Assert.Contains("-   stock is reserved\n+   stock is reserved for a day\n", md.Output, StringComparison.Ordinal);
        Assert.Contains("#### ORDERS-004 — added", md.Output, StringComparison.Ordinal);
    }

    [Verifies(SpecGuard.Specs.CliCriteria.CLI_010)]
    [Fact]
    public void A_rename_a_move_between_files_and_a_deleted_spec_file_are_told_apart()
    {
        Base();
        // ORDERS-002 keeps its text as ORDERS-012; ORDERS-003 moves to a second ORDERS file; payments is deleted.
        string orders = Orders.Replace("id: ORDERS-002", "id: ORDERS-012", StringComparison.Ordinal);
        int cut = orders.IndexOf("  - id: ORDERS-003", StringComparison.Ordinal);
        _repo.Write("specs/orders.spec.yaml", orders[..cut]);
        _repo.Write("specs/orders-more.spec.yaml", "specguard: 1\nfeature: ORDERS\ntitle: Orders\ncriteria:\n" + orders[cut..]);
        _repo.Delete("specs/payments.spec.yaml");
        _repo.Commit("rename, move, delete");

        JsonElement diff = Json(Diff("--base", "main", "--format", "json"));
        Assert.Equal(["ORDERS-003:moved", "ORDERS-012:renamed", "PAYMENTS-001:removed"], Changes(diff));
        Assert.Equal("ORDERS-002", Criterion(diff, "ORDERS-012").GetProperty("previousId").GetString());
    }

    [Verifies(SpecGuard.Specs.CliCriteria.CLI_010)]
    [Fact]
    public void The_base_branch_moving_on_after_the_branch_point_is_not_part_of_the_change()
    {
        Base();
        _repo.Write("specs/orders.spec.yaml", Orders.Replace("then: the order is cancelled", "then: the order is cancelled at once", StringComparison.Ordinal));
        _repo.Commit("feature change");
        _repo.Git("checkout", "-q", "main");
        _repo.Write("specs/payments.spec.yaml", Payments.Replace("Refunds", "Refunds are possible", StringComparison.Ordinal));
        _repo.Commit("main moves on");
        _repo.Git("checkout", "-q", "feature");
        _repo.Git("merge", "-q", "--no-edit", "main");

        JsonElement diff = Json(Diff("--base", "main", "--format", "json"));
        Assert.Equal(["ORDERS-002:changed"], Changes(diff));
    }

    [Fact]
    public void An_id_both_branches_add_differently_collides_and_fails_when_asked()
    {
        Base();
        _repo.Write("specs/payments.spec.yaml", Payments + "\n  - id: PAYMENTS-002\n    title: Card payments\n    then: the card is charged\n");
        _repo.Commit("feature adds PAYMENTS-002");
        _repo.Git("checkout", "-q", "main");
        _repo.Write("specs/payments.spec.yaml", Payments + "\n  - id: PAYMENTS-002\n    title: Invoices\n    then: an invoice is sent\n");
        _repo.Commit("main adds another PAYMENTS-002");
        _repo.Git("checkout", "-q", "feature");

        Run run = Diff("--base", "main", "--format", "json", "--fail-on", "collision");
        Assert.Equal(1, run.Exit);
        Assert.Contains("--fail-on collision: 1 — PAYMENTS-002", run.Error, StringComparison.Ordinal);
        Assert.Contains("PAYMENTS-002:collision", Changes(Json(run)));
        Assert.Equal(0, Diff("--base", "main", "--format", "json").Exit);
    }

    // ---- links in the source text ----

    [Verifies(SpecGuard.Specs.CliCriteria.CLI_011)]
    [Fact]
    public void Removing_a_criterion_that_code_still_links_to_needs_attention_and_fails_when_asked()
    {
        Base();
        _repo.Write("specs/orders.spec.yaml", Orders.Replace("""
              - id: ORDERS-002
                title: Orders can be cancelled
                then: the order is cancelled

            """, string.Empty, StringComparison.Ordinal));
        _repo.Commit("remove ORDERS-002");

        Run run = Diff("--base", "main", "--fail-on", "removed-with-links");
        Assert.Equal(1, run.Exit);
        Assert.Contains("❌ **ORDERS-002** is removed, and 2 link(s) still name it — src/Orders.cs:12, tests/OrdersTests.cs:11", run.Output, StringComparison.Ordinal);
        Assert.Contains("--fail-on removed-with-links: 1 — ORDERS-002", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Deleting_the_last_test_of_a_criterion_is_reported_but_a_test_left_elsewhere_is_not()
    {
        Base();
        _repo.Write("tests/MoreTests.cs", "namespace Shop.Tests { public class More { [SpecGuard.Verifies(\"ORDERS-001\")] public void Again() { } } }");
        _repo.Commit("another test of ORDERS-001");
        _repo.Git("checkout", "-q", "main");
        _repo.Git("merge", "-q", "feature");
        _repo.Git("checkout", "-q", "feature");
        _repo.Delete("tests/OrdersTests.cs");
        _repo.Commit("delete the orders tests");

        Run run = Diff("--base", "main", "--format", "json", "--fail-on", "lost-test");
        Assert.Equal(1, run.Exit);
        JsonElement diff = Json(run);
        Assert.True(Criterion(diff, "ORDERS-002").GetProperty("lostLastTest").GetBoolean());
        Assert.DoesNotContain(diff.GetProperty("features").EnumerateArray().SelectMany(static f => f.GetProperty("criteria").EnumerateArray()), static c => c.GetProperty("id").GetString() == "ORDERS-001");
        Assert.Contains("--fail-on lost-test: 1 — ORDERS-002", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_text_with_links_is_suspect_until_the_review_record_holds_its_new_fingerprint()
    {
        Base();
        _repo.Write("specs/orders.spec.yaml", Orders.Replace("then: the order is cancelled", "then: the order is cancelled and refunded", StringComparison.Ordinal));
        _repo.Commit("change ORDERS-002");
        JsonElement suspect = Json(Diff("--base", "main", "--format", "json"));
        Assert.True(Criterion(suspect, "ORDERS-002").GetProperty("suspect").GetBoolean());
        Assert.Equal(2, Criterion(suspect, "ORDERS-002").GetProperty("headLinks").GetArrayLength());

        var output = new StringWriter();
        Assert.Equal(0, CommandLine.Run(["review", "ORDERS-002"], output, new StringWriter(), _repo.Root));
        _repo.Commit("review ORDERS-002");
        JsonElement reviewed = Json(Diff("--base", "main", "--format", "json"));
        Assert.False(Criterion(reviewed, "ORDERS-002").GetProperty("suspect").GetBoolean());
    }

    // ---- bad input ----

    [Fact]
    public void Outside_a_git_repository_it_says_so_with_exit_2()
    {
        string folder = Directory.CreateTempSubdirectory("specguard-nogit-").FullName;
        try
        {
            var error = new StringWriter();
            int exit = CommandLine.Run(["diff", "--base", "main"], new StringWriter(), error, folder, BaselineCommand.DotnetBuild, static _ => null);
            Assert.Equal(2, exit);
            Assert.StartsWith("specguard diff: " + folder + " is not in a git repository", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void An_unknown_base_is_exit_2_with_a_message()
    {
        Base();
        Run run = Diff("--base", "origin/nope");
        Assert.Equal(2, run.Exit);
        Assert.Contains("--base 'origin/nope' is not a commit of the git repository", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
        Assert.Equal(2, Diff("--base", "--all").Exit);
    }

    [Fact]
    public void A_shallow_clone_without_the_base_says_to_fetch_it()
    {
        Base();
        _repo.Commit("one");
        _repo.Commit("two");
        using var clone = new TestRepository("specguard-shallow-");
        clone.Git("clone", "-q", "--depth", "1", "--branch", "feature", "file://" + _repo.Root, "c");
        var error = new StringWriter();
        int exit = CommandLine.Run(["diff", "--base", _repo.Git("rev-parse", "main").Trim()], new StringWriter(), error, Path.Combine(clone.Root, "c"), BaselineCommand.DotnetBuild, static _ => null);
        Assert.Equal(2, exit);
        Assert.Contains("shallow clone", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("fetch-depth: 0", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_spec_file_that_does_not_load_on_the_head_is_exit_2_naming_the_file_and_line()
    {
        Base();
        _repo.Write("specs/payments.spec.yaml", "specguard: 1\nfeature: PAYMENTS\ncriteria: [ unclosed\n");
        _repo.Commit("break payments");
        Run run = Diff("--base", "main");
        Assert.Equal(2, run.Exit);
        Assert.Contains("the spec files of HEAD", run.Error, StringComparison.Ordinal);
        Assert.Contains("specs/payments.spec.yaml(", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Fail_on_untraced_without_findings_is_a_usage_error()
    {
        Base();
        Run run = Diff("--base", "main", "--fail-on", "untraced");
        Assert.Equal(2, run.Exit);
        Assert.Contains("--fail-on untraced needs --findings", run.Error, StringComparison.Ordinal);
    }

    // ---- the code side, through assemblies built from the head ----

    private readonly string _build = Directory.CreateTempSubdirectory("specguard-diff-bin-").FullName;

    /// <summary>Builds the working tree's code as csc does (bytes from disk, SHA-256 checksums), outside the repository.</summary>
    private string BuildHead(string name = "Shop")
    {
        string attributes = Path.Combine(_build, "SpecGuard.g.cs");
        File.WriteAllText(attributes, FixtureCompiler.AttributesSource);
        return FixtureCompiler.CompileFiles(Path.Combine(_build, "bin"), name, [_repo.PathOf("src/Orders.cs"), _repo.PathOf("tests/OrdersTests.cs"), attributes]);
    }

    [Fact]
    public void Changed_lines_map_to_the_methods_and_the_criteria_they_serve()
    {
        Base();
        _repo.Write("src/Orders.cs", OrdersCode.Replace("int total = quantity * 2;", "int total = quantity * 3;", StringComparison.Ordinal));
        _repo.Write("tests/OrdersTests.cs", OrdersTests.Replace("\"cancelled\"", "\"really cancelled\"", StringComparison.Ordinal));
        _repo.Commit("change code and a test");
        string dll = BuildHead();

        JsonElement diff = Json(Diff("--base", "main", "--format", "json", "--assembly", dll));
        JsonElement place = Criterion(diff, "ORDERS-001");
        JsonElement site = Assert.Single(place.GetProperty("codeChanged").EnumerateArray());
        Assert.Equal("Shop.OrdersController.Place", site.GetProperty("symbol").GetString());
        Assert.Equal("src/Orders.cs", site.GetProperty("path").GetString());
        Assert.Equal(FixtureCompiler.LineOf(OrdersCode, "public int Place") + 1, site.GetProperty("startLine").GetInt32());
        Assert.Empty(place.GetProperty("testsChanged").EnumerateArray());
        JsonElement cancel = Criterion(diff, "ORDERS-002");
        Assert.Equal("Shop.Tests.OrdersTests.Cancels_an_order", Assert.Single(cancel.GetProperty("testsChanged").EnumerateArray()).GetProperty("symbol").GetString());
        Assert.True(diff.GetProperty("codeMapped").GetBoolean());

        Run md = Diff("--base", "main", "--assembly", dll);
        Assert.Contains("- Code changed: `Shop.OrdersController.Place` (src/Orders.cs:", md.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_renamed_and_edited_code_file_maps_its_changed_lines_in_the_new_path()
    {
        Base();
        _repo.Move("src/Orders.cs", "src/Shop/OrdersController.cs");
        _repo.Write("src/Shop/OrdersController.cs", OrdersCode.Replace("int total = quantity * 2;", "int total = quantity * 4;", StringComparison.Ordinal));
        _repo.Commit("move and edit");
        string attributes = Path.Combine(_build, "SpecGuard.g.cs");
        File.WriteAllText(attributes, FixtureCompiler.AttributesSource);
        string dll = FixtureCompiler.CompileFiles(Path.Combine(_build, "bin"), "Shop", [_repo.PathOf("src/Shop/OrdersController.cs"), _repo.PathOf("tests/OrdersTests.cs"), attributes]);

        JsonElement diff = Json(Diff("--base", "main", "--format", "json", "--assembly", dll));
        JsonElement site = Assert.Single(Criterion(diff, "ORDERS-001").GetProperty("codeChanged").EnumerateArray());
        Assert.Equal("src/Shop/OrdersController.cs", site.GetProperty("path").GetString());
        Assert.Equal("Shop.OrdersController.Place", site.GetProperty("symbol").GetString());
        Assert.DoesNotContain(diff.GetProperty("features").EnumerateArray().SelectMany(static f => f.GetProperty("criteria").EnumerateArray()), static c => c.GetProperty("id").GetString() == "ORDERS-002");
    }

    [Fact]
    public void An_attribute_line_added_above_a_method_maps_to_that_method()
    {
        Base();
        _repo.Write("src/Orders.cs", OrdersCode.Replace("[SpecGuard.Implements(\"ORDERS-002\")]", "[SpecGuard.Implements(\"ORDERS-002\", \"ORDERS-003\")]", StringComparison.Ordinal));
        _repo.Commit("Cancel also implements ORDERS-003");
        string dll = BuildHead();
        JsonElement diff = Json(Diff("--base", "main", "--format", "json", "--assembly", dll));
        Assert.Equal("Shop.OrdersController.Cancel", Assert.Single(Criterion(diff, "ORDERS-003").GetProperty("codeChanged").EnumerateArray()).GetProperty("symbol").GetString());
    }

    [Fact]
    public void An_assembly_built_from_other_sources_than_the_head_is_exit_2()
    {
        Base();
        string dll = BuildHead();
        _repo.Write("src/Orders.cs", OrdersCode.Replace("int total = quantity * 2;", "int total = quantity * 3;", StringComparison.Ordinal));
        _repo.Commit("change after the build");
        Run run = Diff("--base", "main", "--assembly", dll);
        Assert.Equal(2, run.Exit);
        Assert.Contains("was not built from HEAD", run.Error, StringComparison.Ordinal);
        Assert.Contains("src/Orders.cs differs", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_assemblies_and_findings_the_diff_says_what_it_left_out()
    {
        Base();
        _repo.Write("src/Orders.cs", OrdersCode.Replace("* 2", "* 3", StringComparison.Ordinal));
        _repo.Commit("code only");
        Run run = Diff("--base", "main");
        Assert.Equal(0, run.Exit);
        Assert.Contains("**Code:** not mapped (no --assembly) · untraced code not checked (no --findings)", run.Output, StringComparison.Ordinal);
        Assert.Contains("Code side: no --assembly given", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Untraced_findings_on_changed_lines_are_listed_and_fail_when_asked_but_old_ones_are_not()
    {
        Base();
        string code = OrdersCode.Replace("""
                    [SpecGuard.Implements("ORDERS-002")]
            """, """
                    public void Refund() { }

                    [SpecGuard.Implements("ORDERS-002")]
            """, StringComparison.Ordinal);
        _repo.Write("src/Orders.cs", code);
        _repo.Commit("add Refund");
        int refund = FixtureCompiler.LineOf(code, "public void Refund");
        int old = FixtureCompiler.LineOf(code, "public class OrdersController");
        string sarif = Path.Combine(_repo.Root, "obj", "Shop.specguard.sarif");
        Directory.CreateDirectory(Path.GetDirectoryName(sarif)!);
        File.WriteAllText(sarif, SarifWriter.Write(
        [
            new SarifResult("SPEC100", "Public method 'Refund' traces to no criterion.", new Uri(_repo.PathOf("src/Orders.cs")).AbsoluteUri, refund, 21, "error"),
            new SarifResult("SPEC100", "Public type 'OrdersController' traces to no criterion.", new Uri(_repo.PathOf("src/Orders.cs")).AbsoluteUri, old, 18, "error"),
        ]));

        Run run = Diff("--base", "main", "--findings", "obj", "--fail-on", "untraced");
        Assert.Equal(1, run.Exit);
        Assert.Contains($"| SPEC100 | src/Orders.cs:{refund} | Public method 'Refund' traces to no criterion. |", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("OrdersController' traces", run.Output, StringComparison.Ordinal);
        Assert.Contains("--fail-on untraced: 1", run.Error, StringComparison.Ordinal);
    }

    // ---- outputs ----

    [Fact]
    public void Sarif_output_locates_results_on_spec_and_code_lines_with_spec_rule_ids()
    {
        Base();
        _repo.Write("specs/orders.spec.yaml", Orders.Replace("""
              - id: ORDERS-002
                title: Orders can be cancelled
                then: the order is cancelled

            """, string.Empty, StringComparison.Ordinal).Replace("title: Orders have a number", "title: Orders have a unique number", StringComparison.Ordinal));
        _repo.Commit("remove ORDERS-002, change ORDERS-003");
        Run run = Diff("--base", "main", "--format", "sarif");
        Assert.Equal(0, run.Exit);
        JsonElement log = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal("2.1.0", log.GetProperty("version").GetString());
        var results = log.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        JsonElement unknown = results.First(static r => r.GetProperty("ruleId").GetString() == "SPEC102");
        Assert.Equal("src/Orders.cs", unknown.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(12, unknown.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
        JsonElement changed = results.Single(static r => r.GetProperty("ruleId").GetString() == "specguard/criterion-changed");
        Assert.Equal("specs/orders.spec.yaml", changed.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
    }

    [Fact]
    public void In_GitHub_Actions_annotations_go_to_stderr_and_stdout_stays_json()
    {
        Base();
        _repo.Write("specs/payments.spec.yaml", Payments + "\n  - id: PAYMENTS-002\n    title: Card payments\n    then: the card is charged\n");
        _repo.Commit("add PAYMENTS-002");
        Run run = DiffWith(new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_WORKSPACE"] = _repo.Root }, "--base", "main", "--format", "json");
        Assert.Equal(0, run.Exit);
        _ = JsonDocument.Parse(run.Output);
        Assert.Contains("::notice file=specs/payments.spec.yaml,line=", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("::", Diff("--base", "main", "--format", "json").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_markdown_fits_a_github_comment_however_many_criteria_change()
    {
        _repo.Write("specs/orders.spec.yaml", Orders);
        _repo.Commit("base");
        _repo.Git("checkout", "-q", "-b", "feature");
        for (int f = 0; f < 40; f++)
        {
            var text = new System.Text.StringBuilder($"specguard: 1\nfeature: BIG{f}\ntitle: Big {f}\ncriteria:\n");
            for (int i = 1; i <= 100; i++)
            {
                text.Append($"  - id: BIG{f}-{i:000}\n    title: Criterion {i} of a feature with a rather long title to fill the comment quickly\n    then: it holds\n");
            }

            _repo.Write($"specs/big{f}.spec.yaml", text.ToString());
        }

        _repo.Commit("4,000 criteria");
        Run run = Diff("--base", "main");
        Assert.Equal(0, run.Exit);
        Assert.True(run.Output.Length <= 65_536, run.Output.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("To fit a comment", run.Output, StringComparison.Ordinal);
        Assert.Contains("</sub>", run.Output, StringComparison.Ordinal);
        Assert.Equal(4000, Json(Diff("--base", "main", "--format", "json")).GetProperty("summary").GetProperty("added").GetInt32());
    }

    [Fact]
    public void Spec_text_cannot_break_out_of_the_markdown()
    {
        Base();
        _repo.Write("specs/orders.spec.yaml", Orders.Replace("then: the order is cancelled", "then: \"``` </details> <script>x</script>\"", StringComparison.Ordinal)
            .Replace("title: Orders can be cancelled", "title: \"<img src=x> | **bold** @octo-org/team\"", StringComparison.Ordinal));
        _repo.Commit("hostile text");
        Run run = Diff("--base", "main");
        Assert.Equal(0, run.Exit);
        // Outside code fences the text is escaped; inside the diff fence (which its backticks cannot close) it is shown as written.
        // ...and a mention in spec text pages nobody: a zero-width space follows the '@' outside code.
        Assert.Contains("> &lt;img src=x&gt; \\| \\*\\*bold\\*\\* @&#8203;octo-org/team  \n", run.Output, StringComparison.Ordinal);
        Assert.Single(run.Output.Split('\n'), static l => l.Contains("<img", StringComparison.Ordinal));
        Assert.Contains("+   <img src=x> | **bold** @octo-org/team\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("````diff\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("-   the order is cancelled\n+   ``` </details> <script>x</script>\n````\n", run.Output, StringComparison.Ordinal);
    }
}
