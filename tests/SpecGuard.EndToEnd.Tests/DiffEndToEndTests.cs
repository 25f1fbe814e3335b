using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace SpecGuard.EndToEnd.Tests;

/// <summary>
/// Issue 14 on the packed package and the real CLI: a consumer repository in git, a branch that changes a criterion's
/// text and the code that implements it, removes a criterion its test still names, and adds an untraced public method;
/// built with report mode (the compiler's SARIF logs, and PDBs path-mapped as a CI build writes them), tested with TRX,
/// then <c>specguard diff --base main</c> over the built assemblies: the changed method is mapped to its criterion,
/// the untraced method is listed from the analyzers' own finding, the removed criterion's link needs attention.
/// </summary>
public sealed class DiffEndToEndTests
{
    private const string Spec = """
        specguard: 1
        feature: ORDERS
        title: Orders
        criteria:
          - id: ORDERS-001
            title: Orders are priced
            then: the total is the sum of the lines
          - id: ORDERS-002
            title: Orders can be cancelled
            then: the order is cancelled
        """;

    private const string Pricing = """
        namespace Shop;

        [SpecGuard.Implements(SpecGuard.Specs.OrdersCriteria.ORDERS_001)]
        public static class Pricing
        {
            public static decimal Total(IEnumerable<decimal> lines)
            {
                decimal total = lines.Sum();
                return total;
            }
        }
        """;

    private static void Git(ConsumerRepository repo, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = repo.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in (string[])["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "git " + string.Join(' ', arguments) + ": " + error.Result);
    }

    private static CommandResult Cli(ConsumerRepository repo, params string[] arguments) =>
        Dotnet.Run(repo.Root, ["run", "--project", Path.Combine(PackedPackage.RepositoryRoot, "src/SpecGuard.Cli/SpecGuard.Cli.csproj"), "--", .. arguments]);

    [Fact]
    public void A_pull_request_branch_is_described_for_its_reviewers_from_the_built_head()
    {
        using var repo = new ConsumerRepository();
        repo.Write("specs/orders.spec.yaml", Spec);
        repo.Write(".gitignore", "bin/\nobj/\nresults-*/\n*.json\n");
        // The change leaves a link to a criterion it removes: a warning here, so the head builds and the diff can show it.
        repo.Write(".editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.SPEC102.severity = warning\n");
        repo.Write("Directory.Build.props", $"""
            <Project>
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SpecGuard" Version="{PackedPackage.Version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        repo.Write("src/Shop/Shop.csproj", """<Project Sdk="Microsoft.NET.Sdk" />""");
        repo.Write("src/Shop/Pricing.cs", Pricing);
        repo.Write("src/Shop/Cancelling.cs", """
            namespace Shop;

            [SpecGuard.Implements("ORDERS-002")]
            public static class Cancelling
            {
                public static bool Cancel() => true;
            }
            """);
        repo.Write("tests/Shop.Tests/Shop.Tests.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <IsPackable>false</IsPackable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.14.1" />
                <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.4" />
                <ProjectReference Include="../../src/Shop/Shop.csproj" />
              </ItemGroup>
            </Project>
            """);
        repo.Write("tests/Shop.Tests/PricingTests.cs", """
            namespace Shop.Tests;

            public sealed class PricingTests
            {
                [Xunit.Fact]
                [SpecGuard.Verifies(SpecGuard.Specs.OrdersCriteria.ORDERS_001)]
                public void Total_is_the_sum() => Xunit.Assert.Equal(3m, Pricing.Total([1m, 2m]));
            }
            """);
        Git(repo, "init", "-q", "-b", "main");
        Git(repo, "add", "-A");
        Git(repo, "commit", "-q", "-m", "base");
        Git(repo, "checkout", "-q", "-b", "change");

        // The change: ORDERS-001 now rounds (spec and code), ORDERS-002 is dropped from the spec while its code stays
        // linked, and a public method without a link is added.
        repo.Write("specs/orders.spec.yaml", Spec
            .Replace("then: the total is the sum of the lines", "then: the total is the sum of the lines, rounded to cents", StringComparison.Ordinal)
            .Replace("""
                  - id: ORDERS-002
                    title: Orders can be cancelled
                    then: the order is cancelled
                """, string.Empty, StringComparison.Ordinal));
        repo.Write("src/Shop/Pricing.cs", Pricing.Replace("decimal total = lines.Sum();", "decimal total = Math.Round(lines.Sum(), 2);", StringComparison.Ordinal));
        repo.Write("src/Shop/Discounts.cs", """
            namespace Shop;

            [SpecGuard.Implements(SpecGuard.Specs.OrdersCriteria.ORDERS_001)]
            public static class Discounts
            {
                [SpecGuard.SpecExempt("kept for the test of the diff")]
                public static decimal None() => 0m;
            }

            public static class Vouchers
            {
                public static decimal Redeem(decimal amount) => amount;
            }
            """);
        Git(repo, "add", "-A");
        Git(repo, "commit", "-q", "-m", "round totals, drop cancelling, vouchers");

        // The head as CI builds it: report mode (SARIF logs; SPEC102 on the dangling link stays a warning) and
        // ContinuousIntegrationBuild (PDB paths mapped to /_/).
        repo.Dotnet("tests/Shop.Tests", "build", "-p:SpecGuardEnforce=report", "-p:ContinuousIntegrationBuild=true").ShouldSucceed();
        (CommandResult test, IReadOnlyDictionary<string, string> outcomes) = repo.Test("tests/Shop.Tests", "--no-build");
        test.ShouldSucceed();
        Assert.Equal("Passed", outcomes["Total_is_the_sum"]);
        string trx = Directory.GetFiles(repo.Root, "results.trx", SearchOption.AllDirectories).Single();

        CommandResult diff = Cli(repo, "diff", "--base", "main", "-a", "src/Shop/bin", "-a", "tests/Shop.Tests/bin", "--findings", "src", "--findings", "tests", "--trx", trx, "-f", "json", "-o", "diff.json", "--fail-on", "removed-with-links");
        Assert.Equal(1, diff.ExitCode);
        Assert.Contains("--fail-on removed-with-links: 1 — ORDERS-002.", diff.Output, StringComparison.Ordinal);

        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(repo.Root, "diff.json")));
        JsonElement root = json.RootElement;
        JsonElement[] criteria = [.. root.GetProperty("features").EnumerateArray().SelectMany(static f => f.GetProperty("criteria").EnumerateArray())];
        JsonElement priced = criteria.Single(static c => c.GetProperty("id").GetString() == "ORDERS-001");
        Assert.Equal("changed", priced.GetProperty("change").GetString());
        Assert.True(priced.GetProperty("normative").GetBoolean());
        Assert.True(priced.GetProperty("suspect").GetBoolean());
        Assert.Equal("verified", priced.GetProperty("status").GetString());
        JsonElement[] code = [.. priced.GetProperty("codeChanged").EnumerateArray()];
        Assert.Contains(code, static s => s.GetProperty("symbol").GetString() == "Shop.Pricing.Total" && s.GetProperty("path").GetString() == "src/Shop/Pricing.cs");
        Assert.Contains(code, static s => s.GetProperty("symbol").GetString()!.StartsWith("Shop.Discounts.", StringComparison.Ordinal) && s.GetProperty("path").GetString() == "src/Shop/Discounts.cs");

