using System.Linq;
using SpecGuard.Core.Diagnostics;
using SpecGuard.Core.Model;
using Xunit;

namespace SpecGuard.Core.Tests;

/// <summary>Issue 9: the loader decides each example cell's type and canonical value, and rejects a value that cannot be its type.</summary>
public sealed class ExampleValueTests
{
    private static string Spec(string value) =>
        "specguard: 1\nfeature: ORDERS\ntitle: Orders\ncriteria:\n" +
        "  - id: ORDERS-001\n    title: t\n    then: t\n    examples:\n      - { ok: 1 }\n      - { n: " + value + " }\n" +
        "  - id: ORDERS-002\n    title: t\n    then: t\n    examples:\n      - { n: 1 }\n";

    [Theory]
    [InlineData("!!int '0)] public void Evil() { } [InlineData(0'", "is tagged !!int but is not an integer")]
    [InlineData("!!int 1.5", "is tagged !!int but is not an integer")]
    [InlineData("!!int '9223372036854775808'", "does not fit in 64 bits")]
    [InlineData("-9223372036854775809", "does not fit in 64 bits")]
    [InlineData("0x10000000000000000", "does not fit in 64 bits")]
    [InlineData("0x8000000000000000", "does not fit in 64 bits")]
    [InlineData("0o2000000000000000000000", "does not fit in 64 bits")]
    [InlineData("1e400", "beyond the range of a double")]
    [InlineData("-1e400", "beyond the range of a double")]
    [InlineData("!!float abc", "is tagged !!float but is not a number")]
    [InlineData("!!float '1e400'", "beyond the range of a double")]
    [InlineData("!!bool yes", "is tagged !!bool but is not a boolean")]
    [InlineData("!!bool ''", "is tagged !!bool but is not a boolean")]
    [InlineData("!!null x", "is tagged !!null but is not null")]
    [InlineData("!custom x", "The tag '!custom' is not one SpecGuard knows")]
    [InlineData("!!timestamp 2001-12-14", "The tag 'tag:yaml.org,2002:timestamp' is not one SpecGuard knows")]
    [InlineData("!!int \"1\\n\"", "'1\\n' is tagged !!int")]
    public void A_value_that_cannot_be_its_type_is_SPEC002_on_the_value_and_its_criterion_has_no_examples(string value, string message)
    {
        SpecLoadResult result = SpecLoader.Load("orders.spec.yaml", Spec(value));

        SpecDiagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SPEC002", diagnostic.Id);
        Assert.Equal((9, 13), (diagnostic.Span.StartLine, diagnostic.Span.StartColumn));
        Assert.Contains(message, diagnostic.Message, System.StringComparison.Ordinal);
        Assert.DoesNotContain('\n', diagnostic.Message);
        Criterion first = result.Feature!.Criteria[0];
        Assert.True(first.HasInvalidExamples);
        Assert.Empty(first.Examples);
        Criterion second = result.Feature.Criteria[1];
        Assert.False(second.HasInvalidExamples);
        Assert.Equal(new ExampleCell("n", "1", ExampleValueKind.Integer), second.Examples[0].Cells[0]);
    }

