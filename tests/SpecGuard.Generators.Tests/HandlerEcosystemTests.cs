using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using SpecGuard.Generators.Analyzers;
using Xunit;
using static SpecGuard.Generators.Tests.AnalyzerTestSources;

namespace SpecGuard.Generators.Tests;

/// <summary>
/// SPEC101 recall on the frameworks after MediatR (issue 16): one test app per framework, written the way real apps
/// write such code (several handlers, linked ones, a generic base, lifecycle members that are not handlers). Each
/// framework is a stand-in with the framework's real namespaces and type names, compiled as a separate referenced
/// assembly, so that it is metadata to the analyzer as the real package is. SignalR is the SDK's real reference pack.
/// </summary>
public sealed class HandlerEcosystemTests
{
    private const string Fix = "Add [Implements(\"ID\")] naming the criterion it serves, or [SpecExempt(\"reason\")].";

    private static string Method(string kind, string name) => $"The {kind} {name} traces to no acceptance criterion. {Fix}";

    private static string Inherited(string kind, string type, string method, string from) =>
        $"The {kind} {type} traces to no acceptance criterion (it inherits {method} from {from}). Add [Implements(\"ID\")] to {type} naming the criterion it serves, or [SpecExempt(\"reason\")].";

    private static string Unit(string kind, string type) =>
        $"The {kind} {type} traces to no acceptance criterion. Add [Implements(\"ID\")] to {type} naming the criterion it serves, or [SpecExempt(\"reason\")].";

    private static string PublicType(string type, string suffix = "") =>
        $"The public type {type} has behaviour but traces to no acceptance criterion. Add [Implements(\"ID\")] to it or to its public members, or [SpecExempt(\"reason\")]." + suffix;

    private static DiagnosticResult Spec101(int location, string message) =>
        new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(location).WithArguments(message);

    private static DiagnosticResult Spec100(int location, string message) =>
        new DiagnosticResult("SPEC100", DiagnosticSeverity.Warning).WithLocation(location).WithArguments(message);

    /// <summary>The framework as a referenced assembly (metadata), as a package is.</summary>
    private static void Reference(CSharpAnalyzerTest<TraceabilityAnalyzer, DefaultVerifier> test, string name, string source)
    {
        test.TestState.AdditionalProjects[name].Sources.Add(source);
        test.TestState.AdditionalProjectReferences.Add(name);
    }

    internal const string MediatorFramework = """
        namespace Mediator
        {
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            public readonly struct Unit { }
            public interface IMessage { }
            public interface IBaseRequest : IMessage { }
            public interface IRequest<out TResponse> : IBaseRequest { }
            public interface IRequest : IRequest<Unit> { }
            public interface ICommand<out TResponse> : IMessage { }
            public interface ICommand : ICommand<Unit> { }
            public interface IQuery<out TResponse> : IMessage { }
            public interface INotification : IMessage { }
            public interface IStreamRequest<out TResponse> : IMessage { }
            public interface IStreamCommand<out TResponse> : IMessage { }
            public interface IStreamQuery<out TResponse> : IMessage { }
            public interface IRequestHandler<in TRequest, TResponse> where TRequest : IRequest<TResponse> { ValueTask<TResponse> Handle(TRequest request, CancellationToken cancellationToken); }
            public interface IRequestHandler<in TRequest> : IRequestHandler<TRequest, Unit> where TRequest : IRequest<Unit> { }
            public interface ICommandHandler<in TCommand, TResponse> where TCommand : ICommand<TResponse> { ValueTask<TResponse> Handle(TCommand command, CancellationToken cancellationToken); }
            public interface ICommandHandler<in TCommand> : ICommandHandler<TCommand, Unit> where TCommand : ICommand<Unit> { }
            public interface IQueryHandler<in TQuery, TResponse> where TQuery : IQuery<TResponse> { ValueTask<TResponse> Handle(TQuery query, CancellationToken cancellationToken); }
            public interface INotificationHandler<in TNotification> where TNotification : INotification { ValueTask Handle(TNotification notification, CancellationToken cancellationToken); }
            public interface IStreamRequestHandler<in TRequest, out TResponse> where TRequest : IStreamRequest<TResponse> { IAsyncEnumerable<TResponse> Handle(TRequest request, CancellationToken cancellationToken); }
            public interface IStreamCommandHandler<in TCommand, out TResponse> where TCommand : IStreamCommand<TResponse> { IAsyncEnumerable<TResponse> Handle(TCommand command, CancellationToken cancellationToken); }
            public interface IStreamQueryHandler<in TQuery, out TResponse> where TQuery : IStreamQuery<TResponse> { IAsyncEnumerable<TResponse> Handle(TQuery query, CancellationToken cancellationToken); }
            public delegate ValueTask<TResponse> MessageHandlerDelegate<in TMessage, TResponse>(TMessage message, CancellationToken cancellationToken) where TMessage : notnull, IMessage;
            public interface IPipelineBehavior<TMessage, TResponse> where TMessage : notnull, IMessage { ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken); }
        }
        """;

