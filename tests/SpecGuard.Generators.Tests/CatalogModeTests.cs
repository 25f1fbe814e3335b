using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace SpecGuard.Generators.Tests;

/// <summary>
/// SpecGuardCatalog (issue 11, scale): with many criteria only the features the code names get constants, since every
/// constant costs every project that sees the specs compile time.
/// </summary>
public sealed class CatalogModeTests
{
    private static readonly string Orders = Harness.SpecText("ORDERS", ("ORDERS-001", ""), ("ORDERS-002", ""));
    private static readonly string Billing = Harness.SpecText("BILLING", ("BILLING-001", ""));

    [Theory]
    [InlineData("namespace Shop { [SpecGuard.Implements(SpecGuard.Specs.OrdersCriteria.ORDERS_001)] public sealed class Orders { } }")]
    [InlineData("using static SpecGuard.Specs.OrdersCriteria;\nnamespace Shop { [SpecGuard.Implements(ORDERS_002)] public sealed class Orders { } }")]
    [InlineData("using O = SpecGuard.Specs.OrdersCriteria;\nnamespace Shop { [SpecGuard.Implements(O.ORDERS_001)] public sealed class Orders { } }")]
    public async Task Referenced_gives_constants_only_to_the_features_the_code_names(string source)
    {
        var (run, _, diagnostics) = Harness.Run(Driver("referenced"), await Harness.Compilation(Framework.None, source));

        Assert.Empty(diagnostics);
        string orders = Harness.Source(run, "SpecGuard.Specs.ORDERS.g.cs");
        string billing = Harness.Source(run, "SpecGuard.Specs.BILLING.g.cs");
        Assert.Contains("public const string ORDERS_001 = \"ORDERS-001\";", orders, StringComparison.Ordinal);
        Assert.Contains("public const string ORDERS_002 = \"ORDERS-002\";", orders, StringComparison.Ordinal);
        Assert.Contains("public const string FeatureKey = \"BILLING\";", billing, StringComparison.Ordinal);
        Assert.DoesNotContain("BILLING_001", billing.Replace("e.g. BillingCriteria.BILLING_001.", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("generated once the code names this class, e.g. BillingCriteria.BILLING_001.", billing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_and_auto_with_few_criteria_give_every_feature_its_constants()
    {
        foreach (string? mode in new[] { "all", "auto", null })
        {
            var (run, _, diagnostics) = Harness.Run(Driver(mode), await Harness.Compilation(Framework.None));

            Assert.Empty(diagnostics);
            Assert.Contains("public const string BILLING_001 = \"BILLING-001\";", Harness.Source(run, "SpecGuard.Specs.BILLING.g.cs"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Auto_above_the_limit_gives_constants_only_to_named_features_and_all_still_gives_every_one()
    {
        string big = Harness.SpecText("BIG", [.. Enumerable.Range(1, 1000).Select(static i => ($"BIG-{i:D4}", string.Empty))]);
        AdditionalText[] specs = [Harness.Spec("/repo/specs/big.spec.yaml", big), Harness.Spec("/repo/specs/orders.spec.yaml", Orders)];
        CSharpCompilation compilation = await Harness.Compilation(Framework.None, "namespace Shop { [SpecGuard.Implements(SpecGuard.Specs.OrdersCriteria.ORDERS_001)] public sealed class Orders { } }");

        var (auto, _, autoDiagnostics) = Harness.Run(Harness.Driver(specs), compilation);
        var (all, _, allDiagnostics) = Harness.Run(Harness.Driver(specs, new Dictionary<string, string> { ["SpecGuardCatalog"] = "all" }), compilation);

        Assert.Empty(autoDiagnostics);
        Assert.Empty(allDiagnostics);
        Assert.DoesNotContain("public const string BIG_0001", Harness.Source(auto, "SpecGuard.Specs.BIG.g.cs"), StringComparison.Ordinal);
        Assert.Contains("public const string ORDERS_001", Harness.Source(auto, "SpecGuard.Specs.ORDERS.g.cs"), StringComparison.Ordinal);
        Assert.Contains("public const string BIG_1000 = \"BIG-1000\";", Harness.Source(all, "SpecGuard.Specs.BIG.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Naming_a_class_in_an_edit_adds_its_constants_and_other_edits_leave_the_catalog_cached()
    {
        CSharpCompilation compilation = await Harness.Compilation(Framework.None, "namespace Shop { public sealed class Orders { } }");
        GeneratorDriver driver = Driver("referenced").RunGenerators(compilation);
        Assert.DoesNotContain("public const string ORDERS_001", Harness.Source(driver.GetRunResult(), "SpecGuard.Specs.ORDERS.g.cs"), StringComparison.Ordinal);

        SyntaxTree tree = compilation.SyntaxTrees.Single();
        CSharpCompilation unrelated = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText("namespace Shop { public sealed class Orders { public int Count; } }", Harness.ParseOptions, tree.FilePath));
        GeneratorDriverRunResult second = driver.RunGenerators(unrelated).GetRunResult();
        Assert.All(
            second.Results.Single().TrackedSteps[SpecGuardGenerator.Steps.CatalogNames].SelectMany(static s => s.Outputs),
            static o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));

        CSharpCompilation naming = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText("namespace Shop { [SpecGuard.Implements(SpecGuard.Specs.OrdersCriteria.ORDERS_001)] public sealed class Orders { } }", Harness.ParseOptions, tree.FilePath));
        var (third, _, diagnostics) = Harness.Run(driver, naming);
        Assert.Empty(diagnostics);
        Assert.Contains("public const string ORDERS_001", Harness.Source(third, "SpecGuard.Specs.ORDERS.g.cs"), StringComparison.Ordinal);
    }

    private static GeneratorDriver Driver(string? mode) =>
        Harness.Driver(
            [Harness.Spec("/repo/specs/orders.spec.yaml", Orders), Harness.Spec("/repo/specs/billing.spec.yaml", Billing)],
            mode is null ? null : new Dictionary<string, string> { ["SpecGuardCatalog"] = mode });
}
