using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace SpecGuard.Generators.Tests;

/// <summary>
/// Issue 11 (scale): a test project with more than StubEmitter.GroupAbove pending criteria gets one pending test per
/// feature, linked to each of its criteria, instead of one per criterion (50,000 stub methods needed 1.75 GB to build).
/// </summary>
public sealed class GroupedStubTests
{
    private static readonly AdditionalText[] Specs =
    [
        Harness.Spec("specs/big.spec.yaml", Harness.SpecText("BIG", [.. Enumerable.Range(1, 1000).Select(static i => ($"BIG-{i:D4}", string.Empty))])),
        Harness.Spec("specs/orders.spec.yaml", Harness.SpecText("ORDERS", ("ORDERS-001", ""), ("ORDERS-002", ""))),
    ];

    [Theory]
    [InlineData(Framework.XunitV2, "skip")]
    [InlineData(Framework.XunitV3, "skip")]
    [InlineData(Framework.NUnit, "skip")]
    [InlineData(Framework.MSTest, "skip")]
    [InlineData(Framework.XunitV2, "fail")]
    [InlineData(Framework.NUnit, "fail")]
    [InlineData(Framework.MSTest, "fail")]
    public async Task Above_the_limit_each_feature_is_one_pending_test_naming_every_criterion_and_compiling_at_CSharp_7_3(Framework framework, string mode)
    {
        var (run, diagnostics) = await SeamTests.RunAt(LanguageVersion.CSharp7_3, framework, Specs, new Dictionary<string, string> { ["SpecGuardPendingTests"] = mode });

        Assert.Empty(diagnostics);
        string big = Harness.Source(run, "SpecGuard.PendingTests.BIG.g.cs");
        string orders = Harness.Source(run, "SpecGuard.PendingTests.ORDERS.g.cs");
        Assert.Single(Methods(big));
        Assert.Contains("public void Big_pending_criteria()", big, StringComparison.Ordinal);
        Assert.Contains("[global::SpecGuard.Verifies(" + string.Join(", ", Enumerable.Range(1, 1000).Select(static i => $"\"BIG-{i:D4}\"")) + ")]", big, StringComparison.Ordinal);
        Assert.Contains("Pending: 1,000 criteria of feature BIG have no test with [Verifies(\\\"ID\\\")] yet: BIG-0001, BIG-0002, BIG-0003, BIG-0004, BIG-0005, and 995 more.", big, StringComparison.Ordinal);
        Assert.Contains("[global::System.CodeDom.Compiler.GeneratedCode(\"SpecGuard.PendingStub\"", big, StringComparison.Ordinal);
        Assert.Contains("[global::SpecGuard.Verifies(\"ORDERS-001\", \"ORDERS-002\")]", orders, StringComparison.Ordinal);
        Assert.Equal(mode == "fail", big.Contains("throw new global::System.NotImplementedException(", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_verified_criterion_leaves_the_grouped_test_and_at_the_limit_stubs_stay_one_per_criterion()
    {
        CSharpCompilation verifying = await Harness.Compilation(Framework.XunitV2, "namespace Consumer { public class T { [SpecGuard.Verifies(\"BIG-0007\")] [Xunit.Fact] public void Works() { } } }");
        var (run, _, diagnostics) = Harness.Run(Harness.Driver(Specs), verifying);

        Assert.Empty(diagnostics);
        Assert.DoesNotContain("\"BIG-0007\"", Harness.Source(run, "SpecGuard.PendingTests.BIG.g.cs"), StringComparison.Ordinal);

        // 1,000 BIG + 2 ORDERS - 2 verified = 1,000 pending: not above the limit, one stub per criterion.
        CSharpCompilation atLimit = await Harness.Compilation(Framework.XunitV2, "namespace Consumer { public class T { [SpecGuard.Verifies(\"BIG-0007\", \"ORDERS-001\")] [Xunit.Fact] public void Works() { } } }");
        var (perCriterion, _, atLimitDiagnostics) = Harness.Run(Harness.Driver(Specs), atLimit);
        Assert.Empty(atLimitDiagnostics);
        Assert.Equal(999, Methods(Harness.Source(perCriterion, "SpecGuard.PendingTests.BIG.g.cs")).Count());
    }

    private static IEnumerable<string> Methods(string source) =>
        CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().Select(static m => m.Identifier.ValueText);
}
