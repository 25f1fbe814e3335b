using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SpecGuard.CodeFixes.Infrastructure;
using Xunit;
using static SpecGuard.CodeFixes.Tests.FixTests;

namespace SpecGuard.CodeFixes.Tests;

/// <summary>Which "Implement …" actions are offered, in which order, and that "Exempt" comes last.</summary>
public sealed class OfferedActionsTests
{
    private static async Task<string[]> Titles(string source, bool aspNetCore = false, (string Path, string Text)[]? specs = null, int diagnostic = 0)
    {
        Project project = Project(source, aspNetCore: aspNetCore, specs: specs);
        ImmutableArray<Diagnostic> diagnostics = await Diagnostics(project);
        Diagnostic untraced = diagnostics.Where(d => d.Id is "SPEC100" or "SPEC101").ElementAt(diagnostic);
        return (await Offered(new LinkCodeFixProvider(), project, untraced)).Select(a => a.Title).ToArray();
    }

    [Fact]
    public async Task Criteria_whose_feature_matches_the_names_come_first_then_the_rest_by_id_and_exempt_last()
    {
        string[] titles = await Titles("namespace Shop.Billing { public sealed class PaymentService { public int Capture() => 1; } }");

        Assert.Equal(
            [
                "Implement PAYMENTS-001 — A card payment is captured",
                "Implement PAYMENTS-002 — A refund returns the money",
                "Implement ORDERS-001 — A customer can place an order",
                "Implement ORDERS-002 — Orders can be cancelled",
                "Exempt from traceability",
            ],
            titles);
    }

    [Fact]
    public async Task The_namespace_counts_and_title_words_break_ties_within_a_feature()
    {
        // Namespace Shop.Orders ↔ feature ORDERS (both ORDERS criteria, by ID); "Refunds" ↔ the title of PAYMENTS-002.
        string[] titles = await Titles("namespace Shop.Orders { public sealed class Refunds { public int Run() => 1; } }");

        Assert.Equal(["ORDERS-001", "ORDERS-002", "PAYMENTS-002", "PAYMENTS-001"], titles.SkipLast(1).Select(Id).ToArray());
    }

    [Fact]
    public async Task Criteria_linked_elsewhere_in_the_file_come_first_nearest_first()
    {
        string[] titles = await Titles("""
            namespace Shop.Billing
            {
                [SpecGuard.Implements("ORDERS-001")]
                public sealed class Far { public int A() => 1; }

                public sealed class Filler { }

                [SpecGuard.Implements(SpecGuard.Specs.OrdersCriteria.ORDERS_002)]
                public sealed class Near { public int B() => 1; }

                public sealed class PaymentService { public int Capture() => 1; }
            }
            """);

        Assert.Equal(["ORDERS-002", "ORDERS-001", "PAYMENTS-001", "PAYMENTS-002"], titles.SkipLast(1).Select(Id).ToArray());
    }

    [Fact]
    public async Task A_minimal_api_lambda_ranks_by_its_route_and_group()
    {
        string[] titles = await Titles("""
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create();
            var payments = app.MapGroup("/billing");
            payments.MapPost("/{id}/refund", (int id) => id);
            app.Run();
            """, aspNetCore: true);

        // The group's variable ↔ feature PAYMENTS; the route's "refund" ↔ the title of PAYMENTS-002.
        Assert.Equal(["PAYMENTS-002", "PAYMENTS-001", "ORDERS-001", "ORDERS-002"], titles.SkipLast(1).Select(Id).ToArray());
    }

    [Fact]
    public async Task Deprecated_and_draft_criteria_are_not_offered()
    {
        string[] titles = await Titles("namespace Shop { public sealed class OrderService { public int Place() => 1; } }");

        Assert.DoesNotContain(titles, t => t.Contains("ORDERS-003", System.StringComparison.Ordinal) || t.Contains("ORDERS-004", System.StringComparison.Ordinal));
        Assert.Equal("Exempt from traceability", titles[^1]);
    }

    [Fact]
    public async Task At_most_ten_criteria_are_offered_and_long_titles_are_shortened()
    {
        var spec = new StringBuilder("specguard: 1\nfeature: BIG\ntitle: Big\ncriteria:\n");
        for (int i = 1; i <= 15; i++)
        {
            spec.Append($"  - id: BIG-{i:000}\n    title: Criterion number {i} whose title goes on and on well past the point where a menu entry stays readable\n    then: it works\n");
        }

        string[] titles = await Titles("namespace Shop { public sealed class Thing { public int Run() => 1; } }", specs: [("specs/big.spec.yaml", spec.ToString())]);

        Assert.Equal(11, titles.Length);
        Assert.Equal("Implement BIG-001 — Criterion number 1 whose title goes on and on well past the point…", titles[0]);
        Assert.Equal("Implement BIG-010 — Criterion number 10 whose title goes on and on well past the point…", titles[9]);
        Assert.Equal("Exempt from traceability", titles[10]);
    }

    [Fact]
    public async Task Without_approved_criteria_only_the_exemption_is_offered()
    {
        // Draft and deprecated criteria are never offered; without spec files at all SPEC100 is not reported (SPEC902).
        const string Spec = "specguard: 1\nfeature: LEGACY\ntitle: Legacy\ncriteria:\n  - id: LEGACY-001\n    title: Old\n    status: deprecated\n    then: x\n  - id: LEGACY-002\n    title: Maybe\n    status: draft\n    then: y\n";
        string[] titles = await Titles("namespace Shop { public sealed class Thing { public int Run() => 1; } }", specs: [("specs/legacy.spec.yaml", Spec)]);

        Assert.Equal(["Exempt from traceability"], titles);
    }

    [Fact]
    public async Task Implement_actions_have_one_key_per_criterion_and_exempt_one_key()
    {
        Project project = Project("namespace Shop { public sealed class A { public int Run() => 1; } public sealed class B { public int Run() => 1; } }");
        ImmutableArray<Diagnostic> diagnostics = await Diagnostics(project);

        var first = await Offered(new LinkCodeFixProvider(), project, diagnostics[0]);
        var second = await Offered(new LinkCodeFixProvider(), project, diagnostics[1]);

        Assert.Equal(first.Select(a => a.Key ?? ""), second.Select(a => a.Key ?? ""));
        Assert.Equal(["SpecGuard.Implement:ORDERS-001", "SpecGuard.Implement:ORDERS-002", "SpecGuard.Implement:PAYMENTS-001", "SpecGuard.Implement:PAYMENTS-002", "SpecGuard.Exempt"], first.Select(a => a.Key ?? "").ToArray());
    }

    [Theory]
    [InlineData("OrderService", "order")]
    [InlineData("Shop.Orders", "shop order")]
    [InlineData("/orders/{id}", "order")]
    [InlineData("HTTPClientFactory", "http client factory")]
    [InlineData("ORDERS-V2", "order")]
    [InlineData("Categories can be listed", "category listed")]
    [InlineData("PaymentsController", "payment")]
    public void Words_are_split_lower_cased_and_made_singular(string text, string words)
    {
        Assert.Equal(words.Split(' '), CriterionRanking.Words(text).ToArray());
    }

    private static string Id(string title) => title.Split(' ')[1];
}
