using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SpecGuard.Generators.Analyzers;
using Xunit;

namespace SpecGuard.Generators.Tests;

/// <summary>
/// "Which IDs does this link name?" has one answer: for every way of writing a link, the generator (pending stub), the
/// spec-file analyzer (SPEC200) and the traceability analyzer (SPEC102, traced or not) agree. Runs the real generator,
/// then both analyzers over its output, with the generated attributes and catalog, as a consumer's build does.
/// </summary>
public sealed class LinkShapeTests
{
    private const string Spec = "specguard: 1\nfeature: ORDERS\ntitle: Orders\ncriteria:\n" +
        "  - id: ORDERS-001\n    title: Orders can be placed\n    then: an order is created\n" +
        "  - id: ORDERS-002\n    title: Orders can be cancelled\n    then: the order is cancelled\n";

    public static TheoryData<string, string> VerifiedShapes() => new()
    {
        { "literal", "[Verifies(\"ORDERS-001\")] public void T() { }" },
        { "catalog constant", "[Verifies(SpecGuard.Specs.OrdersCriteria.ORDERS_001)] public void T() { }" },
        { "the user's own constant", "[Verifies(Ids.Place)] public void T() { }" },
        { "a concatenation", "[Verifies(\"ORDERS-\" + \"001\")] public void T() { }" },
        { "an explicit array", "[Verifies(new[] { \"ORDERS-001\" })] public void T() { }" },
        { "a typed array of constants", "[Verifies(new string[] { Ids.Place, SpecGuard.Specs.OrdersCriteria.ORDERS_001 })] public void T() { }" },
        { "a local function", "public void T() { [Verifies(\"ORDERS-001\")] void Local() { } Local(); }" },
        { "a type", "} [Verifies(\"ORDERS-001\")] public sealed class Other { public void T() { }" },
    };

    [Theory]
    [MemberData(nameof(VerifiedShapes))]
    public async Task Generator_and_both_analyzers_agree_that_the_link_verifies_ORDERS_001(string shape, string member)
    {
        string source = "using SpecGuard;\nnamespace Consumer.Tests\n{\n    public static class Ids { public const string Place = \"ORDERS-001\"; }\n" +
            "    public sealed class OrderTests\n    {\n        " + member + "\n    }\n}\n";
        var result = await Analyze(Framework.XunitV2, source);

        Assert.True(result.Errors.Length == 0, shape + ": " + string.Join("\n", result.Errors));
        Assert.DoesNotContain("ORDERS_001", result.Stubs, StringComparison.Ordinal);
        Assert.Contains("ORDERS_002", result.Stubs, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "SPEC200" && d.GetMessage().Contains("ORDERS-001", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Id == "SPEC200" && d.GetMessage().Contains("ORDERS-002", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "SPEC102");
    }

    [Fact]
    public async Task An_unknown_ID_inside_an_array_is_SPEC102_on_that_element()
    {
        const string source = "using SpecGuard;\nnamespace Shop\n{\n    [Implements(new[] { \"ORDERS-001\", \"ORDERS-009\" })]\n    public sealed class OrderService { public int Place() => 1; }\n}\n";
        var result = await Analyze(Framework.None, source);

        Diagnostic unknown = Assert.Single(result.Diagnostics, d => d.Id == "SPEC102");
        Assert.Equal("\"ORDERS-009\"", unknown.Location.SourceTree!.GetText().ToString(unknown.Location.SourceSpan));
        Assert.Contains("Did you mean ORDERS-001?", unknown.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "SPEC100");
    }

    [Theory]
    [InlineData("[Implements]")]
    [InlineData("[Implements()]")]
    [InlineData("[Implements(new string[0])]")]
    [InlineData("[Implements(new string[] { })]")]
    public async Task An_Implements_that_names_no_ID_is_not_a_trace_and_is_reported(string attribute)
    {
        string source = "using SpecGuard;\nnamespace Shop\n{\n    " + attribute + "\n    public sealed class OrderService { public int Place() => 1; }\n}\n";
        var result = await Analyze(Framework.None, source);

        Diagnostic empty = Assert.Single(result.Diagnostics, d => d.Id == "SPEC102");
        Assert.Contains("[Implements] names no criterion", empty.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(result.Diagnostics, d => d.Id == "SPEC100" && d.GetMessage().Contains("OrderService", StringComparison.Ordinal));
    }

    /// <summary>Runs the generator, then both analyzers over its output, as a consumer's build does.</summary>
    internal static async Task<(ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<Diagnostic> Errors, string Stubs)> Analyze(Framework framework, string source, string specText = Spec)
    {
        Compilation compilation = await Harness.Compilation(framework, source);
        AdditionalText spec = Harness.Spec("specs/orders.spec.yaml", specText);
        var (run, output, _) = Harness.Run(Harness.Driver([spec]), compilation);
        string stubs = string.Concat(run.Results.Single().GeneratedSources.Where(s => s.HintName.StartsWith("SpecGuard.PendingTests.", StringComparison.Ordinal)).Select(s => s.SourceText.ToString()));
        ImmutableArray<Diagnostic> errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();

        var options = new AnalyzerOptions([spec], new Harness.OptionsProvider(new Dictionary<string, string>()));
        var analyzers = output.WithAnalyzers([new SpecFileAnalyzer(), new TraceabilityAnalyzer(), new LinkAnalyzer()], options);
        ImmutableArray<Diagnostic> diagnostics = await analyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return (diagnostics, errors, stubs);
    }
}
