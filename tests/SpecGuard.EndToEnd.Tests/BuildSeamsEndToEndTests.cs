using System;
using System.Collections.Generic;
using System.IO;
using Xunit;

namespace SpecGuard.EndToEnd.Tests;

/// <summary>
/// Where MSBuild meets the analyzers: an incremental build notices a deleted spec file, and the CI gate cannot be
/// switched off by a bulk severity setting (only an explicit per-rule setting wins over it).
/// </summary>
public sealed class BuildSeamsEndToEndTests
{
    private const string Orders = """
        specguard: 1
        feature: ORDERS
        title: Orders
        criteria:
          - id: ORDERS-001
            title: Orders can be listed
            then: every order is returned
        """;

    private const string Returns = """
        specguard: 1
        feature: RETURNS
        title: Returns
        criteria:
          - id: RETURNS-001
            title: A return can be requested
            then: a return is created
        """;

    private static readonly Dictionary<string, string> Ci = new() { ["CI"] = "true" };

    [Fact]
    public void Deleting_a_spec_file_that_code_links_to_fails_the_next_incremental_build()
    {
        using var repo = new ConsumerRepository();
        repo.Write("specs/orders.spec.yaml", Orders);
        repo.Write("specs/returns.spec.yaml", Returns);
        repo.WriteStrictLibraryProject("src/Shop/Shop.csproj");
        repo.Write("src/Shop/Returns.cs", """
            namespace Shop
            {
                /// <summary>Returns.</summary>
                [SpecGuard.Implements("RETURNS-001", "ORDERS-001")]
                public sealed class ReturnService
                {
                    private int _count;

                    /// <summary>Requests a return.</summary>
                    /// <returns>The return's number.</returns>
                    public int Request() => ++_count;
                }
            }
            """);
        repo.Dotnet("src/Shop", "build").ShouldSucceed();

        File.Delete(Path.Combine(repo.Root, "specs/returns.spec.yaml"));
        CommandResult after = repo.Dotnet("src/Shop", "build");

        Assert.NotEqual(0, after.ExitCode);
        Assert.Contains("error SPEC102: [Implements] names 'RETURNS-001', which no spec file declares.", after.Output, StringComparison.Ordinal);

        // And a no-op build after that stays a no-op: the input hash is written only when the list changes.
        repo.Write("specs/returns.spec.yaml", Returns);
        repo.Dotnet("src/Shop", "build").ShouldSucceed();
        CommandResult noop = repo.Dotnet("src/Shop", "build", "-v:n").ShouldSucceed();
        Assert.Contains("Skipping target \"CoreCompile\" because all output files are up-to-date", noop.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spec_file_that_is_not_UTF8_is_SPEC001_in_the_build()
    {
        using var repo = new ConsumerRepository();
        repo.WriteStrictLibraryProject("src/Shop/Shop.csproj");
        repo.Write("src/Shop/Nothing.cs", "namespace Shop\n{\n    /// <summary>Nothing.</summary>\n    public static class Nothing\n    {\n    }\n}\n");
        Directory.CreateDirectory(Path.Combine(repo.Root, "specs"));
        File.WriteAllBytes(Path.Combine(repo.Root, "specs/orders.spec.yaml"), System.Text.Encoding.Latin1.GetBytes(Orders.Replace("Orders can be listed", "Les commandes sont listées", StringComparison.Ordinal)));

        CommandResult build = repo.Dotnet("src/Shop", "build");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("orders.spec.yaml(6,35): error SPEC001: The spec file is not valid UTF-8 (the compiler read this byte as U+FFFD).", build.Output, StringComparison.Ordinal);
    }

    private static ConsumerRepository WebApp() => EnforcementEndToEndTests.WebApp("() => \"all\"");

    [Theory]
    [InlineData(".editorconfig", "root = true\n[*]\ndotnet_analyzer_diagnostic.severity = warning\n", "")]
    [InlineData(".editorconfig", "root = true\n[*.cs]\ndotnet_analyzer_diagnostic.severity = suggestion\n", "")]
    [InlineData(".globalconfig", "is_global = true\ndotnet_analyzer_diagnostic.category-SpecGuard.Traceability.severity = none\n", "")]
    [InlineData(".editorconfig", "root = true\n[*]\ndotnet_analyzer_diagnostic.severity = none\n", "-p:AnalysisMode=None")]
    public void Bulk_severity_settings_do_not_switch_the_CI_gate_off(string file, string config, string property)
    {
        using var repo = WebApp();
        repo.Write(file, config);

        CommandResult ci = property.Length == 0 ? repo.Dotnet("src/Shop", Ci, "build") : repo.Dotnet("src/Shop", Ci, "build", property);

        Assert.NotEqual(0, ci.ExitCode);
        Assert.Contains("Program.cs(4,23): error SPEC101:", ci.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.SPEC101.severity = suggestion\n")]
    [InlineData(".globalconfig", "is_global = true\ndotnet_diagnostic.SPEC101.severity = suggestion\n")]
    public void An_explicit_severity_for_the_rule_wins_over_the_CI_gate(string file, string config)
    {
        using var repo = WebApp();
        repo.Write(file, config);

        CommandResult ci = repo.Dotnet("src/Shop", Ci, "build").ShouldSucceed();
        Assert.DoesNotContain("error SPEC101", ci.Output, StringComparison.Ordinal);
    }
}
