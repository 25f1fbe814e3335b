using System;
using Xunit;

namespace SpecGuard.EndToEnd.Tests;

/// <summary>Where the specs are found: a relative SpecGuardSpecsRoot, and opting out of auto-inclusion.</summary>
public sealed class SpecsRootEndToEndTests
{
    private const string Spec = "specguard: 1\nfeature: CART\ntitle: Cart\ncriteria:\n  - id: CART-001\n    title: Items can be added\n    thne: the cart holds the item\n";

    private static ConsumerRepository Repository(string properties)
    {
        var repo = new ConsumerRepository();
        repo.Write("requirements/cart.spec.yaml", Spec);
        repo.Write("src/Shop/Shop.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework>{properties}</PropertyGroup>
              <ItemGroup><PackageReference Include="SpecGuard" Version="{PackedPackage.Version}" PrivateAssets="all" /></ItemGroup>
            </Project>
            """);
        repo.Write("src/Shop/Cart.cs", "namespace Shop; internal static class Cart { }");
        return repo;
    }

    [Fact]
    public void A_relative_specs_root_is_resolved_from_the_project_folder()
    {
        using var repo = Repository("<SpecGuardSpecsRoot>../../requirements</SpecGuardSpecsRoot>");

        CommandResult build = repo.Dotnet("src/Shop", "build");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("requirements/cart.spec.yaml(7,5): error SPEC002", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void With_auto_include_off_and_nothing_listed_the_project_is_told_it_sees_no_spec_files()
    {
        using var repo = Repository("<SpecGuardAutoInclude>false</SpecGuardAutoInclude><SpecGuardSpecsRoot>../../requirements</SpecGuardSpecsRoot>");

        CommandResult build = repo.Dotnet("src/Shop", "build").ShouldSucceed();

        Assert.Contains("warning SPEC902: This project references SpecGuard but sees no spec files: SpecGuardAutoInclude is false and no *.spec.yaml or *.spec.yml file is listed as an AdditionalFile.", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("SPEC002", build.Output, StringComparison.Ordinal);
    }
}
