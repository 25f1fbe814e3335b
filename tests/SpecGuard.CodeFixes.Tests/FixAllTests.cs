using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static SpecGuard.CodeFixes.Tests.FixTests;

namespace SpecGuard.CodeFixes.Tests;

/// <summary>Fix-all: every scope for SPEC102/SPEC103; document and project for Exempt; the document for Implement.</summary>
public sealed class FixAllTests
{
    [Fact]
    public async Task Unknown_ids_are_fixed_all_at_once_in_every_scope_each_with_its_own_suggestion()
    {
        var test = Test<CriterionIdCodeFixProvider>("""
            namespace Shop
            {
                [SpecGuard.Implements({|SPEC102:"ORDERS-01"|})]
                public sealed class OrderService { public int Place() => 1; }

                [SpecGuard.Implements({|SPEC102:"PAYMENT-002"|}, {|SPEC102:"ORDERS-020"|})]
                public sealed class RefundService { public int Refund() => 1; }
            }
            """, """
            namespace Shop
            {
                [SpecGuard.Implements("ORDERS-001")]
                public sealed class OrderService { public int Place() => 1; }

                [SpecGuard.Implements("PAYMENTS-002", "ORDERS-002")]
                public sealed class RefundService { public int Refund() => 1; }
            }
            """);
        const string other = "namespace Shop { [SpecGuard.Implements({|SPEC102:\"PAYMENTS-01\"|})] public sealed class Cards { public int Capture() => 1; } }";
        const string otherFixed = "namespace Shop { [SpecGuard.Implements(\"PAYMENTS-001\")] public sealed class Cards { public int Capture() => 1; } }";
        test.TestState.Sources.Add(("/0/Other.cs", other));
        test.FixedState.Sources.Add(("/0/Other.cs", otherFixed));
        test.NumberOfIncrementalIterations = 4;
        test.NumberOfFixAllInDocumentIterations = 2; // one per document
        test.NumberOfFixAllIterations = 1;           // project and solution: everything in one go
        await test.RunAsync();
    }

    [Fact]
    public async Task Exempt_fixes_every_untraced_declaration_in_the_document_or_project_adding_the_using_once()
    {
        var test = Link("""
            namespace Shop
            {
                public sealed class {|SPEC100:HealthCheck|} { public int Ping() => 1; }

                public sealed class {|SPEC100:Metrics|} { public int Count() => 1; }
            }
            """, """
            using SpecGuard;

            namespace Shop
            {
                [SpecExempt("TODO: reason")]
                public sealed class HealthCheck { public int Ping() => 1; }

                [SpecExempt("TODO: reason")]
                public sealed class Metrics { public int Count() => 1; }
            }
            """, EquivalenceKeys.Exempt);
        test.TestState.Sources.Add(("/0/Z.cs", "namespace Shop { public sealed class {|SPEC100:Diagnostics|} { public int Dump() => 1; } }"));
        test.FixedState.Sources.Add(("/0/Z.cs", "using SpecGuard;\n\nnamespace Shop { [SpecExempt(\"TODO: reason\")] public sealed class Diagnostics { public int Dump() => 1; } }"));
        test.NumberOfIncrementalIterations = 3;
        test.NumberOfFixAllInDocumentIterations = 2;
        test.NumberOfFixAllInProjectIterations = 1;
        await test.RunAsync();
    }

    [Fact]
    public async Task Implement_links_every_untraced_declaration_in_the_document_to_the_chosen_criterion()
    {
        var test = Link("""
            namespace Shop
            {
                public sealed class {|SPEC100:OrderService|} { public int Place() => 1; }

                public sealed class {|SPEC100:OrderQueue|} { public int Next() => 1; }
            }
            """, """
            using SpecGuard;
            using SpecGuard.Specs;

            namespace Shop
            {
                [Implements(OrdersCriteria.ORDERS_001)]
                public sealed class OrderService { public int Place() => 1; }

                [Implements(OrdersCriteria.ORDERS_001)]
                public sealed class OrderQueue { public int Next() => 1; }
            }
            """, EquivalenceKeys.Implement("ORDERS-001"));
        test.NumberOfIncrementalIterations = 2;
        test.NumberOfFixAllInDocumentIterations = 1;
        await test.RunAsync();
    }

    [Fact]
    public void Link_fixes_support_fix_all_in_the_document_and_the_project_only()
    {
        Assert.Equal([FixAllScope.Document, FixAllScope.Project], new LinkCodeFixProvider().GetFixAllProvider().GetSupportedFixAllScopes());
        Assert.Equal(WellKnownFixAllProviders.BatchFixer, new CriterionIdCodeFixProvider().GetFixAllProvider());
    }

    [Theory]
    [InlineData("SpecGuard.Implement:ORDERS-001", FixAllScope.Document, true)]
    [InlineData("SpecGuard.Implement:ORDERS-001", FixAllScope.Project, false)]
    [InlineData("SpecGuard.Implement:ORDERS-001", FixAllScope.Solution, false)]
    [InlineData("SpecGuard.Implement:ORDERS-003", FixAllScope.Document, false)] // deprecated: never linked
    [InlineData("SpecGuard.Exempt", FixAllScope.Document, true)]
    [InlineData("SpecGuard.Exempt", FixAllScope.Project, true)]
    [InlineData("SpecGuard.Exempt", FixAllScope.Solution, false)] // what dotnet format asks for
    [InlineData(null, FixAllScope.Solution, false)]
    public async Task Fix_all_is_offered_only_where_a_person_chose_it(string? key, FixAllScope scope, bool offered)
    {
        Project project = Project("namespace Shop { public sealed class A { public int Run() => 1; } public sealed class B { public int Run() => 1; } }");
        ImmutableArray<Diagnostic> diagnostics = await Diagnostics(project);
        var provider = new LinkCodeFixProvider();
        var context = new FixAllContext(project.Documents.First(), provider, scope, key!, provider.FixableDiagnosticIds, new Provider(diagnostics), CancellationToken.None);

        var action = await provider.GetFixAllProvider().GetFixAsync(context);

        Assert.Equal(offered, action is not null);
    }

    private sealed class Provider(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult(Enumerable.Empty<Diagnostic>());
    }
}