    [Theory]
    [InlineData("42", ExampleValueKind.Integer, "42")]
    [InlineData("+7", ExampleValueKind.Integer, "7")]
    [InlineData("-0", ExampleValueKind.Integer, "0")]
    [InlineData("0x1F", ExampleValueKind.Integer, "31")]
    [InlineData("0o17", ExampleValueKind.Integer, "15")]
    [InlineData("0x7FFFFFFFFFFFFFFF", ExampleValueKind.Integer, "9223372036854775807")]
    [InlineData("-9223372036854775808", ExampleValueKind.Integer, "-9223372036854775808")]
    [InlineData("!!int '42'", ExampleValueKind.Integer, "42")]
    [InlineData("2.50", ExampleValueKind.Float, "2.5")]
    [InlineData("1e3", ExampleValueKind.Float, "1000")]
    [InlineData(".5", ExampleValueKind.Float, "0.5")]
    [InlineData(".inf", ExampleValueKind.Float, "Infinity")]
    [InlineData("-.Inf", ExampleValueKind.Float, "-Infinity")]
    [InlineData(".NaN", ExampleValueKind.Float, "NaN")]
    [InlineData("!!float 3", ExampleValueKind.Float, "3")]
    [InlineData("!!float 0x10", ExampleValueKind.Float, "16")]
    [InlineData("TRUE", ExampleValueKind.Boolean, "true")]
    [InlineData("!!bool False", ExampleValueKind.Boolean, "false")]
    [InlineData("yes", ExampleValueKind.String, "yes")]
    [InlineData("'12'", ExampleValueKind.String, "12")]
    [InlineData("!!str 12", ExampleValueKind.String, "12")]
    [InlineData("-0x1", ExampleValueKind.String, "-0x1")]
    [InlineData("~", ExampleValueKind.Null, null)]
    [InlineData("!!null ''", ExampleValueKind.Null, null)]
    public void A_valid_value_gets_its_type_and_canonical_text(string value, ExampleValueKind kind, string? canonical)
    {
        SpecLoadResult result = SpecLoader.Load("orders.spec.yaml", Spec(value));

        Assert.Empty(result.Diagnostics);
        Criterion first = result.Feature!.Criteria[0];
        Assert.False(first.HasInvalidExamples);
        Assert.Equal(new ExampleCell("n", canonical, kind), first.Examples[1].Cells[0]);
    }

    [Theory]
    [InlineData("{ quanti-ty: 1 }")]
    [InlineData("{ \"quantity\\n\": 1 }")]
    [InlineData("{ n: [1, 2] }")]
    [InlineData("{ }")]
    [InlineData("5")]
    public void An_invalid_row_is_SPEC002_and_its_criterion_has_no_examples(string row)
    {
        string spec = "specguard: 1\nfeature: ORDERS\ntitle: Orders\ncriteria:\n  - id: ORDERS-001\n    title: t\n    then: t\n    examples:\n      - { n: 1 }\n      - " + row + "\n";

        SpecLoadResult result = SpecLoader.Load("orders.spec.yaml", spec);

        Assert.Contains(result.Diagnostics, d => d.Id == "SPEC002" && d.Span.StartLine == 9);
        Assert.True(result.Feature!.Criteria[0].HasInvalidExamples);
        Assert.Empty(result.Feature.Criteria[0].Examples);
    }

    [Theory]
    [InlineData("\"ORDERS-001\\n\"")]
    [InlineData("\"ORDERS-001\\r\\n\"")]
    [InlineData("\"ORDERS-001\\u2028\"")]
    [InlineData("|\n      ORDERS-001")]
    public void An_id_with_a_line_break_is_SPEC002_and_not_a_criterion(string id)
    {
        string spec = "specguard: 1\nfeature: ORDERS\ntitle: Orders\ncriteria:\n  - id: " + id + "\n    title: t\n    then: t\n  - id: ORDERS-002\n    title: t\n    then: t\n";

        SpecLoadResult result = SpecLoader.Load("orders.spec.yaml", spec);

        Assert.Contains(result.Diagnostics, d => d.Id == "SPEC002" && d.Span.StartLine == 4 && d.Message.Contains("a criterion ID is", System.StringComparison.Ordinal));
        Assert.Equal(["ORDERS-002"], result.Feature!.Criteria.Select(c => c.Id));
    }

    [Fact]
    public void A_feature_key_with_a_line_break_is_SPEC002_and_no_feature()
    {
        SpecLoadResult result = SpecLoader.Load("orders.spec.yaml", "specguard: 1\nfeature: \"ORDERS\\n\"\ntitle: Orders\ncriteria:\n  - id: ORDERS-001\n    title: t\n    then: t\n");

        Assert.Contains(result.Diagnostics, d => d.Id == "SPEC002" && d.Span.StartLine == 1);
        Assert.Null(result.Feature);
    }
}
