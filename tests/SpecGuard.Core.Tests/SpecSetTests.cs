using System;
using System.Linq;
using SpecGuard.Core.Diagnostics;
using SpecGuard.Core.Text;
using Xunit;

namespace SpecGuard.Core.Tests;

public sealed class SpecSetTests
{
    private static SpecSource Spec(string path, string feature, params string[] ids) => new(
        path,
        $"specguard: 1\nfeature: {feature}\ntitle: {feature} title\ncriteria:\n" +
        string.Concat(ids.Select(id => $"  - id: {id}\n    title: {id} title\n    then: it holds\n")));

    [Fact]
    public void A_duplicate_across_files_is_reported_on_each_occurrence_naming_the_other()
    {
        SpecSet set = SpecSet.Load([
            Spec("specs/orders.spec.yaml", "ORDERS", "ORDERS-001", "ORDERS-002"),
            Spec("specs/legacy/orders.spec.yaml", "ORDERS", "ORDERS-002"),
        ]);

        Assert.Equal(2, set.Diagnostics.Count);
        Assert.All(set.Diagnostics, d => Assert.Equal("SPEC003", d.Id));
        SpecDiagnostic inLegacy = set.DiagnosticsFor("specs/legacy/orders.spec.yaml").Single();
        SpecDiagnostic inOrders = set.DiagnosticsFor("specs/orders.spec.yaml").Single();
        Assert.Contains("also declared in specs/orders.spec.yaml at line 8", inLegacy.Message, StringComparison.Ordinal);
        Assert.Contains("also declared in specs/legacy/orders.spec.yaml at line 5", inOrders.Message, StringComparison.Ordinal);
        Assert.Equal((4, 8), (inLegacy.Span.StartLine, inLegacy.Span.StartColumn));
        Assert.Equal((7, 8), (inOrders.Span.StartLine, inOrders.Span.StartColumn));
    }

    [Fact]
    public void The_result_does_not_depend_on_the_order_files_arrive_in()
    {
        SpecSource[] sources =
        [
            Spec("specs/b.spec.yaml", "BILLING", "BILLING-001", "ORDERS-001"),
            Spec("specs/a.spec.yaml", "ORDERS", "ORDERS-001"),
            Spec("specs/c.spec.yaml", "CART", "CART-001", "CART-002"),
        ];

        SpecSet forward = SpecSet.Load(sources);
        SpecSet backward = SpecSet.Load(sources.Reverse());

        Assert.Equal(forward.Files, backward.Files);
        Assert.Equal(forward.Diagnostics, backward.Diagnostics);
        Assert.Equal(["SPEC003", "SPEC003", "SPEC004"], forward.Diagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.Equal("specs/a.spec.yaml", forward.Criteria["ORDERS-001"] is { } first ? forward.Files.Single(f => f.Feature!.Criteria.Contains(first)).Path : null);
    }

    [Fact]
    public void Three_copies_of_an_id_give_three_diagnostics_not_six()
    {
        SpecSet set = SpecSet.Load([
            Spec("a.spec.yaml", "ORDERS", "ORDERS-001"),
            Spec("b.spec.yaml", "ORDERS", "ORDERS-001"),
            Spec("c.spec.yaml", "ORDERS", "ORDERS-001"),
        ]);

        Assert.Equal(3, set.Diagnostics.Count);
        Assert.Equal(["a.spec.yaml", "b.spec.yaml", "c.spec.yaml"], set.Diagnostics.Select(d => d.Path));
        Assert.All(set.Diagnostics, d => Assert.Contains("declared 3 times in all", d.Message, StringComparison.Ordinal));
        Assert.Contains("also declared in b.spec.yaml", set.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("also declared in a.spec.yaml", set.Diagnostics[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Criteria_are_indexed_by_id()
    {
        SpecSet set = SpecSet.Load([Spec("a.spec.yaml", "ORDERS", "ORDERS-001", "ORDERS-002")]);

        Assert.Equal("ORDERS-002 title", set.Criteria["ORDERS-002"].Title);
        Assert.Single(set.Features);
    }

    [Theory]
    [InlineData("thne", "then")]
    [InlineData("priorty", "priority")]
    [InlineData("tilte", "title")]
    [InlineData("ORDERS-01", "ORDERS-001")]
    [InlineData("completely-different", null)]
    public void Suggestions_find_plausible_typos_only(string typo, string? expected)
    {
        Assert.Equal(expected, Suggest.Closest(typo, ["id", "title", "given", "when", "then", "priority", "status", "ORDERS-001", "ORDERS-002"]));
    }
}
