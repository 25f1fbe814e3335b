using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using SpecGuard.Core;
using SpecGuard.Generators.Analyzers;
using Xunit;
using static SpecGuard.Generators.Tests.AnalyzerTestSources;

namespace SpecGuard.Generators.Tests;

/// <summary>
/// Issue 12: the baseline (SpecGuard.Baseline.txt as an AdditionalFile). A baselined symbol is SPEC106 (hidden), not
/// SPEC100/SPEC101; new code is reported as before; an entry that exempts nothing is SPEC107 on its line; a malformed
/// line is SPEC904 and exempts nothing.
/// </summary>
public sealed class BaselineAnalyzerTests
{
    private const string BaselinePath = "SpecGuard.Baseline.txt";

    private const string Header = "# SpecGuard baseline of Shop\n";

    private static DiagnosticResult Baselined(int location, string rule, string message) =>
        new DiagnosticResult("SPEC106", DiagnosticSeverity.Hidden).WithLocation(location).WithArguments($"Recorded in the baseline as {rule}: {message}");

    private static DiagnosticResult Stale(int line, string entry, string why) =>
        new DiagnosticResult("SPEC107", DiagnosticSeverity.Warning).WithSpan(BaselinePath, line, 1, line, entry.Length + 1)
            .WithArguments($"The baseline entry '{entry}' exempts nothing: {why}. Delete the line, so that the baseline only shrinks.");

    private const string Renamed = "it names no symbol of this project: it was renamed, moved or deleted (a renamed symbol is new code, reported as untraced under its new name)";

    private static string TypeMessage(string name) =>
        $"The public type {name} has behaviour but traces to no acceptance criterion. Add [Implements(\"ID\")] to it or to its public members, or [SpecExempt(\"reason\")].";

    [Verifies(SpecGuard.Specs.RulesCriteria.RULES_009)]
    [Fact]
    public async Task A_baselined_type_is_SPEC106_and_a_new_type_is_still_SPEC100()
    {
        var test = Test<TraceabilityAnalyzer>("""
            namespace Shop
            {
                public sealed class {|#0:OrderService|} { public int Place() => 1; }

                public sealed class {|#1:NewService|} { public int Run() => 1; }
            }
            """);
        test.TestState.AdditionalFiles.Add((BaselinePath, Header + "SPEC100 T:Shop.OrderService\n"));
        test.ExpectedDiagnostics.Add(Baselined(0, "SPEC100", TypeMessage("OrderService")));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC100", DiagnosticSeverity.Warning).WithLocation(1).WithArguments(TypeMessage("NewService")));
        await test.RunAsync();
    }

