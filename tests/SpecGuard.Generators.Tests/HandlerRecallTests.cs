using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SpecGuard.Generators.Analyzers;
using Xunit;
using static SpecGuard.Generators.Tests.AnalyzerTestSources;

namespace SpecGuard.Generators.Tests;

/// <summary>
/// SPEC101 recall (issue 10): every handler a real app has, in the shapes real apps write them. ASP.NET Core is the
/// SDK's own reference pack; MediatR is declared under its real namespace (see <see cref="HandlerTests.MediatR"/>).
/// </summary>
public sealed class HandlerRecallTests
{
    private static string Action(string name) =>
        $"The controller action {name} traces to no acceptance criterion. Add [Implements(\"ID\")] naming the criterion it serves, or [SpecExempt(\"reason\")].";

    private static string Lambda(string endpoint, string method) =>
        $"The minimal-API {endpoint} endpoint traces to no acceptance criterion. Put [Implements(\"ID\")] on the lambda, e.g. app.{method}(..., [Implements(\"ID\")] () => ...), or [SpecExempt(\"reason\")].";

    private static string MethodGroup(string endpoint, string handler) =>
        $"The minimal-API {endpoint} endpoint handler {handler} traces to no acceptance criterion. Add [Implements(\"ID\")] to {handler} or its type, or [SpecExempt(\"reason\")].";

