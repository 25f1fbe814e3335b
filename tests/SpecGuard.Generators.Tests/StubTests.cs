using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SpecGuard.Generators.Tests;

public sealed class StubTests
{
    private const string Orders = "specguard: 1\nfeature: ORDERS\ntitle: Orders\ncriteria:\n" +
        "  - id: ORDERS-001\n    title: A customer can place an order\n    given: a signed-in customer\n    when: the order is submitted\n    then: [an order is created, stock is reserved]\n" +
        "  - id: ORDERS-002\n    title: Quantities are checked\n    then: invalid quantities are rejected\n    examples:\n      - { quantity: 1, status: Pending, price: 2.5, gift: false }\n      - { quantity: 0, status: ~, price: 3, gift: true }\n" +
        "  - id: ORDERS-003\n    title: Old behaviour\n    status: deprecated\n    then: nothing\n";

    [Verifies(SpecGuard.Specs.GeneratorCriteria.GENERATOR_004)]
    [Theory]
    [InlineData(Framework.XunitV2)]
    [InlineData(Framework.XunitV3)]
    [InlineData(Framework.NUnit)]
    [InlineData(Framework.MSTest)]
    public async Task Stubs_compile_without_warnings_for_every_framework(Framework framework)
    {
        var compilation = await Harness.Compilation(framework, "namespace Consumer { public static class Nothing { } }");

        var (run, _, diagnostics) = Harness.Run(Harness.Driver([Harness.Spec("specs/orders.spec.yaml", Orders)]), compilation);

        Assert.Empty(diagnostics);
        string stubs = Harness.Source(run, "SpecGuard.PendingTests.ORDERS.g.cs");
        Assert.Contains("public void ORDERS_001_A_customer_can_place_an_order()", stubs, StringComparison.Ordinal);
        Assert.Contains("public void ORDERS_002_Quantities_are_checked(int quantity, string? status, double price, bool gift)", stubs, StringComparison.Ordinal);
        Assert.DoesNotContain("ORDERS_003", stubs, StringComparison.Ordinal); // deprecated criteria get no stub
        Assert.Contains("// Given a signed-in customer", stubs, StringComparison.Ordinal);
        Assert.Contains("//   and stock is reserved", stubs, StringComparison.Ordinal);
        Assert.Contains("[global::SpecGuard.Verifies(\"ORDERS-001\")]", stubs, StringComparison.Ordinal);
    }

    [Verifies(SpecGuard.Specs.GeneratorCriteria.GENERATOR_004)]
    [Fact]
    public async Task XUnit_stubs_are_skipped_facts_and_theories_with_one_row_per_example()
    {
        var (run, _, _) = Harness.Run(Harness.Driver([Harness.Spec("specs/orders.spec.yaml", Orders)]), await Harness.Compilation(Framework.XunitV2));

        string stubs = Harness.Source(run, "SpecGuard.PendingTests.ORDERS.g.cs");
        Assert.Contains("[global::Xunit.Fact(Skip = \"Pending: ORDERS-001 (A customer can place an order) has no test with [Verifies(\\\"ORDERS-001\\\")] yet.\")]", stubs, StringComparison.Ordinal);
        Assert.Contains("[global::Xunit.Theory(Skip = ", stubs, StringComparison.Ordinal);
        Assert.Contains("[global::Xunit.InlineData(1, \"Pending\", 2.5d, false)]", stubs, StringComparison.Ordinal);
        Assert.Contains("[global::Xunit.InlineData(0, null, 3d, true)]", stubs, StringComparison.Ordinal);
        Assert.Contains("global::System.GC.KeepAlive(quantity);", stubs, StringComparison.Ordinal);
        Assert.Contains("global::System.GC.KeepAlive(gift);", stubs, StringComparison.Ordinal);
    }

    [Verifies(SpecGuard.Specs.GeneratorCriteria.GENERATOR_004)]
    [Theory]
    [InlineData(Framework.NUnit, "[global::NUnit.Framework.Ignore(", "[global::NUnit.Framework.TestCase(1, \"Pending\", 2.5d, false)]")]
    [InlineData(Framework.MSTest, "[global::Microsoft.VisualStudio.TestTools.UnitTesting.Ignore(", "[global::Microsoft.VisualStudio.TestTools.UnitTesting.DataRow(1, \"Pending\", 2.5d, false)]")]
    public async Task Other_frameworks_use_their_own_skip_and_data_attributes(Framework framework, string skip, string row)
    {
        var (run, _, _) = Harness.Run(Harness.Driver([Harness.Spec("specs/orders.spec.yaml", Orders)]), await Harness.Compilation(framework));

        string stubs = Harness.Source(run, "SpecGuard.PendingTests.ORDERS.g.cs");
        Assert.Contains(skip, stubs, StringComparison.Ordinal);
        Assert.Contains(row, stubs, StringComparison.Ordinal);
    }

