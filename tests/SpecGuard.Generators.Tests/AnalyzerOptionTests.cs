using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using SpecGuard.Generators.Analyzers;
using Xunit;
using static SpecGuard.Generators.Tests.AnalyzerTestSources;

namespace SpecGuard.Generators.Tests;

/// <summary>
/// Every analyzer option in docs/configuration.md, set the ways the docs name: an <c>.editorconfig</c>
/// <c>[*.cs]</c> section (at the root and in the file's folder), an <c>.editorconfig</c> section for one file, and a
/// <c>.globalconfig</c> (issue 9 §5).
/// </summary>
public sealed class AnalyzerOptionTests
{
    public static readonly TheoryData<string> Places = new() { "editorconfig [*.cs]", "editorconfig [/0/Test0.cs]", "folder editorconfig [*.cs]", "globalconfig" };

    private static void Set(CSharpAnalyzerTest<TraceabilityAnalyzer, DefaultVerifier> test, string place, string options) =>
        test.TestState.AnalyzerConfigFiles.Add(place switch
        {
            "editorconfig [*.cs]" => ("/.editorconfig", "root = true\n[*.cs]\n" + options),
            "editorconfig [/0/Test0.cs]" => ("/.editorconfig", "root = true\n[/0/Test0.cs]\n" + options),
            "folder editorconfig [*.cs]" => ("/0/.editorconfig", "root = true\n[*.cs]\n" + options),
            _ => ("/.globalconfig", "is_global = true\n" + options),
        });

    private const string Service = "namespace Shop.Internal { public sealed class OrderService { public int Place() => 1; } }";

    private const string Untraced = "The public type OrderService has behaviour but traces to no acceptance criterion. Add [Implements(\"ID\")] to it or to its public members, or [SpecExempt(\"reason\")].";

