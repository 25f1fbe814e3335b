using System;
using System.Collections.Generic;
using Xunit;

namespace SpecGuard.EndToEnd.Tests;

/// <summary>The CI promise: an untraced handler warns locally, fails the build with CI=true, and passes once linked.</summary>
public sealed class EnforcementEndToEndTests
{
    private const string Spec = """
        specguard: 1
        feature: ORDERS
        title: Orders
        criteria:
          - id: ORDERS-001
            title: Orders can be listed
            then: every order is returned
        """;

    /// <summary>A minimal-API app whose one endpoint is <paramref name="handler"/>, beside a one-criterion spec.</summary>
    internal static ConsumerRepository WebApp(string handler)
    {
        var repo = new ConsumerRepository();
        repo.Write("specs/orders.spec.yaml", Spec);
        repo.Write("src/Shop/Shop.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
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
        repo.Write("src/Shop/Program.cs", $"""
            using SpecGuard;

            var app = WebApplication.Create(args);
            app.MapGet("/orders", {handler});
            app.Run();
            """);
        return repo;
    }

    [Fact]
    public void An_untraced_endpoint_warns_locally_fails_in_CI_and_passes_once_linked()
    {
        using var repo = WebApp("() => \"all\"");

        CommandResult local = repo.Dotnet("src/Shop", "build").ShouldSucceed();
        Assert.Contains("Program.cs(4,23): warning SPEC101: The minimal-API MapGet(\"/orders\") endpoint traces to no acceptance criterion.", local.Output, StringComparison.Ordinal);

        CommandResult ci = repo.Dotnet("src/Shop", new Dictionary<string, string> { ["CI"] = "true" }, "build", "--no-incremental");
        Assert.NotEqual(0, ci.ExitCode);
        Assert.Contains("Program.cs(4,23): error SPEC101:", ci.Output, StringComparison.Ordinal);

        CommandResult optOut = repo.Dotnet("src/Shop", new Dictionary<string, string> { ["CI"] = "true" }, "build", "--no-incremental", "-p:SpecGuardEnforce=false");
        optOut.ShouldSucceed();

        repo.Write("src/Shop/Program.cs", """
            using SpecGuard;

            var app = WebApplication.Create(args);
            app.MapGet("/orders", [Implements(SpecGuard.Specs.OrdersCriteria.ORDERS_001)] () => "all");
            app.Run();
            """);
        CommandResult linked = repo.Dotnet("src/Shop", new Dictionary<string, string> { ["CI"] = "true" }, "build", "--no-incremental").ShouldSucceed();
        Assert.DoesNotContain("SPEC101", linked.Output, StringComparison.Ordinal);
    }
}
