using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using SpecGuard.Generators.Analyzers;
using Xunit;

namespace SpecGuard.Generators.Tests;

/// <summary>Issue 9: every invalid value of SpecGuard's generator options is SPEC901 naming the value and the default used.</summary>
public sealed class OptionValidationTests
{
    private const string Valid = "specguard: 1\nfeature: ORDERS\ntitle: Orders\ncriteria:\n  - id: ORDERS-001\n    title: Place an order\n    then: it is placed\n";

    [Verifies(SpecGuard.Specs.RulesCriteria.RULES_011)]
    [Theory]
    [InlineData("My.class.Specs")]
    [InlineData("My.int")]
    [InlineData("global.Specs")]
    [InlineData("My..Specs")]
    [InlineData(".Specs")]
    [InlineData("My-Specs")]
    [InlineData("1Specs")]
    public async Task A_catalog_namespace_that_is_not_a_namespace_is_SPEC901_and_the_default_is_used(string value)
    {
        var test = new CSharpAnalyzerTest<SpecFileAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = Harness.ReferenceAssembliesFor(Framework.None),
            TestState = { Sources = { AnalyzerTestSources.Attributes } },
        };
        test.TestState.AdditionalFiles.Add(("specs/orders.spec.yaml", Valid));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.SpecGuardCatalogNamespace = " + value + "\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC901", DiagnosticSeverity.Error)
            .WithArguments("The MSBuild property SpecGuardCatalogNamespace is '" + value + "', which is not a C# namespace: dot-separated identifiers, none a C# keyword such as class or int (e.g. MyCompany.Specs). Using SpecGuard.Specs."));

        await test.RunAsync();
    }

    [Verifies(SpecGuard.Specs.RulesCriteria.RULES_011)]
    [Theory]
    [InlineData("maybe")]
    [InlineData("true")]
    public async Task A_pending_tests_value_that_is_not_a_mode_is_SPEC901_and_skip_is_used(string value)
    {
        var test = new CSharpAnalyzerTest<SpecFileAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = Harness.ReferenceAssembliesFor(Framework.None),
            TestState = { Sources = { AnalyzerTestSources.Attributes } },
        };
        test.TestState.AdditionalFiles.Add(("specs/orders.spec.yaml", Valid));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.SpecGuardPendingTests = " + value + "\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC901", DiagnosticSeverity.Error)
            .WithArguments("The MSBuild property SpecGuardPendingTests is '" + value + "'; it takes skip (the default), fail or off. Using skip."));

        await test.RunAsync();
    }

    [Theory]
    [InlineData("some")]
    [InlineData("true")]
    public async Task A_catalog_value_that_is_not_a_mode_is_SPEC901_and_auto_is_used(string value)
    {
        var test = new CSharpAnalyzerTest<SpecFileAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = Harness.ReferenceAssembliesFor(Framework.None),
            TestState = { Sources = { AnalyzerTestSources.Attributes } },
        };
        test.TestState.AdditionalFiles.Add(("specs/orders.spec.yaml", Valid));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.SpecGuardCatalog = " + value + "\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC901", DiagnosticSeverity.Error)
            .WithArguments("The MSBuild property SpecGuardCatalog is '" + value + "'; it takes auto (the default), all or referenced. Using auto."));

        await test.RunAsync();
    }

    [Theory]
    [InlineData("perhaps")]
    [InlineData("yes")]
    public async Task An_auto_include_value_that_is_not_true_or_false_is_SPEC901_and_true_is_used(string value)
    {
        var test = new CSharpAnalyzerTest<SpecFileAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = Harness.ReferenceAssembliesFor(Framework.None),
            TestState = { Sources = { AnalyzerTestSources.Attributes } },
        };
        test.TestState.AdditionalFiles.Add(("specs/orders.spec.yaml", Valid));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.SpecGuardAutoInclude = " + value + "\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC901", DiagnosticSeverity.Error)
            .WithArguments("The MSBuild property SpecGuardAutoInclude is '" + value + "'; it takes true (the default) or false. Using true: spec files under the specs root are added."));

        await test.RunAsync();
    }

    [Theory]
    [InlineData("true")]
    [InlineData("False")]
    public async Task True_and_false_are_accepted_for_auto_include(string value)
    {
        var test = new CSharpAnalyzerTest<SpecFileAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = Harness.ReferenceAssembliesFor(Framework.None),
            TestState = { Sources = { AnalyzerTestSources.Attributes } },
        };
        test.TestState.AdditionalFiles.Add(("specs/orders.spec.yaml", Valid));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.SpecGuardAutoInclude = " + value + "\n"));

        await test.RunAsync();
    }
}