    [Fact]
    public async Task POCO_controllers_are_found_by_the_frameworks_discovery_rules()
    {
        // A login/registration controller that derives from nothing and carries no attribute, as in a real app.
        var test = Test<TraceabilityAnalyzer>("""
            using Microsoft.AspNetCore.Mvc;
            namespace Conduit.Features.Users
            {
                public class UsersController
                {
                    public string {|#0:Login|}(string email) => email;

                    [NonAction]
                    public string Helper() => "";

                    public static string Shared() => "";

                    public T Generic<T>() where T : new() => new T();

                    public override string ToString() => "users";

                    public string Name { get; set; } = "";

                    private string Secret() => "";
                }

                public class UserController : System.IDisposable
                {
                    public string {|#1:Register|}() => "";

                    public void Dispose() { }
                }

                public abstract class BaseController
                {
                    public string {|#2:Ping|}() => "pong";
                }

                public class HealthController : BaseController { }

                public class ProfilesController : BaseController { }

                [NonController]
                public class {|#3:LegacyController|}
                {
                    public string Hello() => "";
                }

                public static class Outer
                {
                    public class NestedController { public string Hidden() => ""; }
                }

                public class GenericController<T> { public string Open() => ""; }
            }
            """, aspNetCore: true);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(Action("UsersController.Login")));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(1).WithArguments(Action("UserController.Register")));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(2).WithArguments(Action("BaseController.Ping")));
        // [NonController] takes it out of discovery: it is ordinary public API again.
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC100", DiagnosticSeverity.Warning).WithLocation(3).WithArguments("The public type LegacyController has behaviour but traces to no acceptance criterion. Add [Implements(\"ID\")] to it or to its public members, or [SpecExempt(\"reason\")]."));
        // The framework does not discover nested or open generic classes: plain public API.
        test.ExpectedDiagnostics.Add(DiagnosticResult.CompilerWarning("SPEC100").WithSpan(46, 22, 46, 38).WithArguments("The public type NestedController has behaviour but traces to no acceptance criterion. Add [Implements(\"ID\")] to it or to its public members, or [SpecExempt(\"reason\")]."));
        test.ExpectedDiagnostics.Add(DiagnosticResult.CompilerWarning("SPEC100").WithSpan(49, 18, 49, 35).WithArguments("The public type GenericController has behaviour but traces to no acceptance criterion. Add [Implements(\"ID\")] to it or to its public members, or [SpecExempt(\"reason\")]."));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_class_named_Controller_is_not_a_controller_without_ASP_NET_Core_MVC()
    {
        await Test<TraceabilityAnalyzer>("""
            namespace Chess
            {
                public sealed class {|SPEC100:GameController|}
                {
                    public string Move(string from, string to) => from + to;
                }
            }
            """).RunAsync();
    }

    [Fact]
    public async Task Endpoints_mapped_through_the_apps_own_Map_wrappers_are_handlers()
    {
        // The Clean Architecture template's shape: its own MapGet/MapPost extensions take the Delegate first.
        var test = Test<TraceabilityAnalyzer>("""
            using System;
            using System.Diagnostics.CodeAnalysis;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Routing;
            namespace CleanArchitecture.Web.Infrastructure
            {
                public static class IEndpointRouteBuilderExtensions
                {
                    public static RouteHandlerBuilder MapGet(this IEndpointRouteBuilder builder, Delegate handler, [StringSyntax("Route")] string pattern = "")
                    {
                        return builder.MapGet(pattern, handler).WithName(handler.Method.Name);
                    }

                    public static RouteHandlerBuilder MapPost(this IEndpointRouteBuilder builder, Delegate handler, [StringSyntax("Route")] string pattern = "")
                    {
                        Delegate forwarded = handler;
                        return builder.MapPost(pattern, forwarded).WithName(handler.Method.Name);
                    }

                    public static IEndpointRouteBuilder MapDelete(this IEndpointRouteBuilder builder, Delegate handler, [StringSyntax("Route")] string pattern)
                    {
                        builder.MapDelete(pattern, handler).WithName(handler.Method.Name);
                        return builder;
                    }
                }

                public abstract class EndpointGroupBase
                {
                    public virtual string? GroupName { get; }

                    public abstract void Map(RouteGroupBuilder groupBuilder);
                }
            }
            """, aspNetCore: true);
        test.TestState.Sources.Add(("Web/Endpoints/TodoItems.cs", """
            using CleanArchitecture.Web.Infrastructure;
            using Microsoft.AspNetCore.Routing;
            namespace CleanArchitecture.Web.Endpoints
            {
                public class TodoItems : EndpointGroupBase
                {
                    public override void Map(RouteGroupBuilder groupBuilder)
                    {
                        groupBuilder.MapGet(GetTodoItems);
                        groupBuilder.MapPost(CreateTodoItem);
                        groupBuilder.MapDelete(DeleteTodoItem, "{id}");
                    }

                    public string[] {|#0:GetTodoItems|}() => new[] { "milk" };

                    public int {|#1:CreateTodoItem|}(string title) => title.Length;

                    public void {|#2:DeleteTodoItem|}(int id) { }
                }
            }
            """));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(MethodGroup("MapGet", "GetTodoItems")));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(1).WithArguments(MethodGroup("MapPost", "CreateTodoItem")));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(2).WithArguments(MethodGroup("MapDelete(\"{id}\")", "DeleteTodoItem")));
        await test.RunAsync();
    }

    [Fact]
    public async Task Delegates_held_in_a_local_a_readonly_field_or_a_property_are_endpoints()
    {
        var test = Test<TraceabilityAnalyzer>("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using SpecGuard;

            var app = WebApplication.Create();
            Delegate list = {|#0:() =>|} "all";
            app.MapGet("/orders", list);
            RequestDelegate health = {|#1:context =>|} context.Response.WriteAsync("ok");
            app.MapGet("/health", health);
            Delegate chosen = OrderEndpoints.Traced;
            chosen = {|#2:(string q) =>|} q;
            app.MapGet("/search", chosen);
            app.MapPost("/cancel", OrderEndpoints.Cancel);
            app.MapPost("/place", OrderEndpoints.Place);
            app.MapPost("/place-again", OrderEndpoints.Place);
            app.MapGet("/traced", OrderEndpoints.Traced);
            app.MapGet("/group", OrderEndpoints.Group);
            app.Run();

            public static class OrderEndpoints
            {
                public static readonly Delegate Cancel = {|#3:(int id) =>|} id;

                public static Delegate Place { get; } = {|#4:() =>|} "placed";

                public static Delegate Traced => [Implements("ORDERS-001")] () => "traced";

                public static Delegate Group { get; } = Lookup;

                public static string {|#5:Lookup|}() => "found";
            }
            """, aspNetCore: true);
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(Lambda("MapGet(\"/orders\")", "MapGet")));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(1).WithArguments(Lambda("MapGet(\"/health\")", "MapGet")));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(2).WithArguments(Lambda("MapGet(\"/search\")", "MapGet")));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(3).WithArguments(Lambda("MapPost(\"/cancel\")", "MapPost")));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(4).WithArguments(Lambda("MapPost(\"/place\")", "MapPost")));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(5).WithArguments(MethodGroup("MapGet(\"/group\")", "Lookup")));
        await test.RunAsync();
    }

    [Fact]
    public async Task Lambda_endpoints_inside_a_traced_type_are_traced_as_method_groups_there_are()
    {
        var test = Test<TraceabilityAnalyzer>("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Routing;
            using SpecGuard;
            namespace Shop.Endpoints
            {
                [SpecExempt("internal admin tooling, no customer-facing criterion")]
                public static class AdminEndpoints
                {
                    public static void MapAdmin(this IEndpointRouteBuilder app)
                    {
                        app.MapGet("/admin/stats", () => "stats");
                        app.MapGet("/admin/ping", Ping);
                    }

                    public static string Ping() => "pong";
                }

                [Implements("ORDERS-001")]
                public static class OrderEndpoints
                {
                    public static void MapOrders(this IEndpointRouteBuilder app) => app.MapPost("/orders", (int quantity) => quantity);
                }

                public static class CancellationEndpoints
                {
                    [Implements("ORDERS-002")]
                    public static void MapCancellations(this IEndpointRouteBuilder app) => app.MapDelete("/orders/{id}", (int id) => id);

                    public static void MapOther(this IEndpointRouteBuilder app) => app.MapGet("/other", {|#0:() =>|} "other");
                }
            }
            """, aspNetCore: true);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(Lambda("MapGet(\"/other\")", "MapGet")));
        await test.RunAsync();
    }

    [Fact]
    public async Task Handlers_through_a_generic_base_are_the_concrete_subclasses()
    {
        // eShop's shape: the abstract generic base implements IRequestHandler; each subclass handles one command.
        var test = Test<TraceabilityAnalyzer>("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using MediatR;
            namespace eShop.Ordering.API.Application.Commands
            {
                public class IdentifiedCommand<T, R> : IRequest<R> where T : IRequest<R>
                {
                    public IdentifiedCommand(T command, Guid id) { Command = command; Id = id; }

                    public T Command { get; }

                    public Guid Id { get; }
                }

                public abstract class IdentifiedCommandHandler<T, R> : IRequestHandler<IdentifiedCommand<T, R>, R> where T : IRequest<R>
                {
                    protected abstract R CreateResultForDuplicateRequest();

                    public Task<R> Handle(IdentifiedCommand<T, R> message, CancellationToken cancellationToken) => Task.FromResult(CreateResultForDuplicateRequest());
                }

                public sealed record CreateOrderCommand(int Quantity) : IRequest<bool>;

                public sealed record CancelOrderCommand(int OrderNumber) : IRequest<bool>;

                public sealed record ShipOrderCommand(int OrderNumber) : IRequest<bool>;

                public sealed class {|#0:CreateOrderIdentifiedCommandHandler|} : IdentifiedCommandHandler<CreateOrderCommand, bool>
                {
                    protected override bool CreateResultForDuplicateRequest() => true;
                }

                [SpecGuard.Implements("ORDERS-002")]
                public sealed class CancelOrderIdentifiedCommandHandler : IdentifiedCommandHandler<CancelOrderCommand, bool>
                {
                    protected override bool CreateResultForDuplicateRequest() => true;
                }

                internal sealed class {|#1:ShipOrderIdentifiedCommandHandler|} : IdentifiedCommandHandler<ShipOrderCommand, bool>
                {
                    protected override bool CreateResultForDuplicateRequest() => false;
                }
            }
            """);
        test.TestState.Sources.Add(HandlerTests.MediatR);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("The MediatR IRequestHandler handler CreateOrderIdentifiedCommandHandler traces to no acceptance criterion (it inherits Handle from IdentifiedCommandHandler). Add [Implements(\"ID\")] to CreateOrderIdentifiedCommandHandler naming the criterion it serves, or [SpecExempt(\"reason\")]."));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("The MediatR IRequestHandler handler ShipOrderIdentifiedCommandHandler traces to no acceptance criterion (it inherits Handle from IdentifiedCommandHandler). Add [Implements(\"ID\")] to ShipOrderIdentifiedCommandHandler naming the criterion it serves, or [SpecExempt(\"reason\")]."));
        await test.RunAsync();
    }

    private const string IntegrationEvents = """
        using System.Threading.Tasks;
        namespace eShop.EventBus.Abstractions
        {
            public interface IIntegrationEventHandler<in TIntegrationEvent> { Task Handle(TIntegrationEvent @event); }
        }
        namespace eShop.Ordering.API.Application.IntegrationEvents
        {
            public sealed record GracePeriodConfirmedIntegrationEvent(int OrderId);

            public sealed class GracePeriodConfirmedIntegrationEventHandler : eShop.EventBus.Abstractions.IIntegrationEventHandler<GracePeriodConfirmedIntegrationEvent>
            {
                public Task {|#0:Handle|}(GracePeriodConfirmedIntegrationEvent @event) => Task.CompletedTask;
            }
        }
        """;

    [Theory]
    [InlineData("/.editorconfig", "root = true\n[*.cs]\n")]
    [InlineData("/.editorconfig", "root = true\n[/0/Test0.cs]\n")]
    [InlineData("/.globalconfig", "is_global = true\n")]
    public async Task Handler_types_work_from_an_editorconfig_section_and_a_globalconfig(string path, string header)
    {
        var test = Test<TraceabilityAnalyzer>(IntegrationEvents);
        test.TestState.AnalyzerConfigFiles.Add((path, header + "specguard.handler_types = eShop.EventBus.Abstractions.IIntegrationEventHandler`1\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("The IIntegrationEventHandler handler GracePeriodConfirmedIntegrationEventHandler.Handle traces to no acceptance criterion. Add [Implements(\"ID\")] naming the criterion it serves, or [SpecExempt(\"reason\")]."));
        await test.RunAsync();
    }

    [Fact]
    public async Task Handler_types_set_for_one_file_apply_to_that_file_only()
    {
        var test = Test<TraceabilityAnalyzer>(IntegrationEvents);
        test.TestState.Sources.Add(("/0/Other.cs", """
            namespace eShop.Basket
            {
                public sealed class {|#1:OrderStartedIntegrationEventHandler|} : eShop.EventBus.Abstractions.IIntegrationEventHandler<int>
                {
                    public System.Threading.Tasks.Task Handle(int @event) => System.Threading.Tasks.Task.CompletedTask;
                }
            }
            """));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[/0/Test0.cs]\nspecguard.handler_types = eShop.EventBus.Abstractions.IIntegrationEventHandler`1\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("The IIntegrationEventHandler handler GracePeriodConfirmedIntegrationEventHandler.Handle traces to no acceptance criterion. Add [Implements(\"ID\")] naming the criterion it serves, or [SpecExempt(\"reason\")]."));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC100", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("The public type OrderStartedIntegrationEventHandler has behaviour but traces to no acceptance criterion. Add [Implements(\"ID\")] to it or to its public members, or [SpecExempt(\"reason\")]."));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_handler_mapped_from_two_files_is_reported_once_naming_the_first_call_in_file_order()
    {
        var test = Test<TraceabilityAnalyzer>("""
            namespace Shop
            {
                public static class Handlers
                {
                    public static string {|#0:Ping|}() => "pong";
                }
            }
            """, aspNetCore: true);
        test.TestState.Sources.Add(("/0/Z.cs", "namespace Shop { public static class Late { public static void MapLate(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app) { Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, \"/a\", Handlers.Ping); } } }"));
        test.TestState.Sources.Add(("/0/A.cs", "using Microsoft.AspNetCore.Builder; namespace Shop { public static class Early { public static void MapEarly(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app) { app.MapGet(\"/c\", Handlers.Ping); app.MapGet(\"/b\", Handlers.Ping); } } }"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(MethodGroup("MapGet(\"/c\")", "Ping")));
        await test.RunAsync();
    }
}
