using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using SpecGuard.Core;
using SpecGuard.Core.Review;
using Xunit;
using static SpecGuard.CodeFixes.Tests.FixTests;

namespace SpecGuard.CodeFixes.Tests;

/// <summary>
/// Issue 13: "Record the review of ORDERS-001" on SPEC105 rewrites the criterion's line of the review record
/// (SpecGuard.Reviews.txt, an additional file) with the fingerprint the diagnostic carries, which clears SPEC105.
/// </summary>
public sealed class ReviewFixTests
{
    private const string RecordPath = "specs/SpecGuard.Reviews.txt";

    private static readonly string ChangedOrders = OrdersSpec.Replace("then: an order is created", "then: an order is created and confirmed", StringComparison.Ordinal);

    private static readonly string ChangedPayments = PaymentsSpec.Replace("then: the payment is captured", "then: the payment is captured once", StringComparison.Ordinal);

    private static string Fingerprint(string spec, string id) =>
        CriterionFingerprint.Of(SpecLoader.Load("spec.yaml", spec).Feature!.Criteria.Single(c => c.Id == id));

    private static CSharpCodeFixTest<Generators.Analyzers.TraceabilityAnalyzer, ReviewCodeFixProvider, DefaultVerifier> Review(
        string source, string fixedSource, (string Path, string Text)[] specs, string record, string fixedRecord)
    {
        var test = Test<ReviewCodeFixProvider>(source, fixedSource, specs: specs);
        test.TestState.AdditionalFiles.Add((RecordPath, record));
        test.FixedState.AdditionalFiles.Add((RecordPath, fixedRecord));
        test.CodeActionEquivalenceKey = EquivalenceKeys.RecordReview;
        test.CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInSolutionCheck;
        return test;
    }

    [Fact]
    public async Task The_fix_rewrites_the_criterions_line_keeps_the_rest_and_clears_every_link_to_it()
    {
        string before = "# our record\nORDERS-001 " + Fingerprint(OrdersSpec, "ORDERS-001") + "\n# cancelling\nORDERS-002 " + Fingerprint(OrdersSpec, "ORDERS-002") + "\n";
        string after = "# our record\nORDERS-001 " + Fingerprint(ChangedOrders, "ORDERS-001") + "\n# cancelling\nORDERS-002 " + Fingerprint(OrdersSpec, "ORDERS-002") + "\n";
        var test = Review(
            """
            namespace Shop
            {
                [SpecGuard.Implements({|SPEC105:"ORDERS-001"|})]
                public sealed class OrderService { public int Place() => 1; }

                [SpecGuard.Implements({|SPEC105:SpecGuard.Specs.OrdersCriteria.ORDERS_001|}, "ORDERS-002")]
                public sealed class Checkout { public int Pay() => 1; }
            }
            """,
            """
            namespace Shop
            {
                [SpecGuard.Implements("ORDERS-001")]
                public sealed class OrderService { public int Place() => 1; }

                [SpecGuard.Implements(SpecGuard.Specs.OrdersCriteria.ORDERS_001, "ORDERS-002")]
                public sealed class Checkout { public int Pay() => 1; }
            }
            """,
            [("specs/orders.spec.yaml", ChangedOrders), ("specs/payments.spec.yaml", PaymentsSpec)],
            before,
            after);
        test.NumberOfIncrementalIterations = 1; // one fix clears both sites: they name one criterion
        test.NumberOfFixAllIterations = 1;
        await test.RunAsync();
    }

