namespace SpecGuard.Generators.Tests;

/// <summary>
/// An app of our own making that follows the patterns of the widely used templates (issue 10): Clean Architecture's
/// own Map* wrappers and endpoint groups, a POCO controller, eShop's generic IdentifiedCommandHandler and integration
/// event handlers, DI extension classes, a DbContext with an interceptor, middleware, adapters under Infrastructure.
/// Markup: {|#n:...|} marks each finding the analyzer must report (see TemplateAppTests).
/// </summary>
internal static class TemplateApp
{
    public const string GlobalConfig = """
        is_global = true
        specguard.handler_types = TodoApp.Application.Common.IIntegrationEventHandler`1
        """;

    public static readonly (string Path, string Source)[] Sources =
    [
        ("src/Domain/Common/BaseEntity.cs", """
            using System.Collections.Generic;
            namespace TodoApp.Domain.Common
            {
                // The templates' seed work: an abstract base whose behaviour runs as part of each entity.
                public abstract class BaseEntity
                {
                    private readonly List<object> _domainEvents = new();

                    public int Id { get; set; }

                    public IReadOnlyCollection<object> DomainEvents => _domainEvents;

                    public void AddDomainEvent(object domainEvent) => _domainEvents.Add(domainEvent);

                    public void ClearDomainEvents() => _domainEvents.Clear();
                }

                public abstract class BaseAuditableEntity : BaseEntity
                {
                    public System.DateTimeOffset Created { get; set; }
                }
            }
            """),
        ("src/Domain/Entities/TodoList.cs", """
            using System.Collections.Generic;
            using TodoApp.Domain.Common;
            namespace TodoApp.Domain.Entities
            {
                public sealed class {|#0:TodoList|} : BaseAuditableEntity
                {
                    private readonly List<TodoItem> _items = new();

                    public string Title { get; set; } = "";

                    public bool Archived { get; private set; }

                    public IReadOnlyList<TodoItem> Items => _items;

                    public TodoItem AddItem(string title)
                    {
                        var item = new TodoItem { Title = title };
                        _items.Add(item);
                        return item;
                    }

                    public void Archive() => Archived = true;
                }

                public sealed class {|#1:TodoItem|} : BaseAuditableEntity
                {
                    public string Title { get; set; } = "";

                    public bool Done { get; private set; }

                    public void Complete() => Done = true;
                }

                // Data of its own only, as the templates' entities often are: what it does is raise domain events.
                public sealed class {|#6:Tag|} : BaseEntity
                {
                    public string Name { get; set; } = "";
                }
            }
            """),
        ("src/Domain/ValueObjects/Colour.cs", """
            namespace TodoApp.Domain.ValueObjects
            {
                public sealed record {|#2:Colour|}(string Code)
                {
                    public static Colour From(string code) => code.StartsWith("#") ? new Colour(code) : throw new System.ArgumentException("Unsupported colour", nameof(code));
                }
            }
            namespace TodoApp.Domain.Events
            {
                public sealed record TodoItemCompletedEvent(int ItemId) : MediatR.INotification;
            }
            """),
        ("src/Application/DependencyInjection.cs", """
            namespace Microsoft.Extensions.DependencyInjection
            {
                public static class DependencyInjection
                {
                    public static IServiceCollection AddApplicationServices(this IServiceCollection services) => services;
                }
            }
            """),
        ("src/Application/Common/Common.cs", """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using MediatR;
            namespace TodoApp.Application.Common
            {
                public sealed record IdentifiedCommand<T, R>(T Command, Guid Id) : IRequest<R> where T : IRequest<R>;

                public abstract class IdentifiedCommandHandler<T, R> : IRequestHandler<IdentifiedCommand<T, R>, R> where T : IRequest<R>
                {
                    protected abstract R CreateResultForDuplicateRequest();

                    public Task<R> Handle(IdentifiedCommand<T, R> message, CancellationToken cancellationToken) => Task.FromResult(CreateResultForDuplicateRequest());
                }

                public interface IIntegrationEventHandler<in TEvent> { Task Handle(TEvent @event); }

                public interface IIdentityService { Task<string?> GetUserNameAsync(string userId); }

                public interface IUser { string? Id { get; } }

                public static class {|#3:Guard|}
                {
                    public static string AgainstEmpty(string value, string name) => string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("Required", name) : value;
                }

                public sealed record TodoItemDto(int Id, string Title, bool Done);

                public static class MappingExtensions
                {
                    public static TodoItemDto ToDto(this TodoApp.Domain.Entities.TodoItem item) => new(item.Id, item.Title, item.Done);
                }
            }
            """),
        ("src/Application/TodoItems/Commands.cs", """
            using System.Threading;
            using System.Threading.Tasks;
            using MediatR;
            using TodoApp.Application.Common;
            namespace TodoApp.Application.TodoItems.Commands
            {
                public sealed record CreateTodoItemCommand(int ListId, string Title) : IRequest<int>;

                public sealed class CreateTodoItemCommandHandler : IRequestHandler<CreateTodoItemCommand, int>
                {
                    public Task<int> {|#10:Handle|}(CreateTodoItemCommand request, CancellationToken cancellationToken) => Task.FromResult(1);
                }

                public sealed record CompleteTodoItemCommand(int Id) : IRequest<bool>;

                public sealed class {|#11:CompleteTodoItemIdentifiedCommandHandler|} : IdentifiedCommandHandler<CompleteTodoItemCommand, bool>
                {
                    protected override bool CreateResultForDuplicateRequest() => true;
                }

                public sealed record DeleteTodoItemCommand(int Id) : IRequest<bool>;

                [SpecGuard.Implements("ORDERS-002")]
                public sealed class DeleteTodoItemIdentifiedCommandHandler : IdentifiedCommandHandler<DeleteTodoItemCommand, bool>
                {
                    protected override bool CreateResultForDuplicateRequest() => true;
                }
            }
            """),
        ("src/Application/TodoLists/Queries.cs", """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using MediatR;
            using TodoApp.Application.Common;
            using TodoApp.Domain.Events;
            namespace TodoApp.Application.TodoLists
            {
                public sealed record GetTodosQuery : IRequest<IReadOnlyList<string>>;

                public sealed class GetTodosQueryHandler : IRequestHandler<GetTodosQuery, IReadOnlyList<string>>
                {
                    public Task<IReadOnlyList<string>> {|#12:Handle|}(GetTodosQuery request, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>(new[] { "Shopping" });
                }

                public sealed class TodoItemCompletedEventHandler : INotificationHandler<TodoItemCompletedEvent>
                {
                    public Task {|#13:Handle|}(TodoItemCompletedEvent notification, CancellationToken cancellationToken) => Task.CompletedTask;
                }

                public sealed record TodoListArchivedIntegrationEvent(int ListId);

                public sealed class TodoListArchivedIntegrationEventHandler : IIntegrationEventHandler<TodoListArchivedIntegrationEvent>
                {
                    public Task {|#14:Handle|}(TodoListArchivedIntegrationEvent @event) => Task.CompletedTask;
                }

                public sealed class {|#4:ReminderScheduler|}
                {
                    public System.DateTime NextReminder(System.DateTime due) => due.AddDays(-1);
                }
            }
            """),
        ("src/Infrastructure/Data/ApplicationDbContext.cs", """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.EntityFrameworkCore.Diagnostics;
            using TodoApp.Domain.Entities;
            namespace TodoApp.Infrastructure.Data
            {
                public sealed class ApplicationDbContext : DbContext
                {
                    public DbSet<TodoList> TodoLists { get; set; } = new DbSet<TodoList>();

                    public Task<bool> SaveEntitiesAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);
                }
            }
            namespace TodoApp.Infrastructure.Data.Interceptors
            {
                public sealed class AuditableEntityInterceptor : SaveChangesInterceptor
                {
                    public void UpdateEntities(DbContext? context) { }
                }
            }
            """),
        ("src/Infrastructure/Services.cs", """
            using System.Threading.Tasks;
            using Microsoft.Extensions.Configuration;
            using TodoApp.Application.Common;
            namespace Microsoft.Extensions.DependencyInjection
            {
                public static class InfrastructureServiceExtensions
                {
                    public static IServiceCollection AddInfrastructureServices(this IServiceCollection services, IConfiguration configuration) => services;
                }
            }
            namespace TodoApp.Infrastructure.Identity
            {
                public sealed class IdentityService : IIdentityService
                {
                    public Task<string?> GetUserNameAsync(string userId) => Task.FromResult<string?>(userId);

                    public Task<bool> IsInRoleAsync(string userId, string role) => Task.FromResult(false);
                }
            }
            namespace TodoApp.Infrastructure.Email
            {
                public sealed class SmtpEmailSender
                {
                    public Task SendAsync(string to, string body) => Task.CompletedTask;
                }
            }
            """),
        ("src/Web/Program.cs", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.DependencyInjection;
            using TodoApp.Web.Infrastructure;
            using TodoApp.Web.Middleware;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddApplicationServices();
            builder.Services.AddInfrastructureServices(builder.Configuration);
            builder.Services.AddWebServices();

            var app = builder.Build();
            app.UseMiddleware<RequestTimingMiddleware>();
            app.MapControllers();
            app.MapEndpoints();
            RequestDelegate ping = {|#15:context =>|} context.Response.WriteAsync("pong");
            app.Map("/ping", ping);
            app.Run();

            public partial class Program;
            """),
        ("src/Web/Infrastructure/Endpoints.cs", """
            using System;
            using System.Diagnostics.CodeAnalysis;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Routing;
            using TodoApp.Web.Endpoints;
            namespace TodoApp.Web.Infrastructure
            {
                public static class IEndpointRouteBuilderExtensions
                {
                    public static RouteHandlerBuilder MapGet(this IEndpointRouteBuilder builder, Delegate handler, [StringSyntax("Route")] string pattern = "")
                        => builder.MapGet(pattern, handler).WithName(handler.Method.Name);

                    public static RouteHandlerBuilder MapPost(this IEndpointRouteBuilder builder, Delegate handler, [StringSyntax("Route")] string pattern = "")
                        => builder.MapPost(pattern, handler).WithName(handler.Method.Name);

                    public static RouteHandlerBuilder MapPut(this IEndpointRouteBuilder builder, Delegate handler, [StringSyntax("Route")] string pattern)
                        => builder.MapPut(pattern, handler).WithName(handler.Method.Name);

                    public static RouteHandlerBuilder MapDelete(this IEndpointRouteBuilder builder, Delegate handler, [StringSyntax("Route")] string pattern)
                        => builder.MapDelete(pattern, handler).WithName(handler.Method.Name);
                }

                public abstract class EndpointGroupBase
                {
                    public virtual string? GroupName { get; }

                    public abstract void Map(RouteGroupBuilder groupBuilder);
                }

                public static class WebApplicationExtensions
                {
                    public static WebApplication MapEndpoints(this WebApplication app)
                    {
                        new TodoItems().Map(app.MapGroup("/api/TodoItems"));
                        new TodoLists().Map(app.MapGroup("/api/TodoLists"));
                        return app;
                    }
                }
            }
            """),
        ("src/Web/Endpoints/TodoItems.cs", """
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Routing;
            using TodoApp.Web.Infrastructure;
            namespace TodoApp.Web.Endpoints
            {
                public class TodoItems : EndpointGroupBase
                {
                    public override void Map(RouteGroupBuilder groupBuilder)
                    {
                        groupBuilder.MapPost(CreateTodoItem);
                        groupBuilder.MapPut(CompleteTodoItem, "{id}/complete");
                        groupBuilder.MapDelete(DeleteTodoItem, "{id}");
                    }

                    public IResult {|#16:CreateTodoItem|}(string title) => Results.Created("/api/TodoItems/1", 1);

                    [SpecGuard.Implements("ORDERS-001")]
                    public IResult CompleteTodoItem(int id) => Results.NoContent();

                    public IResult {|#17:DeleteTodoItem|}(int id) => Results.NoContent();
                }

                public class TodoLists : EndpointGroupBase
                {
                    public override void Map(RouteGroupBuilder groupBuilder)
                    {
                        groupBuilder.MapGet(GetTodoLists);
                        groupBuilder.MapPost(ArchiveTodoList, "{id}/archive");
                    }

                    public string[] {|#18:GetTodoLists|}() => new[] { "Shopping" };

                    public IResult {|#19:ArchiveTodoList|}(int id) => Results.NoContent();
                }
            }
            """),
        ("src/Web/Controllers/UsersController.cs", """
            using Microsoft.AspNetCore.Mvc;
            namespace TodoApp.Web.Controllers
            {
                public class UsersController
                {
                    public string {|#20:Login|}(string email, string password) => email;

                    public string {|#21:Register|}(string email, string password) => email;

                    [NonAction]
                    public bool IsStrong(string password) => password.Length > 11;
                }

                [ApiController]
                [Route("api/[controller]")]
                public sealed class AccountController : ControllerBase
                {
                    [HttpGet("profile")]
                    public IActionResult {|#22:Profile|}() => Ok();
                }
            }
            """),
        ("src/Web/Middleware/Middleware.cs", """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            namespace TodoApp.Web.Middleware
            {
                public sealed class RequestTimingMiddleware
                {
                    private readonly RequestDelegate _next;

                    public RequestTimingMiddleware(RequestDelegate next) => _next = next;

                    public Task InvokeAsync(HttpContext context) => _next(context);
                }

                public sealed class ExceptionHandlingMiddleware : IMiddleware
                {
                    public Task InvokeAsync(HttpContext context, RequestDelegate next) => next(context);

                    public static int StatusFor(System.Exception exception) => exception is System.ArgumentException ? 400 : 500;
                }
            }
            """),
        ("src/Web/Services.cs", """
            using Microsoft.AspNetCore.Http;
            using TodoApp.Application.Common;
            namespace Microsoft.Extensions.DependencyInjection
            {
                public static class WebServiceExtensions
                {
                    public static IServiceCollection AddWebServices(this IServiceCollection services) => services;
                }
            }
            namespace TodoApp.Web.Services
            {
                public sealed class {|#5:CurrentUser|} : IUser
                {
                    private readonly IHttpContextAccessor _accessor;

                    public CurrentUser(IHttpContextAccessor accessor) => _accessor = accessor;

                    public string? Id => _accessor.HttpContext?.User.Identity?.Name;

                    public bool IsInRole(string role) => _accessor.HttpContext?.User.IsInRole(role) ?? false;
                }
            }
            """),
    ];
}
