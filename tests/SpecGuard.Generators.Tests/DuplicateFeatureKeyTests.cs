using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using SpecGuard.Generators.Analyzers;
using Xunit;

namespace SpecGuard.Generators.Tests;

/// <summary>SPEC005 (one feature key in two spec files) as the build reports it: on each file's <c>feature:</c> value.</summary>
public sealed class DuplicateFeatureKeyTests
{
    private const string Message = "The feature key 'ORDERS' is also declared in {0} at line 2; a feature is one spec file. Give one of them another key (and its criteria IDs that prefix), or move its criteria into the other file.";

    private static string Spec(string id) => "specguard: 1\nfeature: ORDERS\ntitle: Orders\ncriteria:\n  - id: " + id + "\n    title: Place an order\n    then: it is placed\n";

    private static CSharpAnalyzerTest<SpecFileAnalyzer, DefaultVerifier> Test() => new()
    {
        ReferenceAssemblies = Harness.ReferenceAssembliesFor(Framework.None),
        TestState = { Sources = { AnalyzerTestSources.Attributes } },
    };

    [Fact]
    public async Task Same_named_files_in_two_folders_with_one_key_each_get_SPEC005_naming_the_other()
    {
        var test = Test();
        // Arrival order is not path order: the diagnostics follow the paths.
        test.TestState.AdditionalFiles.Add(("specs/sales/orders.spec.yaml", Spec("ORDERS-002")));
        test.TestState.AdditionalFiles.Add(("specs/legacy/orders.spec.yaml", Spec("ORDERS-001")));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC005", DiagnosticSeverity.Error)
            .WithSpan("specs/legacy/orders.spec.yaml", 2, 10, 2, 16)
            .WithArguments(string.Format(System.Globalization.CultureInfo.InvariantCulture, Message, "specs/sales/orders.spec.yaml")));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC005", DiagnosticSeverity.Error)
            .WithSpan("specs/sales/orders.spec.yaml", 2, 10, 2, 16)
            .WithArguments(string.Format(System.Globalization.CultureInfo.InvariantCulture, Message, "specs/legacy/orders.spec.yaml")));

        await test.RunAsync();
    }

    [Fact]
    public async Task Three_files_with_one_key_give_three_diagnostics()
    {
        var test = Test();
        test.TestState.AdditionalFiles.Add(("specs/c.spec.yaml", Spec("ORDERS-003")));
        test.TestState.AdditionalFiles.Add(("specs/a.spec.yaml", Spec("ORDERS-001")));
        test.TestState.AdditionalFiles.Add(("specs/b.spec.yaml", Spec("ORDERS-002")));
        const string All = " It is declared in 3 files in all.";
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC005", DiagnosticSeverity.Error).WithSpan("specs/a.spec.yaml", 2, 10, 2, 16)
            .WithArguments(string.Format(System.Globalization.CultureInfo.InvariantCulture, Message, "specs/b.spec.yaml") + All));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC005", DiagnosticSeverity.Error).WithSpan("specs/b.spec.yaml", 2, 10, 2, 16)
            .WithArguments(string.Format(System.Globalization.CultureInfo.InvariantCulture, Message, "specs/a.spec.yaml") + All));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC005", DiagnosticSeverity.Error).WithSpan("specs/c.spec.yaml", 2, 10, 2, 16)
            .WithArguments(string.Format(System.Globalization.CultureInfo.InvariantCulture, Message, "specs/a.spec.yaml") + All));

        await test.RunAsync();
    }
}
