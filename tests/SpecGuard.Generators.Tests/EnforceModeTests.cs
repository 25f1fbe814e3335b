using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SpecGuard.Generators.Analyzers;
using Xunit;
using static SpecGuard.Generators.Tests.AnalyzerTestSources;

namespace SpecGuard.Generators.Tests;

/// <summary>
/// SpecGuardEnforce=report (issue 16): untraced code stays a warning at compile time, so every project of a solution
/// compiles and shows its findings; the gate is specguard report --findings at the end (end to end:
/// WholePictureEndToEndTests). Any other value is SPEC901 naming the three it takes.
/// </summary>
public sealed class EnforceModeTests
{
    private const string Service = "namespace Shop { public sealed class OrderService { public int Place() => 1; } }";

    private const string UntracedMessage = "The public type OrderService has behaviour but traces to no acceptance criterion. Add [Implements(\"ID\")] to it or to its public members, or [SpecExempt(\"reason\")].";

    [Theory]
    [InlineData("report")]
    [InlineData("Report")]
    [InlineData("false")]
    public async Task Report_mode_keeps_untraced_code_a_warning_and_is_a_valid_value(string value)
    {
        var test = Test<TraceabilityAnalyzer>(Service);
        test.Config($"build_property.SpecGuardEnforce = {value}\n");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC100", DiagnosticSeverity.Warning).WithSpan(1, 38, 1, 50).WithArguments(UntracedMessage));
        await test.RunAsync();
    }

    [Verifies(SpecGuard.Specs.RulesCriteria.RULES_011)]
    [Fact]
    public async Task Another_value_is_SPEC901_naming_true_false_and_report()
    {
        var test = Test<TraceabilityAnalyzer>(Service).With(new SpecFileAnalyzer());
        test.Config("build_property.SpecGuardEnforce = sometimes\n");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC901", DiagnosticSeverity.Error).WithArguments("The MSBuild property SpecGuardEnforce is 'sometimes'; it takes true, false or report. Using false."));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC100", DiagnosticSeverity.Warning).WithSpan(1, 38, 1, 50).WithArguments(UntracedMessage));
        await test.RunAsync();
    }
}
