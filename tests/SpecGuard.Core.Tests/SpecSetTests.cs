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

    [Verifies(SpecGuard.Specs.LoaderCriteria.LOADER_004)]
    [Fact]
    public void A_duplicate_across_files_is_reported_on_each_occurrence_naming_the_other()
    {
        SpecSet set = SpecSet.Load([
            Spec("specs/orders.spec.yaml", "ORDERS", "ORDERS-001", "ORDERS-002"),
            Spec("specs/legacy/orders.spec.yaml", "ORDERS", "ORDERS-002"),
        ]);

        Assert.Equal(["SPEC003", "SPEC003", "SPEC005", "SPEC005"], set.Diagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
        SpecDiagnostic inLegacy = set.DiagnosticsFor("specs/legacy/orders.spec.yaml").Single(d => d.Id == "SPEC003");
        SpecDiagnostic inOrders = set.DiagnosticsFor("specs/orders.spec.yaml").Single(d => d.Id == "SPEC003");
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

        SpecDiagnostic[] duplicates = [.. set.Diagnostics.Where(d => d.Id == "SPEC003")];
        Assert.Equal(3, duplicates.Length);
        Assert.Equal(["a.spec.yaml", "b.spec.yaml", "c.spec.yaml"], duplicates.Select(d => d.Path));
        Assert.All(duplicates, d => Assert.Contains("declared 3 times in all", d.Message, StringComparison.Ordinal));
        Assert.Contains("also declared in b.spec.yaml", duplicates[0].Message, StringComparison.Ordinal);
        Assert.Contains("also declared in a.spec.yaml", duplicates[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_files_with_one_feature_key_get_SPEC005_on_each_feature_value_naming_the_other()
    {
        SpecSet set = SpecSet.Load([
            Spec("specs/orders.spec.yaml", "ORDERS", "ORDERS-001"),
            Spec("specs/legacy/orders.spec.yaml", "ORDERS", "ORDERS-002"),
            Spec("specs/payments.spec.yaml", "PAYMENTS", "PAYMENTS-001"),
        ]);

        SpecDiagnostic[] diagnostics = [.. set.Diagnostics];
        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, d => Assert.Equal(("SPEC005", SpecSeverity.Error), (d.Id, d.Severity)));
        Assert.Equal(["specs/legacy/orders.spec.yaml", "specs/orders.spec.yaml"], diagnostics.Select(d => d.Path));
        Assert.All(diagnostics, d => Assert.Equal((1, 9, 1, 15), (d.Span.StartLine, d.Span.StartColumn, d.Span.EndLine, d.Span.EndColumn))); // the value ORDERS on line 2
        Assert.Equal(
            "The feature key 'ORDERS' is also declared in specs/orders.spec.yaml at line 2; a feature is one spec file. Give one of them another key (and its criteria IDs that prefix), or move its criteria into the other file.",
            diagnostics[0].Message);
        Assert.StartsWith("The feature key 'ORDERS' is also declared in specs/legacy/orders.spec.yaml at line 2;", diagnostics[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Four_files_with_one_key_give_four_diagnostics_not_sixteen()
    {
        SpecSet set = SpecSet.Load([
            Spec("d.spec.yaml", "ORDERS", "ORDERS-004"),
            Spec("b.spec.yaml", "ORDERS", "ORDERS-002"),
            Spec("a.spec.yaml", "ORDERS", "ORDERS-001"),
            Spec("c.spec.yaml", "ORDERS", "ORDERS-003"),
        ]);

        Assert.Equal(["a.spec.yaml", "b.spec.yaml", "c.spec.yaml", "d.spec.yaml"], set.Diagnostics.Select(d => d.Path));
        Assert.All(set.Diagnostics, d => Assert.EndsWith(" It is declared in 4 files in all.", d.Message, StringComparison.Ordinal));
        Assert.Contains("also declared in b.spec.yaml", set.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.All(set.Diagnostics.Skip(1), d => Assert.Contains("also declared in a.spec.yaml", d.Message, StringComparison.Ordinal));
    }

    public static TheoryData<int> Permutations() => [.. Enumerable.Range(0, 24)];

    /// <summary>Same-named files in different folders, one key: every arrival order gives the same diagnostics and the same merged feature.</summary>
    [Theory]
    [MemberData(nameof(Permutations))]
    public void Feature_groups_and_SPEC005_do_not_depend_on_the_order_files_arrive_in(int permutation)
    {
        SpecSource[] sources =
        [
            new("specs/b/orders.spec.yaml", "specguard: 1\nfeature: ORDERS\ntitle: Title from b\ncriteria:\n  - id: ORDERS-002\n    title: two in b\n    then: ok\n  - id: ORDERS-001\n    title: one in b\n    then: ok\n"),
            new("specs/a/orders.spec.yaml", "specguard: 1\nfeature: ORDERS\ntitle: Title from a\ncriteria:\n  - id: ORDERS-003\n    title: three in a\n    then: ok\n  - id: ORDERS-001\n    title: one in a\n    then: ok\n"),
            new("specs/a-b/orders.spec.yaml", "specguard: 1\nfeature: ORDERS\ntitle: Title from a-b\ncriteria:\n  - id: ORDERS-004\n    title: four in a-b\n    then: ok\n"),
            Spec("specs/payments.spec.yaml", "PAYMENTS", "PAYMENTS-001"),
        ];
        SpecSource[] arrived = [.. Permute(sources, permutation)];

        SpecSet set = SpecSet.Load(arrived);
        SpecSet reference = SpecSet.Load(sources);

        Assert.Equal(reference.Diagnostics, set.Diagnostics);
        Assert.Equal(reference.FeatureGroups, set.FeatureGroups);
        Assert.Equal(["ORDERS", "PAYMENTS"], set.FeatureGroups.Select(g => g.Key));
        FeatureGroup orders = set.FeatureGroups[0];
        // Ordinal path order: "specs/a-b/" < "specs/a/" < "specs/b/" ('-' sorts before '/').
        Assert.Equal(["specs/a-b/orders.spec.yaml", "specs/a/orders.spec.yaml", "specs/b/orders.spec.yaml"], orders.Files.Select(f => f.Path));
        Assert.Equal("Title from a-b", orders.Merged.Title);
        Assert.Equal(["ORDERS-004", "ORDERS-003", "ORDERS-001", "ORDERS-002"], orders.Criteria.Select(c => c.Id));
        Assert.Equal("one in a", orders.Criteria.Single(c => c.Id == "ORDERS-001").Title);
        Assert.Equal(
            ["specs/a-b/orders.spec.yaml:SPEC005", "specs/a/orders.spec.yaml:SPEC005", "specs/a/orders.spec.yaml:SPEC003", "specs/b/orders.spec.yaml:SPEC005", "specs/b/orders.spec.yaml:SPEC003"],
            set.Diagnostics.Select(d => d.Path + ":" + d.Id));
    }

    [Fact]
    public void A_key_in_one_file_is_a_group_of_one_with_that_file_s_criteria()
    {
        SpecSet set = SpecSet.Load([Spec("a.spec.yaml", "ORDERS", "ORDERS-002", "ORDERS-001")]);

        FeatureGroup group = Assert.Single(set.FeatureGroups);
        Assert.Equal(set.Features.Single(), group.Merged);
        Assert.Equal(["ORDERS-002", "ORDERS-001"], group.Criteria.Select(c => c.Id));
    }

    private static System.Collections.Generic.IEnumerable<T> Permute<T>(T[] items, int index)
    {
        var remaining = new System.Collections.Generic.List<T>(items);
        for (int n = items.Length; n > 0; n--)
        {
            int pick = index % n;
            index /= n;
            yield return remaining[pick];
            remaining.RemoveAt(pick);
        }
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
