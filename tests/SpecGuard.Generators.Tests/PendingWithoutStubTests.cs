using System;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SpecGuard.Generators.Tests;

/// <summary>SPEC200 tells the truth about a criterion whose examples are invalid: it is pending, but it has no stub.</summary>
public sealed class PendingWithoutStubTests
{
    [Fact]
    public async Task A_criterion_with_invalid_examples_is_pending_without_a_stub_and_SPEC200_says_so()
    {
        const string spec = "specguard: 1\nfeature: ORDERS\ntitle: Orders\ncriteria:\n" +
            "  - id: ORDERS-001\n    title: Quantities\n    then: checked\n    examples:\n      - { n: !!int 'abc' }\n" +
            "  - id: ORDERS-002\n    title: Cancel\n    then: cancelled\n";

        var result = await LinkShapeTests.Analyze(Framework.XunitV2, "namespace Consumer.Tests { public static class Nothing { } }", spec);

        Assert.DoesNotContain("ORDERS_001", result.Stubs, StringComparison.Ordinal);
        Assert.Contains("ORDERS_002", result.Stubs, StringComparison.Ordinal);
        Diagnostic pending = Assert.Single(result.Diagnostics, d => d.Id == "SPEC200" && d.GetMessage().Contains("ORDERS-001", StringComparison.Ordinal));
        Assert.Contains("no pending test was generated because its examples are invalid", pending.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(result.Diagnostics, d => d.Id == "SPEC002");
    }
}