    [Fact]
    public async Task Fix_all_records_every_suspect_criterion_of_the_project_in_one_edit_of_the_record()
    {
        string before = ReviewRecord.Write([("ORDERS-001", Fingerprint(OrdersSpec, "ORDERS-001")), ("PAYMENTS-001", Fingerprint(PaymentsSpec, "PAYMENTS-001"))]);
        string after = ReviewRecord.Write([("ORDERS-001", Fingerprint(ChangedOrders, "ORDERS-001")), ("PAYMENTS-001", Fingerprint(ChangedPayments, "PAYMENTS-001"))]);
        var test = Review(
            """
            namespace Shop
            {
                [SpecGuard.Implements({|SPEC105:"ORDERS-001"|})]
                public sealed class OrderService { public int Place() => 1; }

                [SpecGuard.Implements({|SPEC105:"PAYMENTS-001"|})]
                public sealed class Payments { public int Capture() => 1; }
            }
            """,
            """
            namespace Shop
            {
                [SpecGuard.Implements("ORDERS-001")]
                public sealed class OrderService { public int Place() => 1; }

                [SpecGuard.Implements("PAYMENTS-001")]
                public sealed class Payments { public int Capture() => 1; }
            }
            """,
            [("specs/orders.spec.yaml", ChangedOrders), ("specs/payments.spec.yaml", ChangedPayments)],
            before,
            after);
        test.NumberOfIncrementalIterations = 2; // one criterion per fix
        test.NumberOfFixAllIterations = 1;      // document and project: both in one go
        await test.RunAsync();
    }

    [Fact]
    public async Task The_fix_is_titled_with_the_ID_and_has_no_solution_scope()
    {
        string record = ReviewRecord.Write([("ORDERS-001", Fingerprint(OrdersSpec, "ORDERS-001"))]);
        Project project = Project("namespace Shop { [SpecGuard.Implements(\"ORDERS-001\")] public sealed class OrderService { public int Place() => 1; } }",
            specs: [("specs/orders.spec.yaml", ChangedOrders), ("specs/payments.spec.yaml", PaymentsSpec)]);
        project = project.AddAdditionalDocument("SpecGuard.Reviews.txt", SourceText.From(record), filePath: "/0/" + RecordPath).Project;
        Diagnostic suspect = Assert.Single(await Diagnostics(project), static d => d.Id == "SPEC105");

        var fixer = new ReviewCodeFixProvider();
        Assert.Equal([("Record the review of ORDERS-001", EquivalenceKeys.RecordReview)], await Offered(fixer, project, suspect));
        Assert.Equal([FixAllScope.Document, FixAllScope.Project], fixer.GetFixAllProvider().GetSupportedFixAllScopes());
    }

    [Fact]
    public async Task A_record_linked_into_two_projects_gets_the_same_new_text_in_both()
    {
        string record = ReviewRecord.Write([("ORDERS-001", Fingerprint(OrdersSpec, "ORDERS-001"))]);
        var specs = new[] { ("specs/orders.spec.yaml", ChangedOrders), ("specs/payments.spec.yaml", PaymentsSpec) };
        Project first = Project("namespace Shop { [SpecGuard.Implements(\"ORDERS-001\")] public sealed class OrderService { public int Place() => 1; } }", specs: specs);
        first = first.AddAdditionalDocument("SpecGuard.Reviews.txt", SourceText.From(record), filePath: "/0/" + RecordPath).Project;
        Project second = first.Solution.AddProject("Tests", "Tests", LanguageNames.CSharp)
            .AddAdditionalDocument("SpecGuard.Reviews.txt", SourceText.From(record), filePath: "/0/" + RecordPath).Project;
        first = second.Solution.GetProject(first.Id)!;
        Diagnostic suspect = Assert.Single(await Diagnostics(first), static d => d.Id == "SPEC105");

        CodeAction? fix = null;
        Document document = first.GetDocument(suspect.Location.SourceTree)!;
        await new ReviewCodeFixProvider().RegisterCodeFixesAsync(new CodeFixContext(document, suspect, (action, _) => fix = action, CancellationToken.None));
        var operation = (ApplyChangesOperation)Assert.Single(await fix!.GetOperationsAsync(CancellationToken.None));

        string expected = ReviewRecord.Write([("ORDERS-001", Fingerprint(ChangedOrders, "ORDERS-001"))]);
        foreach (Project project in operation.ChangedSolution.Projects)
        {
            TextDocument changed = Assert.Single(project.AdditionalDocuments, static d => d.Name == "SpecGuard.Reviews.txt");
            Assert.Equal(expected, (await changed.GetTextAsync()).ToString());
        }

        Assert.Equal(2, operation.ChangedSolution.Projects.Count());
    }
}
