// The MediatR interfaces, declared under their real names: the sample shows how SpecGuard recognises handlers
// by symbol, without depending on the MediatR package (the mirror this repository builds from does not serve a
// current version). With the real package the code below is unchanged.
namespace MediatR;

public interface INotification;

public interface INotificationHandler<in TNotification>
    where TNotification : INotification
{
    Task Handle(TNotification notification, CancellationToken cancellationToken);
}
