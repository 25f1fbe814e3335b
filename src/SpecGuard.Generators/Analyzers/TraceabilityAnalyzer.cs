using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
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
    /// Holds code to the specs: untraced public APIs (SPEC100) and handlers (SPEC101). The link attributes themselves
    /// (SPEC102-104, SPEC110) are <see cref="LinkAnalyzer"/>'s, so that with SPEC100 and SPEC101 off this analyzer does
    /// no work; its options' problems (SPEC901) are reported by <see cref="SpecFileAnalyzer"/>.
    /// Does nothing in a project without spec files (SPEC902 says why) or in a test project; otherwise reads the options
    /// and the handler table once per compilation, then does dictionary lookups per symbol.
    /// The project's baseline (<see cref="BaselineSet"/>) is checked here too: code it records is SPEC106 instead of
    /// SPEC100/SPEC101, entries that match no finding are SPEC107 at the end, malformed lines SPEC904. With SPEC100 and
    /// SPEC101 both off it stops at once, as if the compiler had skipped it.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class TraceabilityAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            SpecDescriptors.UntracedPublicApi,
            SpecDescriptors.UntracedHandler,
            SpecDescriptors.Baselined,
            SpecDescriptors.StaleBaselineEntry,
            SpecDescriptors.MalformedBaseline);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(Start);
        }

        private static void Start(CompilationStartAnalysisContext context)
        {
            // Without spec files there is nothing to link to: SPEC902 says so once instead of SPEC100/101 on every type.
            // Checked first, by file name only: such a project pays for nothing else here.
            if (!SpecFiles.AnySpecFile(context.Options.AdditionalFiles))
            {
                return;
            }

            Compilation compilation = context.Compilation;

            // The baseline rules (SPEC106, SPEC107, SPEC904) keep the compiler from skipping this analyzer when SPEC100
            // and SPEC101 are off, so it stops here then, as if skipped: a baseline of rules that are off is not checked.
            if (BothRulesOff(compilation, context.CancellationToken))
            {
                return;
            }

            INamedTypeSymbol? implements = compilation.GetTypeByMetadataName(SpecContract.ImplementsMetadataName);
            INamedTypeSymbol? exempt = compilation.GetTypeByMetadataName(SpecContract.SpecExemptMetadataName);
            if (implements is null || exempt is null || ProjectInfo.From(compilation).Framework != TestFramework.None)
            {
                return; // the generator did not run (nothing to link with), or a test project (its tests are not the API)
            }

            // The options' problems are SpecFileAnalyzer's to report (SPEC901, SPEC903); both read the same instance.
            var options = TraceabilityOptions.Of(context.Options.AnalyzerConfigOptionsProvider, compilation);
            var handlers = new Handlers(compilation, options.AnyHandlerTypes);
            // Null without a baseline file (checked by name): then nothing below looks at it.
            BaselineSet? baseline = BaselineSet.Read(context.Options.AdditionalFiles, context.CancellationToken);
            var state = new State(options, handlers, implements, exempt, baseline);
            if (baseline is not null)
            {
                context.RegisterAdditionalFileAction(baseline.ReportProblems);
            }

            context.RegisterSymbolAction(state.AnalyzeMethod, SymbolKind.Method);
            context.RegisterSymbolAction(state.AnalyzeType, SymbolKind.NamedType);
            if (handlers.CanMapEndpoints)
            {
                context.RegisterSymbolStartAction(state.StartType, SymbolKind.NamedType);
                context.RegisterOperationAction(state.AnalyzeInvocation, OperationKind.Invocation);
            }
            else
            {
                context.RegisterSymbolAction(state.AnalyzeTypeWithoutEndpoints, SymbolKind.NamedType);
            }

            context.RegisterCompilationEndAction(end =>
            {
                state.ReportDeferred(end);
                state.ReportEndpoints(end);
                baseline?.ReportAtEnd(end); // last: every SPEC100/SPEC101 (or SPEC106) of the compilation is decided
            });
        }

        // Whether SPEC100 and SPEC101 are both off (severity none) for every file, as the compiler decides when it
        // skips an analyzer: the compilation's options, then the .globalconfig and each file's .editorconfig entries.
        private static bool BothRulesOff(Compilation compilation, System.Threading.CancellationToken cancellationToken) =>
            IsOff(compilation, SpecDescriptors.UntracedPublicApi.Id, cancellationToken) && IsOff(compilation, SpecDescriptors.UntracedHandler.Id, cancellationToken);

        // Also LinkAnalyzer's (its link rules off and no review record: it stops at once, as if skipped).
        internal static bool IsOff(Compilation compilation, DiagnosticDescriptor rule, System.Threading.CancellationToken cancellationToken) =>
            IsOff(compilation, rule.Id, cancellationToken, rule.IsEnabledByDefault);

        private static bool IsOff(Compilation compilation, string id, System.Threading.CancellationToken cancellationToken, bool onByDefault = true)
        {
            SyntaxTreeOptionsProvider? provider = compilation.Options.SyntaxTreeOptionsProvider;
            if (!compilation.Options.SpecificDiagnosticOptions.TryGetValue(id, out ReportDiagnostic severity) &&
                (provider is null || !provider.TryGetGlobalDiagnosticValue(id, cancellationToken, out severity)))
            {
                return !onByDefault; // as the descriptor ships
            }

            if (severity != ReportDiagnostic.Suppress)
            {
                return false;
            }

            if (provider is not null)
            {
                foreach (SyntaxTree tree in compilation.SyntaxTrees)
                {
                    if (provider.TryGetDiagnosticValue(tree, id, cancellationToken, out ReportDiagnostic treeSeverity) && treeSeverity != ReportDiagnostic.Suppress)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private sealed class State
        {
            private readonly TraceabilityOptions _options;
            private readonly Handlers _handlers;
            private readonly INamedTypeSymbol _implements;
            private readonly INamedTypeSymbol _exempt;
            private readonly ConcurrentDictionary<ISymbol, bool> _tracedCache = new ConcurrentDictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
            private readonly Func<ISymbol, bool> _computeTypeTraced;
            private readonly ConcurrentDictionary<ISymbol, bool> _reportedHandlers = new ConcurrentDictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
            private readonly ConcurrentDictionary<IMethodSymbol, bool> _endpointMethods = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
            private readonly ConcurrentBag<(Diagnostic Diagnostic, IMethodSymbol[] Behaviour)> _deferred = new ConcurrentBag<(Diagnostic, IMethodSymbol[])>();
            private readonly ConcurrentBag<(INamedTypeSymbol Type, Diagnostic Diagnostic, IMethodSymbol[] Behaviour)> _abstractDeferred = new ConcurrentBag<(INamedTypeSymbol, Diagnostic, IMethodSymbol[])>();
            private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _concretelyDerived = new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);
            private readonly ConcurrentDictionary<string, (string Order, ISymbol? Method, Diagnostic Diagnostic)> _endpointReports = new ConcurrentDictionary<string, (string, ISymbol?, Diagnostic)>(StringComparer.Ordinal);

            private readonly BaselineSet? _baseline;

            public State(TraceabilityOptions options, Handlers handlers, INamedTypeSymbol implements, INamedTypeSymbol exempt, BaselineSet? baseline)
            {
                _baseline = baseline;
                _computeTypeTraced = c => HasLink(c) || (c.ContainingType is { } outer && IsTraced(outer));
                _options = options;
                _handlers = handlers;
                _implements = implements;
                _exempt = exempt;
            }

            private DiagnosticSeverity TraceSeverity => _options.Enforce ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;

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

                TreeOptions treeOptions = _options.For(tree);
                string? handler = _handlers.Any ? _handlers.Describe(method, treeOptions.HandlerTypes) : null;
                if (handler is not null)
                {
                    if (!IsTraced(method) && _reportedHandlers.TryAdd(method, true))
                    {
                        context.ReportDiagnostic(Emit(Untraced(SpecDescriptors.UntracedHandler, method.Locations[0], $"The {handler} {method.ContainingType.Name}.{method.Name} traces to no acceptance criterion. Add [Implements(\"ID\")] naming the criterion it serves, or [SpecExempt(\"reason\")].", SymbolKeys.Of(method))));
                    }

                    return;
                }

                // Other public methods (members scope) are decided with their type (StartType): they may be endpoints.
            }

            // SPEC101 for handlers a concrete class inherits: the class is the handler (generic base handlers), and
            // public actions a controller inherits from a base class that is not itself a controller.
            public void AnalyzeType(SymbolAnalysisContext context)
            {
                var type = (INamedTypeSymbol)context.Symbol;
                if (type.TypeKind == TypeKind.Class && !type.IsAbstract && !type.IsStatic && type.BaseType is { IsAbstract: true })
                {
                    foreach (INamedTypeSymbol abstractBase in AbstractSourceBases(type))
                    {
                        _concretelyDerived[abstractBase] = true;
                    }
                }

                if (!_handlers.Any || type.TypeKind != TypeKind.Class || type.IsImplicitlyDeclared || FirstLocation(type) is not { } location ||
                    _options.IsExcluded(type, location.SourceTree))
                {
                    return;
                }

                // A type that is itself the handler (a MassTransit saga state machine, whose behaviour is declared in its
                // constructor): a link on the type or on a constructor traces it.
                if (_handlers.TypeKindOf(type) is { } unitKind)
                {
                    if (!IsTraced(type) && !type.InstanceConstructors.Any(HasLink))
                    {
                        context.ReportDiagnostic(Emit(Untraced(SpecDescriptors.UntracedHandler, location, $"The {unitKind} {type.Name} traces to no acceptance criterion. Add [Implements(\"ID\")] to {type.Name} naming the criterion it serves, or [SpecExempt(\"reason\")].", SymbolKeys.Of(type))));
                    }

                    return;
                }

                bool typeReported = false;
                foreach ((string kind, IMethodSymbol method) in _handlers.InheritedHandlers(type, _options.For(location.SourceTree).HandlerTypes))
                {
                    if (IsTraced(type) || IsTraced(method))
                    {
                        continue;
                    }

                    if (kind == "controller action")
                    {
                        if (method.Locations.FirstOrDefault(static l => l.IsInSource) is { } methodLocation && _reportedHandlers.TryAdd(method, true))
                        {
                            context.ReportDiagnostic(Emit(Untraced(SpecDescriptors.UntracedHandler, methodLocation, $"The controller action {method.ContainingType.Name}.{method.Name} traces to no acceptance criterion. Add [Implements(\"ID\")] naming the criterion it serves, or [SpecExempt(\"reason\")].", SymbolKeys.Of(method))));
                        }
                    }
                    else if (!typeReported)
                    {
                        typeReported = true;
                        context.ReportDiagnostic(Emit(Untraced(SpecDescriptors.UntracedHandler, location, $"The {kind} {type.Name} traces to no acceptance criterion (it inherits {method.Name} from {method.ContainingType.Name}). Add [Implements(\"ID\")] to {type.Name} naming the criterion it serves, or [SpecExempt(\"reason\")].", SymbolKeys.Of(type))));
                    }
                }
            }

            // SPEC100 for public types with behaviour (types scope, the default) or for their public methods (members
            // scope). Decided at the type's end, once the endpoints it maps itself are known: a type whose public
            // behaviour is all handlers is SPEC101's, and so is a method mapped as an endpoint.
            public void StartType(SymbolStartAnalysisContext context)
            {
                var type = (INamedTypeSymbol)context.Symbol;
                if (!ShouldCheck(type, out Location location, out TreeOptions treeOptions, out bool typesScope, out bool anyMembersScope))
                {
                    return;
                }

                var endpoints = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
                if (_handlers.CanMapEndpoints)
                {
                    context.RegisterOperationAction(
                        operation =>
                        {
                            var invocation = (IInvocationOperation)operation.Operation;
                            if (!_handlers.IsEndpointRegistration(invocation.TargetMethod))
                            {
                                return;
                            }

                            foreach (IArgumentOperation argument in invocation.Arguments)
                            {
                                if (!_handlers.IsHandlerParameter(argument.Parameter))
                                {
                                    continue;
                                }

                                foreach (IOperation value in DelegateValues(argument.Value, 0))
                                {
                                    if (value is IMethodReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Method.ContainingType?.OriginalDefinition, type.OriginalDefinition))
                                    {
                                        endpoints[reference.Method.OriginalDefinition] = true;
                                    }
                                }
                            }
                        },
                        OperationKind.Invocation);
                }

                context.RegisterSymbolEndAction(end => CheckType(end, type, location, treeOptions, typesScope, anyMembersScope, endpoints));
            }

            // As StartType where no endpoint can be mapped: a plain symbol action, without the driver's start/end tracking per type.
            public void AnalyzeTypeWithoutEndpoints(SymbolAnalysisContext context)
            {
                var type = (INamedTypeSymbol)context.Symbol;
                if (ShouldCheck(type, out Location location, out TreeOptions treeOptions, out bool typesScope, out bool anyMembersScope))
                {
                    CheckType(context, type, location, treeOptions, typesScope, anyMembersScope, endpoints: null);
                }
            }

            private bool ShouldCheck(INamedTypeSymbol type, out Location location, out TreeOptions treeOptions, out bool typesScope, out bool anyMembersScope)
            {
                location = null!; // only read when this returns true
                treeOptions = null!;
                typesScope = false;
                anyMembersScope = false;
                if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsImplicitlyDeclared || !IsExternallyVisible(type))
                {
                    return false;
                }

                if (FirstLocation(type) is not { } first || _options.IsExcluded(type, first.SourceTree))
                {
                    return false;
                }

                location = first;
                treeOptions = _options.For(location.SourceTree);
                typesScope = treeOptions.Scope == PublicApiScope.Types;
                foreach (Location declaration in type.Locations)
                {
                    if (declaration.IsInSource && _options.ScopeFor(declaration.SourceTree) == PublicApiScope.Members)
                    {
                        anyMembersScope = true;
                        break;
                    }
                }

                return (typesScope || anyMembersScope) && !IsTraced(type) && !(_handlers.Any && _handlers.IsHandlerType(type, treeOptions.HandlerTypes)) && !IsProgram(type) && !IsInfrastructure(type, treeOptions);
            }

            private void CheckType(SymbolAnalysisContext end, INamedTypeSymbol type, Location location, TreeOptions treeOptions, bool typesScope, bool anyMembersScope, ConcurrentDictionary<IMethodSymbol, bool>? endpoints)
            {
                // Types scope only: a member carrying a link traces the type, and no method is reported on its own.
                if (typesScope && !anyMembersScope)
                {
                    foreach (ISymbol member in type.GetMembers())
                    {
                        if (HasLink(member))
                        {
                            return;
                        }
                    }
                }

                var behaviour = new List<IMethodSymbol>();
                string? unknownContract = null;
                bool memberLinked = false;
                foreach (ISymbol member in type.GetMembers())
                {
                    memberLinked |= HasLink(member); // types scope: a member carrying the link traces the type

                    // Handler methods are SPEC101's and wiring is not behaviour: the type needs a link only for behaviour beyond them.
                    if (member is IMethodSymbol method && !IsGeneratedOnly(method) && IsBehaviouralPublicMethod(method, out string? contract) && !_handlers.IsWiringMethod(method) &&
                        (endpoints is null || !endpoints.ContainsKey(method.OriginalDefinition)) &&
                        !(_handlers.Any && _handlers.Describe(method, _options.For(method.Locations.FirstOrDefault(static l => l.IsInSource)?.SourceTree).HandlerTypes) is not null))
                    {
                        behaviour.Add(method.OriginalDefinition);
                        if (contract is not null && unknownContract is null)
                        {
                            unknownContract = $" {method.Name} {contract}, a contract of a library SpecGuard does not know: if that makes {type.Name} a handler, name the contract in specguard.handler_types (SPEC101 then asks a link per handler).";
                        }
                    }
                }

                // Behaviour inherited from abstract bases of this project runs as part of this type (types scope): the
                // concrete type is where it is reported, and the base is left out (below) once it has a concrete subclass.
                string? inheritedFrom = null;
                int ownBehaviour = behaviour.Count;
                if (typesScope && !type.IsAbstract && type.BaseType is { IsAbstract: true })
                {
                    foreach (INamedTypeSymbol abstractBase in AbstractSourceBases(type))
                    {
                        if (IsTraced(abstractBase))
                        {
                            break; // a link on the base traces what it carries
                        }

                        foreach (ISymbol member in abstractBase.GetMembers())
                        {
                            memberLinked |= HasLink(member);
                            if (member is IMethodSymbol method && !IsGeneratedOnly(method) && IsBehaviouralPublicMethod(method) && !_handlers.IsWiringMethod(method) &&
                                !(_handlers.Any && _handlers.Describe(method, treeOptions.HandlerTypes) is not null))
                            {
                                behaviour.Add(method.OriginalDefinition);
                                inheritedFrom ??= $"{method.Name} from {abstractBase.Name}";
                            }
                        }
                    }
                }

                // Static methods may be method-group endpoints mapped from another type (app.MapGet("/x", Endpoints.Get)),
                // which is known only once the whole compilation has been seen: decided at its end.
                if (typesScope && !memberLinked && behaviour.Count > 0)
                {
                    string has = ownBehaviour == 0 && inheritedFrom is not null ? $"has behaviour (it inherits {inheritedFrom})" : "has behaviour";
                    Diagnostic diagnostic = Untraced(SpecDescriptors.UntracedPublicApi, location, $"The public type {type.Name} {has} but traces to no acceptance criterion. Add [Implements(\"ID\")] to it or to its public members, or [SpecExempt(\"reason\")]." + unknownContract, SymbolKeys.Of(type));
                    if (type.TypeKind == TypeKind.Class && type.IsAbstract && !type.IsStatic)
                    {
                        _abstractDeferred.Add((type.OriginalDefinition, diagnostic, behaviour.ToArray()));
                    }
                    else
                    {
                        Report(end, diagnostic, behaviour);
                    }
                }

                foreach (IMethodSymbol method in behaviour.Take(ownBehaviour))
                {
                    if (method.Locations.FirstOrDefault(static l => l.IsInSource) is { } methodLocation && _options.ScopeFor(methodLocation.SourceTree) == PublicApiScope.Members &&
                        !_options.IsExcluded(method, methodLocation.SourceTree) && !IsTraced(method))
                    {
                        Report(end, Untraced(SpecDescriptors.UntracedPublicApi, methodLocation, $"The public method {type.Name}.{method.Name} traces to no acceptance criterion. Add [Implements(\"ID\")] to it or to {type.Name}, or [SpecExempt(\"reason\")]." + (IsBehaviouralPublicMethod(method, out string? methodContract) && methodContract is not null ? $" It {methodContract}, a contract of a library SpecGuard does not know: if it is a handler, name the contract in specguard.handler_types." : string.Empty), SymbolKeys.Of(method)), new[] { method });
                    }
                }
            }

            // Reported now, or (when every method it is about is static and may be an endpoint mapped from another type)
            // at the compilation's end, unless all of them turn out to be endpoints.
            private void Report(SymbolAnalysisContext context, Diagnostic diagnostic, IReadOnlyList<IMethodSymbol> behaviour)
            {
                if (_handlers.CanMapEndpoints && behaviour.All(static m => m.IsStatic))
                {
                    _deferred.Add((diagnostic, behaviour.ToArray()));
                    return;
                }

                context.ReportDiagnostic(Emit(diagnostic));
            }

            public void ReportDeferred(CompilationAnalysisContext context)
            {
                foreach ((Diagnostic diagnostic, IMethodSymbol[] behaviour) in _deferred)
                {
                    if (behaviour.Any(m => !_endpointMethods.ContainsKey(m)))
                    {
                        context.ReportDiagnostic(Emit(diagnostic));
                    }
                }

                // An abstract class with a concrete subclass in this project: its behaviour is reported at the subclasses.
                foreach ((INamedTypeSymbol type, Diagnostic diagnostic, IMethodSymbol[] behaviour) in _abstractDeferred)
                {
                    if (!_concretelyDerived.ContainsKey(type) && (!_handlers.CanMapEndpoints || behaviour.Any(m => !m.IsStatic || !_endpointMethods.ContainsKey(m))))
                    {
                        context.ReportDiagnostic(Emit(diagnostic));
                    }
                }
            }

            /// <summary>The abstract classes of this compilation that <paramref name="type"/> derives from, nearest first, up to the first base that is not.</summary>
            private static IEnumerable<INamedTypeSymbol> AbstractSourceBases(INamedTypeSymbol type)
            {
                for (INamedTypeSymbol? current = type.BaseType; current is { TypeKind: TypeKind.Class, IsAbstract: true } &&
                     SymbolEqualityComparer.Default.Equals(current.ContainingAssembly, type.ContainingAssembly); current = current.BaseType)
                {
                    yield return current.OriginalDefinition;
                }
            }

            // SPEC101 for minimal-API endpoints: the handler passed to app.MapGet(...), to a group's, or to the app's own
            // Map* wrappers; also when the delegate is held in a local, a readonly field or a get-only property first.
            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                IMethodSymbol target = invocation.TargetMethod;
                if (!_handlers.IsEndpointRegistration(target))
                {
                    return;
                }

                if (_options.IsExcluded(context.ContainingSymbol, invocation.Syntax.SyntaxTree))
                {
                    return;
                }

                string? route = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "pattern")?.Value.ConstantValue.Value as string;
                string order = invocation.Syntax.SyntaxTree.FilePath + "\n" + invocation.Syntax.SpanStart.ToString("D10", System.Globalization.CultureInfo.InvariantCulture);
                string endpoint = string.IsNullOrEmpty(route) ? target.Name + " endpoint" : $"{target.Name}(\"{route}\") endpoint";
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    if (!_handlers.IsHandlerParameter(argument.Parameter))
                    {
                        continue;
                    }

                    bool direct = Unwrap(argument.Value) is IAnonymousFunctionOperation;
                    foreach (IOperation value in DelegateValues(argument.Value, 0))
                    {
                        if (value is IAnonymousFunctionOperation lambda)
                        {
                            // Traced as a method-group handler is: a link on the lambda, or on what contains it (its method, its type).
                            if (IsTraced(lambda.Symbol))
                            {
                                continue;
                            }

                            Diagnostic diagnostic = Untraced(SpecDescriptors.UntracedHandler, LambdaLocation(lambda.Syntax), $"The minimal-API {endpoint} traces to no acceptance criterion. Put [Implements(\"ID\")] on the lambda, e.g. app.{target.Name}(..., [Implements(\"ID\")] () => ...), or [SpecExempt(\"reason\")].",
                                SymbolKeys.Endpoint(target, route, context.ContainingSymbol, invocation.Syntax as InvocationExpressionSyntax));
                            if (direct)
                            {
                                context.ReportDiagnostic(Emit(diagnostic)); // written at its only Map* call: reported while you type
                            }
                            else
                            {
                                ReportEndpointOnce(lambda.Syntax.SyntaxTree.FilePath + "\n" + lambda.Syntax.SpanStart, order, null, diagnostic);
                            }
                        }
                        else if (value is IMethodReferenceOperation reference)
                        {
                            IMethodSymbol method = reference.Method;
                            _endpointMethods[method.OriginalDefinition] = true;
                            if (!IsTraced(method))
                            {
                                Location location = method.Locations.FirstOrDefault(static l => l.IsInSource) ?? reference.Syntax.GetLocation();
                                Diagnostic diagnostic = Untraced(SpecDescriptors.UntracedHandler, location, $"The minimal-API {endpoint} handler {method.Name} traces to no acceptance criterion. Add [Implements(\"ID\")] to {method.Name} or its type, or [SpecExempt(\"reason\")].", SymbolKeys.Of(method));
                                ReportEndpointOnce(method.OriginalDefinition.GetDocumentationCommentId() ?? method.ToDisplayString(), order, method.OriginalDefinition, diagnostic);
                            }
                        }
                    }
                }
            }

            // A handler that can be mapped more than once (a method group, a delegate held in a field) is reported once, at
            // the compilation's end, naming its first Map* call in file and position order: the same message whatever
            // order the analyzer saw the calls in.
            private void ReportEndpointOnce(string key, string order, ISymbol? method, Diagnostic diagnostic) =>
                _endpointReports.AddOrUpdate(key, (order, method, diagnostic), (_, existing) => string.CompareOrdinal(order, existing.Order) < 0 ? (order, method, diagnostic) : existing);

            public void ReportEndpoints(CompilationAnalysisContext context)
            {
                foreach ((string _, ISymbol? method, Diagnostic diagnostic) in _endpointReports.Values)
                {
                    if (method is null || !_reportedHandlers.ContainsKey(method))
                    {
                        context.ReportDiagnostic(Emit(diagnostic));
                    }
                }
            }

            private static IOperation? Unwrap(IOperation? value)
            {
                while (true)
                {
                    switch (value)
                    {
                        case IConversionOperation conversion:
                            value = conversion.Operand;
                            continue;
                        case IDelegateCreationOperation creation:
                            value = creation.Target;
                            continue;
                        case IParenthesizedOperation parenthesized:
                            value = parenthesized.Operand;
                            continue;
                        default:
                            return value;
                    }
                }
            }

            // The lambdas and method groups a Delegate argument can hold, following simple data flow within the file: a
            // local (its initializer and every assignment to it), a readonly field's initializer, a get-only property's
            // initializer or expression body, either branch of ?:. A parameter (a wrapper forwarding its handler) is not followed.
            private static IEnumerable<IOperation> DelegateValues(IOperation? value, int depth)
            {
                value = Unwrap(value);
                if (value is IAnonymousFunctionOperation or IMethodReferenceOperation)
                {
                    return new[] { value };
                }

                if (value?.SemanticModel is not { } model || depth >= 4)
                {
                    return Array.Empty<IOperation>();
                }

                var sources = new List<ExpressionSyntax>();
                switch (value)
                {
                    case ILocalReferenceOperation local:
                        foreach (SyntaxReference reference in local.Local.DeclaringSyntaxReferences)
                        {
                            if (reference.SyntaxTree != model.SyntaxTree || reference.GetSyntax() is not VariableDeclaratorSyntax declarator)
                            {
                                continue;
                            }

                            if (declarator.Initializer is { } initializer)
                            {
                                sources.Add(initializer.Value);
                            }

                            SyntaxNode scope = (SyntaxNode?)declarator.Ancestors().FirstOrDefault(static a => a is MemberDeclarationSyntax and not GlobalStatementSyntax) ?? declarator.SyntaxTree.GetRoot();
                            foreach (AssignmentExpressionSyntax assignment in scope.DescendantNodes().OfType<AssignmentExpressionSyntax>())
                            {
                                if (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Left is IdentifierNameSyntax name &&
                                    name.Identifier.ValueText == local.Local.Name &&
                                    SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name).Symbol, local.Local))
                                {
                                    sources.Add(assignment.Right);
                                }
                            }
                        }

                        break;
                    case IFieldReferenceOperation field when field.Field.IsReadOnly || field.Field.IsConst:
                        foreach (SyntaxReference reference in field.Field.DeclaringSyntaxReferences)
                        {
                            if (reference.SyntaxTree == model.SyntaxTree && reference.GetSyntax() is VariableDeclaratorSyntax { Initializer: { } initializer })
                            {
                                sources.Add(initializer.Value);
                            }
                        }

                        break;
                    case IPropertyReferenceOperation property when property.Property.SetMethod is null || property.Property.SetMethod.IsInitOnly:
                        foreach (SyntaxReference reference in property.Property.DeclaringSyntaxReferences)
                        {
                            if (reference.SyntaxTree != model.SyntaxTree || reference.GetSyntax() is not PropertyDeclarationSyntax declaration)
                            {
                                continue;
                            }

                            ExpressionSyntax? body = declaration.ExpressionBody?.Expression ?? declaration.Initializer?.Value ??
                                declaration.AccessorList?.Accessors.FirstOrDefault(static a => a.IsKind(SyntaxKind.GetAccessorDeclaration))?.ExpressionBody?.Expression;
                            if (body is not null)
                            {
                                sources.Add(body);
                            }
                        }

                        break;
                    case IConditionalOperation conditional:
                        return DelegateValues(conditional.WhenTrue, depth + 1).Concat(DelegateValues(conditional.WhenFalse, depth + 1)).ToArray();
                }

                return sources.SelectMany(source => DelegateValues(model.GetOperation(source), depth + 1)).ToArray();
            }

            // An error when enforced. A user's per-rule severity outranks this; bulk settings would too, which is why
            // build/SpecGuard.targets also puts SPEC100/SPEC101 on the compiler's warnings-as-errors list when enforced.
            // Every SPEC100/SPEC101 carries its symbol's baseline key (SymbolKeys); one the baseline holds is SPEC106 instead.
            private Diagnostic Untraced(DiagnosticDescriptor descriptor, Location location, string message, string? key)
            {
                if (key is null)
                {
                    return Diagnostic.Create(descriptor, location, TraceSeverity, additionalLocations: null, properties: null, message);
                }

                if (_baseline is not null && _baseline.Holds(descriptor.Id, key))
                {
                    ImmutableDictionary<string, string?> baselined = ImmutableDictionary<string, string?>.Empty
                        .Add(SpecContract.SymbolKeyProperty, key)
                        .Add(SymbolKeys.BaselinedRuleProperty, descriptor.Id);
                    return Diagnostic.Create(SpecDescriptors.Baselined, location, SpecDescriptors.Baselined.DefaultSeverity, additionalLocations: null, baselined,
                        $"Recorded in the baseline as {descriptor.Id}: {message}");
                }

                return Diagnostic.Create(descriptor, location, TraceSeverity, additionalLocations: null, ImmutableDictionary<string, string?>.Empty.Add(SpecContract.SymbolKeyProperty, key), message);
            }

            // What is reported passes here: a SPEC106 marks its baseline entry as used. A diagnostic created but then not
            // reported (a static method that turned out to be an endpoint, an abstract base reported at its subclasses)
            // leaves its entry unmatched, which is right: that code is not untraced under that rule.
            private Diagnostic Emit(Diagnostic diagnostic)
            {
                if (_baseline is not null && diagnostic.Id == SpecDescriptors.Baselined.Id &&
                    diagnostic.Properties.TryGetValue(SymbolKeys.BaselinedRuleProperty, out string? rule) && rule is not null &&
                    diagnostic.Properties.TryGetValue(SpecContract.SymbolKeyProperty, out string? key) && key is not null)
                {
                    _baseline.Matched(rule, key);
                }

                return diagnostic;
            }

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
                        return _tracedCache.GetOrAdd(current, _computeTypeTraced);
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
            private static bool IsBehaviouralPublicMethod(IMethodSymbol method) => IsBehaviouralPublicMethod(method, out _);

            /// <summary>
            /// As above; <paramref name="unknownContract"/> names the contract of a library SpecGuard does not know when the
            /// method counts as behaviour because it implements or overrides one (it may be an unknown framework's handler).
            /// </summary>
            private static bool IsBehaviouralPublicMethod(IMethodSymbol method, out string? unknownContract)
            {
                unknownContract = null;
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

                // Overrides and implementations of the platform's or a known library's members (ToString, Equals, Dispose,
                // CompareTo, a pipeline behaviour...) are plumbing. Those of any other referenced library are behaviour: such
                // a contract may be an unknown framework's handler, which must not fall through both SPEC100 and SPEC101.
                if (method.IsOverride && method.OverriddenMethod is { } overridden && !SymbolEqualityComparer.Default.Equals(overridden.ContainingAssembly, method.ContainingAssembly))
                {
                    IMethodSymbol root = overridden;
                    while (root.OverriddenMethod is { } next)
                    {
                        root = next;
                    }

                    if (Handlers.IsKnownContract(root.ContainingType))
                    {
                        return false;
                    }

                    unknownContract = $"overrides {root.ContainingType.OriginalDefinition.ToDisplayString()}";
                    return true;
                }

                foreach (INamedTypeSymbol iface in method.ContainingType.AllInterfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(iface.ContainingAssembly, method.ContainingAssembly))
                    {
                        continue;
                    }

                    foreach (ISymbol member in iface.GetMembers(method.Name))
                    {
                        if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                        {
                            if (Handlers.IsKnownContract(iface))
                            {
                                return false;
                            }

                            unknownContract ??= $"implements {iface.OriginalDefinition.ToDisplayString()}";
                        }
                    }
                }

                return true;
            }

            private bool IsInfrastructure(INamedTypeSymbol type, TreeOptions treeOptions) =>
                _handlers.IsFrameworkInfrastructure(type) || (treeOptions.ExcludeInfrastructure && InInfrastructureNamespace(type));

            // A namespace with a segment named Infrastructure (the segments of its name are the namespaces that contain it).
            private static bool InInfrastructureNamespace(INamedTypeSymbol type)
            {
                for (INamespaceSymbol? ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
                {
                    if (string.Equals(ns.Name, "Infrastructure", StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }

                return false;
            }

            // The user's own declaration first: a diagnostic in generated code is not shown (GeneratedCodeAnalysisFlags.None).
            private static Location? FirstLocation(INamedTypeSymbol type) =>
                type.Locations.Length == 1 ? (type.Locations[0].IsInSource ? type.Locations[0] : null) : type.Locations.Where(static l => l.IsInSource).OrderBy(static l => IsGenerated(l.SourceTree!) ? 1 : 0)
                    .ThenBy(static l => l.SourceTree!.FilePath, StringComparer.Ordinal).ThenBy(static l => l.SourceSpan.Start).FirstOrDefault();

            /// <summary>
            /// Whether <paramref name="method"/> is declared only in generated code (a source generator's output such as
            /// Vogen's value-object members, a designer file): behaviour the user did not write, so not SPEC100's.
            /// </summary>
            private static bool IsGeneratedOnly(IMethodSymbol method) =>
                method.Locations.Any(static l => l.IsInSource) && method.Locations.All(static l => !l.IsInSource || IsGenerated(l.SourceTree!));

            // Roslyn's own rule for generated code (GeneratedCodeUtilities): the file name (.g.cs, .generated.cs,
            // .designer.cs, .g.i.cs, TemporaryGeneratedFile_) or an <auto-generated> comment at the top of the file.
            private static bool IsGenerated(SyntaxTree tree) => GeneratedTrees.GetValue(tree, static t => new StrongBox<bool>(ComputeIsGenerated(t))).Value;

            private static readonly ConditionalWeakTable<SyntaxTree, StrongBox<bool>> GeneratedTrees = new ConditionalWeakTable<SyntaxTree, StrongBox<bool>>();

            private static bool ComputeIsGenerated(SyntaxTree tree)
            {
                string name = System.IO.Path.GetFileName(tree.FilePath ?? string.Empty);
                if (name.StartsWith("TemporaryGeneratedFile_", StringComparison.OrdinalIgnoreCase) ||
                    name.EndsWith(".designer.cs", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".generated.cs", StringComparison.OrdinalIgnoreCase) ||
                    name.EndsWith(".g.cs", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".g.i.cs", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                foreach (SyntaxTrivia trivia in tree.GetRoot().GetLeadingTrivia())
                {
                    if ((trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia)) &&
                        (trivia.ToString().IndexOf("<auto-generated", StringComparison.OrdinalIgnoreCase) >= 0 || trivia.ToString().IndexOf("<autogenerated", StringComparison.OrdinalIgnoreCase) >= 0))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static SyntaxTree? FirstTree(INamedTypeSymbol type) => FirstLocation(type)?.SourceTree;

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
