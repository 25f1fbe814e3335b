using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using SpecGuard.Generators.Analyzers;
using SpecGuard.Generators.Emit;
using Xunit;

namespace SpecGuard.Generators.Tests;

public sealed class SpecFileAnalyzerTests
{
    private const string Valid = "specguard: 1\nfeature: ORDERS\ntitle: Orders\ncriteria:\n  - id: ORDERS-001\n    title: Place an order\n    then: it is placed\n";

    private static readonly string Attributes = AnalyzerTestSources.Attributes;

    private static CSharpAnalyzerTest<SpecFileAnalyzer, DefaultVerifier> Test(Framework framework = Framework.None) => new()
    {
        ReferenceAssemblies = Harness.ReferenceAssembliesFor(framework),
        TestState = { Sources = { Attributes } },
    };

    [Verifies(SpecGuard.Specs.RulesCriteria.RULES_001, SpecGuard.Specs.SchemaCriteria.SCHEMA_001)]
    [Fact]
    public async Task A_schema_violation_is_reported_on_the_yaml_key()
    {
        var test = Test();
        test.TestState.AdditionalFiles.Add(("specs/orders.spec.yaml", Valid.Replace("then:", "thne:", System.StringComparison.Ordinal)));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC002", DiagnosticSeverity.Error)
            .WithSpan("specs/orders.spec.yaml", 7, 5, 7, 9)
            .WithMessage("Unknown key 'thne' in criterion ORDERS-001. Did you mean 'then'? Allowed keys: id, title, given, when, then, priority, status, replacedBy, tags, examples."));