        JsonElement cancelled = criteria.Single(static c => c.GetProperty("id").GetString() == "ORDERS-002");
        Assert.Equal("removed", cancelled.GetProperty("change").GetString());
        Assert.True(cancelled.GetProperty("removedWithLinks").GetBoolean());
        Assert.Equal("src/Shop/Cancelling.cs", Assert.Single(cancelled.GetProperty("headLinks").EnumerateArray()).GetProperty("path").GetString());

        JsonElement[] untraced = [.. root.GetProperty("untraced").EnumerateArray()];
        Assert.NotEmpty(untraced);
        Assert.All(untraced, static u => Assert.Equal("src/Shop/Discounts.cs", u.GetProperty("path").GetString()));
        Assert.All(untraced, static u => Assert.Equal("SPEC100", u.GetProperty("rule").GetString()));
        Assert.Contains(untraced, static u => u.GetProperty("message").GetString()!.Contains("Vouchers", StringComparison.Ordinal));
        Assert.DoesNotContain(untraced, static u => u.GetProperty("message").GetString()!.Contains("None", StringComparison.Ordinal));
        Assert.True(root.GetProperty("codeMapped").GetBoolean());

        // The Markdown a pull-request comment gets, and SARIF for code scanning.
        CommandResult md = Cli(repo, "diff", "--base", "main", "-a", "src/Shop/bin", "-a", "tests/Shop.Tests/bin", "--findings", "src", "--findings", "tests").ShouldSucceed();
        Assert.Contains("❌ **ORDERS-002** is removed, and 1 link(s) still name it — src/Shop/Cancelling.cs:3", md.Output, StringComparison.Ordinal);
        Assert.Contains("`Shop.Pricing.Total` (src/Shop/Pricing.cs:", md.Output, StringComparison.Ordinal);
        CommandResult sarif = Cli(repo, "diff", "--base", "main", "-f", "sarif", "-o", "diff.sarif.json").ShouldSucceed();
        Assert.Contains("Wrote diff.sarif.json", sarif.Output, StringComparison.Ordinal);
        using JsonDocument log = JsonDocument.Parse(File.ReadAllText(Path.Combine(repo.Root, "diff.sarif.json")));
        Assert.Contains(log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray(), static r => r.GetProperty("ruleId").GetString() == "SPEC102");
    }
}
