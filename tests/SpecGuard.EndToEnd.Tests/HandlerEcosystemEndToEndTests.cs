using System;
using System.IO;
using System.Linq;
using Xunit;

namespace SpecGuard.EndToEnd.Tests;

/// <summary>
/// Issue 16 on the frameworks' real packages (as the package mirror serves them), in a two-project solution built with
/// the packed package: every handler kind is found, linked ones and lifecycle members stay quiet.
/// </summary>
public sealed class HandlerEcosystemEndToEndTests
{
    private const string Spec = """
        specguard: 1
        feature: ORDERS
        title: Orders
        criteria:
          - id: ORDERS-001
            title: A customer can place an order
            then: an order is created
        """;

    private const string Messaging = """
        using MassTransit;
        using Wolverine;
        using Wolverine.Attributes;

        namespace Shop.Messaging;

        public sealed record CreateOrder(string Sku) : Mediator.ICommand<int>;
        public sealed record GetOrder(int Id) : Mediator.IQuery<string>;
        public sealed record OrderCreated(int Id) : Mediator.INotification;
        public sealed class CreateOrderHandler : Mediator.ICommandHandler<CreateOrder, int>
        {
            public ValueTask<int> Handle(CreateOrder command, CancellationToken cancellationToken) => new(1);
        }
        public sealed class GetOrderHandler : Mediator.IQueryHandler<GetOrder, string>
        {
            public ValueTask<string> Handle(GetOrder query, CancellationToken cancellationToken) => new("x");
        }
        [SpecGuard.Implements("ORDERS-001")]
        public sealed class OrderCreatedHandler : Mediator.INotificationHandler<OrderCreated>
        {
            public ValueTask Handle(OrderCreated notification, CancellationToken cancellationToken) => default;
        }

        public sealed record ShipOrder(int Id);
        public sealed record Shipped(int Id);
        public static class ShipOrderHandler
        {
            public static Shipped Handle(ShipOrder command) => new(command.Id);
        }
        public class ShippedNotifier : IWolverineHandler
        {
            public void Handle(Shipped message) { }
        }
        [WolverineIgnore]
        public class IgnoredHandler { public void Handle(Shipped message) { } }

        public sealed class OrderState : SagaStateMachineInstance { public Guid CorrelationId { get; set; } public string CurrentState { get; set; } = ""; }
        public sealed class OrderStateMachine : MassTransitStateMachine<OrderState>
        {
            public OrderStateMachine() => InstanceState(x => x.CurrentState);
        }
        public sealed record ReserveArguments(Guid OrderId);
        public sealed record ReserveLog(Guid ReservationId);
        public sealed class ReserveActivity : IActivity<ReserveArguments, ReserveLog>
        {
            public Task<ExecutionResult> Execute(ExecuteContext<ReserveArguments> context) => Task.FromResult(context.Completed());
            public Task<CompensationResult> Compensate(CompensateContext<ReserveLog> context) => Task.FromResult(context.Compensated());
        }
        public sealed class InvoiceHandler : Rebus.Handlers.IHandleMessages<ShipOrder>
        {
            public Task Handle(ShipOrder message) => Task.CompletedTask;
        }
        public sealed class NightlyJob : Quartz.IJob
        {
            public ValueTask Execute(Quartz.IJobExecutionContext context, CancellationToken cancellationToken) => default;
        }
        """;

    private const string Endpoints = """
        using FastEndpoints;

        namespace Shop.Web;

        public sealed class CreateOrderRequest { public string Sku { get; set; } = ""; }
        public sealed class CreateOrderEndpoint : Endpoint<CreateOrderRequest, int>
        {
            public override void Configure() { Post("/orders"); AllowAnonymous(); }
            public override Task HandleAsync(CreateOrderRequest req, CancellationToken ct) => Task.CompletedTask;
        }
        public sealed class ListOrdersEndpoint : EndpointWithoutRequest<string[]>
        {
            public override void Configure() => Get("/orders");
            public override Task<string[]> ExecuteAsync(CancellationToken ct) => Task.FromResult(Array.Empty<string>());
        }
        [SpecGuard.Implements("ORDERS-001")]
        public sealed class TracedEndpoint : EndpointWithoutRequest
        {
            public override void Configure() => Get("/traced");
            public override Task HandleAsync(CancellationToken ct) => Task.CompletedTask;
        }
        """;

    private static string Project(string sdk, string packages, string extra = "") => $"""
        <Project Sdk="{sdk}">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <OutputType>Library</OutputType>
            <NoWarn>$(NoWarn);NU1603;NU1608</NoWarn>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="SpecGuard" Version="{PackedPackage.Version}" PrivateAssets="all" />
            {packages}
            {extra}
          </ItemGroup>
        </Project>
        """;

    [Fact]
    public void Every_handler_kind_on_the_real_packages_is_found_in_a_two_project_solution()
    {
        using var repo = new ConsumerRepository();
        repo.Write("specs/orders.spec.yaml", Spec);
        repo.Write("src/Shop.Messaging/Shop.Messaging.csproj", Project("Microsoft.NET.Sdk",
            """
            <PackageReference Include="Mediator.Abstractions" Version="3.0.2" />
            <PackageReference Include="WolverineFx" Version="6.62.0" />
            <PackageReference Include="MassTransit" Version="8.5.12" />
            <PackageReference Include="Rebus" Version="8.9.5" />
            <PackageReference Include="Quartz" Version="4.7.3" />
            """));
        repo.Write("src/Shop.Messaging/Messaging.cs", Messaging);
        repo.Write("src/Shop.Web/Shop.Web.csproj", Project("Microsoft.NET.Sdk.Web",
            "<PackageReference Include=\"FastEndpoints\" Version=\"8.3.0\" />",
            "<ProjectReference Include=\"../Shop.Messaging/Shop.Messaging.csproj\" />"));
        repo.Write("src/Shop.Web/Endpoints.cs", Endpoints);

        CommandResult build = repo.Dotnet("src/Shop.Web", "build").ShouldSucceed();

        string[] handlerLines = build.Output.Split('\n').Where(l => l.Contains("warning SPEC101", StringComparison.Ordinal)).Distinct().ToArray();
        string[] found =
        [
            "CreateOrderHandler", "GetOrderHandler", "ShipOrderHandler", "ShippedNotifier", "OrderStateMachine", "ReserveActivity",
            "ReserveActivity.Compensate", "InvoiceHandler", "NightlyJob", "CreateOrderEndpoint", "ListOrdersEndpoint",
        ];
        foreach (string name in found)
        {
            Assert.True(handlerLines.Any(l => l.Contains(name, StringComparison.Ordinal)), name + " was not reported as SPEC101:\n" + build.Output);
        }

        foreach (string quiet in new[] { "OrderCreatedHandler", "IgnoredHandler", "TracedEndpoint", ".Configure" })
        {
            Assert.False(handlerLines.Any(l => l.Contains(quiet, StringComparison.Ordinal)), quiet + " was reported:\n" + string.Join("\n", handlerLines));
        }

        // No handler type is also SPEC100; the [WolverineIgnore] class is no handler, so its public behaviour is SPEC100's.
        string[] publicApi = build.Output.Split('\n').Where(l => l.Contains("warning SPEC100", StringComparison.Ordinal)).Distinct().ToArray();
        Assert.True(publicApi.All(l => l.Contains("The public type IgnoredHandler ", StringComparison.Ordinal)) && publicApi.Length == 1, "unexpected SPEC100:\n" + string.Join("\n", publicApi));
    }
}
