using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using SpecGuard.Core;
using SpecGuard.Core.Model;
using SpecGuard.Core.Text;
using SpecGuard.Generators.Emit;
using SpecGuard.Generators.Infrastructure;

namespace SpecGuard.Generators.Analyzers
{
    /// <summary>
    /// Holds code to the specs: untraced public APIs (SPEC100) and handlers (SPEC101), links to unknown (SPEC102) or
    /// deprecated (SPEC103) criteria, exemptions without a reason (SPEC104), and criteria nothing implements (SPEC110,
    /// off by default). Reads the spec set once per compilation, then does dictionary lookups per symbol.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class TraceabilityAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property with the closest known criterion ID (SPEC102), for the code fix.</summary>
        public const string SuggestionProperty = "SpecGuard.Suggestion";

        /// <summary>Diagnostic property with the ID that replaces a deprecated criterion (SPEC103).</summary>
        public const string ReplacedByProperty = "SpecGuard.ReplacedBy";

        private static readonly ImmutableHashSet<string> MapMethods = ImmutableHashSet.Create(StringComparer.Ordinal, "Map", "MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "MapMethods", "MapFallback");

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            SpecDescriptors.UntracedPublicApi,
            SpecDescriptors.UntracedHandler,
            SpecDescriptors.UnknownCriterion,
            SpecDescriptors.DeprecatedCriterion,
            SpecDescriptors.ExemptWithoutReason,
            SpecDescriptors.UnimplementedCriterion,
            SpecDescriptors.InvalidOption,
            SpecDescriptors.InternalError);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(Start);
        }

        private static void Start(CompilationStartAnalysisContext context)
        {
            Compilation compilation = context.Compilation;
            INamedTypeSymbol? implements = compilation.GetTypeByMetadataName(AttributeSource.ImplementsMetadataName);
            INamedTypeSymbol? verifies = compilation.GetTypeByMetadataName(AttributeSource.VerifiesMetadataName);
            INamedTypeSymbol? exempt = compilation.GetTypeByMetadataName(AttributeSource.SpecExemptMetadataName);
            if (implements is null || exempt is null)
            {
                return; // the generator did not run: there is nothing to link with
            }

            if (SpecFiles.LoadSet(context) is not { } specs)
            {
                return;
            }

            var problems = new List<string>();
            var options = new TraceabilityOptions(context.Options.AnalyzerConfigOptionsProvider, compilation, problems);
            var state = new State(compilation, specs, options, new Handlers(compilation, options.CustomHandlerTypes), implements, verifies, exempt);

            context.RegisterSyntaxNodeAction(state.AnalyzeAttribute, SyntaxKind.Attribute);

            // Without spec files there is nothing to link to: SPEC902 says so once instead of SPEC100/101 on every type.
            if (!state.IsTestProject && specs.Files.Count > 0)
            {
                context.RegisterSymbolAction(state.AnalyzeMethod, SymbolKind.Method);
                context.RegisterSymbolAction(state.AnalyzeType, SymbolKind.NamedType);
                if (compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions") is not null)
                {
                    context.RegisterOperationAction(state.AnalyzeInvocation, OperationKind.Invocation);
                }
            }

            context.RegisterCompilationEndAction(end =>
            {
                foreach (string problem in problems)
                {
                    end.ReportDiagnostic(Diagnostic.Create(SpecDescriptors.InvalidOption, Location.None, problem));
                }

                state.ReportUnimplemented(end);
            });
        }

        private sealed class State
        {
            private readonly SpecSet _specs;
            private readonly TraceabilityOptions _options;
            private readonly Handlers _handlers;
            private readonly INamedTypeSymbol _implements;
            private readonly INamedTypeSymbol? _verifies;
            private readonly INamedTypeSymbol _exempt;
            private readonly ConcurrentDictionary<ISymbol, bool> _tracedCache = new ConcurrentDictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
            private readonly ConcurrentDictionary<ISymbol, bool> _reportedHandlers = new ConcurrentDictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
            private readonly ConcurrentDictionary<string, bool> _implemented = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
            private readonly string[] _allIds;
            private readonly string[] _liveIds;

            public State(Compilation compilation, SpecSet specs, TraceabilityOptions options, Handlers handlers, INamedTypeSymbol implements, INamedTypeSymbol? verifies, INamedTypeSymbol exempt)
            {
                _specs = specs;
                _options = options;
                _handlers = handlers;
                _implements = implements;
                _verifies = verifies;
                _exempt = exempt;
                _allIds = specs.Criteria.Keys.OrderBy(static k => k, StringComparer.Ordinal).ToArray();
                _liveIds = _allIds.Where(id => specs.Criteria[id].Status != SpecStatus.Deprecated).ToArray();
                IsTestProject = ProjectInfo.From(compilation).Framework != TestFramework.None;
            }

            public bool IsTestProject { get; }

            private DiagnosticSeverity TraceSeverity => _options.Enforce ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;

            // SPEC102, SPEC103, SPEC104 on the link attributes, wherever they are (types, members, lambdas, local functions).
            public void AnalyzeAttribute(SyntaxNodeAnalysisContext context)
            {
                var attribute = (AttributeSyntax)context.Node;
                if (context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol is not IMethodSymbol constructor)
                {
                    return;
                }

                INamedTypeSymbol type = constructor.ContainingType;
                bool isImplements = SymbolEqualityComparer.Default.Equals(type, _implements);
                bool isVerifies = _verifies is not null && SymbolEqualityComparer.Default.Equals(type, _verifies);
                if (SymbolEqualityComparer.Default.Equals(type, _exempt))
                {
                    AnalyzeExempt(context, attribute);
                    return;
                }

                if (!isImplements && !isVerifies)
                {
                    return;
                }

                string link = isImplements ? "[Implements]" : "[Verifies]";
                List<LinkArgument> arguments = LinkArguments.Read(attribute, context.SemanticModel, context.CancellationToken);
                if (arguments.Count == 0)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        SpecDescriptors.UnknownCriterion,
                        attribute.GetLocation(),
                        $"{link} names no criterion, so it links nothing{(isImplements ? " and the code stays untraced" : string.Empty)}. Name the criterion, e.g. {link.TrimEnd(']')}(\"{(_allIds.Length > 0 ? _allIds[0] : "ORDERS-001")}\")], or use [SpecExempt(\"reason\")] for code that needs none."));
                    return;
                }

                foreach (LinkArgument argument in arguments)
                {
                    if (!argument.IsConstant)
                    {
                        continue; // not a constant: the compiler reports it
                    }

                    string? id = argument.Id;
                    if (id is not null && _specs.Criteria.TryGetValue(id, out Criterion? criterion))
                    {
                        if (isImplements)
                        {
                            _implemented[id] = true;
                        }

                        if (criterion.Status == SpecStatus.Deprecated)
                        {
                            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty.Add(ReplacedByProperty, criterion.ReplacedBy);
                            context.ReportDiagnostic(Diagnostic.Create(
                                SpecDescriptors.DeprecatedCriterion,
                                argument.Expression.GetLocation(),
                                properties,
                                $"{link} names {id} ({criterion.Title}), which is deprecated" + (criterion.ReplacedBy is null ? "; link the criterion that replaced it, or remove the link." : $"; it was replaced by {criterion.ReplacedBy}.")));
                        }

                        continue;
                    }

                    // Prefer criteria that still bind: a typo should not lead to a deprecated ID (and SPEC103).
                    string? suggestion = id is null ? null : Suggest.Closest(id, _liveIds) ?? Suggest.Closest(id, _allIds);
                    string message = id is null
                        ? $"{link} has a null criterion ID; write an ID such as {(_allIds.Length > 0 ? _allIds[0] : "ORDERS-001")}."
                        : _allIds.Length == 0
                            ? $"{link} names '{id}', but this project sees no spec files. Check that specs/ is where SpecGuard looks (SpecGuardSpecsRoot) or add the spec files as AdditionalFiles."
                            : $"{link} names '{id}', which no spec file declares." + (suggestion is null ? " Check the ID against the spec files." : $" Did you mean {suggestion}?");
                    context.ReportDiagnostic(Diagnostic.Create(
                        SpecDescriptors.UnknownCriterion,
                        argument.Expression.GetLocation(),
                        suggestion is null ? ImmutableDictionary<string, string?>.Empty : ImmutableDictionary<string, string?>.Empty.Add(SuggestionProperty, suggestion),
                        message));
                }
            }

            private static void AnalyzeExempt(SyntaxNodeAnalysisContext context, AttributeSyntax attribute)
            {
                AttributeArgumentSyntax? argument = attribute.ArgumentList?.Arguments.FirstOrDefault();
                if (argument is null)
                {
                    return; // the compiler reports the missing argument
                }

                Optional<object?> constant = context.SemanticModel.GetConstantValue(argument.Expression, context.CancellationToken);
                if (constant.HasValue && string.IsNullOrWhiteSpace(constant.Value as string))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        SpecDescriptors.ExemptWithoutReason,
                        attribute.GetLocation(),
                        "[SpecExempt] has no reason. Say why this code needs no acceptance criterion, e.g. [SpecExempt(\"infrastructure: health check\")], so reviewers can judge the exemption."));
                }
            }

            // SPEC101 for handler methods; SPEC100 for public methods (members scope).
            public void AnalyzeMethod(SymbolAnalysisContext context)
            {
                var method = (IMethodSymbol)context.Symbol;
                if (method.MethodKind != MethodKind.Ordinary || method.IsImplicitlyDeclared)
                {
                    return;
                }

                SyntaxTree? tree = method.Locations.FirstOrDefault(static l => l.IsInSource)?.SourceTree;
                if (tree is null || _options.IsExcluded(method, tree))
                {
                    return;
                }

                string? handler = _handlers.Any ? _handlers.Describe(method) : null;
                if (handler is not null)
                {
                    if (!IsTraced(method) && _reportedHandlers.TryAdd(method, true))
                    {
                        context.ReportDiagnostic(Untraced(SpecDescriptors.UntracedHandler, method.Locations[0], $"The {handler} {method.ContainingType.Name}.{method.Name} traces to no acceptance criterion. Add [Implements(\"ID\")] naming the criterion it serves, or [SpecExempt(\"reason\")]."));
                    }

                    return;
                }

                if (_options.ScopeFor(tree) != PublicApiScope.Members || !IsBehaviouralPublicMethod(method) || (_handlers.Any && _handlers.IsHandlerType(method.ContainingType)))
                {
                    return;
                }

                if (!IsTraced(method))
                {
                    context.ReportDiagnostic(Untraced(SpecDescriptors.UntracedPublicApi, method.Locations[0], $"The public method {method.ContainingType.Name}.{method.Name} traces to no acceptance criterion. Add [Implements(\"ID\")] to it or to {method.ContainingType.Name}, or [SpecExempt(\"reason\")]."));
                }
            }

            // SPEC100 for public types with behaviour (types scope, the default).
            public void AnalyzeType(SymbolAnalysisContext context)
            {
                var type = (INamedTypeSymbol)context.Symbol;
                if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsImplicitlyDeclared || !IsExternallyVisible(type))
                {
                    return;
                }

                Location? location = type.Locations.Where(static l => l.IsInSource).OrderBy(static l => l.SourceTree!.FilePath, StringComparer.Ordinal).ThenBy(static l => l.SourceSpan.Start).FirstOrDefault();
                if (location is null || _options.ScopeFor(location.SourceTree) != PublicApiScope.Types || _options.IsExcluded(type, location.SourceTree))
                {
                    return;
                }

                if (IsTraced(type) || (_handlers.Any && _handlers.IsHandlerType(type)) || IsProgram(type))
                {
                    return;
                }

                bool behaviour = false;
                foreach (ISymbol member in type.GetMembers())
                {
                    if (HasLink(member))
                    {
                        return; // a member carries the link: the type is traced through it
                    }

                    // Handler methods are SPEC101's; the type needs a link only for behaviour beyond them.
                    behaviour |= member is IMethodSymbol method && IsBehaviouralPublicMethod(method) && !(_handlers.Any && _handlers.Describe(method) is not null);
                }

                if (behaviour)
                {
                    context.ReportDiagnostic(Untraced(SpecDescriptors.UntracedPublicApi, location, $"The public type {type.Name} has behaviour but traces to no acceptance criterion. Add [Implements(\"ID\")] to it or to its public members, or [SpecExempt(\"reason\")]."));
                }
            }

            // SPEC101 for minimal-API endpoints: the handler of app.MapGet(...) and friends.
            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                IMethodSymbol target = invocation.TargetMethod;
                if (!MapMethods.Contains(target.Name) || target.ContainingType?.ToDisplayString() != "Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions")
                {
                    return;
                }

                if (_options.IsExcluded(context.ContainingSymbol, invocation.Syntax.SyntaxTree))
                {
                    return;
                }

                string? route = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "pattern")?.Value.ConstantValue.Value as string;
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    string? parameterType = argument.Parameter?.Type.ToDisplayString();
                    if (parameterType is not ("System.Delegate" or "Microsoft.AspNetCore.Http.RequestDelegate"))
                    {
                        continue;
                    }

                    IOperation value = argument.Value;
                    while (value is IConversionOperation conversion)
                    {
                        value = conversion.Operand;
                    }

                    if (value is IDelegateCreationOperation creation)
                    {
                        value = creation.Target;
                    }

                    string endpoint = route is null ? target.Name + " endpoint" : $"{target.Name}(\"{route}\") endpoint";
                    if (value is IAnonymousFunctionOperation lambda)
                    {
                        if (!HasLink(lambda.Symbol))
                        {
                            context.ReportDiagnostic(Untraced(SpecDescriptors.UntracedHandler, LambdaLocation(lambda.Syntax), $"The minimal-API {endpoint} traces to no acceptance criterion. Put [Implements(\"ID\")] on the lambda, e.g. app.{target.Name}(..., [Implements(\"ID\")] () => ...), or [SpecExempt(\"reason\")]."));
                        }
                    }
                    else if (value is IMethodReferenceOperation reference)
                    {
                        IMethodSymbol method = reference.Method;
                        if (!IsTraced(method) && _reportedHandlers.TryAdd(method, true))
                        {
                            Location location = method.Locations.FirstOrDefault(static l => l.IsInSource) ?? reference.Syntax.GetLocation();
                            context.ReportDiagnostic(Untraced(SpecDescriptors.UntracedHandler, location, $"The minimal-API {endpoint} handler {method.Name} traces to no acceptance criterion. Add [Implements(\"ID\")] to {method.Name} or its type, or [SpecExempt(\"reason\")]."));
                        }
                    }
                }
            }

            public void ReportUnimplemented(CompilationAnalysisContext context)
            {
                if (IsTestProject)
                {
                    return;
                }

                foreach (SpecLoadResult file in _specs.Files)
                {
                    foreach (Criterion criterion in file.Feature?.Criteria ?? EquatableArray<Criterion>.Empty)
                    {
                        if (criterion.Status == SpecStatus.Approved && !_implemented.ContainsKey(criterion.Id) && ReferenceEquals(_specs.Criteria[criterion.Id], criterion))
                        {
                            context.ReportDiagnostic(Diagnostic.Create(
                                SpecDescriptors.UnimplementedCriterion,
                                SpecFiles.ToLocation(file.Path, criterion.IdSpan),
                                $"No code in {context.Compilation.AssemblyName} has [Implements(\"{criterion.Id}\")] ({criterion.Title})."));
                        }
                    }
                }
            }

            // An error when enforced. A user's per-rule severity outranks this; bulk settings would too, which is why
            // build/SpecGuard.targets also puts SPEC100/SPEC101 on the compiler's warnings-as-errors list when enforced.
            private Diagnostic Untraced(DiagnosticDescriptor descriptor, Location location, string message) =>
                Diagnostic.Create(descriptor, location, TraceSeverity, additionalLocations: null, properties: null, message);

            private static Location LambdaLocation(SyntaxNode syntax)
            {
                int end = syntax switch
                {
                    LambdaExpressionSyntax lambda => lambda.ArrowToken.Span.End,
                    AnonymousMethodExpressionSyntax anonymous => anonymous.DelegateKeyword.Span.End,
                    _ => syntax.Span.End,
                };
                return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(syntax.SpanStart, end));
            }

            /// <summary>A link ([Implements] or [SpecExempt]) on the symbol or any containing type.</summary>
            private bool IsTraced(ISymbol symbol)
            {
                for (ISymbol? current = symbol; current is not null && current is not INamespaceSymbol; current = current.ContainingSymbol)
                {
                    if (current is INamedTypeSymbol)
                    {
                        return _tracedCache.GetOrAdd(current, c => HasLink(c) || (c.ContainingType is { } outer && IsTraced(outer)));
                    }

                    if (HasLink(current))
                    {
                        return true;
                    }
                }

                return false;
            }

            private bool HasLink(ISymbol symbol)
            {
                foreach (AttributeData attribute in symbol.GetAttributes())
                {
                    if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _exempt) ||
                        (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _implements) && LinkArguments.NamesAny(attribute)))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>A public ordinary method of an externally visible class or struct that carries behaviour of its own.</summary>
            private static bool IsBehaviouralPublicMethod(IMethodSymbol method)
            {
                if (method.MethodKind != MethodKind.Ordinary || method.IsImplicitlyDeclared || method.IsAbstract ||
                    method.DeclaredAccessibility != Accessibility.Public || method.ContainingType.TypeKind is not (TypeKind.Class or TypeKind.Struct) ||
                    !IsExternallyVisible(method.ContainingType) || IsProgram(method.ContainingType))
                {
                    return false;
                }

                if (method.IsStatic && method.Name == "Main")
                {
                    return false;
                }

                // Overrides and implementations of framework members (ToString, Equals, Dispose, CompareTo...) are plumbing.
                if (method.IsOverride && method.OverriddenMethod is { } overridden && !overridden.Locations.Any(static l => l.IsInSource))
                {
                    return false;
                }

                foreach (INamedTypeSymbol iface in method.ContainingType.AllInterfaces)
                {
                    if (iface.Locations.Any(static l => l.IsInSource))
                    {
                        continue;
                    }

                    foreach (ISymbol member in iface.GetMembers(method.Name))
                    {
                        if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                        {
                            return false;
                        }
                    }
                }

                return true;
            }

            private static bool IsExternallyVisible(INamedTypeSymbol type)
            {
                for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
                {
                    if (current.DeclaredAccessibility != Accessibility.Public)
                    {
                        return false;
                    }
                }

                return true;
            }

            private static bool IsProgram(INamedTypeSymbol type) =>
                type.Name == "Program" && type.ContainingType is null &&
                type.GetMembers().Any(static m => m is IMethodSymbol { IsStatic: true } main && (main.Name == "Main" || main.Name == "<Main>$"));
        }
    }
}
