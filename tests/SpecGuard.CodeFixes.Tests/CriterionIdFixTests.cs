using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using static SpecGuard.CodeFixes.Tests.FixTests;

namespace SpecGuard.CodeFixes.Tests;

/// <summary>SPEC102 (unknown ID → closest known ID) and SPEC103 (deprecated ID → its replacement), keeping the argument's form.</summary>
public sealed class CriterionIdFixTests
{
    private const string Ids = "namespace Shop { internal static class Ids { public const string Place = \"ORDER-001\"; public const string Old = \"ORDERS-003\"; } }";

    private static Microsoft.CodeAnalysis.CSharp.Testing.CSharpCodeFixTest<Generators.Analyzers.TraceabilityAnalyzer, CriterionIdCodeFixProvider, Microsoft.CodeAnalysis.Testing.DefaultVerifier> Test(string source, string fixedSource, bool catalog = true)
    {
        var test = Test<CriterionIdCodeFixProvider>(source, fixedSource, catalog);
        test.TestState.Sources.Add(("/0/Ids.cs", Ids));
        test.FixedState.Sources.Add(("/0/Ids.cs", Ids));
        return test;
    }

    [Fact]
    public async Task A_misspelt_literal_becomes_the_closest_known_id_as_a_literal()
    {
        await Test("""
            namespace Shop
            {
                [SpecGuard.Implements({|SPEC102:"ORDERS-01"|})]
                public sealed class OrderService { public int Place() => 1; }
            }
            """, """
            namespace Shop
            {
                [SpecGuard.Implements("ORDERS-001")]
                public sealed class OrderService { public int Place() => 1; }
            }
            """).RunAsync();
    }

    [Fact]
    public async Task A_misspelt_constant_becomes_the_catalog_constant_with_the_shortest_name_that_binds()
    {
        await Test("""
            using SpecGuard.Specs;

            namespace Shop
            {
                [SpecGuard.Implements({|SPEC102:Ids.Place|}, OrdersCriteria.ORDERS_002)]
                public sealed class OrderService { public int Place() => 1; }
            }
            """, """
            using SpecGuard.Specs;

            namespace Shop
            {
                [SpecGuard.Implements(OrdersCriteria.ORDERS_001, OrdersCriteria.ORDERS_002)]
                public sealed class OrderService { public int Place() => 1; }
            }
            """).RunAsync();

        await Test("""
            namespace Shop.Orders
            {
                [SpecGuard.Implements({|SPEC102:Ids.Place|})]
                public sealed class OrderService { public int Place() => 1; }
            }
            """, """
            namespace Shop.Orders
            {
                [SpecGuard.Implements(SpecGuard.Specs.OrdersCriteria.ORDERS_001)]
                public sealed class OrderService { public int Place() => 1; }
            }
            """).RunAsync();
    }

    [Fact]
    public async Task Without_the_catalog_a_constant_becomes_a_literal()
    {
        await Test("""
            namespace Shop
            {
                [SpecGuard.Implements({|SPEC102:Ids.Place|})]
                public sealed class OrderService { public int Place() => 1; }
            }
            """, """
            namespace Shop
            {
                [SpecGuard.Implements("ORDERS-001")]
                public sealed class OrderService { public int Place() => 1; }
            }
            """, catalog: false).RunAsync();
    }

    [Fact]
    public async Task A_deprecated_id_becomes_the_one_that_replaced_it_in_the_same_form()
    {
        await Test("""
            using SpecGuard.Specs;

            namespace Shop
            {
                [SpecGuard.Implements({|SPEC103:"ORDERS-003"|})]
                public sealed class OrderService { public int Place() => 1; }

                [SpecGuard.Implements({|SPEC103:OrdersCriteria.ORDERS_003|})]
                public sealed class LegacyOrderService { public int Place() => 1; }
            }
            """, """
            using SpecGuard.Specs;

            namespace Shop
            {
                [SpecGuard.Implements("ORDERS-001")]
                public sealed class OrderService { public int Place() => 1; }

                [SpecGuard.Implements(OrdersCriteria.ORDERS_001)]
                public sealed class LegacyOrderService { public int Place() => 1; }
            }
            """).RunAsync();
    }

    [Fact]
    public async Task The_action_names_the_id_and_its_title()
    {
        Project project = Project("namespace Shop { [SpecGuard.Implements(\"ORDERS-01\")] public sealed class A { public int Run() => 1; } [SpecGuard.Implements(\"ORDERS-003\")] public sealed class B { public int Run() => 1; } }");
        ImmutableArray<Diagnostic> diagnostics = await Diagnostics(project);

        var unknown = await Offered(new CriterionIdCodeFixProvider(), project, diagnostics.Single(d => d.Id == "SPEC102"));
        var deprecated = await Offered(new CriterionIdCodeFixProvider(), project, diagnostics.Single(d => d.Id == "SPEC103"));

        Assert.Equal([("Change to ORDERS-001 — A customer can place an order", EquivalenceKeys.UseClosestId)], unknown);
        Assert.Equal([("Replace with ORDERS-001 — A customer can place an order", EquivalenceKeys.UseReplacementId)], deprecated);
    }

    /// <summary>
    /// Nothing is close, so the ID is not changed; but the diagnostic still offers the fix-all action (which changes the
    /// IDs that do have a suggestion), because fix-all hosts such as dotnet format take the action from the first
    /// diagnostic in scope and would otherwise fix nothing.
    /// </summary>
    [Fact]
    public async Task When_nothing_is_close_the_offered_action_says_so_and_leaves_the_ID()
    {
        Project project = Project("namespace Shop { [SpecGuard.Implements(\"NOTHING-LIKE-IT-999\")] public sealed class A { public int Run() => 1; } }");
        ImmutableArray<Diagnostic> diagnostics = await Diagnostics(project);

        var offered = Assert.Single(await Offered(new CriterionIdCodeFixProvider(), project, diagnostics.Single(d => d.Id == "SPEC102")));
        Assert.Equal("Change unknown IDs to their closest known ID (none is close to \"NOTHING-LIKE-IT-999\")", offered.Title);
        Assert.Equal(EquivalenceKeys.UseClosestId, offered.Key);
    }
}