    [Theory]
    [MemberData(nameof(Places))]
    public async Task A_bad_public_api_scope_is_SPEC901_wherever_it_is_set(string place)
    {
        var test = Test<TraceabilityAnalyzer>(Service).With(new SpecFileAnalyzer());
        Set(test, place, "specguard.public_api_scope = everything\n");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC901", DiagnosticSeverity.Error).WithArguments("The analyzer option specguard.public_api_scope is 'everything'; it takes types (the default), members or off. Using types."));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC100", DiagnosticSeverity.Warning).WithSpan(1, 47, 1, 59).WithArguments(Untraced));
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(Places))]
    public async Task Scope_off_and_excluded_namespaces_work_wherever_they_are_set(string place)
    {
        foreach (string option in new[] { "specguard.public_api_scope = off\n", "specguard.excluded_namespaces = Shop.Internal, Other\n" })
        {
            var test = Test<TraceabilityAnalyzer>(Service);
            Set(test, place, option);
            await test.RunAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Places))]
    public async Task Members_scope_works_wherever_it_is_set(string place)
    {
        var test = Test<TraceabilityAnalyzer>("namespace Shop { public sealed class OrderService { public int {|#0:Place|}() => 1; } }");
        Set(test, place, "specguard.public_api_scope = members\n");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC100", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("The public method OrderService.Place traces to no acceptance criterion. Add [Implements(\"ID\")] to it or to OrderService, or [SpecExempt(\"reason\")]."));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("editorconfig [*.cs]", "My..App")]
    [InlineData("editorconfig [/0/Test0.cs]", "123")]
    [InlineData("globalconfig", "Shop.class")]
    [InlineData("globalconfig", "Shop Internal")]
    public async Task An_excluded_namespace_that_is_not_a_namespace_name_is_SPEC901_and_the_others_still_apply(string place, string bad)
    {
        var test = Test<TraceabilityAnalyzer>(Service).With(new SpecFileAnalyzer());
        Set(test, place, $"specguard.excluded_namespaces = {bad}, Shop.Internal\n");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC901", DiagnosticSeverity.Error).WithArguments($"The analyzer option specguard.excluded_namespaces lists '{bad}', which is not a namespace name (identifiers separated by dots, e.g. MyApp.Migrations); it is ignored and the other namespaces listed are still excluded."));
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(Places))]
    public async Task Public_api_exclude_works_wherever_it_is_set_and_a_bad_value_is_SPEC901(string place)
    {
        var test = Test<TraceabilityAnalyzer>("namespace Shop.Infrastructure.Email { public sealed class {|#0:EmailSender|} { public void Send(string to) { } } }").With(new SpecFileAnalyzer());
        Set(test, place, "specguard.public_api_exclude = none, everything\n");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC901", DiagnosticSeverity.Error).WithArguments("The analyzer option specguard.public_api_exclude lists 'everything'; it takes infrastructure (the default) or none. 'everything' is ignored."));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC100", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("The public type EmailSender has behaviour but traces to no acceptance criterion. Add [Implements(\"ID\")] to it or to its public members, or [SpecExempt(\"reason\")]."));
        await test.RunAsync();
    }

    [Fact]
    public async Task Options_for_one_file_do_not_reach_another()
    {
        var test = Test<TraceabilityAnalyzer>(Service);
        test.TestState.Sources.Add(("/0/Other.cs", "namespace Shop.Internal { public sealed class {|#0:Billing|} { public int Charge() => 1; } }"));
        Set(test, "editorconfig [/0/Test0.cs]", "specguard.public_api_scope = off\n");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC100", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("The public type Billing has behaviour but traces to no acceptance criterion. Add [Implements(\"ID\")] to it or to its public members, or [SpecExempt(\"reason\")]."));
        await test.RunAsync();
    }

    [Fact]
    public async Task One_repository_wide_handler_types_setting_serves_projects_that_cannot_see_every_type()
    {
        // A .globalconfig at the root of a multi-project solution: the Ordering project declares the interface, the
        // Catalog project below does not. Catalog builds clean (SPEC903 is a message per name it cannot see); a name that is not a metadata name is still an error.
        const string Config = "specguard.handler_types = eShop.EventBus.Abstractions.IIntegrationEventHandler`1, eShop.Ordering.IDomainEventHandler`1\n";
        var catalog = Test<TraceabilityAnalyzer>("namespace eShop.Catalog { public sealed record CatalogItem(int Id, string Name); }").With(new SpecFileAnalyzer());
        Set(catalog, "globalconfig", Config);
        foreach (string name in new[] { "eShop.EventBus.Abstractions.IIntegrationEventHandler`1", "eShop.Ordering.IDomainEventHandler`1" })
        {
            catalog.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC903", DiagnosticSeverity.Info).WithArguments(SpecGuard.Core.Diagnostics.SpecRules.HandlerTypeNotVisibleMessage(name)));
        }

        await catalog.RunAsync();

        var ordering = Test<TraceabilityAnalyzer>("""
            namespace eShop.Ordering
            {
                public interface IDomainEventHandler<in T> { void Handle(T domainEvent); }

                public sealed class OrderStartedDomainEventHandler : IDomainEventHandler<int>
                {
                    public void {|#0:Handle|}(int domainEvent) { }
                }
            }
            """);
        ordering = ordering.With(new SpecFileAnalyzer());
        Set(ordering, "globalconfig", Config);
        ordering.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC903", DiagnosticSeverity.Info).WithArguments(SpecGuard.Core.Diagnostics.SpecRules.HandlerTypeNotVisibleMessage("eShop.EventBus.Abstractions.IIntegrationEventHandler`1")));
        ordering.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("The IDomainEventHandler handler OrderStartedDomainEventHandler.Handle traces to no acceptance criterion. Add [Implements(\"ID\")] naming the criterion it serves, or [SpecExempt(\"reason\")]."));
        await ordering.RunAsync();
    }

    [Fact]
    public async Task Option_messages_do_not_name_editorconfig_when_the_value_came_from_a_globalconfig()
    {
        var test = Test<TraceabilityAnalyzer>(Service).With(new SpecFileAnalyzer());
        Set(test, "globalconfig", "specguard.handler_types = Shop.IHandler<T\nspecguard.public_api_scope = off\n");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC901", DiagnosticSeverity.Error).WithArguments("The analyzer option specguard.handler_types names 'Shop.IHandler<T', which is not a type name; it is ignored. Write the namespace and type name, in C# (MyApp.Handlers.IHandler<T>, FastEndpoints.Endpoint<,>) or as a metadata name (MyApp.Handlers.IHandler`1, + for a nested type)."));
        await test.RunAsync();
    }
}
