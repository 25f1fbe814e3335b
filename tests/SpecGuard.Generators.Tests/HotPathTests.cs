using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using Microsoft.CodeAnalysis.Testing;
using SpecGuard.Generators.Analyzers;
using Xunit;
using static SpecGuard.Generators.Tests.AnalyzerTestSources;

namespace SpecGuard.Generators.Tests;

/// <summary>
/// Issue 11, hot paths: attributes are filtered by name before binding (and using aliases still work), and the link
/// rules (LinkAnalyzer) are split from the untraced-code rules (TraceabilityAnalyzer), so that switching one set off
/// means the compiler does not run its analyzer at all.
/// </summary>
public sealed class HotPathTests
{
    [Fact]
    public async Task Links_written_through_a_using_alias_are_still_checked()
    {
        var test = Test<LinkAnalyzer>("""
            using Impl = SpecGuard.ImplementsAttribute;

            namespace Shop
            {
                using Exempt = global::SpecGuard.SpecExemptAttribute;

                [Impl({|#0:"ORDERS-01"|})]
                public sealed class OrderService { public int Place() => 1; }

                [{|#1:Exempt("")|}]
                public sealed class Health { public int Check() => 1; }
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC102", DiagnosticSeverity.Error).WithLocation(0).WithArguments("[Implements] names 'ORDERS-01', which no spec file declares. Did you mean ORDERS-001?"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC104", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("[SpecExempt] has no reason. Say why this code needs no acceptance criterion, e.g. [SpecExempt(\"infrastructure: health check\")], so reviewers can judge the exemption."));
        await test.RunAsync();
    }

    [Fact]
    public async Task Links_written_through_a_global_using_alias_of_another_file_are_still_checked()
    {
        var test = Test<LinkAnalyzer>("""
            namespace Shop
            {
                [Linked({|#0:"ORDERS-01"|})]
                public sealed class OrderService { public int Place() => 1; }
            }
            """);
        test.TestState.Sources.Add(("Usings.cs", "global using LinkedAttribute = SpecGuard.ImplementsAttribute;"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC102", DiagnosticSeverity.Error).WithLocation(0).WithArguments("[Implements] names 'ORDERS-01', which no spec file declares. Did you mean ORDERS-001?"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Qualified_and_global_names_are_checked_and_other_attributes_are_not_bound_to_links()
    {
        var test = Test<LinkAnalyzer>("""
            namespace Shop
            {
                using SG = SpecGuard;

                [global::SpecGuard.ImplementsAttribute({|#0:"ORDERS-01"|}), System.Obsolete("x")]
                public sealed class OrderService { [SG::Implements({|#1:"ORDERS-02x"|})] public int Place() => 1; }

                [SG.Verifies({|#2:"NOPE-001"|})]
                public sealed class Checks { [System.Diagnostics.Conditional("DEBUG")] public void Check() { } }
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC102", DiagnosticSeverity.Error).WithLocation(0).WithArguments("[Implements] names 'ORDERS-01', which no spec file declares. Did you mean ORDERS-001?"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC102", DiagnosticSeverity.Error).WithLocation(1).WithArguments("[Implements] names 'ORDERS-02x', which no spec file declares. Did you mean ORDERS-001?"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC102", DiagnosticSeverity.Error).WithLocation(2).WithArguments("[Verifies] names 'NOPE-001', which no spec file declares. Check the ID against the spec files."));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_Verifies_written_through_an_alias_still_makes_its_criterion_verified()
    {
        const string Spec = "specguard: 1\nfeature: ORDERS\ntitle: Orders\ncriteria:\n" +
            "  - id: ORDERS-001\n    title: Verified\n    then: ok\n" +
            "  - id: ORDERS-002\n    title: Not verified\n    then: ok\n";
        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<SpecFileAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = Harness.ReferenceAssembliesFor(Framework.XunitV2),
            TestState = { Sources = { Attributes } },
        };
        test.TestState.Sources.Add("using Checks = SpecGuard.VerifiesAttribute;\npublic class OrderTests { [Checks(\"ORDERS-001\")] [Xunit.Fact] public void Places() { } }");
        test.TestState.AdditionalFiles.Add(("specs/orders.spec.yaml", Spec));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC200", DiagnosticSeverity.Info).WithSpan("specs/orders.spec.yaml", 8, 9, 8, 19)
            .WithArguments("No test verifies ORDERS-002 (Not verified); a pending test ORDERS_002_Not_verified was generated. Write a test with [Verifies(\"ORDERS-002\")] to replace it."));
        await test.RunAsync();
    }

    [Fact]
    public void A_cancelled_build_stops_before_parsing_a_spec_file_and_leaves_nothing_cached()
    {
        // The analyzers and the generator load through SpecFiles; SpecLoader in Core takes no token, so this is where
        // cancellation is honoured (before each file). A later load of the same text parses it normally.
        AdditionalText spec = Harness.Spec("specs/orders.spec.yaml", Spec + "\n# cancellation test\n");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => Infrastructure.SpecFiles.Load(spec, cancelled.Token));
        Assert.Equal("ORDERS", Infrastructure.SpecFiles.Load(spec, CancellationToken.None).Feature?.Key);
    }

    private const string Code = """
        namespace Shop
        {
            public sealed class OrderService { public int Place() => 1; }

            [SpecGuard.Implements("ORDERS-09")]
            public sealed class Billing { public int Charge() => 1; }
        }
        """;

    [Theory]
    [InlineData("compilation options")]
    [InlineData("globalconfig")]
    public async Task With_SPEC100_and_SPEC101_off_the_traceability_analyzer_does_not_run_and_links_are_still_checked(string how)
    {
        (AnalyzerTelemetryInfo traceability, AnalyzerTelemetryInfo link, ImmutableArray<Diagnostic> diagnostics) = await Run(how, "SPEC100", "SPEC101");
        AssertRan(false, traceability);
        AssertRan(true, link);
        Assert.Equal(["SPEC102"], diagnostics.Select(d => d.Id));
    }

    [Theory]
    [InlineData("compilation options")]
    [InlineData("globalconfig")]
    public async Task With_the_link_rules_off_the_link_analyzer_does_not_run_and_untraced_code_is_still_reported(string how)
    {
        (AnalyzerTelemetryInfo traceability, AnalyzerTelemetryInfo link, ImmutableArray<Diagnostic> diagnostics) = await Run(how, "SPEC102", "SPEC103", "SPEC104", "SPEC110", "SPEC900");
        AssertRan(true, traceability);
        AssertRan(false, link);
        Assert.Equal(["SPEC100"], diagnostics.Select(d => d.Id));
    }

    [Fact]
    public async Task With_every_rule_on_both_analyzers_run()
    {
        (AnalyzerTelemetryInfo traceability, AnalyzerTelemetryInfo link, ImmutableArray<Diagnostic> diagnostics) = await Run("compilation options");
        AssertRan(true, traceability);
        AssertRan(true, link);
        Assert.Equal(["SPEC100", "SPEC102"], diagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    // The driver initializes and starts only analyzers that have a rule on: a skipped one registered no action at all.
    private static void AssertRan(bool expected, AnalyzerTelemetryInfo telemetry)
    {
        int registered = telemetry.CompilationStartActionsCount + telemetry.SymbolActionsCount + telemetry.SymbolStartActionsCount + telemetry.SyntaxNodeActionsCount + telemetry.CompilationEndActionsCount;
        Assert.True(expected == (telemetry.CompilationStartActionsCount == 1 && registered > 1), $"expected the analyzer {(expected ? "to run" : "not to run")}; it registered {telemetry.CompilationStartActionsCount} compilation start and {registered} actions in all");
    }

    private static async Task<(AnalyzerTelemetryInfo Traceability, AnalyzerTelemetryInfo Link, ImmutableArray<Diagnostic> Diagnostics)> Run(string how, params string[] off)
    {
        CSharpCompilation compilation = await Harness.Compilation(Framework.None, Attributes, Code);
        compilation = how == "globalconfig"
            ? compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new GlobalSeverities(off)))
            : compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(compilation.Options.SpecificDiagnosticOptions.SetItems(off.Select(id => new KeyValuePair<string, ReportDiagnostic>(id, ReportDiagnostic.Suppress)))));
        var traceability = new TraceabilityAnalyzer();
        var link = new LinkAnalyzer();
        var options = new AnalyzerOptions([Harness.Spec("specs/orders.spec.yaml", Spec)], new Harness.OptionsProvider(new Dictionary<string, string>()));
        var analyzers = compilation.WithAnalyzers([traceability, link], new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        ImmutableArray<Diagnostic> diagnostics = await analyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return (await analyzers.GetAnalyzerTelemetryInfoAsync(traceability, CancellationToken.None), await analyzers.GetAnalyzerTelemetryInfoAsync(link, CancellationToken.None), diagnostics);
    }

    // What the compiler builds from a .globalconfig's dotnet_diagnostic.ID.severity entries.
    private sealed class GlobalSeverities(string[] off) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
            TryGetGlobalDiagnosticValue(diagnosticId, cancellationToken, out severity);

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Suppress;
            return off.Contains(diagnosticId, StringComparer.Ordinal);
        }
    }
}
