using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace SpecGuard.EndToEnd.Tests;

/// <summary>
/// Issue 16, "CI shows all of it in one run": in a solution where one project references another, the default CI gate
/// fails at the first project and hides the findings of the project that depends on it; SpecGuardEnforce=report lets
/// every project compile, prints every finding, logs them, and one command at the end lists them all and fails once.
/// </summary>
public sealed class WholePictureEndToEndTests
{
    private static readonly Dictionary<string, string> Ci = new() { ["CI"] = "true" };

    private static ConsumerRepository TwoProjects()
    {
        var repo = new ConsumerRepository();
        repo.Write("specs/orders.spec.yaml", """
            specguard: 1
            feature: ORDERS
            title: Orders
            criteria:
              - id: ORDERS-001
                title: Orders are priced
                then: the total is the sum of the lines
            """);
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
        // One repository-wide setting: Pricing declares IPriceRule<T> (both projects see it); the second name is a typo.
        repo.Write(".globalconfig", "is_global = true\nspecguard.handler_types = Pricing.IPriceRule<T>, Pricing.IPriceRul<T>\n");
        repo.Write("src/Pricing/Pricing.csproj", """<Project Sdk="Microsoft.NET.Sdk" />""");
        repo.Write("src/Pricing/IPriceRule.cs", """
            namespace Pricing;

            public interface IPriceRule<T>
            {
                decimal Apply(T order);
            }
            """);
        repo.Write("src/Pricing/PriceCalculator.cs", """
            namespace Pricing;

            public sealed class PriceCalculator
            {
                public decimal Total(IEnumerable<decimal> lines) => lines.Sum();
            }
            """);
        repo.Write("src/Shop/Shop.csproj", """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <ItemGroup>
                <ProjectReference Include="../Pricing/Pricing.csproj" />
              </ItemGroup>
            </Project>
            """);
        repo.Write("src/Shop/Program.cs", """
            var app = WebApplication.Create(args);
            app.MapGet("/total", () => new Pricing.PriceCalculator().Total([1m, 2m]));
            app.Run();
            """);
        return repo;
    }

    [Fact]
    public void The_default_gate_stops_at_the_first_project_and_report_mode_shows_every_finding_in_one_run()
    {
        using var repo = TwoProjects();

        // Default CI gate: Pricing fails, so Shop never compiles and its untraced endpoint is not shown.
        CommandResult gate = repo.Dotnet("src/Shop", Ci, "build");
        Assert.NotEqual(0, gate.ExitCode);
        Assert.Contains("PriceCalculator.cs(3,21): error SPEC100:", gate.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("SPEC101", gate.Output, StringComparison.Ordinal);

        // Report mode: both projects compile, both findings are printed as warnings and logged for the final gate.
        CommandResult build = repo.Dotnet("src/Shop", Ci, "build", "-p:SpecGuardEnforce=report").ShouldSucceed();
        Assert.Contains("PriceCalculator.cs(3,21): warning SPEC100:", build.Output, StringComparison.Ordinal);
        Assert.Contains("Program.cs(2,22): warning SPEC101:", build.Output, StringComparison.Ordinal);
        string[] logs = Directory.GetFiles(repo.Root, "*.specguard.sarif", SearchOption.AllDirectories).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        Assert.Equal(["Pricing.specguard.sarif", "Shop.specguard.sarif"], logs);
        string shopLog = File.ReadAllText(Directory.GetFiles(repo.Root, "Shop.specguard.sarif", SearchOption.AllDirectories).Single());
        Assert.Contains("\"ruleId\": \"SPEC101\"", shopLog, StringComparison.Ordinal);

        // The gate at the end: one command lists the findings of both projects and fails once.
        CommandResult gateAtEnd = Dotnet.Run(
            repo.Root,
            "run", "--project", Path.Combine(PackedPackage.RepositoryRoot, "src/SpecGuard.Cli/SpecGuard.Cli.csproj"), "--",
            "report", "--findings", ".", "--fail-on", "untraced-code", "--format", "json", "--output", "report.json");
        Assert.Equal(1, gateAtEnd.ExitCode);
        Assert.Contains("PriceCalculator.cs(3,21): SPEC100:", gateAtEnd.Output, StringComparison.Ordinal);
        Assert.Contains("Program.cs(2,22): SPEC101:", gateAtEnd.Output, StringComparison.Ordinal);
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(Path.Combine(repo.Root, "report.json")));
        // Each project alone cannot tell a type it does not see from a typo (SPEC903, a message the build does not print);
        // across both projects' logs the report can: SPEC901 for the typo, nothing for the type Pricing declares.
        Assert.DoesNotContain("SPEC903", build.Output, StringComparison.Ordinal);
        Assert.Contains("specguard report: error SPEC901: The analyzer option specguard.handler_types names 'Pricing.IPriceRul<T>', which no project of the solution declares or references (2 project log(s) checked)", gateAtEnd.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("'Pricing.IPriceRule<T>', which no project", gateAtEnd.Output, StringComparison.Ordinal);
        Assert.Equal(["SPEC901", "SPEC100", "SPEC101"], report.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToArray());

        // Once both are linked and the name is corrected, the same two steps pass.
        repo.Write(".globalconfig", "is_global = true\nspecguard.handler_types = Pricing.IPriceRule<T>\n");
        repo.Write("src/Pricing/PriceCalculator.cs", """
            namespace Pricing;

            [SpecGuard.Implements(SpecGuard.Specs.OrdersCriteria.ORDERS_001)]
            public sealed class PriceCalculator
            {
                public decimal Total(IEnumerable<decimal> lines) => lines.Sum();
            }
            """);
        repo.Write("src/Shop/Program.cs", """
            var app = WebApplication.Create(args);
            app.MapGet("/total", [SpecGuard.Implements("ORDERS-001")] () => new Pricing.PriceCalculator().Total([1m, 2m]));
            app.Run();
            """);
        repo.Dotnet("src/Shop", Ci, "build", "-p:SpecGuardEnforce=report").ShouldSucceed();
        Dotnet.Run(
            repo.Root,
            "run", "--project", Path.Combine(PackedPackage.RepositoryRoot, "src/SpecGuard.Cli/SpecGuard.Cli.csproj"), "--",
            "report", "--findings", ".", "--fail-on", "untraced-code", "--output", "report.md").ShouldSucceed();
    }
}