        await test.RunAsync();
    }

    [Verifies(SpecGuard.Specs.RulesCriteria.RULES_001)]
    [Fact]
    public async Task Malformed_yaml_is_reported_where_reading_stopped()
    {
        var test = Test();
        test.TestState.AdditionalFiles.Add(("specs/orders.spec.yaml", Valid.Replace("    title: Place", "\ttitle: Place", System.StringComparison.Ordinal)));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC001", DiagnosticSeverity.Error).WithSpan("specs/orders.spec.yaml", 6, 1, 6, 2).WithArguments(
            "The spec file is not valid YAML at line 6, column 1: While scanning a plain scalar, found a tab character that violate indentation. YAML does not allow tabs for indentation: indent with spaces. Check the indentation and quoting around this point."));

        await test.RunAsync();
    }

    [Verifies(SpecGuard.Specs.RulesCriteria.RULES_002)]
    [Fact]
    public async Task A_duplicate_id_across_files_is_reported_in_both_files()
    {
        var test = Test();
        test.TestState.AdditionalFiles.Add(("specs/a.spec.yaml", Valid));
        test.TestState.AdditionalFiles.Add(("specs/b.spec.yaml", Valid));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC003", DiagnosticSeverity.Error).WithSpan("specs/a.spec.yaml", 5, 9, 5, 19).WithArguments("The criterion ID 'ORDERS-001' is also declared in specs/b.spec.yaml at line 5; criterion IDs must be unique across all spec files. Give one of them the next free number."));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC003", DiagnosticSeverity.Error).WithSpan("specs/b.spec.yaml", 5, 9, 5, 19).WithArguments("The criterion ID 'ORDERS-001' is also declared in specs/a.spec.yaml at line 5; criterion IDs must be unique across all spec files. Give one of them the next free number."));

        // The two files also share the feature key (SPEC005, see DuplicateFeatureKeyTests).
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC005", DiagnosticSeverity.Error).WithSpan("specs/a.spec.yaml", 2, 10, 2, 16).WithArguments("The feature key 'ORDERS' is also declared in specs/b.spec.yaml at line 2; a feature is one spec file. Give one of them another key (and its criteria IDs that prefix), or move its criteria into the other file."));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC005", DiagnosticSeverity.Error).WithSpan("specs/b.spec.yaml", 2, 10, 2, 16).WithArguments("The feature key 'ORDERS' is also declared in specs/a.spec.yaml at line 2; a feature is one spec file. Give one of them another key (and its criteria IDs that prefix), or move its criteria into the other file."));

        await test.RunAsync();
    }

    [Fact]
    public async Task Other_additional_files_are_ignored()
    {
        var test = Test();
        test.TestState.AdditionalFiles.Add(("config/settings.yaml", "this: [is not, a spec"));
        test.TestState.AdditionalFiles.Add(("specs/orders.spec.yml", Valid));

        await test.RunAsync();
    }

    [Fact]
    public async Task In_a_test_project_each_unverified_approved_criterion_is_pending()
    {
        const string Spec = "specguard: 1\nfeature: ORDERS\ntitle: Orders\ncriteria:\n" +
            "  - id: ORDERS-001\n    title: Verified\n    then: ok\n" +
            "  - id: ORDERS-002\n    title: Not verified\n    then: ok\n" +
            "  - id: ORDERS-003\n    title: Draft\n    status: draft\n    then: ok\n";
        var test = Test(Framework.XunitV2);
        test.TestState.Sources.Add("public class OrderTests { [SpecGuard.Verifies(\"ORDERS-001\")] [Xunit.Fact] public void Places() { } }");
        test.TestState.AdditionalFiles.Add(("specs/orders.spec.yaml", Spec));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC200", DiagnosticSeverity.Info).WithSpan("specs/orders.spec.yaml", 8, 9, 8, 19)
            .WithArguments("No test verifies ORDERS-002 (Not verified); a pending test ORDERS_002_Not_verified was generated. Write a test with [Verifies(\"ORDERS-002\")] to replace it."));

        await test.RunAsync();
    }

    [Fact]
    public async Task Outside_test_projects_nothing_is_pending()
    {
        var test = Test();
        test.TestState.AdditionalFiles.Add(("specs/orders.spec.yaml", Valid));

        await test.RunAsync();
    }

    [Fact]
    public async Task With_pending_tests_off_nothing_is_pending()
    {
        var test = Test(Framework.NUnit);
        test.TestState.AdditionalFiles.Add(("specs/orders.spec.yaml", Valid));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.SpecGuardPendingTests = off\n"));

        await test.RunAsync();
    }

    [Fact]
    public async Task An_invalid_option_value_is_reported()
    {
        var test = Test();
        test.TestState.AdditionalFiles.Add(("specs/orders.spec.yaml", Valid));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.SpecGuardPendingTests = sometimes\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC901", DiagnosticSeverity.Error)
            .WithArguments("The MSBuild property SpecGuardPendingTests is 'sometimes'; it takes skip (the default), fail or off. Using skip."));

        await test.RunAsync();
    }

    [Verifies(SpecGuard.Specs.RulesCriteria.RULES_012)]
    [Fact]
    public async Task A_project_that_sees_no_spec_files_is_told_where_SpecGuard_looked()
    {
        var test = Test();
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC902", DiagnosticSeverity.Warning)
            .WithArguments("This project references SpecGuard but sees no spec files: no specs/ folder was found in the project folder or the eight folders above it. Create specs/ at the repository root (specguard init), set SpecGuardSpecsRoot, or add spec files as AdditionalFiles. SPEC100 and SPEC101 stay quiet until there are criteria to link to."));

        await test.RunAsync();
    }

    [Fact]
    public async Task The_no_spec_files_message_names_a_configured_root()
    {
        var test = Test();
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.SpecGuardSpecsRoot = /repo/requirements\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC902", DiagnosticSeverity.Warning)
            .WithArguments("This project references SpecGuard but sees no spec files: SpecGuardSpecsRoot is '/repo/requirements', which holds no *.spec.yaml or *.spec.yml file. Create specs/ at the repository root (specguard init), set SpecGuardSpecsRoot, or add spec files as AdditionalFiles. SPEC100 and SPEC101 stay quiet until there are criteria to link to."));

        await test.RunAsync();
    }
}
