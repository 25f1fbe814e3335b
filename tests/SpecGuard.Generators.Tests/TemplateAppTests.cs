using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SpecGuard.Generators.Analyzers;
using Xunit;
using static SpecGuard.Generators.Tests.AnalyzerTestSources;

namespace SpecGuard.Generators.Tests;

/// <summary>
/// SPEC100/SPEC101 on <see cref="TemplateApp"/>, configured as its team would (one .globalconfig naming its own
/// handler interface). Every handler is found (13 untraced of 15) and SPEC100 names only types with behaviour of
/// their own or inherited from an abstract base (7, of which 5 are domain types and application services). Figures: docs/rules/SPEC100.md.
/// </summary>
public sealed class TemplateAppTests
{
    [Fact]
    public async Task Every_handler_is_found_and_SPEC100_reports_only_types_with_behaviour()
    {
        var test = Test<TraceabilityAnalyzer>(string.Empty, aspNetCore: true);
        test.TestState.Sources.Clear();
        test.TestState.Sources.Add(("Attributes.cs", Attributes));
        test.TestState.Sources.Add(HandlerTests.MediatR);
        test.TestState.Sources.Add(PublicApiNoiseTests.EntityFrameworkCore);
        foreach ((string path, string source) in TemplateApp.Sources)
        {
            test.TestState.Sources.Add((path, source));
        }

        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", TemplateApp.GlobalConfig));

        // Worth tracing: TodoList, TodoItem, Colour, Tag (domain; Tag's behaviour is the domain events it inherits from
        // the abstract BaseEntity, which is not reported itself), ReminderScheduler (application service).
        // Not: Guard (a helper), CurrentUser (a web adapter).
        for (int i = 0; i <= 6; i++)
        {
            test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC100", DiagnosticSeverity.Warning).WithLocation(i));
        }

        // MediatR (3), the generic base's subclass (1), the app's integration-event interface (1), a RequestDelegate
        // in a local (1), endpoints through the template's own Map* wrappers (4), a POCO controller (2), an [ApiController] (1).
        for (int i = 10; i <= 22; i++)
        {
            test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(i));
        }

        await test.RunAsync();
    }
}
