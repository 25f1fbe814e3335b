using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SpecGuard.Generators.Analyzers
{
    /// <summary>
    /// Recognises request and message handlers by symbols (never by names): ASP.NET Core controller actions,
    /// MediatR and MassTransit handlers, gRPC service overrides, and the handler types a user configures.
    /// Minimal-API endpoints are recognised at their Map* call (see <see cref="TraceabilityAnalyzer"/>).
    /// Resolved once per compilation; every check is a few symbol comparisons.
    /// </summary>
    internal sealed class Handlers
    {
        private readonly INamedTypeSymbol? _controllerBase;
        private readonly INamedTypeSymbol? _apiController;
        private readonly INamedTypeSymbol? _controller;
        private readonly INamedTypeSymbol? _nonController;
        private readonly INamedTypeSymbol? _nonAction;
        private readonly INamedTypeSymbol? _bindServiceMethod;
        private readonly INamedTypeSymbol[] _handlerInterfaces;
        private readonly IReadOnlyList<INamedTypeSymbol> _custom;

        public Handlers(Compilation compilation, IReadOnlyList<INamedTypeSymbol> custom)
        {
            _controllerBase = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerBase");
            _apiController = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ApiControllerAttribute");
            _controller = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerAttribute");
            _nonController = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.NonControllerAttribute");
            _nonAction = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.NonActionAttribute");
            _bindServiceMethod = compilation.GetTypeByMetadataName("Grpc.Core.BindServiceMethodAttribute");
            _handlerInterfaces = new[]
            {
                "MediatR.IRequestHandler`2",
                "MediatR.IRequestHandler`1",
                "MediatR.INotificationHandler`1",
                "MediatR.IStreamRequestHandler`2",
                "MassTransit.IConsumer`1",
            }.Select(compilation.GetTypeByMetadataName).OfType<INamedTypeSymbol>().ToArray();
            _custom = custom;
        }

        /// <summary>Whether the compilation can contain any handler (so handler checks can be skipped outright).</summary>
        public bool Any => _controllerBase is not null || _apiController is not null || _controller is not null || _bindServiceMethod is not null || _handlerInterfaces.Length > 0 || _custom.Count > 0;

        /// <summary>The kind of handler <paramref name="method"/> is, or null.</summary>
        public string? Describe(IMethodSymbol method)
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

            foreach (INamedTypeSymbol iface in type.AllInterfaces)
            {
                INamedTypeSymbol definition = iface.OriginalDefinition;
                bool known = _handlerInterfaces.Any(h => SymbolEqualityComparer.Default.Equals(h, definition));
                bool custom = _custom.Any(c => c.TypeKind == TypeKind.Interface && SymbolEqualityComparer.Default.Equals(c, definition));
                if ((known || custom) && Implements(method, iface))
                {
                    return (known ? definition.ContainingNamespace.ToDisplayString() + " " : string.Empty) + definition.Name + " handler";
                }
            }

            if (method.IsOverride && method.OverriddenMethod is { } overridden && IsGrpcServiceBase(overridden.ContainingType))
            {
                return "gRPC service method";
            }

            if (method.DeclaredAccessibility == Accessibility.Public)
            {
                foreach (INamedTypeSymbol custom in _custom)
                {
                    if (custom.TypeKind == TypeKind.Class && custom.IsAttribute() &&
                        (HasAttribute(method, custom) || HasAttribute(type, custom)))
                    {
                        return custom.Name + " handler";
                    }

                    if (custom.TypeKind == TypeKind.Class && !custom.IsAttribute() && DerivesFrom(type, custom))
                    {
                        return custom.Name + " handler";
                    }
                }
            }

            return null;
        }

        /// <summary>Whether <paramref name="type"/> is a handler type (its handler methods are SPEC101's, not SPEC100's).</summary>
        public bool IsHandlerType(INamedTypeSymbol type) =>
            IsController(type) ||
            type.AllInterfaces.Any(i => _handlerInterfaces.Any(h => SymbolEqualityComparer.Default.Equals(h, i.OriginalDefinition))) ||
            (type.BaseType is { } baseType && IsGrpcServiceBase(baseType)) ||
            _custom.Any(c => (c.TypeKind == TypeKind.Interface && type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, c))) ||
                             (c.TypeKind == TypeKind.Class && c.IsAttribute() && HasAttribute(type, c)) ||
                             (c.TypeKind == TypeKind.Class && !c.IsAttribute() && DerivesFrom(type, c)));

        private bool IsControllerAction(IMethodSymbol method, INamedTypeSymbol type) =>
            method.DeclaredAccessibility == Accessibility.Public &&
            !method.IsStatic &&
            !method.IsAbstract &&
            !method.IsGenericMethod &&
            IsController(type) &&
            !(_nonAction is not null && HasAttribute(method, _nonAction));

        private bool IsController(INamedTypeSymbol type)
        {
            if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsStatic || type.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }

            if (_nonController is not null && HasAttribute(type, _nonController, inherited: true))
            {
                return false;
            }

            return (_controllerBase is not null && DerivesFrom(type, _controllerBase)) ||
                   (_apiController is not null && HasAttribute(type, _apiController, inherited: true)) ||
                   (_controller is not null && HasAttribute(type, _controller, inherited: true));
        }

        private bool IsGrpcServiceBase(INamedTypeSymbol? type) =>
            _bindServiceMethod is not null && type is not null && type.Name.EndsWith("Base", StringComparison.Ordinal) && HasAttribute(type, _bindServiceMethod);

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