    [Verifies(SpecGuard.Specs.RulesCriteria.RULES_009)]
    [Fact]
    public async Task A_baselined_type_that_is_linked_now_leaves_a_stale_entry_on_its_line()
    {
        var test = Test<TraceabilityAnalyzer>("""
            namespace Shop
            {
                public sealed class OrderService { [SpecGuard.Implements("ORDERS-001")] public int Place() => 1; public int Other() => 2; }

                [SpecGuard.SpecExempt("infrastructure")]
                public sealed class Health { public int Ping() => 1; }

                public sealed class {|#0:Billing|} { public int Charge() => 1; }
            }
            """);
        test.TestState.AdditionalFiles.Add((BaselinePath, Header + "SPEC100 T:Shop.Billing\nSPEC100 T:Shop.Health\nSPEC100 T:Shop.OrderService\n"));
        test.ExpectedDiagnostics.Add(Baselined(0, "SPEC100", TypeMessage("Billing")));
        test.ExpectedDiagnostics.Add(Stale(3, "SPEC100 T:Shop.Health", "Health is linked or exempt now, or is no longer untraced public API (SPEC100)"));
        test.ExpectedDiagnostics.Add(Stale(4, "SPEC100 T:Shop.OrderService", "OrderService is linked or exempt now, or is no longer untraced public API (SPEC100)"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_renamed_type_is_new_untraced_code_and_its_old_entry_is_stale()
    {
        var test = Test<TraceabilityAnalyzer>("namespace Shop { public sealed class {|#0:OrderManager|} { public int Place() => 1; } }");
        test.TestState.AdditionalFiles.Add((BaselinePath, "SPEC100 T:Shop.OrderService\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC100", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(TypeMessage("OrderManager")));
        test.ExpectedDiagnostics.Add(Stale(1, "SPEC100 T:Shop.OrderService", Renamed));
        await test.RunAsync();
    }

    [Fact]
    public async Task An_entry_under_the_other_rule_exempts_nothing()
    {
        var test = Test<TraceabilityAnalyzer>("namespace Shop { public sealed class {|#0:OrderService|} { public int Place() => 1; } }");
        test.TestState.AdditionalFiles.Add((BaselinePath, "SPEC101 T:Shop.OrderService\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC100", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(TypeMessage("OrderService")));
        test.ExpectedDiagnostics.Add(Stale(1, "SPEC101 T:Shop.OrderService", "OrderService is linked or exempt now, or is no longer an untraced handler (SPEC101)"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Malformed_and_duplicate_lines_are_SPEC904_on_their_line_and_exempt_nothing()
    {
        var test = Test<TraceabilityAnalyzer>("""
            namespace Shop
            {
                public sealed class {|#0:OrderService|} { public int Place() => 1; }

                public sealed class {|#1:Billing|} { public int Charge() => 1; }

                public sealed class {|#2:Health|} { public int Ping() => 1; }
            }
            """);
        test.TestState.AdditionalFiles.Add((BaselinePath, "SPEC100 Shop.OrderService\nSPEC100 T:Shop.Billing\nSPEC100 T:Shop.Billing\nSPEC10O T:Shop.Health\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC100", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(TypeMessage("OrderService")));
        test.ExpectedDiagnostics.Add(Baselined(1, "SPEC100", TypeMessage("Billing")));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC100", DiagnosticSeverity.Warning).WithLocation(2).WithArguments(TypeMessage("Health")));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC904", DiagnosticSeverity.Warning).WithSpan(BaselinePath, 1, 1, 1, 26)
            .WithArguments("This baseline line's symbol key 'Shop.OrderService' is not a documentation-comment ID (T:, M:, P:, E:, F:) or an 'endpoint:' key, so it exempts nothing. Regenerate the file with specguard baseline, or remove the line."));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC904", DiagnosticSeverity.Warning).WithSpan(BaselinePath, 3, 1, 3, 23)
            .WithArguments("This baseline entry repeats line 2; remove it."));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC904", DiagnosticSeverity.Warning).WithSpan(BaselinePath, 4, 1, 4, 22)
            .WithArguments("This baseline line does not start with SPEC100 or SPEC101 and exempts nothing. Each entry is 'RULE KEY', e.g. 'SPEC101 M:Shop.OrdersController.Place(System.Int32)'; write comments after '#', or regenerate the file with specguard baseline."));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_baselined_MediatR_handler_and_a_baselined_public_method_match_by_their_method_IDs()
    {
        var test = Test<TraceabilityAnalyzer>("""
            namespace Shop
            {
                public sealed record PlaceOrder(int Quantity) : MediatR.IRequest<int>;

                public sealed class PlaceOrderHandler : MediatR.IRequestHandler<PlaceOrder, int>
                {
                    public System.Threading.Tasks.Task<int> {|#0:Handle|}(PlaceOrder request, System.Threading.CancellationToken cancellationToken) => System.Threading.Tasks.Task.FromResult(1);
                }

                public sealed class Billing
                {
                    public int {|#1:Charge|}(int amount) => amount;
                    public int {|#2:Refund|}(int amount) => amount;
                }
            }
            """);
        test.TestState.Sources.Add(HandlerTests.MediatR);
        test.Config("specguard.public_api_scope = members\n");
        test.TestState.AdditionalFiles.Add((BaselinePath,
            "SPEC100 M:Shop.Billing.Charge(System.Int32)\nSPEC101 M:Shop.PlaceOrderHandler.Handle(Shop.PlaceOrder,System.Threading.CancellationToken)\n"));
        test.ExpectedDiagnostics.Add(Baselined(0, "SPEC101", "The MediatR IRequestHandler handler PlaceOrderHandler.Handle traces to no acceptance criterion. Add [Implements(\"ID\")] naming the criterion it serves, or [SpecExempt(\"reason\")]."));
        test.ExpectedDiagnostics.Add(Baselined(1, "SPEC100", "The public method Billing.Charge traces to no acceptance criterion. Add [Implements(\"ID\")] to it or to Billing, or [SpecExempt(\"reason\")]."));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC100", DiagnosticSeverity.Warning).WithLocation(2).WithArguments("The public method Billing.Refund traces to no acceptance criterion. Add [Implements(\"ID\")] to it or to Billing, or [SpecExempt(\"reason\")]."));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_baselined_controller_action_is_SPEC106_and_a_new_action_of_the_same_controller_is_SPEC101()
    {
        var test = Test<TraceabilityAnalyzer>("""
            using Microsoft.AspNetCore.Mvc;
            namespace Shop
            {
                [ApiController]
                [Route("orders")]
                public sealed class OrdersController : ControllerBase
                {
                    [HttpGet("{id}")]
                    public IActionResult {|#0:Get|}(int id) => Ok(id);

                    [HttpPost]
                    public IActionResult {|#1:Place|}() => Ok();
                }
            }
            """, aspNetCore: true);
        test.TestState.AdditionalFiles.Add((BaselinePath, "SPEC101 M:Shop.OrdersController.Get(System.Int32)\n"));
        test.ExpectedDiagnostics.Add(Baselined(0, "SPEC101", "The controller action OrdersController.Get traces to no acceptance criterion. Add [Implements(\"ID\")] naming the criterion it serves, or [SpecExempt(\"reason\")]."));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("The controller action OrdersController.Place traces to no acceptance criterion. Add [Implements(\"ID\")] naming the criterion it serves, or [SpecExempt(\"reason\")]."));
        await test.RunAsync();
    }

    [Fact]
    public async Task Minimal_api_lambdas_match_by_Map_method_route_and_containing_member_and_same_route_lambdas_are_numbered()
    {
        var test = Test<TraceabilityAnalyzer>("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var app = WebApplication.Create();
            app.MapGet("/orders", {|#0:() =>|} "all");
            var admin = app.MapGroup("/admin");
            var shop = app.MapGroup("/shop");
            admin.MapDelete("/{id}", {|#1:(int id) =>|} Results.NoContent());
            shop.MapDelete("/{id}", {|#2:(int id) =>|} Results.NoContent());
            app.MapGet("/new", {|#3:() =>|} "new");
            app.Run();
            """, aspNetCore: true);
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.TestState.AdditionalFiles.Add((BaselinePath,
            "SPEC101 endpoint:MapDelete(\"/{id}\")#2 in M:Program.{Main}$(System.String[])\n" +
            "SPEC101 endpoint:MapGet(\"/orders\") in M:Program.{Main}$(System.String[])\n"));
        test.ExpectedDiagnostics.Add(Baselined(0, "SPEC101", "The minimal-API MapGet(\"/orders\") endpoint traces to no acceptance criterion. Put [Implements(\"ID\")] on the lambda, e.g. app.MapGet(..., [Implements(\"ID\")] () => ...), or [SpecExempt(\"reason\")]."));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("The minimal-API MapDelete(\"/{id}\") endpoint traces to no acceptance criterion. Put [Implements(\"ID\")] on the lambda, e.g. app.MapDelete(..., [Implements(\"ID\")] () => ...), or [SpecExempt(\"reason\")]."));
        test.ExpectedDiagnostics.Add(Baselined(2, "SPEC101", "The minimal-API MapDelete(\"/{id}\") endpoint traces to no acceptance criterion. Put [Implements(\"ID\")] on the lambda, e.g. app.MapDelete(..., [Implements(\"ID\")] () => ...), or [SpecExempt(\"reason\")]."));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(3).WithArguments("The minimal-API MapGet(\"/new\") endpoint traces to no acceptance criterion. Put [Implements(\"ID\")] on the lambda, e.g. app.MapGet(..., [Implements(\"ID\")] () => ...), or [SpecExempt(\"reason\")]."));
        await test.RunAsync();
    }

    [Fact]
    public async Task Without_spec_files_the_baseline_is_not_checked()
    {
        var test = Test<TraceabilityAnalyzer>("namespace Shop { public sealed class OrderService { public int Place() => 1; } }");
        test.TestState.AdditionalFiles.Clear();
        test.TestState.AdditionalFiles.Add((BaselinePath, "SPEC100 T:Shop.Gone\nnot an entry\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Every_SPEC100_and_SPEC101_carries_its_symbol_key_and_a_SPEC106_its_rule()
    {
        const string Code = """
            namespace Shop
            {
                public sealed record PlaceOrder(int Quantity) : MediatR.IRequest<int>;

                public sealed class PlaceOrderHandler : MediatR.IRequestHandler<PlaceOrder, int>
                {
                    public System.Threading.Tasks.Task<int> Handle(PlaceOrder request, System.Threading.CancellationToken cancellationToken) => System.Threading.Tasks.Task.FromResult(1);
                }

                public sealed class Repository<T> { public T Find(int id) => default!; }

                public sealed class Billing { public int Charge() => 1; }
            }
            """;
        ImmutableArray<Diagnostic> diagnostics = await Analyze([Harness.Spec("specs/orders.spec.yaml", Spec), Harness.Spec("/src/Shop/" + BaselinePath, "SPEC100 T:Shop.Billing\n")], Code, HandlerTests.MediatR);

        Assert.Equal(
            [
                ("SPEC101", "M:Shop.PlaceOrderHandler.Handle(Shop.PlaceOrder,System.Threading.CancellationToken)", null),
                ("SPEC100", "T:Shop.Repository`1", null),
                ("SPEC106", "T:Shop.Billing", "SPEC100"),
            ],
            diagnostics.OrderBy(static d => d.Location.SourceSpan.Start).Select(static d => (d.Id, d.Properties[SpecContract.SymbolKeyProperty], d.Properties.GetValueOrDefault("SpecGuardBaselinedRule"))));
    }

    [Fact]
    public async Task Endpoint_keys_name_the_Map_method_the_route_and_the_member_that_maps_it()
    {
        const string Code = """
            using Microsoft.AspNetCore.Builder;

            namespace Shop
            {
                public static class Routes
                {
                    public static void Map(WebApplication app)
                    {
                        app.MapGet("/orders", () => "all");
                        app.MapPost("/orders", () => "placed");
                        app.MapGet("/orders", () => "again");
                        void Local() => app.MapPut("/orders", () => "put");
                        Local();
                    }
                }
            }
            """;
        CSharpCompilation compilation = (await Harness.Compilation(Framework.None, Attributes, Code)).WithReferences(AspNetCore.Value);
        var options = new AnalyzerOptions([Harness.Spec("specs/orders.spec.yaml", Spec)], new Harness.OptionsProvider(new Dictionary<string, string>()));
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers([new TraceabilityAnalyzer()], options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);

        Assert.Equal(
            [
                "endpoint:MapGet(\"/orders\") in M:Shop.Routes.Map(Microsoft.AspNetCore.Builder.WebApplication)",
                "endpoint:MapPost(\"/orders\") in M:Shop.Routes.Map(Microsoft.AspNetCore.Builder.WebApplication)",
                "endpoint:MapGet(\"/orders\")#2 in M:Shop.Routes.Map(Microsoft.AspNetCore.Builder.WebApplication)",
                "endpoint:MapPut(\"/orders\") in M:Shop.Routes.Map(Microsoft.AspNetCore.Builder.WebApplication)",
            ],
            diagnostics.Where(static d => d.Id == "SPEC101").OrderBy(static d => d.Location.SourceSpan.Start).Select(static d => d.Properties[SpecContract.SymbolKeyProperty]));
    }

    [Fact]
    public async Task Several_baseline_files_are_read_together_and_each_line_is_checked_on_its_own()
    {
        const string Code = "namespace Shop { public sealed class Billing { public int Charge() => 1; } public sealed class Orders { public int Place() => 1; } }";
        ImmutableArray<Diagnostic> diagnostics = await Analyze(
            [Harness.Spec("specs/orders.spec.yaml", Spec), Harness.Spec("/b/" + BaselinePath, "SPEC100 T:Shop.Orders\nSPEC100 T:Shop.Gone\n"), Harness.Spec("/a/" + BaselinePath, "SPEC100 T:Shop.Billing\n")],
            Code);

        Assert.Equal(
            ["SPEC106 Source1.cs", "SPEC106 Source1.cs", "SPEC107 /b/SpecGuard.Baseline.txt 2"],
            diagnostics.Select(static d => d.Id + " " + d.Location.GetLineSpan().Path + (d.Location.IsInSource ? string.Empty : " " + (d.Location.GetLineSpan().StartLinePosition.Line + 1))).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("compilation options")]
    [InlineData("globalconfig")]
    public async Task With_SPEC100_and_SPEC101_off_a_baseline_is_not_checked(string how)
    {
        CSharpCompilation compilation = await Harness.Compilation(Framework.None, Attributes, "namespace Shop { public sealed class Billing { public int Charge() => 1; } }");
        string[] off = ["SPEC100", "SPEC101"];
        compilation = how == "globalconfig"
            ? compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new GlobalSeverities(off)))
            : compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(off.Select(id => new KeyValuePair<string, ReportDiagnostic>(id, ReportDiagnostic.Suppress))));
        var options = new AnalyzerOptions([Harness.Spec("specs/orders.spec.yaml", Spec), Harness.Spec(BaselinePath, "SPEC100 T:Shop.Gone\nbad\n")], new Harness.OptionsProvider(new Dictionary<string, string>()));
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers([new TraceabilityAnalyzer()], options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);

        Assert.Empty(diagnostics);
    }

    private static async Task<ImmutableArray<Diagnostic>> Analyze(AdditionalText[] files, params string[] sources)
    {
        CSharpCompilation compilation = await Harness.Compilation(Framework.None, [Attributes, .. sources]);
        var options = new AnalyzerOptions([.. files], new Harness.OptionsProvider(new Dictionary<string, string>()));
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers([new TraceabilityAnalyzer()], options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return diagnostics;
    }

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
