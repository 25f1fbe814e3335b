using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using System.Text;
using SpecGuard.Core.Baseline;
using Xunit;
using static SpecGuard.CodeFixes.Tests.FixTests;

namespace SpecGuard.CodeFixes.Tests;

/// <summary>Issue 12: "Add to the SpecGuard baseline" on SPEC100/SPEC101 edits the project's SpecGuard.Baseline.txt.</summary>
public sealed class BaselineFixTests
{
    private const string BaselinePath = "SpecGuard.Baseline.txt";

    private static CSharpCodeFixTest<Generators.Analyzers.TraceabilityAnalyzer, BaselineCodeFixProvider, DefaultVerifier> Baseline(string source, string fixedSource, string? baseline, string fixedBaseline)
    {
        var test = Test<BaselineCodeFixProvider>(source, fixedSource);
        if (baseline is not null)
        {
            test.TestState.AdditionalFiles.Add((BaselinePath, baseline));
        }

        // A new file is UTF-8 without a byte order mark; an existing one keeps its encoding.
        test.FixedState.AdditionalFiles.Add((BaselinePath, SourceText.From(fixedBaseline, baseline is null ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) : null)));
        test.CodeActionEquivalenceKey = EquivalenceKeys.AddToBaseline;
        return test;
    }

    [Fact]
    public async Task Without_a_baseline_the_fix_creates_it_with_the_header_and_the_entry()
    {
        var test = Baseline(
            "namespace Shop { public sealed class {|SPEC100:OrderService|} { public int Place() => 1; } }",
            "namespace Shop { public sealed class {|SPEC106:OrderService|} { public int Place() => 1; } }",
            baseline: null,
            SpecBaseline.Write("TestProject", [("SPEC100", "T:Shop.OrderService")]));
        await test.RunAsync();
    }

    [Fact]
    public async Task The_entry_goes_to_its_sorted_place_and_the_other_lines_stay()
    {
        const string Before = "# our baseline\nSPEC100 T:Shop.Billing\n# later\nSPEC100 T:Shop.Zeta\n";
        var test = Baseline(
            """
            namespace Shop
            {
                public sealed class {|SPEC106:Billing|} { public int Charge() => 1; }

                public sealed class {|SPEC100:OrderService|} { public int Place() => 1; }

                public sealed class {|SPEC106:Zeta|} { public int Last() => 1; }
            }
            """,
            """
            namespace Shop
            {
                public sealed class {|SPEC106:Billing|} { public int Charge() => 1; }

                public sealed class {|SPEC106:OrderService|} { public int Place() => 1; }

                public sealed class {|SPEC106:Zeta|} { public int Last() => 1; }
            }
            """,
            Before,
            "# our baseline\nSPEC100 T:Shop.Billing\nSPEC100 T:Shop.OrderService\n# later\nSPEC100 T:Shop.Zeta\n");
        await test.RunAsync();
    }

    [Fact]
    public async Task A_handler_is_recorded_under_SPEC101_with_its_method_ID()
    {
        var test = Baseline(
            """
            namespace Shop
            {
                public interface IHandler { void Handle(int id); }

                public sealed class OrderHandler : IHandler { public void {|SPEC101:Handle|}(int id) { } }
            }
            """,
            """
            namespace Shop
            {
                public interface IHandler { void Handle(int id); }

                public sealed class OrderHandler : IHandler { public void {|SPEC106:Handle|}(int id) { } }
            }
            """,
            "# b\n",
            "# b\nSPEC101 M:Shop.OrderHandler.Handle(System.Int32)\n");
        test.TestState.AnalyzerConfigFiles.Clear();
        test.FixedState.AnalyzerConfigFiles.Clear();
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nspecguard.handler_types = Shop.IHandler\n"));
        test.FixedState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nspecguard.handler_types = Shop.IHandler\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Fix_all_records_every_finding_of_the_document_project_or_solution_in_one_edit()
    {
        var test = Baseline(
            """
            namespace Shop
            {
                public sealed class {|SPEC100:Orders|} { public int Place() => 1; }

                public sealed class {|SPEC100:Billing|} { public int Charge() => 1; }
            }
            """,
            """
            namespace Shop
            {
                public sealed class {|SPEC106:Orders|} { public int Place() => 1; }

                public sealed class {|SPEC106:Billing|} { public int Charge() => 1; }
            }
            """,
            "# b\n",
            "# b\nSPEC100 T:Shop.Alpha\nSPEC100 T:Shop.Billing\nSPEC100 T:Shop.Orders\n");
        test.TestState.Sources.Add(("/0/Z.cs", "namespace Shop { public sealed class {|SPEC100:Alpha|} { public int Run() => 1; } }"));
        test.FixedState.Sources.Add(("/0/Z.cs", "namespace Shop { public sealed class {|SPEC106:Alpha|} { public int Run() => 1; } }"));
        test.NumberOfIncrementalIterations = 3;
        test.NumberOfFixAllInDocumentIterations = 2; // one per document
        test.NumberOfFixAllIterations = 1;           // project and solution: every finding in one go
        await test.RunAsync();
    }

    [Fact]
    public void Fix_all_is_offered_in_every_scope()
    {
        Assert.Equal([FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution], new BaselineCodeFixProvider().GetFixAllProvider().GetSupportedFixAllScopes());
    }

    [Fact]
    public async Task The_fix_is_offered_once_per_finding_with_a_key_and_alongside_the_link_fixes()
    {
        Project project = Project("namespace Shop { public sealed class OrderService { public int Place() => 1; } }");
        Diagnostic diagnostic = (await Diagnostics(project)).Single(d => d.Id == "SPEC100");

        Assert.Equal([(BaselineCodeFixProvider.Title, EquivalenceKeys.AddToBaseline)], await Offered(new BaselineCodeFixProvider(), project, diagnostic));
        Diagnostic withoutKey = Diagnostic.Create(diagnostic.Descriptor, diagnostic.Location, diagnostic.Severity, null, null, diagnostic.GetMessage());
        Assert.Empty(await Offered(new BaselineCodeFixProvider(), project, withoutKey));
    }

    [Fact]
    public async Task In_a_project_with_a_file_path_the_baseline_is_created_in_the_project_folder()
    {
        Project project = Project("namespace Shop { public sealed class OrderService { public int Place() => 1; } }");
        Diagnostic diagnostic = (await Diagnostics(project)).Single(d => d.Id == "SPEC100");
        var actions = new System.Collections.Generic.List<Microsoft.CodeAnalysis.CodeActions.CodeAction>();
        await new BaselineCodeFixProvider().RegisterCodeFixesAsync(new CodeFixContext(project.GetDocument(diagnostic.Location.SourceTree)!, diagnostic, (a, _) => actions.Add(a), default));
        var operation = (Microsoft.CodeAnalysis.CodeActions.ApplyChangesOperation)Assert.Single(await Assert.Single(actions).GetOperationsAsync(default));

        TextDocument baseline = Assert.Single(operation.ChangedSolution.GetProject(project.Id)!.AdditionalDocuments, d => d.Name == BaselinePath);
        Assert.Equal("/0/" + BaselinePath, baseline.FilePath);
        Assert.EndsWith("SPEC100 T:Shop.OrderService\n", (await baseline.GetTextAsync()).ToString(), System.StringComparison.Ordinal);
    }
    [Fact]
    public async Task Baselined_code_is_still_offered_the_link_fixes_and_linking_it_makes_its_entry_stale()
    {
        var test = Link(
            "namespace Shop { public sealed class {|SPEC106:OrderService|} { public int Place() => 1; } }",
            "using SpecGuard;\n\nnamespace Shop { [SpecExempt(\"TODO: reason\")] public sealed class OrderService { public int Place() => 1; } }",
            EquivalenceKeys.Exempt);
        test.TestState.AdditionalFiles.Add((BaselinePath, "SPEC100 T:Shop.OrderService\n"));
        test.FixedState.AdditionalFiles.Add((BaselinePath, "SPEC100 T:Shop.OrderService\n"));
        test.FixedState.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC107", DiagnosticSeverity.Warning).WithSpan(BaselinePath, 1, 1, 1, 28)
            .WithArguments("The baseline entry 'SPEC100 T:Shop.OrderService' exempts nothing: OrderService is linked or exempt now, or is no longer untraced public API (SPEC100). Delete the line, so that the baseline only shrinks."));
        test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipFixAllCheck;
        await test.RunAsync();
    }

    [Fact]
    public async Task Fix_all_of_Exempt_leaves_baselined_code_alone_while_one_by_one_it_is_offered()
    {
        var test = Link(
            """
            namespace Shop
            {
                public sealed class {|SPEC100:Health|} { public int Ping() => 1; }

                public sealed class {|SPEC106:OrderService|} { public int Place() => 1; }
            }
            """,
            """
            using SpecGuard;

            namespace Shop
            {
                [SpecExempt("TODO: reason")]
                public sealed class Health { public int Ping() => 1; }

                [SpecExempt("TODO: reason")]
                public sealed class OrderService { public int Place() => 1; }
            }
            """,
            EquivalenceKeys.Exempt);
        test.TestState.AdditionalFiles.Add((BaselinePath, "SPEC100 T:Shop.OrderService\n"));
        test.FixedState.AdditionalFiles.Add((BaselinePath, "SPEC100 T:Shop.OrderService\n"));
        DiagnosticResult stale = new DiagnosticResult("SPEC107", DiagnosticSeverity.Warning).WithSpan(BaselinePath, 1, 1, 1, 28)
            .WithArguments("The baseline entry 'SPEC100 T:Shop.OrderService' exempts nothing: OrderService is linked or exempt now, or is no longer untraced public API (SPEC100). Delete the line, so that the baseline only shrinks.");
        test.FixedState.ExpectedDiagnostics.Add(stale);
        // Fix-all's result: its own state, without the fixed state's SPEC107 (the entry still matches).
        test.BatchFixedState.InheritanceMode = StateInheritanceMode.Explicit;
        test.BatchFixedState.Sources.AddRange(test.FixedState.Sources.Where(static s => s.filename != "/0/Test0.cs"));
        test.BatchFixedState.AdditionalFiles.AddRange(test.FixedState.AdditionalFiles);
        test.BatchFixedState.AnalyzerConfigFiles.AddRange(test.FixedState.AnalyzerConfigFiles);
        test.BatchFixedState.AdditionalReferences.AddRange(test.FixedState.AdditionalReferences);

        test.BatchFixedState.Sources.Insert(0, ("/0/Test0.cs", SourceText.From("""
            using SpecGuard;

            namespace Shop
            {
                [SpecExempt("TODO: reason")]
                public sealed class Health { public int Ping() => 1; }

                public sealed class OrderService { public int Place() => 1; }
            }
            """)));
        test.BatchFixedState.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC106", DiagnosticSeverity.Hidden).WithSpan("/0/Test0.cs", 8, 25, 8, 37)
            .WithArguments("Recorded in the baseline as SPEC100: The public type OrderService has behaviour but traces to no acceptance criterion. Add [Implements(\"ID\")] to it or to its public members, or [SpecExempt(\"reason\")]."));
        test.NumberOfIncrementalIterations = 2;
        test.NumberOfFixAllIterations = 2; // the second starts from the SPEC106 left over and changes nothing
        await test.RunAsync();
    }
}
