using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SpecGuard.Generators.Analyzers
{
    /// <summary>
    /// Recognises request and message handlers by symbols (by names only where the framework itself discovers by name:
    /// controllers, Wolverine): ASP.NET Core controller actions (by the framework's own discovery rules), minimal-API
    /// endpoint registrations (any method on an endpoint route builder taking a Delegate or RequestDelegate), the
    /// framework kinds of <see cref="Table"/> (MediatR, Mediator, FastEndpoints, MassTransit, Rebus, Quartz, SignalR,
    /// Azure Functions), Wolverine's conventions, gRPC service overrides, and the handler types a user configures. Also
    /// knows what is wiring or infrastructure rather than behaviour (SPEC100). Framework types are resolved once per
    /// compilation and what they make of a type is computed once per type.
    /// </summary>
    internal sealed class Handlers
    {
        private readonly INamedTypeSymbol? _controllerBase;
        private readonly INamedTypeSymbol? _apiController;
        private readonly INamedTypeSymbol? _controller;
        private readonly INamedTypeSymbol? _nonController;
        private readonly INamedTypeSymbol? _nonAction;
        private readonly INamedTypeSymbol? _bindServiceMethod;
        private readonly INamedTypeSymbol? _disposable;
        private readonly INamedTypeSymbol? _endpointRouteBuilder;
        private readonly INamedTypeSymbol? _delegate;
        private readonly INamedTypeSymbol? _requestDelegate;
        private readonly INamedTypeSymbol? _httpContext;
        private readonly INamedTypeSymbol? _middleware;
        private readonly INamedTypeSymbol? _dbContext;
        private readonly INamedTypeSymbol? _interceptor;
        private readonly Kind[] _kinds;
        private readonly INamedTypeSymbol? _wolverineHandler;
        private readonly INamedTypeSymbol? _wolverineHandlerAttribute;
        private readonly INamedTypeSymbol? _wolverineIgnore;
        private readonly INamedTypeSymbol? _wolverineSaga;
        private readonly bool _wolverine;
        private readonly INamedTypeSymbol[] _wiringTypes;
        private readonly bool _anyCustom;
        private readonly ConcurrentDictionary<INamedTypeSymbol, TypeFacts> _facts = new ConcurrentDictionary<INamedTypeSymbol, TypeFacts>(SymbolEqualityComparer.Default);

        public Handlers(Compilation compilation, bool anyCustom)
        {
            _controllerBase = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerBase");
            _apiController = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ApiControllerAttribute");
            _controller = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerAttribute");
            _nonController = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.NonControllerAttribute");
            _nonAction = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.NonActionAttribute");
            _bindServiceMethod = compilation.GetTypeByMetadataName("Grpc.Core.BindServiceMethodAttribute");
            _disposable = compilation.GetTypeByMetadataName("System.IDisposable");
            _endpointRouteBuilder = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");
            _delegate = compilation.GetTypeByMetadataName("System.Delegate");
            _requestDelegate = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.RequestDelegate");
            _httpContext = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpContext");
            _middleware = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.IMiddleware");
            _dbContext = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbContext");
            _interceptor = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor");
            _kinds = Table.Select(entry => (entry, symbol: compilation.GetTypeByMetadataName(entry.MetadataName)))
                .Where(static e => e.symbol is not null)
                .Select(static e => new Kind(e.entry, e.symbol!))
                .ToArray();
            _wolverineHandler = compilation.GetTypeByMetadataName("Wolverine.IWolverineHandler");
            _wolverineHandlerAttribute = compilation.GetTypeByMetadataName("Wolverine.Attributes.WolverineHandlerAttribute");
            _wolverineIgnore = compilation.GetTypeByMetadataName("Wolverine.Attributes.WolverineIgnoreAttribute");
            _wolverineSaga = compilation.GetTypeByMetadataName("Wolverine.Saga");
            _wolverine = _wolverineHandler is not null || _wolverineHandlerAttribute is not null || compilation.GetTypeByMetadataName("Wolverine.IMessageBus") is not null;
            _wiringTypes = new[]
            {
                "Microsoft.Extensions.DependencyInjection.IServiceCollection",
                "Microsoft.AspNetCore.Builder.IApplicationBuilder",
                "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder",
                "Microsoft.AspNetCore.Builder.IEndpointConventionBuilder",
                "Microsoft.Extensions.Hosting.IHostBuilder",
                "Microsoft.Extensions.Hosting.IHostApplicationBuilder",
                "Microsoft.AspNetCore.Hosting.IWebHostBuilder",
                "Microsoft.AspNetCore.Builder.WebApplicationBuilder",
            }.Select(compilation.GetTypeByMetadataName).OfType<INamedTypeSymbol>().ToArray();
            _anyCustom = anyCustom;
        }

        /// <summary>Whether the compilation can contain any handler (so handler checks can be skipped outright).</summary>
        public bool Any => _controllerBase is not null || _apiController is not null || _controller is not null || _bindServiceMethod is not null || _kinds.Length > 0 || _wolverine || _anyCustom;

        /// <summary>Whether the compilation can register minimal-API endpoints.</summary>
        public bool CanMapEndpoints => _endpointRouteBuilder is not null && (_delegate is not null || _requestDelegate is not null);

        /// <summary>The kind of handler <paramref name="method"/> is, or null.</summary>
        public string? Describe(IMethodSymbol method, IReadOnlyList<INamedTypeSymbol> custom)
        {
            if (method.MethodKind != MethodKind.Ordinary || method.IsImplicitlyDeclared)
            {
                return null;
            }

            INamedTypeSymbol type = method.ContainingType;
            if (IsControllerAction(method, type))
            {
                return "controller action";
            }

            // Built-in kinds: decided once per type (Facts). An abstract (base) class is not itself a handler: its
            // concrete subclasses are (see InheritedHandlers).
            if (Facts(type).Kinds.TryGetValue(method, out string? builtIn))
            {
                return builtIn;
            }

            if (!type.IsAbstract && CustomInterfaceKind(method, type, custom) is { } kind)
            {
                return kind;
            }

            if (method.IsOverride && method.OverriddenMethod is { } overridden && IsGrpcServiceBase(overridden.ContainingType))
            {
                return "gRPC service method";
            }

            if (method.DeclaredAccessibility == Accessibility.Public)
            {
                foreach (INamedTypeSymbol handlerType in custom)
                {
                    if (handlerType.TypeKind == TypeKind.Class && handlerType.IsAttribute() &&
                        (HasAttribute(method, handlerType) || HasAttribute(type, handlerType)))
                    {
                        return handlerType.Name + " handler";
                    }

                    if (handlerType.TypeKind == TypeKind.Class && !handlerType.IsAttribute() && DerivesFrom(type, handlerType))
                    {
                        return handlerType.Name + " handler";
                    }

                    // A marker interface (no members): the public methods of its implementations are the handlers.
                    if (handlerType.TypeKind == TypeKind.Interface && !type.IsAbstract && handlerType.GetMembers().IsEmpty && !method.IsStatic &&
                        !method.IsOverride && type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, handlerType)))
                    {
                        return handlerType.Name + " handler";
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// The kind of handler <paramref name="type"/> itself is, when the type is the unit whose behaviour the
        /// framework runs (a MassTransit saga state machine: its behaviour is declared in its constructor), or null.
        /// </summary>
        public string? TypeKindOf(INamedTypeSymbol type) => Facts(type).UnitKind;

        /// <summary>
        /// Handler methods a concrete class inherits from a base class declared in source: the class is the handler
        /// (e.g. <c>CreateOrderIdentifiedCommandHandler : IdentifiedCommandHandler&lt;T, R&gt;</c>, whose base implements
        /// <c>IRequestHandler</c>), and public actions a controller inherits from a non-controller base class.
        /// </summary>
        public IEnumerable<(string Kind, IMethodSymbol Method)> InheritedHandlers(INamedTypeSymbol type, IReadOnlyList<INamedTypeSymbol> custom)
        {
            if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsStatic)
            {
                yield break;
            }

            foreach ((string kind, IMethodSymbol implementation) in Facts(type).Methods)
            {
                if (!SymbolEqualityComparer.Default.Equals(implementation.ContainingType, type) && implementation.ContainingType.IsAbstract)
                {
                    yield return (kind, implementation);
                }
            }

            foreach (INamedTypeSymbol iface in type.AllInterfaces)
            {
                if (CustomInterfaceKindOf(iface.OriginalDefinition, custom) is not { } kind)
                {
                    continue;
                }

                foreach (IMethodSymbol member in iface.GetMembers().OfType<IMethodSymbol>())
                {
                    if (type.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation &&
                        !SymbolEqualityComparer.Default.Equals(implementation.ContainingType, type) &&
                        implementation.ContainingType.IsAbstract)
                    {
                        yield return (kind, implementation);
                    }
                }
            }

            if (!IsController(type))
            {
                yield break;
            }

            var overridden = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            for (INamedTypeSymbol? current = type; current is not null && current.Locations.Any(static l => l.IsInSource); current = current.BaseType)
            {
                foreach (IMethodSymbol method in current.GetMembers().OfType<IMethodSymbol>())
                {
                    if (method.OverriddenMethod is { } o)
                    {
                        overridden.Add(o.OriginalDefinition);
                    }

                    if (!SymbolEqualityComparer.Default.Equals(current, type) && !IsController(current) &&
                        !overridden.Contains(method.OriginalDefinition) && IsAction(method, type))
                    {
                        yield return ("controller action", method);
                    }
                }
            }
        }

        /// <summary>Whether <paramref name="type"/> is a handler type (its handler methods are SPEC101's, not SPEC100's).</summary>
        public bool IsHandlerType(INamedTypeSymbol type, IReadOnlyList<INamedTypeSymbol> custom) =>
            IsController(type) || IsControllerBase(type) || Facts(type).IsHandlerType ||
            type.AllInterfaces.Any(i => CustomInterfaceKindOf(i.OriginalDefinition, custom) is not null) ||
            (type.BaseType is { } baseType && IsGrpcServiceBase(baseType)) ||
            custom.Any(c => (c.TypeKind == TypeKind.Class && c.IsAttribute() && HasAttribute(type, c)) ||
                            (c.TypeKind == TypeKind.Class && !c.IsAttribute() && DerivesFrom(type, c)));

        /// <summary>
        /// Whether <paramref name="contract"/> (an interface or base type a public method implements or overrides, from a
        /// referenced assembly) belongs to the platform or to a library SpecGuard knows: then implementing it is
        /// plumbing (<c>ToString</c>, <c>Dispose</c>, a pipeline behaviour). A contract of any other library may be an
        /// unknown framework's handler: SPEC100 counts it as behaviour, so it cannot fall through both rules.
        /// </summary>
        public static bool IsKnownContract(INamedTypeSymbol contract)
        {
            INamespaceSymbol? root = contract.ContainingNamespace;
            while (root is { ContainingNamespace: { IsGlobalNamespace: false } outer })
            {
                root = outer;
            }

            return root is null || root.IsGlobalNamespace || Array.IndexOf(KnownLibraries, root.Name) >= 0;
        }

        // Namespaces whose contracts are plumbing, not an unknown framework's handlers: the platform, the frameworks in
        // Table (their non-handler contracts: pipeline behaviours, filters, observers), and widely used libraries whose
        // contracts are serialisation, validation, mapping, logging or resilience.
        private static readonly string[] KnownLibraries =
        {
            "System", "Microsoft", "Windows",
            "MediatR", "Mediator", "MassTransit", "FastEndpoints", "Wolverine", "JasperFx", "Rebus", "Quartz", "Grpc", "Google",
            "Newtonsoft", "FluentValidation", "AutoMapper", "Serilog", "NLog", "Polly",
        };

        private TypeFacts Facts(INamedTypeSymbol type) => _facts.GetOrAdd(type.OriginalDefinition, ComputeFacts);

        // Everything the built-in table says about one type, computed once: which of its methods (declared or inherited)
        // are handlers and of which kind, whether it is a handler type at all, whether the type itself is the unit.
        private TypeFacts ComputeFacts(INamedTypeSymbol type)
        {
            var facts = new TypeFacts();
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
            {
                return facts;
            }

            bool concrete = !type.IsAbstract && !type.IsStatic;
            foreach (Kind kind in _kinds)
            {
                switch (kind.Entry.Shape)
                {
                    case Shape.Implements:
                        foreach (INamedTypeSymbol iface in type.AllInterfaces)
                        {
                            if (!SymbolEqualityComparer.Default.Equals(iface.OriginalDefinition, kind.Symbol))
                            {
                                continue;
                            }

                            facts.IsHandlerType = true;
                            if (!concrete)
                            {
                                continue;
                            }

                            foreach (IMethodSymbol member in iface.GetMembers().OfType<IMethodSymbol>())
                            {
                                // A default interface implementation (FastEndpoints' ICommandHandler<T> implements
                                // ICommandHandler<T, Void> so) is the framework's, not the app's handler.
                                if ((kind.Entry.Methods is null || Array.IndexOf(kind.Entry.Methods, member.Name) >= 0) &&
                                    type.FindImplementationForInterfaceMember(member) is IMethodSymbol { ContainingType.TypeKind: not TypeKind.Interface } implementation)
                                {
                                    facts.Add(kind.Entry.Name, implementation);
                                }
                            }
                        }

                        break;
                    case Shape.Overrides:
                    case Shape.PublicMethods:
                        if (!DerivesFrom(type, kind.Symbol))
                        {
                            break;
                        }

                        facts.IsHandlerType = true;
                        if (!concrete)
                        {
                            break;
                        }

                        var overridden = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
                        // The app's own classes only: the framework's own (sealed) overrides are not the app's handlers.
                        for (INamedTypeSymbol? current = type; current is not null && SymbolEqualityComparer.Default.Equals(current.ContainingAssembly, type.ContainingAssembly); current = current.BaseType)
                        {
                            foreach (IMethodSymbol method in current.GetMembers().OfType<IMethodSymbol>())
                            {
                                bool handler = kind.Entry.Shape == Shape.Overrides
                                    ? method.IsOverride && Array.IndexOf(kind.Entry.Methods!, method.Name) >= 0
                                    : method.MethodKind == MethodKind.Ordinary && !method.IsImplicitlyDeclared && method.DeclaredAccessibility == Accessibility.Public &&
                                      !method.IsStatic && !method.IsOverride && !method.IsAbstract && !method.IsGenericMethod;
                                if (handler && !overridden.Contains(method.OriginalDefinition))
                                {
                                    facts.Add(kind.Entry.Name, method);
                                }

                                if (method.OverriddenMethod is { } o)
                                {
                                    overridden.Add(o.OriginalDefinition);
                                }
                            }
                        }

                        break;
                    case Shape.TypeIsHandler:
                        if (DerivesFrom(type, kind.Symbol))
                        {
                            facts.IsHandlerType = true;
                            if (concrete)
                            {
                                facts.UnitKind ??= kind.Entry.Name;
                            }
                        }

                        break;
                    case Shape.MethodAttribute:
                        foreach (IMethodSymbol method in type.GetMembers().OfType<IMethodSymbol>())
                        {
                            if (method.MethodKind == MethodKind.Ordinary && HasAttribute(method, kind.Symbol))
                            {
                                facts.Add(kind.Entry.Name, method);
                            }
                        }

                        break;
                }
            }

            AddWolverine(type, facts);
            return facts;
        }

        // Wolverine's own discovery (HandlerDiscovery): in a project that references Wolverine, a public class (static
        // too) whose name ends in Handler or Consumer, that implements IWolverineHandler, carries [WolverineHandler] or
        // is a Saga; its public methods named by the conventions are handlers, and so is any public method carrying
        // [WolverineHandler]. [WolverineIgnore] on the class or the method leaves it out.
        private void AddWolverine(INamedTypeSymbol type, TypeFacts facts)
        {
            if (!_wolverine || type.TypeKind != TypeKind.Class || type.DeclaredAccessibility != Accessibility.Public ||
                (type.IsAbstract && !type.IsStatic) || type.IsGenericType ||
                (_wolverineIgnore is not null && HasAttribute(type, _wolverineIgnore)))
            {
                return;
            }

            bool saga = _wolverineSaga is not null && DerivesFrom(type, _wolverineSaga);
            bool marked = saga ||
                (_wolverineHandler is not null && type.AllInterfaces.Contains(_wolverineHandler, SymbolEqualityComparer.Default)) ||
                (_wolverineHandlerAttribute is not null && HasAttribute(type, _wolverineHandlerAttribute));
            bool conventional = marked || type.Name.EndsWith("Handler", StringComparison.Ordinal) || type.Name.EndsWith("Consumer", StringComparison.Ordinal);
            string kind = saga ? "Wolverine saga handler" : "Wolverine message handler";
            bool any = false;
            foreach (IMethodSymbol method in type.GetMembers().OfType<IMethodSymbol>())
            {
                if (method.MethodKind != MethodKind.Ordinary || method.IsImplicitlyDeclared || method.DeclaredAccessibility != Accessibility.Public ||
                    (_wolverineIgnore is not null && HasAttribute(method, _wolverineIgnore)))
                {
                    continue;
                }

                if ((conventional && Array.IndexOf(saga ? WolverineSagaMethods : WolverineMethods, method.Name) >= 0) ||
                    (_wolverineHandlerAttribute is not null && HasAttribute(method, _wolverineHandlerAttribute)))
                {
                    facts.Add(kind, method);
                    any = true;
                }
            }

            facts.IsHandlerType |= marked || (conventional && any);
        }

        private static readonly string[] WolverineMethods =
        {
            "Handle", "Handles", "HandleAsync", "HandlesAsync", "Consume", "Consumes", "ConsumeAsync", "ConsumesAsync",
        };

        private static readonly string[] WolverineSagaMethods = WolverineMethods.Concat(new[]
        {
            "Start", "Starts", "StartAsync", "StartsAsync", "Orchestrate", "Orchestrates", "OrchestrateAsync", "OrchestratesAsync",
            "StartOrHandle", "StartOrHandleAsync", "NotFound", "NotFoundAsync",
        }).ToArray();

        /// <summary>
        /// Whether <paramref name="target"/> registers an endpoint: a method on an endpoint route builder (an extension
        /// whose <c>this</c> parameter is, or an instance method of a type that is, an <c>IEndpointRouteBuilder</c>, such as
        /// <c>WebApplication</c> or <c>RouteGroupBuilder</c>) that takes a <c>Delegate</c> or <c>RequestDelegate</c>. The
        /// framework's own <c>Map*</c> and an app's wrappers around them alike.
        /// </summary>
        public bool IsEndpointRegistration(IMethodSymbol target)
        {
            if (_endpointRouteBuilder is null)
            {
                return false;
            }

            IMethodSymbol method = target.ReducedFrom ?? target;
            ITypeSymbol? receiver = method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type : method.IsStatic ? null : method.ContainingType;
            if (receiver is null || !IsOrImplements(receiver, _endpointRouteBuilder))
            {
                return false;
            }

            return method.Parameters.Any(IsHandlerParameter);
        }

        /// <summary>A <c>Delegate</c> or <c>RequestDelegate</c> parameter: what is passed there is the endpoint's handler.</summary>
        public bool IsHandlerParameter(IParameterSymbol? parameter) =>
            parameter is not null &&
            (SymbolEqualityComparer.Default.Equals(parameter.Type, _delegate) || SymbolEqualityComparer.Default.Equals(parameter.Type, _requestDelegate));

        /// <summary>
        /// Wiring, not behaviour: an extension method, or a method whose first parameter is a composition-root type
        /// (service collection, application/endpoint/host builders), e.g. <c>Startup.ConfigureServices</c> or an
        /// endpoint group's <c>Map(RouteGroupBuilder)</c>.
        /// </summary>
        public bool IsWiringMethod(IMethodSymbol method) =>
            method.IsExtensionMethod ||
            (method.Parameters.Length > 0 && _wiringTypes.Any(w => IsOrImplements(method.Parameters[0].Type, w)));

        /// <summary>
        /// Infrastructure the framework calls, recognised by what it is: a DbContext, middleware (<c>IMiddleware</c>, or a
        /// public <c>Invoke</c>/<c>InvokeAsync</c> taking an <c>HttpContext</c> first, the framework's convention), an
        /// EF Core interceptor.
        /// </summary>
        public bool IsFrameworkInfrastructure(INamedTypeSymbol type) =>
            (_dbContext is not null && DerivesFrom(type, _dbContext)) ||
            (_middleware is not null && type.AllInterfaces.Contains(_middleware, SymbolEqualityComparer.Default)) ||
            (_interceptor is not null && type.AllInterfaces.Contains(_interceptor, SymbolEqualityComparer.Default)) ||
            (_httpContext is not null && type.GetMembers().OfType<IMethodSymbol>().Any(m =>
                m.MethodKind == MethodKind.Ordinary && !m.IsStatic && m.DeclaredAccessibility == Accessibility.Public &&
                (m.Name == "Invoke" || m.Name == "InvokeAsync") &&
                m.Parameters.Length > 0 && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type, _httpContext)));

        private static string? CustomInterfaceKind(IMethodSymbol method, INamedTypeSymbol type, IReadOnlyList<INamedTypeSymbol> custom)
        {
            foreach (INamedTypeSymbol iface in type.AllInterfaces)
            {
                if (CustomInterfaceKindOf(iface.OriginalDefinition, custom) is { } kind && Implements(method, iface))
                {
                    return kind;
                }
            }

            return null;
        }

        private static string? CustomInterfaceKindOf(INamedTypeSymbol definition, IReadOnlyList<INamedTypeSymbol> custom) =>
            custom.Any(c => c.TypeKind == TypeKind.Interface && SymbolEqualityComparer.Default.Equals(c, definition)) ? definition.Name + " handler" : null;

        private bool IsControllerAction(IMethodSymbol method, INamedTypeSymbol type) => IsController(type) && IsAction(method, type);

        // DefaultApplicationModelProvider.IsAction: public, instance, not abstract/generic/special-name, not [NonAction]
        // (also on the method it overrides), not an override of an object member, not IDisposable.Dispose.
        private bool IsAction(IMethodSymbol method, INamedTypeSymbol controller)
        {
            if (method.MethodKind != MethodKind.Ordinary || method.IsImplicitlyDeclared || method.DeclaredAccessibility != Accessibility.Public ||
                method.IsStatic || method.IsAbstract || method.IsGenericMethod)
            {
                return false;
            }

            IMethodSymbol root = method;
            for (IMethodSymbol? current = method; current is not null; current = current.OverriddenMethod)
            {
                if (_nonAction is not null && HasAttribute(current, _nonAction))
                {
                    return false;
                }

                root = current;
            }

            if (root.ContainingType.SpecialType == SpecialType.System_Object)
            {
                return false;
            }

            if (_disposable is not null && _disposable.GetMembers("Dispose").FirstOrDefault() is IMethodSymbol dispose &&
                controller.AllInterfaces.Contains(_disposable, SymbolEqualityComparer.Default) &&
                controller.FindImplementationForInterfaceMember(dispose) is IMethodSymbol implementation &&
                (SymbolEqualityComparer.Default.Equals(implementation, root) || SymbolEqualityComparer.Default.Equals(implementation, method)))
            {
                return false;
            }

            return true;
        }

        // ControllerFeatureProvider.IsController: a public top-level, non-abstract, non-generic class, not
        // [NonController] (inherited), whose name ends in "Controller" (any case) or that carries [Controller]
        // (inherited; ControllerBase and [ApiController] carry it). Only in a project that references ASP.NET Core MVC.
        private bool IsController(INamedTypeSymbol type)
        {
            if (_controller is null || type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsStatic ||
                type.DeclaredAccessibility != Accessibility.Public || type.ContainingType is not null || type.IsGenericType)
            {
                return false;
            }

            if (_nonController is not null && HasAttribute(type, _nonController, inherited: true))
            {
                return false;
            }

            return type.Name.EndsWith("Controller", StringComparison.OrdinalIgnoreCase) ||
                   (_controllerBase is not null && DerivesFrom(type, _controllerBase)) ||
                   (_apiController is not null && HasAttribute(type, _apiController, inherited: true)) ||
                   HasAttribute(type, _controller, inherited: true);
        }

        // A base class of controllers (abstract, or carrying what makes its subclasses controllers): its public methods
        // are actions of the subclasses, so SPEC101's.
        private bool IsControllerBase(INamedTypeSymbol type) =>
            _controller is not null && type.TypeKind == TypeKind.Class && !IsController(type) &&
            !(_nonController is not null && HasAttribute(type, _nonController, inherited: true)) &&
            ((_controllerBase is not null && DerivesFrom(type, _controllerBase)) ||
             HasAttribute(type, _controller, inherited: true) ||
             (type.IsAbstract && type.Name.EndsWith("Controller", StringComparison.OrdinalIgnoreCase)));

        private bool IsGrpcServiceBase(INamedTypeSymbol? type) =>
            _bindServiceMethod is not null && type is not null && type.Name.EndsWith("Base", StringComparison.Ordinal) && HasAttribute(type, _bindServiceMethod);

        /// <summary>
        /// The built-in handler kinds: one entry each (the message's name for the kind, the framework type by metadata
        /// name, how it makes a handler, which methods are the handler). Documented in docs/rules/SPEC101.md. ASP.NET Core
        /// controllers and minimal APIs, gRPC services and Wolverine's naming conventions follow the frameworks' own
        /// discovery rules and have code of their own.
        /// </summary>
        internal static readonly Entry[] Table =
        {
            new Entry("MediatR IRequestHandler handler", "MediatR.IRequestHandler`2", Shape.Implements),
            new Entry("MediatR IRequestHandler handler", "MediatR.IRequestHandler`1", Shape.Implements),
            new Entry("MediatR INotificationHandler handler", "MediatR.INotificationHandler`1", Shape.Implements),
            new Entry("MediatR IStreamRequestHandler handler", "MediatR.IStreamRequestHandler`2", Shape.Implements),

            new Entry("Mediator request handler", "Mediator.IRequestHandler`2", Shape.Implements),
            new Entry("Mediator request handler", "Mediator.IRequestHandler`1", Shape.Implements),
            new Entry("Mediator command handler", "Mediator.ICommandHandler`2", Shape.Implements),
            new Entry("Mediator command handler", "Mediator.ICommandHandler`1", Shape.Implements),
            new Entry("Mediator query handler", "Mediator.IQueryHandler`2", Shape.Implements),
            new Entry("Mediator notification handler", "Mediator.INotificationHandler`1", Shape.Implements),
            new Entry("Mediator stream request handler", "Mediator.IStreamRequestHandler`2", Shape.Implements),
            new Entry("Mediator stream command handler", "Mediator.IStreamCommandHandler`2", Shape.Implements),
            new Entry("Mediator stream query handler", "Mediator.IStreamQueryHandler`2", Shape.Implements),

            new Entry("FastEndpoints endpoint", "FastEndpoints.BaseEndpoint", Shape.Overrides, "HandleAsync", "ExecuteAsync"),
            new Entry("FastEndpoints command handler", "FastEndpoints.ICommandHandler`2", Shape.Implements, "ExecuteAsync"),
            new Entry("FastEndpoints command handler", "FastEndpoints.ICommandHandler`1", Shape.Implements, "ExecuteAsync"),
            new Entry("FastEndpoints event handler", "FastEndpoints.IEventHandler`1", Shape.Implements, "HandleAsync"),

            new Entry("MassTransit IConsumer handler", "MassTransit.IConsumer`1", Shape.Implements),
            new Entry("MassTransit job consumer", "MassTransit.IJobConsumer`1", Shape.Implements, "Run"),
            new Entry("MassTransit saga state machine", "MassTransit.MassTransitStateMachine`1", Shape.TypeIsHandler),
            new Entry("MassTransit state machine activity", "MassTransit.IStateMachineActivity`2", Shape.Implements, "Execute"),
            new Entry("MassTransit state machine activity", "MassTransit.IStateMachineActivity`1", Shape.Implements, "Execute"),
            new Entry("MassTransit courier activity", "MassTransit.IActivity`2", Shape.Implements, "Execute", "Compensate"),
            new Entry("MassTransit courier activity", "MassTransit.IExecuteActivity`1", Shape.Implements, "Execute"),
            new Entry("MassTransit courier activity", "MassTransit.ICompensateActivity`1", Shape.Implements, "Compensate"),

            new Entry("Rebus message handler", "Rebus.Handlers.IHandleMessages`1", Shape.Implements, "Handle"),
            new Entry("Quartz job", "Quartz.IJob", Shape.Implements, "Execute"),
            new Entry("SignalR hub method", "Microsoft.AspNetCore.SignalR.Hub", Shape.PublicMethods),
            new Entry("Azure Functions function", "Microsoft.Azure.Functions.Worker.FunctionAttribute", Shape.MethodAttribute),
        };

        /// <summary>How a framework type makes handlers.</summary>
        internal enum Shape
        {
            /// <summary>An interface: its implementations' methods implementing it (those named, or all) are handlers.</summary>
            Implements,

            /// <summary>A base class: overrides of the named methods in derived classes are handlers; other overrides are lifecycle.</summary>
            Overrides,

            /// <summary>A base class: the public instance methods derived classes add (not overrides) are handlers.</summary>
            PublicMethods,

            /// <summary>A base class: the derived class itself is the handler (its behaviour is declared in its constructor).</summary>
            TypeIsHandler,

            /// <summary>An attribute: the methods carrying it are handlers.</summary>
            MethodAttribute,
        }

        internal sealed class Entry
        {
            public Entry(string name, string metadataName, Shape shape, params string[] methods)
            {
                Name = name;
                MetadataName = metadataName;
                Shape = shape;
                Methods = methods.Length == 0 ? null : methods;
            }

            public string Name { get; }

            public string MetadataName { get; }

            public Shape Shape { get; }

            public string[]? Methods { get; }
        }

        private sealed class Kind
        {
            public Kind(Entry entry, INamedTypeSymbol symbol)
            {
                Entry = entry;
                Symbol = symbol;
            }

            public Entry Entry { get; }

            public INamedTypeSymbol Symbol { get; }
        }

        private sealed class TypeFacts
        {
            public Dictionary<IMethodSymbol, string> Kinds { get; } = new Dictionary<IMethodSymbol, string>(SymbolEqualityComparer.Default);

            public List<(string Kind, IMethodSymbol Method)> Methods { get; } = new List<(string, IMethodSymbol)>();

            public bool IsHandlerType { get; set; }

            public string? UnitKind { get; set; }

            public void Add(string kind, IMethodSymbol method)
            {
                if (!Kinds.ContainsKey(method))
                {
                    Kinds[method] = kind;
                    Methods.Add((kind, method));
                }
            }
        }

        private static bool IsOrImplements(ITypeSymbol type, INamedTypeSymbol target)
        {
            if (type is ITypeParameterSymbol parameter)
            {
                return parameter.ConstraintTypes.Any(c => IsOrImplements(c, target));
            }

            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, target) || type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, target)))
            {
                return true;
            }

            for (INamedTypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, target))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Implements(IMethodSymbol method, INamedTypeSymbol iface) =>
            iface.GetMembers().OfType<IMethodSymbol>().Any(member =>
                SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method));

        private static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol baseType)
        {
            for (INamedTypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol attribute, bool inherited = false)
        {
            for (ISymbol? current = symbol; current is not null; current = inherited && current is INamedTypeSymbol t ? t.BaseType : null)
            {
                foreach (AttributeData data in current.GetAttributes())
                {
                    for (INamedTypeSymbol? type = data.AttributeClass; type is not null; type = type.BaseType)
                    {
                        if (SymbolEqualityComparer.Default.Equals(type, attribute))
                        {
                            return true;
                        }
                    }
                }

                if (!inherited)
                {
                    break;
                }
            }

            return false;
        }
    }

    internal static class SymbolExtensions
    {
        public static bool IsAttribute(this INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (current.ToDisplayString() == "System.Attribute")
                {
                    return true;
                }
            }

            return false;
        }
    }
}