    [Fact]
    public async Task Mediator_handlers_of_every_kind_are_found_and_linked_ones_are_quiet()
    {
        // A Clean Architecture use-case layer on martinothamar/Mediator.
        var test = Test<TraceabilityAnalyzer>("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Mediator;
            namespace CleanArch.UseCases.Contributors
            {
                public sealed record CreateContributorCommand(string Name) : ICommand<int>;
                public sealed record DeleteContributorCommand(int Id) : ICommand;
                public sealed record ArchiveContributorCommand(int Id) : ICommand<int>;
                public sealed record RenameContributorCommand(int Id, string Name) : ICommand<int>;
                public sealed record GetContributorQuery(int Id) : IQuery<string>;
                public sealed record ListContributorsQuery : IStreamQuery<string>;
                public sealed record ContributorDeleted(int Id) : INotification;
                public sealed record Ping : IRequest<string>;

                public sealed class CreateContributorHandler : ICommandHandler<CreateContributorCommand, int>
                {
                    public ValueTask<int> {|#0:Handle|}(CreateContributorCommand command, CancellationToken cancellationToken) => new(command.Name.Length);
                }

                public sealed class DeleteContributorHandler : ICommandHandler<DeleteContributorCommand>
                {
                    public ValueTask<Unit> {|#1:Handle|}(DeleteContributorCommand command, CancellationToken cancellationToken) => default;
                }

                public sealed class GetContributorHandler : IQueryHandler<GetContributorQuery, string>
                {
                    public ValueTask<string> {|#2:Handle|}(GetContributorQuery query, CancellationToken cancellationToken) => new("x");
                }

                public sealed class ListContributorsHandler : IStreamQueryHandler<ListContributorsQuery, string>
                {
                    public async IAsyncEnumerable<string> {|#3:Handle|}(ListContributorsQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
                    {
                        await Task.Yield();
                        yield return "x";
                    }
                }

                public sealed class ContributorDeletedHandler : INotificationHandler<ContributorDeleted>
                {
                    public ValueTask {|#4:Handle|}(ContributorDeleted notification, CancellationToken cancellationToken) => default;
                }

                public sealed class PingHandler : IRequestHandler<Ping, string>
                {
                    public ValueTask<string> {|#5:Handle|}(Ping request, CancellationToken cancellationToken) => new("pong");
                }

                // A generic base carries the interface: the concrete subclass is the handler.
                public abstract class AuditedCommandHandler<TCommand> : ICommandHandler<TCommand, int> where TCommand : ICommand<int>
                {
                    public ValueTask<int> Handle(TCommand command, CancellationToken cancellationToken) => HandleCore(command);

                    protected abstract ValueTask<int> HandleCore(TCommand command);
                }

                public sealed class {|#6:ArchiveContributorHandler|} : AuditedCommandHandler<ArchiveContributorCommand>
                {
                    protected override ValueTask<int> HandleCore(ArchiveContributorCommand command) => new(command.Id);
                }

                [SpecGuard.Implements("ORDERS-001")]
                public sealed class RenameContributorHandler : ICommandHandler<RenameContributorCommand, int>
                {
                    public ValueTask<int> Handle(RenameContributorCommand command, CancellationToken cancellationToken) => new(1);
                }

                public sealed class TracedDeleteHandler : INotificationHandler<ContributorDeleted>
                {
                    [SpecGuard.SpecExempt("audit only")]
                    public ValueTask Handle(ContributorDeleted notification, CancellationToken cancellationToken) => default;
                }

                // Plumbing: a pipeline behaviour is neither a handler nor untraced behaviour.
                public sealed class LoggingBehaviour<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse> where TMessage : notnull, IMessage
                {
                    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) => next(message, cancellationToken);
                }
            }
            """);
        Reference(test, "Mediator", MediatorFramework);
        test.ExpectedDiagnostics.Add(Spec101(0, Method("Mediator command handler", "CreateContributorHandler.Handle")));
        test.ExpectedDiagnostics.Add(Spec101(1, Method("Mediator command handler", "DeleteContributorHandler.Handle")));
        test.ExpectedDiagnostics.Add(Spec101(2, Method("Mediator query handler", "GetContributorHandler.Handle")));
        test.ExpectedDiagnostics.Add(Spec101(3, Method("Mediator stream query handler", "ListContributorsHandler.Handle")));
        test.ExpectedDiagnostics.Add(Spec101(4, Method("Mediator notification handler", "ContributorDeletedHandler.Handle")));
        test.ExpectedDiagnostics.Add(Spec101(5, Method("Mediator request handler", "PingHandler.Handle")));
        test.ExpectedDiagnostics.Add(Spec101(6, Inherited("Mediator command handler", "ArchiveContributorHandler", "Handle", "AuditedCommandHandler")));
        await test.RunAsync();
    }

    internal const string FastEndpointsFramework = """
        namespace FastEndpoints
        {
            using System.Threading;
            using System.Threading.Tasks;
            public abstract class BaseEndpoint
            {
                public virtual void Configure() { }
                protected void Get(params string[] routes) { }
                protected void Post(params string[] routes) { }
                protected void Delete(params string[] routes) { }
                protected void AllowAnonymous() { }
            }
            public sealed class EmptyRequest { }
            public abstract class Endpoint<TRequest, TResponse> : BaseEndpoint where TRequest : notnull
            {
                public virtual Task HandleAsync(TRequest req, CancellationToken ct) => Task.CompletedTask;
                public virtual Task<TResponse> ExecuteAsync(TRequest req, CancellationToken ct) => Task.FromResult(default(TResponse)!);
                public virtual void OnBeforeValidate(TRequest req) { }
                public virtual Task OnAfterHandleAsync(TRequest req, TResponse res, CancellationToken ct) => Task.CompletedTask;
                protected Task SendAsync(TResponse response, CancellationToken ct = default) => Task.CompletedTask;
            }
            public abstract class Endpoint<TRequest> : Endpoint<TRequest, object> where TRequest : notnull { }
            public abstract class EndpointWithoutRequest<TResponse> : Endpoint<EmptyRequest, TResponse>
            {
                public virtual Task HandleAsync(CancellationToken ct) => Task.CompletedTask;
                public sealed override Task HandleAsync(EmptyRequest req, CancellationToken ct) => HandleAsync(ct);
            }
            public abstract class EndpointWithoutRequest : EndpointWithoutRequest<object> { }
            public interface ICommand<out TResult> { }
            public interface ICommand : ICommand<Void> { }
            public interface IEvent { }
            public interface ICommandHandler<in TCommand, TResult> where TCommand : ICommand<TResult> { Task<TResult> ExecuteAsync(TCommand command, CancellationToken ct); }
            public readonly struct Void { }
            public interface ICommandHandler<in TCommand> : ICommandHandler<TCommand, Void> where TCommand : ICommand
            {
                new Task ExecuteAsync(TCommand command, CancellationToken ct);
                async Task<Void> ICommandHandler<TCommand, Void>.ExecuteAsync(TCommand command, CancellationToken ct)
                {
                    await ExecuteAsync(command, ct);
                    return default;
                }
            }
            public interface IEventHandler<in TEvent> where TEvent : IEvent { Task HandleAsync(TEvent eventModel, CancellationToken ct); }
        }
        """;

    [Fact]
    public async Task FastEndpoints_endpoints_are_their_HandleAsync_or_ExecuteAsync_override_and_Configure_is_quiet()
    {
        // The Clean Architecture template's Web project: one endpoint per file, Configure() plus HandleAsync/ExecuteAsync.
        var test = Test<TraceabilityAnalyzer>("""
            using System.Threading;
            using System.Threading.Tasks;
            using FastEndpoints;
            namespace CleanArch.Web.Contributors
            {
                public sealed class CreateContributorRequest { public string Name { get; set; } = ""; }
                public sealed class CreateContributorResponse { public int Id { get; set; } }
                public sealed class ContributorRecord { public string Name { get; set; } = ""; }
                public sealed class GetContributorByIdRequest { public int Id { get; set; } }
                public sealed class DeleteContributorRequest { public int Id { get; set; } }
                public sealed class UpdateContributorRequest { public int Id { get; set; } }
                public sealed class ArchiveContributorRequest { public int Id { get; set; } }

                public sealed class Create : Endpoint<CreateContributorRequest, CreateContributorResponse>
                {
                    public override void Configure()
                    {
                        Post("/Contributors");
                        AllowAnonymous();
                    }

                    public override async Task {|#0:HandleAsync|}(CreateContributorRequest req, CancellationToken ct) => await SendAsync(new CreateContributorResponse(), ct);

                    public override void OnBeforeValidate(CreateContributorRequest req) { }

                    public string Summary() => "creates a contributor";
                }

                public sealed class GetById : Endpoint<GetContributorByIdRequest, ContributorRecord>
                {
                    public override void Configure() => Get("/Contributors/{ContributorId:int}");

                    public override Task<ContributorRecord> {|#1:ExecuteAsync|}(GetContributorByIdRequest req, CancellationToken ct) => Task.FromResult(new ContributorRecord());
                }

                public sealed class List : EndpointWithoutRequest<ContributorRecord[]>
                {
                    public override void Configure() => Get("/Contributors");

                    public override Task {|#2:HandleAsync|}(CancellationToken ct) => Task.CompletedTask;
                }

                public sealed class Delete : Endpoint<DeleteContributorRequest>
                {
                    public override void Configure() => Delete("/Contributors/{ContributorId:int}");

                    public override Task {|#3:HandleAsync|}(DeleteContributorRequest req, CancellationToken ct) => Task.CompletedTask;
                }

                [SpecGuard.Implements("ORDERS-001")]
                public sealed class Update : Endpoint<UpdateContributorRequest, ContributorRecord>
                {
                    public override void Configure() => Post("/Contributors/{ContributorId:int}");

                    public override Task HandleAsync(UpdateContributorRequest req, CancellationToken ct) => Task.CompletedTask;
                }

                public sealed class Health : EndpointWithoutRequest
                {
                    public override void Configure() => Get("/health");

                    [SpecGuard.SpecExempt("health probe")]
                    public override Task HandleAsync(CancellationToken ct) => Task.CompletedTask;
                }

                // The app's own generic base: the concrete endpoint is the handler.
                public abstract class ContributorEndpoint<TRequest> : Endpoint<TRequest, ContributorRecord> where TRequest : notnull
                {
                    public override Task HandleAsync(TRequest req, CancellationToken ct) => Apply(req);

                    protected abstract Task Apply(TRequest req);
                }

                public sealed class {|#4:Archive|} : ContributorEndpoint<ArchiveContributorRequest>
                {
                    public override void Configure() => Post("/Contributors/{ContributorId:int}/archive");

                    protected override Task Apply(ArchiveContributorRequest req) => Task.CompletedTask;
                }

                // FastEndpoints' command bus and events: their handlers are handlers too.
                public sealed record NotifyContributor(int Id) : ICommand<bool>;
                public sealed record ContributorArchived(int Id) : IEvent;

                public sealed class NotifyContributorHandler : ICommandHandler<NotifyContributor, bool>
                {
                    public Task<bool> {|#5:ExecuteAsync|}(NotifyContributor command, CancellationToken ct) => Task.FromResult(true);
                }

                public sealed record PingContributor(int Id) : ICommand;

                public sealed class PingContributorHandler : ICommandHandler<PingContributor>
                {
                    public Task {|#7:ExecuteAsync|}(PingContributor command, CancellationToken ct) => Task.CompletedTask;
                }

                public sealed class ContributorArchivedHandler : IEventHandler<ContributorArchived>
                {
                    public Task {|#6:HandleAsync|}(ContributorArchived eventModel, CancellationToken ct) => Task.CompletedTask;
                }
            }
            """);
        Reference(test, "FastEndpoints", FastEndpointsFramework);
        test.ExpectedDiagnostics.Add(Spec101(0, Method("FastEndpoints endpoint", "Create.HandleAsync")));
        test.ExpectedDiagnostics.Add(Spec101(1, Method("FastEndpoints endpoint", "GetById.ExecuteAsync")));
        test.ExpectedDiagnostics.Add(Spec101(2, Method("FastEndpoints endpoint", "List.HandleAsync")));
        test.ExpectedDiagnostics.Add(Spec101(3, Method("FastEndpoints endpoint", "Delete.HandleAsync")));
        test.ExpectedDiagnostics.Add(Spec101(4, Inherited("FastEndpoints endpoint", "Archive", "HandleAsync", "ContributorEndpoint")));
        test.ExpectedDiagnostics.Add(Spec101(5, Method("FastEndpoints command handler", "NotifyContributorHandler.ExecuteAsync")));
        test.ExpectedDiagnostics.Add(Spec101(6, Method("FastEndpoints event handler", "ContributorArchivedHandler.HandleAsync")));
        test.ExpectedDiagnostics.Add(Spec101(7, Method("FastEndpoints command handler", "PingContributorHandler.ExecuteAsync")));
        await test.RunAsync();
    }

    internal const string WolverineFramework = """
        namespace Wolverine
        {
            public interface IMessageBus { System.Threading.Tasks.ValueTask PublishAsync<T>(T message); }
            public interface IWolverineHandler { }
            public abstract class Saga
            {
                protected void MarkCompleted() { }
            }
        }
        namespace Wolverine.Attributes
        {
            [System.AttributeUsage(System.AttributeTargets.Class | System.AttributeTargets.Method)]
            public sealed class WolverineHandlerAttribute : System.Attribute { }
            [System.AttributeUsage(System.AttributeTargets.Class | System.AttributeTargets.Method | System.AttributeTargets.Assembly)]
            public sealed class WolverineIgnoreAttribute : System.Attribute { }
        }
        """;

    [Fact]
    public async Task Wolverine_handlers_follow_its_conventions_marker_and_attributes_and_WolverineIgnore_is_honoured()
    {
        var test = Test<TraceabilityAnalyzer>("""
            using System.Threading.Tasks;
            using Wolverine;
            using Wolverine.Attributes;
            namespace Shipping.Handlers
            {
                public sealed record ShipOrder(int Id);
                public sealed record OrderShipped(int Id);
                public sealed record InvoiceIssued(int Id);
                public sealed record CustomerNotified(int Id);
                public sealed record AuditRecorded(string What);
                public sealed record GenerateReport(int Year);
                public sealed record CancelOrder(int Id);
                public sealed record StartShipment(int Id);
                public sealed record LegacyImport(int Id);

                // Static handlers with Wolverine's middleware methods (Before) beside them.
                public static class ShipOrderHandler
                {
                    public static void Before(ShipOrder command) { }

                    public static OrderShipped {|#0:Handle|}(ShipOrder command) => new(command.Id);
                }

                public class OrderShippedHandler
                {
                    public Task {|#1:HandleAsync|}(OrderShipped message, IMessageBus bus) => bus.PublishAsync(new CustomerNotified(message.Id)).AsTask();

                    [WolverineIgnore]
                    public void Handle(LegacyImport message) { }
                }

                public class InvoiceConsumer
                {
                    public void {|#2:Consume|}(InvoiceIssued message) { }
                }

                public class Notifications : IWolverineHandler
                {
                    public void {|#3:Handle|}(CustomerNotified message) { }
                }

                [WolverineHandler]
                public class Audits
                {
                    public void {|#4:Handle|}(AuditRecorded message) { }

                    public string Describe() => "audits";
                }

                // [WolverineHandler] on one method: that method is a handler, the type's other behaviour is still SPEC100's.
                public class {|#5:Reports|}
                {
                    [WolverineHandler]
                    public void {|#6:Generate|}(GenerateReport message) { }

                    public int Count() => 0;
                }

                [WolverineIgnore]
                public class {|#7:LegacyHandler|}
                {
                    public void Handle(LegacyImport message) { }
                }

                [SpecGuard.Implements("ORDERS-002")]
                public static class CancelOrderHandler
                {
                    public static void Handle(CancelOrder command) { }
                }

                public class ShipmentSaga : Saga
                {
                    public int Id { get; set; }

                    public static ShipmentSaga {|#8:Start|}(StartShipment command) => new() { Id = command.Id };

                    public void {|#9:Handle|}(OrderShipped message) => MarkCompleted();
                }
            }
            """);
        Reference(test, "Wolverine", WolverineFramework);
        const string Kind = "Wolverine message handler";
        test.ExpectedDiagnostics.Add(Spec101(0, Method(Kind, "ShipOrderHandler.Handle")));
        test.ExpectedDiagnostics.Add(Spec101(1, Method(Kind, "OrderShippedHandler.HandleAsync")));
        test.ExpectedDiagnostics.Add(Spec101(2, Method(Kind, "InvoiceConsumer.Consume")));
        test.ExpectedDiagnostics.Add(Spec101(3, Method(Kind, "Notifications.Handle")));
        test.ExpectedDiagnostics.Add(Spec101(4, Method(Kind, "Audits.Handle")));
        test.ExpectedDiagnostics.Add(Spec100(5, PublicType("Reports")));
        test.ExpectedDiagnostics.Add(Spec101(6, Method(Kind, "Reports.Generate")));
        test.ExpectedDiagnostics.Add(Spec100(7, PublicType("LegacyHandler")));
        test.ExpectedDiagnostics.Add(Spec101(8, Method("Wolverine saga handler", "ShipmentSaga.Start")));
        test.ExpectedDiagnostics.Add(Spec101(9, Method("Wolverine saga handler", "ShipmentSaga.Handle")));
        await test.RunAsync();
    }

    [Fact]
    public async Task Wolverine_naming_conventions_apply_only_in_projects_that_reference_Wolverine()
    {
        var test = Test<TraceabilityAnalyzer>("""
            namespace Game
            {
                public class {|#0:InputHandler|}
                {
                    public void Handle(string key) { }
                }
            }
            """);
        test.ExpectedDiagnostics.Add(Spec100(0, PublicType("InputHandler")));
        await test.RunAsync();
    }

    internal const string MassTransitFramework = """
        namespace MassTransit
        {
            using System;
            using System.Threading.Tasks;
            public interface ConsumeContext<out T> where T : class { T Message { get; } }
            public interface IConsumer { }
            public interface IConsumer<in TMessage> : IConsumer where TMessage : class { Task Consume(ConsumeContext<TMessage> context); }
            public interface JobContext<out TJob> where TJob : class { TJob Job { get; } }
            public interface IJobConsumer<in TJob> : IConsumer where TJob : class { Task Run(JobContext<TJob> context); }
            public interface SagaStateMachineInstance { Guid CorrelationId { get; set; } }
            public interface State { }
            public interface Event<out TMessage> { }
            public abstract class MassTransitStateMachine<TInstance> where TInstance : class, SagaStateMachineInstance
            {
                protected void InstanceState(Func<TInstance, string> state) { }
                protected void Initially(params object[] activities) { }
                public State Initial { get; } = null!;
            }
            public interface ProbeContext { }
            public interface IProbeSite { void Probe(ProbeContext context); }
            public interface StateMachineVisitor { }
            public interface IVisitable { void Accept(StateMachineVisitor visitor); }
            public interface BehaviorContext<out TSaga, out TMessage> { TSaga Saga { get; } TMessage Message { get; } }
            public interface BehaviorExceptionContext<out TSaga, out TMessage, out TException> : BehaviorContext<TSaga, TMessage> where TException : Exception { }
            public interface IBehavior<in TSaga, in TMessage> { }
            public interface IStateMachineActivity : IVisitable, IProbeSite { }
            public interface IStateMachineActivity<TSaga, TMessage> : IStateMachineActivity where TSaga : class, SagaStateMachineInstance where TMessage : class
            {
                Task Execute(BehaviorContext<TSaga, TMessage> context, IBehavior<TSaga, TMessage> next);
                Task Faulted<TException>(BehaviorExceptionContext<TSaga, TMessage, TException> context, IBehavior<TSaga, TMessage> next) where TException : Exception;
            }
            public interface ExecuteContext<out TArguments> { TArguments Arguments { get; } }
            public interface CompensateContext<out TLog> { TLog Log { get; } }
            public interface ExecutionResult { }
            public interface CompensationResult { }
            public interface IExecuteActivity<in TArguments> where TArguments : class { Task<ExecutionResult> Execute(ExecuteContext<TArguments> context); }
            public interface ICompensateActivity<in TLog> where TLog : class { Task<CompensationResult> Compensate(CompensateContext<TLog> context); }
            public interface IActivity<in TArguments, in TLog> : IExecuteActivity<TArguments>, ICompensateActivity<TLog> where TArguments : class where TLog : class { }
        }
        """;

    [Fact]
    public async Task MassTransit_state_machines_activities_courier_activities_and_job_consumers_are_handlers()
    {
        var test = Test<TraceabilityAnalyzer>("""
            using System;
            using System.Threading.Tasks;
            using MassTransit;
            namespace Orders.Components
            {
                public sealed class OrderState : SagaStateMachineInstance
                {
                    public Guid CorrelationId { get; set; }
                    public string CurrentState { get; set; } = "";
                }
                public sealed record SubmitOrder(Guid OrderId);
                public sealed record OrderSubmitted(Guid OrderId);
                public sealed record ReserveArguments(Guid OrderId);
                public sealed record ReserveLog(Guid ReservationId);
                public sealed record ChargeArguments(decimal Amount);
                public sealed record ExportJob(int Year);

                // The unit is the type: its behaviour is declared in its constructor.
                public sealed class {|#0:OrderStateMachine|} : MassTransitStateMachine<OrderState>
                {
                    public OrderStateMachine()
                    {
                        InstanceState(x => x.CurrentState);
                        Initially();
                    }
                }

                public sealed class ShipmentStateMachine : MassTransitStateMachine<OrderState>
                {
                    [SpecGuard.Implements("ORDERS-001")]
                    public ShipmentStateMachine() => InstanceState(x => x.CurrentState);
                }

                public sealed class PublishOrderSubmittedActivity : IStateMachineActivity<OrderState, OrderSubmitted>
                {
                    public Task {|#1:Execute|}(BehaviorContext<OrderState, OrderSubmitted> context, IBehavior<OrderState, OrderSubmitted> next) => Task.CompletedTask;
                    public Task Faulted<TException>(BehaviorExceptionContext<OrderState, OrderSubmitted, TException> context, IBehavior<OrderState, OrderSubmitted> next) where TException : Exception => Task.CompletedTask;
                    public void Probe(ProbeContext context) { }
                    public void Accept(StateMachineVisitor visitor) { }
                }

                public sealed class ReserveStockActivity : IActivity<ReserveArguments, ReserveLog>
                {
                    public Task<ExecutionResult> {|#2:Execute|}(ExecuteContext<ReserveArguments> context) => Task.FromResult<ExecutionResult>(null!);
                    public Task<CompensationResult> {|#3:Compensate|}(CompensateContext<ReserveLog> context) => Task.FromResult<CompensationResult>(null!);
                }

                public sealed class ChargeCardActivity : IExecuteActivity<ChargeArguments>
                {
                    public Task<ExecutionResult> {|#4:Execute|}(ExecuteContext<ChargeArguments> context) => Task.FromResult<ExecutionResult>(null!);
                }

                [SpecGuard.Implements("ORDERS-002")]
                public sealed class RefundCardActivity : IExecuteActivity<ChargeArguments>
                {
                    public Task<ExecutionResult> Execute(ExecuteContext<ChargeArguments> context) => Task.FromResult<ExecutionResult>(null!);
                }

                public sealed class ExportJobConsumer : IJobConsumer<ExportJob>
                {
                    public Task {|#5:Run|}(JobContext<ExportJob> context) => Task.CompletedTask;
                }

                public sealed class SubmitOrderConsumer : IConsumer<SubmitOrder>
                {
                    public Task {|#6:Consume|}(ConsumeContext<SubmitOrder> context) => Task.CompletedTask;
                }
            }
            """);
        Reference(test, "MassTransit", MassTransitFramework);
        test.ExpectedDiagnostics.Add(Spec101(0, Unit("MassTransit saga state machine", "OrderStateMachine")));
        test.ExpectedDiagnostics.Add(Spec101(1, Method("MassTransit state machine activity", "PublishOrderSubmittedActivity.Execute")));
        test.ExpectedDiagnostics.Add(Spec101(2, Method("MassTransit courier activity", "ReserveStockActivity.Execute")));
        test.ExpectedDiagnostics.Add(Spec101(3, Method("MassTransit courier activity", "ReserveStockActivity.Compensate")));
        test.ExpectedDiagnostics.Add(Spec101(4, Method("MassTransit courier activity", "ChargeCardActivity.Execute")));
        test.ExpectedDiagnostics.Add(Spec101(5, Method("MassTransit job consumer", "ExportJobConsumer.Run")));
        test.ExpectedDiagnostics.Add(Spec101(6, Method("MassTransit IConsumer handler", "SubmitOrderConsumer.Consume")));
        await test.RunAsync();
    }

    internal const string UnknownFramework = """
        namespace NServiceBus
        {
            public interface IMessageHandlerContext { }
            public interface IHandleMessages<T> { System.Threading.Tasks.Task Handle(T message, IMessageHandlerContext context); }
        }
        """;

    private const string UnknownFrameworkApp = """
        using System.Threading.Tasks;
        using NServiceBus;
        namespace Billing
        {
            public sealed record OrderPlaced(int Id);

            public sealed class {|#0:OrderPlacedHandler|} : IHandleMessages<OrderPlaced>
            {
                public Task {|#1:Handle|}(OrderPlaced message, IMessageHandlerContext context) => Task.CompletedTask;
            }

            // Platform plumbing stays quiet: a JSON converter, a comparer, IDisposable.
            public sealed class AmountConverter : System.Text.Json.Serialization.JsonConverter<decimal>
            {
                public override decimal Read(ref System.Text.Json.Utf8JsonReader reader, System.Type typeToConvert, System.Text.Json.JsonSerializerOptions options) => reader.GetDecimal();
                public override void Write(System.Text.Json.Utf8JsonWriter writer, decimal value, System.Text.Json.JsonSerializerOptions options) => writer.WriteNumberValue(value);
            }

            public sealed class ByLength : System.Collections.Generic.IComparer<string>, System.IDisposable
            {
                public int Compare(string? x, string? y) => (x?.Length ?? 0) - (y?.Length ?? 0);
                public void Dispose() { }
            }
        }
        """;

    [Fact]
    public async Task A_contract_of_an_unknown_library_is_behaviour_so_its_handlers_are_not_silently_missed()
    {
        var test = Test<TraceabilityAnalyzer>(UnknownFrameworkApp);
        Reference(test, "NServiceBus", UnknownFramework);
        test.ExpectedDiagnostics.Add(Spec100(0, PublicType("OrderPlacedHandler", " Handle implements NServiceBus.IHandleMessages<T>, a contract of a library SpecGuard does not know: if that makes OrderPlacedHandler a handler, name the contract in specguard.handler_types (SPEC101 then asks a link per handler).")));
        test.DisabledDiagnostics.Add("SPEC101");
        await test.RunAsync();
    }

    [Fact]
    public async Task Naming_the_unknown_contract_in_handler_types_turns_the_finding_into_one_per_handler()
    {
        var test = Test<TraceabilityAnalyzer>(UnknownFrameworkApp);
        Reference(test, "NServiceBus", UnknownFramework);
        test.Config("specguard.handler_types = NServiceBus.IHandleMessages`1\n");
        test.ExpectedDiagnostics.Add(Spec101(1, Method("IHandleMessages handler", "OrderPlacedHandler.Handle")));
        await test.RunAsync();
    }

    [Fact]
    public async Task SignalR_hub_methods_are_handlers_and_lifecycle_overrides_are_not()
    {
        var test = Test<TraceabilityAnalyzer>("""
            using System;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.SignalR;
            namespace Chat.Hubs
            {
                public interface IChatClient { Task ReceiveMessage(string user, string message); }

                public sealed class ChatHub : Hub
                {
                    public Task {|#0:SendMessage|}(string user, string message) => Clients.All.SendAsync("ReceiveMessage", user, message);

                    [SpecGuard.Implements("ORDERS-001")]
                    public Task JoinRoom(string room) => Groups.AddToGroupAsync(Context.ConnectionId, room);

                    public override Task OnConnectedAsync() => base.OnConnectedAsync();

                    public override Task OnDisconnectedAsync(Exception? exception) => base.OnDisconnectedAsync(exception);
                }

                public sealed class TypedChatHub : Hub<IChatClient>
                {
                    public Task {|#1:Broadcast|}(string user, string message) => Clients.All.ReceiveMessage(user, message);
                }
            }
            """, aspNetCore: true);
        test.ExpectedDiagnostics.Add(Spec101(0, Method("SignalR hub method", "ChatHub.SendMessage")));
        test.ExpectedDiagnostics.Add(Spec101(1, Method("SignalR hub method", "TypedChatHub.Broadcast")));
        await test.RunAsync();
    }

    internal const string OtherFrameworks = """
        namespace Rebus.Handlers
        {
            public interface IHandleMessages { }
            public interface IHandleMessages<in TMessage> : IHandleMessages { System.Threading.Tasks.Task Handle(TMessage message); }
        }
        namespace Quartz
        {
            public interface IJobExecutionContext { }
            public interface IJob { System.Threading.Tasks.Task Execute(IJobExecutionContext context); }
        }
        namespace Microsoft.Azure.Functions.Worker
        {
            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class FunctionAttribute : System.Attribute { public FunctionAttribute(string name) { } }
        }
        """;

    [Fact]
    public async Task Rebus_handlers_Quartz_jobs_and_Azure_Functions_are_handlers()
    {
        var test = Test<TraceabilityAnalyzer>("""
            using System.Threading.Tasks;
            using Microsoft.Azure.Functions.Worker;
            namespace Back.Office
            {
                public sealed record InvoiceDue(int Id);

                public sealed class InvoiceDueHandler : Rebus.Handlers.IHandleMessages<InvoiceDue>
                {
                    public Task {|#0:Handle|}(InvoiceDue message) => Task.CompletedTask;
                }

                public sealed class NightlyCleanupJob : Quartz.IJob
                {
                    public Task {|#1:Execute|}(Quartz.IJobExecutionContext context) => Task.CompletedTask;
                }

                [SpecGuard.Implements("ORDERS-002")]
                public sealed class ReminderJob : Quartz.IJob
                {
                    public Task Execute(Quartz.IJobExecutionContext context) => Task.CompletedTask;
                }

                public sealed class InvoiceFunctions
                {
                    [Function("SendInvoice")]
                    public Task {|#2:SendInvoice|}(string id) => Task.CompletedTask;

                    [Function("VoidInvoice")]
                    [SpecGuard.Implements("ORDERS-002")]
                    public Task VoidInvoice(string id) => Task.CompletedTask;
                }
            }
            """);
        Reference(test, "Frameworks", OtherFrameworks);
        test.ExpectedDiagnostics.Add(Spec101(0, Method("Rebus message handler", "InvoiceDueHandler.Handle")));
        test.ExpectedDiagnostics.Add(Spec101(1, Method("Quartz job", "NightlyCleanupJob.Execute")));
        test.ExpectedDiagnostics.Add(Spec101(2, Method("Azure Functions function", "InvoiceFunctions.SendInvoice")));
        await test.RunAsync();
    }
}


/// <summary><c>specguard.handler_types</c> as a person writes it (issue 16).</summary>
public sealed class HandlerTypesSyntaxTests
{
    private const string App = """
        using System.Threading.Tasks;
        namespace Shop.Messaging
        {
            public interface IMessageHandler { }
            public abstract class HandlerBase<TMessage, TResult>
            {
                public abstract Task<TResult> Process(TMessage message);
            }
            public static class Outer
            {
                public interface IJob { void Run(); }
            }
        }
        namespace Shop.Orders
        {
            using Shop.Messaging;

            // A marker interface with no members: the public methods of its implementations are the handlers.
            public sealed class OrderPlacedHandler : IMessageHandler
            {
                public void {|#0:On|}(int orderId) { }
            }

            public sealed class PriceQuoteHandler : HandlerBase<int, decimal>
            {
                public override Task<decimal> {|#1:Process|}(int message) => Task.FromResult(1m);
            }

            public sealed class NightlyJob : Outer.IJob
            {
                public void {|#2:Run|}() { }
            }
        }
        """;

    [Fact]
    public async Task Handler_types_accept_CSharp_generic_syntax_nested_types_with_a_dot_and_marker_interfaces()
    {
        var test = Test<TraceabilityAnalyzer>(App);
        test.Config("specguard.handler_types = Shop.Messaging.IMessageHandler, Shop.Messaging.HandlerBase<,>, Shop.Messaging.Outer.IJob\n");
        const string Fix = " traces to no acceptance criterion. Add [Implements(\"ID\")] naming the criterion it serves, or [SpecExempt(\"reason\")].";
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("The IMessageHandler handler OrderPlacedHandler.On" + Fix));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("The HandlerBase handler PriceQuoteHandler.Process" + Fix));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(2).WithArguments("The IJob handler NightlyJob.Run" + Fix));
        await test.RunAsync();
    }

    [Fact]
    public async Task Handler_types_accept_named_type_arguments_as_in_CSharp()
    {
        var test = Test<TraceabilityAnalyzer>(App);
        test.Config("specguard.handler_types = Shop.Messaging.HandlerBase<TMessage, TResult>\n");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC101", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("The HandlerBase handler PriceQuoteHandler.Process traces to no acceptance criterion. Add [Implements(\"ID\")] naming the criterion it serves, or [SpecExempt(\"reason\")]."));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC100", DiagnosticSeverity.Warning).WithSpan(19, 25, 19, 43).WithArguments("The public type OrderPlacedHandler has behaviour but traces to no acceptance criterion. Add [Implements(\"ID\")] to it or to its public members, or [SpecExempt(\"reason\")]."));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC100", DiagnosticSeverity.Warning).WithSpan(29, 25, 29, 35).WithArguments("The public type NightlyJob has behaviour but traces to no acceptance criterion. Add [Implements(\"ID\")] to it or to its public members, or [SpecExempt(\"reason\")]."));
        await test.RunAsync();
    }
}

/// <summary>Behaviour a source generator writes is not the user's untraced code (issue 16: Vogen's value objects).</summary>
public sealed class GeneratedBehaviourTests
{
    // What Vogen 8 generates for [ValueObject<int>] (abridged): a generator's output file with an <auto-generated> header.
    private static string VogenOutput(string type) => $$"""
        // <auto-generated>
        //   This code was generated by a source generator named Vogen (https://github.com/SteveDunn/Vogen)
        // </auto-generated>
        namespace Shop.Domain
        {
            public readonly partial struct {{type}} : System.IEquatable<{{type}}>
            {
                private readonly int _value;
                private {{type}}(int value) => _value = value;
                public int Value => _value;
                public static {{type}} From(int value) => new {{type}}(value);
                public static bool TryFrom(int value, out {{type}} result) { result = new {{type}}(value); return true; }
                public bool IsInitialized() => true;
                public bool Equals({{type}} other) => _value == other._value;
                public override bool Equals(object? obj) => obj is {{type}} other && Equals(other);
                public override int GetHashCode() => _value;
                public override string ToString() => _value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        """;

    [Fact]
    public async Task A_value_object_whose_public_behaviour_is_all_generated_is_not_SPEC100_but_one_with_its_own_is()
    {
        var test = Test<TraceabilityAnalyzer>("""
            namespace Vogen
            {
                [System.AttributeUsage(System.AttributeTargets.Struct | System.AttributeTargets.Class)]
                public sealed class ValueObjectAttribute<T> : System.Attribute { }
            }
            namespace Shop.Domain
            {
                [Vogen.ValueObject<int>]
                public readonly partial struct CustomerId;

                [Vogen.ValueObject<int>]
                public readonly partial struct {|#0:OrderNumber|}
                {
                    public bool IsLegacy() => Value < 1000;
                }
            }
            """);
        test.TestState.Sources.Add(("Vogen/Vogen.ValueObjectGenerator/Shop_Domain_CustomerId.g.cs", VogenOutput("CustomerId")));
        test.TestState.Sources.Add(("Vogen/Vogen.ValueObjectGenerator/Shop_Domain_OrderNumber.g.cs", VogenOutput("OrderNumber")));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SPEC100", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("The public type OrderNumber has behaviour but traces to no acceptance criterion. Add [Implements(\"ID\")] to it or to its public members, or [SpecExempt(\"reason\")]."));
        await test.RunAsync();
    }
}
