using MediatR;

namespace Shop.Api.Handlers;

public sealed record OrderShipped(int OrderId) : INotification;

/// <summary>Nobody wrote the criterion for shipping notices yet: SpecGuard reports this handler (SPEC101).</summary>
public sealed class OrderShippedHandler : INotificationHandler<OrderShipped>
{
    public Task Handle(OrderShipped notification, CancellationToken cancellationToken) => Task.CompletedTask;
}
