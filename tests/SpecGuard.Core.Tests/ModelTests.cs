using System;
using System.IO;
using System.Linq;
using SpecGuard.Core.Model;
using Xunit;

namespace SpecGuard.Core.Tests;

public sealed class ModelTests
{
    private static readonly string Orders = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "valid", "orders.spec.yaml"));

    [Fact]
    public void Loading_equal_text_twice_gives_equal_results_and_hashes()
    {
        SpecLoadResult first = SpecLoader.Load("specs/orders.spec.yaml", Orders);
        SpecLoadResult second = SpecLoader.Load("specs/orders.spec.yaml", new string(Orders.ToCharArray()));

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Equal(first.Feature, second.Feature);
    }

    [Fact]
    public void A_changed_criterion_makes_the_results_differ()
    {
        SpecLoadResult first = SpecLoader.Load("specs/orders.spec.yaml", Orders);
        SpecLoadResult edited = SpecLoader.Load("specs/orders.spec.yaml", Orders.Replace("the order is rejected", "the order is refused", StringComparison.Ordinal));

        Assert.NotEqual(first, edited);
        Assert.Equal(first.Feature!.Criteria[0], edited.Feature!.Criteria[0]);
        Assert.NotEqual(first.Feature.Criteria[1], edited.Feature.Criteria[1]);
    }

    [Fact]
    public void Diagnostics_are_equal_for_equal_text()
    {
        const string Text = "specguard: 1\nfeature: ORDERS\ntitle: T\ncriteria:\n  - id: ORDERS-001\n    title: x\n    thne: y\n";

        Assert.Equal(SpecLoader.Load("a.spec.yaml", Text), SpecLoader.Load("a.spec.yaml", Text));
    }

    [Verifies(SpecGuard.Specs.LoaderCriteria.LOADER_001)]
    [Fact]
    public void The_model_holds_what_the_file_says()
    {
        SpecFeature feature = SpecLoader.Load("specs/orders.spec.yaml", Orders).Feature!;

        Assert.Equal("ORDERS", feature.Key);
        Assert.Equal("Order placement", feature.Title);
        Assert.Equal("team-orders", feature.Owner);
        Assert.Equal(SpecStatus.Approved, feature.Status);
        Assert.Equal(["checkout"], feature.Tags);

        Criterion first = feature.Criteria[0];
        Assert.Equal("ORDERS-001", first.Id);
        Assert.Equal(["a signed-in customer with in-stock items in the cart"], first.Given);
        Assert.Equal(["an order is created with status Pending", "stock is reserved for every line"], first.Then);
        Assert.Equal(CriterionPriority.Must, first.Priority);
        Assert.Equal(2, first.Examples.Count);
        Assert.Equal(new ExampleCell("quantity", "1", ExampleValueKind.Integer), first.Examples[0].Cells[0]);
        Assert.Equal(new ExampleCell("status", "Pending", ExampleValueKind.String), first.Examples[0].Cells[1]);
        Assert.Equal(9, first.IdSpan.StartLine + 1);
        Assert.Equal(9, first.IdSpan.StartColumn + 1);
        Assert.Equal("ORDERS-001".Length, first.IdSpan.Length);
        Assert.Equal("ORDERS-001", Orders.Substring(first.IdSpan.Start, first.IdSpan.Length));

        Assert.Equal(CriterionPriority.Should, feature.Criteria[1].Priority);
        Assert.Equal(SpecStatus.Deprecated, feature.Criteria[2].Status);
        Assert.Equal("ORDERS-001", feature.Criteria[2].ReplacedBy);
    }

    [Fact]
    public void Example_cells_keep_their_yaml_types_in_canonical_form()
    {
        SpecFeature feature = SpecLoader.Load("p.spec.yml", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "valid", "payments.spec.yml"))).Feature!;

        ExampleCell[] row = feature.Criteria[0].Examples[0].Cells.ToArray();
        Assert.Equal(
            [
                new ExampleCell("amount", "42.5", ExampleValueKind.Float), // canonical: the round-trip form of the double
                new ExampleCell("currency", "EUR", ExampleValueKind.String),
                new ExampleCell("three_ds", "false", ExampleValueKind.Boolean),
                new ExampleCell("note", null, ExampleValueKind.Null),
            ],
            row);
        Assert.Equal(new ExampleCell("currency", "USD", ExampleValueKind.String), feature.Criteria[0].Examples[1].Cells[1]);
        Assert.Equal(SpecStatus.Draft, feature.Criteria[0].Status); // inherited from the feature
    }

    [Fact]
    public void A_file_with_errors_still_yields_its_well_formed_criteria()
    {
        const string Text = "specguard: 1\nfeature: ORDERS\ntitle: T\ncriteria:\n  - id: ORDERS-001\n    title: ok\n    then: fine\n  - id: ORDERS-2\n    title: bad id\n    then: x\n  - id: ORDERS-003\n    title: typo\n    then: y\n    priorty: must\n";

        SpecLoadResult result = SpecLoader.Load("o.spec.yaml", Text);

        Assert.True(result.HasErrors);
        Assert.Equal(["ORDERS-001", "ORDERS-003"], result.Feature!.Criteria.Select(c => c.Id));
        Assert.Equal(2, result.Diagnostics.Count);
    }
}
