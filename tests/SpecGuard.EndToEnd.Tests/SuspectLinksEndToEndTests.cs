using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace SpecGuard.EndToEnd.Tests;

/// <summary>
/// Issue 13 on the packed package and the real CLI: <c>specguard review --all</c> turns suspect links on; editing a
/// criterion's <c>then</c> puts SPEC105 on its code link and its test link (an error with <c>CI=true</c>, which stops
/// the build at the code's project), the report
/// says <c>suspect</c> (and <c>--fail-on suspect</c> fails), and <c>specguard review ID</c> clears both. The analyzers'
/// half (SPEC105, the record as an AdditionalFile) comes from the rv-an branch: this test passes once both are merged.
/// </summary>
public sealed class SuspectLinksEndToEndTests
{
    private static readonly Dictionary<string, string> Ci = new() { ["CI"] = "true" };

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

    private static ConsumerRepository Repository()
    {
        var repo = new ConsumerRepository();
        repo.Write("specs/orders.spec.yaml", Spec);
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
        repo.Write("src/Shop/Pricing.cs", """
            namespace Shop;

            [SpecGuard.Implements(SpecGuard.Specs.OrdersCriteria.ORDERS_001)]
            public static class Pricing
            {
                public static decimal Total(IEnumerable<decimal> lines) => lines.Sum();
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
        return repo;
    }

    private static CommandResult Cli(ConsumerRepository repo, params string[] arguments) =>
        Dotnet.Run(repo.Root, ["run", "--project", Path.Combine(PackedPackage.RepositoryRoot, "src/SpecGuard.Cli/SpecGuard.Cli.csproj"), "--", .. arguments]);

    private static string[] Spec105Lines(CommandResult build) =>
        [.. build.Output.Split('\n').Where(static l => l.Contains("SPEC105", StringComparison.Ordinal)).Select(static l => l.Trim()).Distinct(StringComparer.Ordinal)];

    [Fact]
    public void Editing_a_then_makes_the_code_and_test_links_suspect_until_specguard_review_records_it()
    {
        using var repo = Repository();

        CommandResult adopt = Cli(repo, "review", "--all").ShouldSucceed();
        Assert.Contains("Wrote specs/SpecGuard.Reviews.txt (new: suspect links are on): 2 criteria recorded.", adopt.Output, StringComparison.Ordinal);
        CommandResult clean = repo.Dotnet("tests/Shop.Tests", Ci, "build").ShouldSucceed();
        Assert.DoesNotContain("SPEC105", clean.Output, StringComparison.Ordinal);

        // The criterion changes: its code link is suspect, an error in CI (which stops the build there, before the tests compile).
        repo.Write("specs/orders.spec.yaml", Spec.Replace("then: the total is the sum of the lines", "then: the total is the sum of the lines, rounded to cents", StringComparison.Ordinal));
        CommandResult ci = repo.Dotnet("tests/Shop.Tests", Ci, "build");
        Assert.NotEqual(0, ci.ExitCode);
        Assert.Contains(Spec105Lines(ci), l => l.Contains("Pricing.cs(3,", StringComparison.Ordinal) && l.Contains("error SPEC105", StringComparison.Ordinal) && l.Contains("ORDERS-001", StringComparison.Ordinal));

        // Locally a warning on both links, the code and the test: the tests run, and the report says suspect.
        (CommandResult test, IReadOnlyDictionary<string, string> outcomes) = repo.Test("tests/Shop.Tests");
        test.ShouldSucceed();
        string[] spec105 = Spec105Lines(test);
        Assert.Contains(spec105, l => l.Contains("Pricing.cs(3,", StringComparison.Ordinal) && l.Contains("warning SPEC105", StringComparison.Ordinal) && l.Contains("ORDERS-001", StringComparison.Ordinal));
        Assert.Contains(spec105, l => l.Contains("PricingTests.cs(6,", StringComparison.Ordinal) && l.Contains("warning SPEC105", StringComparison.Ordinal) && l.Contains("ORDERS-001", StringComparison.Ordinal));
        Assert.DoesNotContain(spec105, l => l.Contains("ORDERS-002", StringComparison.Ordinal));
        Assert.Equal("Passed", outcomes["Total_is_the_sum"]);
        string trx = Directory.GetFiles(repo.Root, "results.trx", SearchOption.AllDirectories).Single();
        CommandResult suspect = Cli(repo, "report", "-a", "src/Shop/bin", "-a", "tests/Shop.Tests/bin", "--trx", trx, "-f", "json", "-o", "report.json", "--fail-on", "suspect");
        Assert.Equal(1, suspect.ExitCode);
        Assert.Contains("1 criteria are suspect (--fail-on suspect): ORDERS-001.", suspect.Output, StringComparison.Ordinal);
        Assert.Equal("suspect", Status(repo, "ORDERS-001"));

        CommandResult list = Cli(repo, "review", "--list").ShouldSucceed();
        Assert.Contains("ORDERS-001 Orders are priced", list.Output, StringComparison.Ordinal);
        Assert.Contains("the total is the sum of the lines, rounded to cents", list.Output, StringComparison.Ordinal);

        // Reviewed: the build is clean again, and the report says verified.
        CommandResult review = Cli(repo, "review", "ORDERS-001").ShouldSucceed();
        Assert.Contains("ORDERS-001 recorded at ", review.Output, StringComparison.Ordinal);
        CommandResult after = repo.Dotnet("tests/Shop.Tests", Ci, "build").ShouldSucceed();
        Assert.DoesNotContain("SPEC105", after.Output, StringComparison.Ordinal);
        Cli(repo, "report", "-a", "src/Shop/bin", "-a", "tests/Shop.Tests/bin", "--trx", trx, "-f", "json", "-o", "report.json", "--fail-on", "suspect").ShouldSucceed();
        Assert.Equal("verified", Status(repo, "ORDERS-001"));
    }

    private static string Status(ConsumerRepository repo, string id)
    {
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(Path.Combine(repo.Root, "report.json")));
        return report.RootElement.GetProperty("features").EnumerateArray()
            .SelectMany(static f => f.GetProperty("criteria").EnumerateArray())
            .Single(c => c.GetProperty("id").GetString() == id)
            .GetProperty("status").GetString()!;
    }
}
