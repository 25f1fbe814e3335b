using System;
using System.IO;
using System.Linq;
using Xunit;

namespace SpecGuard.EndToEnd.Tests;

/// <summary>
/// Issue 9 end to end, against the packed package: generated code compiles in a default netstandard2.0 library
/// (C# 7.3) and in a test project at C# 7.3, both strict; a spec value that tries to inject code is SPEC002 on its
/// YAML line and generates nothing.
/// </summary>
public sealed class SeamEndToEndTests
{
    private const string Spec = """
        specguard: 1
        feature: ORDERS
        title: "Orders \u2028 with a line separator"
        criteria:
          - id: ORDERS-001
            title: "A customer can place an order \u2029 */ \\ # \u0085 done"
            given: "a signed-in customer \r\n second line"
            then: an order is created
          - id: ORDERS-002
            title: Quantities are validated
            then: zero is rejected
            examples:
              - { quantity: 1, note: ~, price: 2.5, ok: true, class: a, _: 1 }
              - { quantity: 0, note: "x", price: 3, ok: false, class: b, _: 2 }
        """;

    private const string Strict = """
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <AnalysisLevel>latest-all</AnalysisLevel>
            <GenerateDocumentationFile>true</GenerateDocumentationFile>
        """;

    [Fact]
    public void A_default_netstandard20_library_and_a_test_project_at_CSharp_7_3_build_strictly_and_run_the_stubs()
    {
        using var repo = new ConsumerRepository();
        repo.Write("specs/orders.spec.yaml", Spec);
        repo.Write("src/Shop/Shop.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>netstandard2.0</TargetFramework>
                <LangVersion>7.3</LangVersion>
                {Strict}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SpecGuard" Version="{PackedPackage.Version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        repo.Write("src/Shop/Orders.cs", """
            namespace Shop
            {
                /// <summary>Places orders.</summary>
                [SpecGuard.Implements(SpecGuard.Specs.OrdersCriteria.ORDERS_001, SpecGuard.Specs.OrdersCriteria.ORDERS_002)]
                public sealed class Orders
                {
                }
            }
            """);
        WriteTestProjectAtCSharp73(repo, """
            <PackageReference Include="xunit" Version="2.9.3" />
            <PackageReference Include="xunit.runner.visualstudio" Version="3.1.4" />
            """, extra: "");

        repo.Dotnet("src/Shop", "build").ShouldSucceed();
        var (result, outcomes) = repo.Test("tests/Shop.Tests");

        result.ShouldSucceed();
        Assert.Equal("NotExecuted", outcomes["ORDERS_001_A_customer_can_place_an_order_done"]);
        Assert.Equal("NotExecuted", outcomes["ORDERS_002_Quantities_are_validated"]);
    }

    [Theory]
    [InlineData("nunit")]
    [InlineData("mstest")]
    [InlineData("xunit.v3")]
    public void A_test_project_of_every_framework_at_CSharp_7_3_builds_strictly_and_runs_the_stubs(string framework)
    {
        using var repo = new ConsumerRepository();
        repo.Write("specs/orders.spec.yaml", Spec);
        (string packages, string extra) = framework switch
        {
            "nunit" => ("""
                <PackageReference Include="NUnit" Version="4.4.0" />
                <PackageReference Include="NUnit3TestAdapter" Version="5.2.0" />
                """, ""),
            "mstest" => ("""
                <PackageReference Include="MSTest.TestFramework" Version="3.11.1" />
                <PackageReference Include="MSTest.TestAdapter" Version="3.11.1" />
                """, ""),
            _ => ("""
                <PackageReference Include="xunit.v3" Version="3.2.2" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.4" />
                """, "<OutputType>Exe</OutputType>"),
        };
        WriteTestProjectAtCSharp73(repo, packages, extra);

        var (result, outcomes) = repo.Test("tests/Shop.Tests");

        result.ShouldSucceed();
        Assert.Equal("NotExecuted", outcomes["ORDERS_001_A_customer_can_place_an_order_done"]);
        Assert.True(outcomes.TryGetValue("ORDERS_002_Quantities_are_validated", out string? parameterised), string.Join(", ", outcomes));
        Assert.Equal("NotExecuted", parameterised);
    }

    [Fact]
    public void A_tagged_value_that_injects_code_is_SPEC002_on_its_line_and_generates_no_method()
    {
        using var repo = new ConsumerRepository();
        repo.Write("specs/orders.spec.yaml", """
            specguard: 1
            feature: ORDERS
            title: Orders
            criteria:
              - id: ORDERS-001
                title: Quantities are validated
                then: zero is rejected
                examples:
                  - n: !!int '0)] public void Evil() { global::System.IO.File.WriteAllText("evil.txt", "ran"); } [global::Xunit.InlineData(0'
            """);
        repo.Write("tests/Shop.Tests/Shop.Tests.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <IsPackable>false</IsPackable>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SpecGuard" Version="{PackedPackage.Version}" PrivateAssets="all" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.14.1" />
                <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.4" />
              </ItemGroup>
            </Project>
            """);

        var (result, outcomes) = repo.Test("tests/Shop.Tests");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("orders.spec.yaml(9,12): error SPEC002: ", result.Output, StringComparison.Ordinal);
        Assert.Contains("is tagged !!int but is not an integer", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("error CS", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Evil", outcomes.Keys);
        string generated = Path.Combine(repo.Root, "tests", "Shop.Tests", "obj");
        string[] files = Directory.GetFiles(generated, "*.g.cs", SearchOption.AllDirectories).Where(f => f.Contains("SpecGuard", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.DoesNotContain("Evil", File.ReadAllText(f), StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(repo.Root, "tests", "Shop.Tests", "bin", "Debug", "net10.0", "evil.txt")));
    }

    /// <summary>A strict test project at C# 7.3 (tests/Shop.Tests) with the given framework packages and a placeholder source.</summary>
    private static void WriteTestProjectAtCSharp73(ConsumerRepository repo, string packages, string extra)
    {
        repo.Write("tests/Shop.Tests/Shop.Tests.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <LangVersion>7.3</LangVersion>
                {Strict}
                <IsPackable>false</IsPackable>
                <NoWarn>$(NoWarn);CA1707;CA1515;CS1591</NoWarn>
                {extra}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SpecGuard" Version="{PackedPackage.Version}" PrivateAssets="all" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.14.1" />
                {packages}
              </ItemGroup>
            </Project>
            """);
        repo.Write("tests/Shop.Tests/Placeholder.cs", "namespace Shop.Tests\n{\n    internal static class Placeholder\n    {\n    }\n}\n");
    }
}