    [Verifies(SpecGuard.Specs.GeneratorCriteria.GENERATOR_006)]
    [Fact]
    public async Task Fail_mode_makes_stubs_throw_and_off_mode_removes_them()
    {
        var compilation = await Harness.Compilation(Framework.XunitV2);

        var (failRun, _, failDiagnostics) = Harness.Run(Harness.Driver([Harness.Spec("specs/orders.spec.yaml", Orders)], new System.Collections.Generic.Dictionary<string, string> { ["SpecGuardPendingTests"] = "fail" }), compilation);
        var (offRun, _, _) = Harness.Run(Harness.Driver([Harness.Spec("specs/orders.spec.yaml", Orders)], new System.Collections.Generic.Dictionary<string, string> { ["SpecGuardPendingTests"] = "off" }), compilation);

        Assert.Empty(failDiagnostics);
        string stubs = Harness.Source(failRun, "SpecGuard.PendingTests.ORDERS.g.cs");
        Assert.DoesNotContain("Skip =", stubs, StringComparison.Ordinal);
        Assert.Contains("throw new global::System.NotImplementedException(\"Pending: ORDERS-001", stubs, StringComparison.Ordinal);
        Assert.DoesNotContain(Harness.HintNames(offRun), h => h.Contains("PendingTests", StringComparison.Ordinal));
    }

    [Verifies(SpecGuard.Specs.GeneratorCriteria.GENERATOR_005)]
    [Theory]
    [InlineData("[SpecGuard.Verifies(\"ORDERS-001\")]")]
    [InlineData("[SpecGuard.Verifies(SpecGuard.Specs.OrdersCriteria.ORDERS_001)]")]
    [InlineData("[SpecGuard.Verifies(\"ORDERS-009\", \"ORDERS-001\")]")]
    public async Task A_hand_written_Verifies_test_removes_the_stub(string attribute)
    {
        var compilation = await Harness.Compilation(Framework.XunitV2, "namespace Consumer { public class OrderTests { " + attribute + " [Xunit.Fact] public void Places_an_order() { } } }");

        var (run, _, diagnostics) = Harness.Run(Harness.Driver([Harness.Spec("specs/orders.spec.yaml", Orders)]), compilation);

        Assert.Empty(diagnostics);
        string stubs = Harness.Source(run, "SpecGuard.PendingTests.ORDERS.g.cs");
        Assert.DoesNotContain("ORDERS_001_", stubs, StringComparison.Ordinal);
        Assert.Contains("ORDERS_002_", stubs, StringComparison.Ordinal);
    }

    [Verifies(SpecGuard.Specs.GeneratorCriteria.GENERATOR_005)]
    [Fact]
    public async Task A_Verifies_on_the_test_class_covers_its_criteria()
    {
        var compilation = await Harness.Compilation(Framework.NUnit, "namespace Consumer { [SpecGuard.Verifies(\"ORDERS-002\")] public class QuantityTests { [NUnit.Framework.Test] public void Rejects() { } } }");

        var (run, _, diagnostics) = Harness.Run(Harness.Driver([Harness.Spec("specs/orders.spec.yaml", Orders)]), compilation);

        Assert.Empty(diagnostics);
        Assert.DoesNotContain("ORDERS_002_", Harness.Source(run, "SpecGuard.PendingTests.ORDERS.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_without_a_test_framework_gets_no_stubs()
    {
        var (run, _, diagnostics) = Harness.Run(Harness.Driver([Harness.Spec("specs/orders.spec.yaml", Orders)]), await Harness.Compilation(Framework.None));

        Assert.Empty(diagnostics);
        Assert.DoesNotContain(Harness.HintNames(run), h => h.Contains("PendingTests", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stubs_and_hand_written_tests_share_the_test_category_hook()
    {
        var (run, _, _) = Harness.Run(Harness.Driver([Harness.Spec("specs/orders.spec.yaml", Orders)]), await Harness.Compilation(Framework.MSTest));

        string completion = Harness.Source(run, "SpecGuard.VerifiesAttribute.Framework.g.cs");
        Assert.Contains("VerifiesAttribute : global::Microsoft.VisualStudio.TestTools.UnitTesting.TestCategoryBaseAttribute", completion, StringComparison.Ordinal);
    }
}
