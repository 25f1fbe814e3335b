using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace SpecGuard.EndToEnd.Tests;

/// <summary>
/// Per test framework: a consumer test project built and run with the real SDK against the packed package. Pending
/// criteria show up as skipped tests (one per criterion), the hand-written [Verifies] test runs, and
/// <c>--filter "TestCategory=ID"</c> selects exactly the tests linked to a criterion, stub or hand-written.
/// </summary>
public sealed class PendingTestsEndToEndTests
{
    private const string Spec = """
        specguard: 1
        feature: ORDERS
        title: Orders
        criteria:
          - id: ORDERS-001
            title: A customer can place an order
            given: a signed-in customer
            then: an order is created
          - id: ORDERS-002
            title: Quantities are validated
            then: zero is rejected
            examples:
              - { quantity: 1, ok: true }
              - { quantity: 0, ok: false }
          - id: ORDERS-003
            title: Verified by hand
            then: it is verified
          - id: ORDERS-004
            title: Still a draft
            status: draft
            then: nothing yet
        """;

    public static TheoryData<string> Frameworks() => new() { "xunit", "xunit.v3", "nunit", "mstest" };

    [Theory]
    [MemberData(nameof(Frameworks))]
    public void Pending_criteria_are_skipped_tests_and_filters_select_by_criterion(string framework)
    {
        using var repo = Consumer(framework);

        var (result, outcomes) = repo.Test("tests/Shop.Tests");

        result.ShouldSucceed();
        Assert.Equal("Passed", outcomes["Verified_by_hand"]);
        Assert.Equal("NotExecuted", outcomes["ORDERS_001_A_customer_can_place_an_order"]);
        Assert.True(outcomes.TryGetValue("ORDERS_002_Quantities_are_validated", out string? parameterised), string.Join(", ", outcomes));
        Assert.Equal("NotExecuted", parameterised);
        Assert.DoesNotContain(outcomes.Keys, k => k.StartsWith("ORDERS_003", StringComparison.Ordinal) || k.StartsWith("ORDERS_004", StringComparison.Ordinal));

        var (handWritten, selected) = repo.Test("tests/Shop.Tests", "--no-build", "--filter", "TestCategory=ORDERS-003");
        handWritten.ShouldSucceed();
        Assert.Equal(["Verified_by_hand"], selected.Keys);

        var (stub, selectedStub) = repo.Test("tests/Shop.Tests", "--no-build", "--filter", "TestCategory=ORDERS-001");
        stub.ShouldSucceed();
        Assert.Equal(["ORDERS_001_A_customer_can_place_an_order"], selectedStub.Keys);
    }

    [Fact]
    public void With_pending_tests_set_to_fail_the_stubs_fail_the_run()
    {
        using var repo = Consumer("xunit");

        var (result, outcomes) = repo.Test("tests/Shop.Tests", "-p:SpecGuardPendingTests=fail");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal("Failed", outcomes["ORDERS_001_A_customer_can_place_an_order"]);
        Assert.Equal("Failed", outcomes["ORDERS_002_Quantities_are_validated"]);
        Assert.Equal("Passed", outcomes["Verified_by_hand"]);
        Assert.Contains("Pending: ORDERS-001", result.Output, StringComparison.Ordinal);
    }

    private static ConsumerRepository Consumer(string framework)
    {
        var repo = new ConsumerRepository();
        repo.Write("specs/orders.spec.yaml", Spec);
        (string packages, string extra, string test) = framework switch
        {
            "xunit" => (
                """
                <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.4" />
                """,
                "",
                "[Xunit.Fact]"),
            "xunit.v3" => (
                """
                <PackageReference Include="xunit.v3" Version="3.2.2" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.4" />
                """,
                "<OutputType>Exe</OutputType>",
                "[Xunit.Fact]"),
            "nunit" => (
                """
                <PackageReference Include="NUnit" Version="4.4.0" />
                <PackageReference Include="NUnit3TestAdapter" Version="5.2.0" />
                """,
                "",
                "[NUnit.Framework.Test]"),
            _ => (
                """
                <PackageReference Include="MSTest.TestFramework" Version="3.11.1" />
                <PackageReference Include="MSTest.TestAdapter" Version="3.11.1" />
                """,
                "",
                "[Microsoft.VisualStudio.TestTools.UnitTesting.TestMethod]"),
        };
        repo.Write("tests/Shop.Tests/Shop.Tests.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <AnalysisLevel>latest-all</AnalysisLevel>
                <IsPackable>false</IsPackable>
                <NoWarn>$(NoWarn);CA1707;CA1515</NoWarn>
                {extra}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SpecGuard" Version="{PackedPackage.Version}" PrivateAssets="all" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.14.1" />
                {packages}
              </ItemGroup>
            </Project>
            """);
        string classAttribute = framework == "mstest" ? "[Microsoft.VisualStudio.TestTools.UnitTesting.TestClass]" : "";
        repo.Write("tests/Shop.Tests/OrderTests.cs", $$"""
            namespace Shop.Tests;

            {{classAttribute}}
            public sealed class OrderTests
            {
                {{test}}
                [SpecGuard.Verifies(SpecGuard.Specs.OrdersCriteria.ORDERS_003)]
                public void Verified_by_hand() => System.GC.KeepAlive(SpecGuard.Specs.OrdersCriteria.ORDERS_003);
            }
            """);
        return repo;
    }
}
