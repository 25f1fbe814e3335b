using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SpecGuard.Generators.Analyzers
{
    /// <summary>How much of the public API SPEC100 looks at.</summary>
    internal enum PublicApiScope
    {
        /// <summary>One diagnostic per public type with behaviour and no link on it or any of its members (default).</summary>
        Types,

        /// <summary>One diagnostic per public method with no link on itself or its containing types.</summary>
        Members,

        /// <summary>SPEC100 is not reported.</summary>
        Off,
    }

    /// <summary>
    /// Traceability options. MSBuild: <c>SpecGuardEnforce</c>. Analyzer options (per file and folder from
    /// <c>.editorconfig</c> sections, or for every file from a <c>.globalconfig</c>): <c>specguard.public_api_scope</c>,
    /// <c>specguard.public_api_exclude</c>, <c>specguard.handler_types</c>, <c>specguard.excluded_namespaces</c>.
    /// Every syntax tree's options are read and checked once, when the compilation starts, so an invalid value in any
    /// section is reported (SPEC901) whether or not the file declares anything SpecGuard looks at.
    /// </summary>
    internal sealed class TraceabilityOptions
    {
        public const string ScopeKey = "specguard.public_api_scope";
        public const string PublicApiExcludeKey = "specguard.public_api_exclude";
        public const string HandlerTypesKey = "specguard.handler_types";
        public const string ExcludedNamespacesKey = "specguard.excluded_namespaces";
        public const string EnforceProperty = "build_property.SpecGuardEnforce";

        private readonly Dictionary<SyntaxTree, TreeOptions> _perTree = new Dictionary<SyntaxTree, TreeOptions>();
        private readonly Dictionary<string, INamedTypeSymbol?> _handlerTypes = new Dictionary<string, INamedTypeSymbol?>(StringComparer.Ordinal);

        /// <summary>Well-formed specguard.handler_types names this compilation cannot resolve, as written (SPEC903, a message).</summary>
        public SortedSet<string> NotVisibleHandlerTypes { get; } = new SortedSet<string>(StringComparer.Ordinal);

        // One reading per compilation, whichever analyzer asks first: SpecFileAnalyzer reports the problems (SPEC901,
        // SPEC903) and TraceabilityAnalyzer uses the options, and each would otherwise read every tree's options and
        // resolve the handler types again. Keyed by the compilation and checked against the provider that was read.
        private static readonly ConditionalWeakTable<Compilation, Holder> Cache = new ConditionalWeakTable<Compilation, Holder>();

        private readonly AnalyzerConfigOptionsProvider _provider;

        private TraceabilityOptions(AnalyzerConfigOptionsProvider provider, Compilation compilation)
        {
            _provider = provider;
            var problems = new List<string>();
            AnalyzerConfigOptions global = provider.GlobalOptions;
            string enforce = EnforceValue(global);
            Enforce = IsEnforced(global);

            // report: warnings at compile time, the gate is `specguard report --findings` at the end (build/SpecGuard.targets).
            if (enforce.Length > 0 && !Enforce && !string.Equals(enforce, "false", StringComparison.OrdinalIgnoreCase) && !string.Equals(enforce, "report", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"The MSBuild property SpecGuardEnforce is '{enforce}'; it takes true, false or report. Using false.");
            }

            // One set of problems for the whole compilation: the same bad value in many files is reported once.
            var found = new SortedSet<string>(StringComparer.Ordinal);
            Global = Read(global, null, compilation, found);
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                _perTree[tree] = Read(provider.GetOptions(tree), Global, compilation, found);
            }

            problems.AddRange(found);
            Problems = problems;
        }

        /// <summary>
        /// Whether SpecGuardEnforce is <c>true</c> in <paramref name="global"/>: the rules that are errors when enforced
        /// (SPEC100, SPEC101, SPEC105) are. One reading of the property for every analyzer; cheap (no tree options).
        /// </summary>
        public static bool IsEnforced(AnalyzerConfigOptions global) => string.Equals(EnforceValue(global), "true", StringComparison.OrdinalIgnoreCase);

        private static string EnforceValue(AnalyzerConfigOptions global) => global.TryGetValue(EnforceProperty, out string? value) ? value.Trim() : string.Empty;

        /// <summary>The options of <paramref name="compilation"/>, read once however many analyzers ask.</summary>
        public static TraceabilityOptions Of(AnalyzerConfigOptionsProvider provider, Compilation compilation)
        {
            Holder holder = Cache.GetValue(compilation, static _ => new Holder());
            lock (holder)
            {
                if (holder.Options is null || !ReferenceEquals(holder.Options._provider, provider))
                {
                    holder.Options = new TraceabilityOptions(provider, compilation);
                }

                return holder.Options;
            }
        }

        /// <summary>Invalid values, one message each (SPEC901).</summary>
        public IReadOnlyList<string> Problems { get; }

        /// <summary>SPEC100/SPEC101 are errors (CI); otherwise warnings. A user's own severity setting still wins.</summary>
        public bool Enforce { get; }

        /// <summary>The options of the project as a whole (global options), used for symbols without a source tree.</summary>
        public TreeOptions Global { get; }

        /// <summary>The handler types named for any file of the compilation (to decide whether handler checks can be skipped).</summary>
        public bool AnyHandlerTypes => Global.HandlerTypes.Count > 0 || _perTree.Values.Any(static o => o.HandlerTypes.Count > 0);

        private sealed class Holder
        {
            public TraceabilityOptions? Options { get; set; }
        }

        public TreeOptions For(SyntaxTree? tree) => tree is not null && _perTree.TryGetValue(tree, out TreeOptions? options) ? options : Global;

        public PublicApiScope ScopeFor(SyntaxTree? tree) => For(tree).Scope;

        public bool IsExcluded(ISymbol symbol, SyntaxTree? tree)
        {
            string[] excluded = For(tree).Excluded;
            if (excluded.Length == 0)
            {
                return false;
            }

            string ns = symbol.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            return excluded.Any(prefix => ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal));
        }

        // Reads one file's options; a key the file's sections do not set falls back to the global value.
        // A well-formed handler type name this project cannot see is ignored without a diagnostic: one repository-wide
        // setting (.globalconfig) names types from several projects, and a project that does not see one has none of
        // its handlers.
        private TreeOptions Read(AnalyzerConfigOptions options, TreeOptions? fallback, Compilation compilation, SortedSet<string> problems)
        {
            PublicApiScope scope = options.TryGetValue(ScopeKey, out _) || fallback is null ? ParseScope(options, problems) : fallback.Scope;
            bool infrastructure = options.TryGetValue(PublicApiExcludeKey, out _) || fallback is null ? ParseExclude(options, problems) : fallback.ExcludeInfrastructure;
            string[] excluded = options.TryGetValue(ExcludedNamespacesKey, out _) || fallback is null ? ParseNamespaces(options, problems) : fallback.Excluded;
            IReadOnlyList<INamedTypeSymbol> handlers;
            if (options.TryGetValue(HandlerTypesKey, out string? handlerValue) || fallback is null)
            {
                var list = new List<INamedTypeSymbol>();
                foreach (string name in Split(handlerValue))
                {
                    string metadataName = ToMetadataName(name);
                    if (!_handlerTypes.TryGetValue(name, out INamedTypeSymbol? type))
                    {
                        type = IsMetadataName(metadataName) ? Resolve(compilation, metadataName) : null;
                        _handlerTypes[name] = type;
                    }

                    if (type is not null)
                    {
                        if (!list.Contains(type, SymbolEqualityComparer.Default))
                        {
                            list.Add(type);
                        }
                    }
                    else if (IsMetadataName(metadataName))
                    {
                        NotVisibleHandlerTypes.Add(name);
                    }
                    else
                    {
                        problems.Add($"The analyzer option {HandlerTypesKey} names '{name}', which is not a type name; it is ignored. Write the namespace and type name, in C# (MyApp.Handlers.IHandler<T>, FastEndpoints.Endpoint<,>) or as a metadata name (MyApp.Handlers.IHandler`1, + for a nested type).");
                    }
                }

                handlers = list;
            }
            else
            {
                handlers = fallback.HandlerTypes;
            }

            return new TreeOptions(scope, infrastructure, excluded, handlers);
        }

        private static PublicApiScope ParseScope(AnalyzerConfigOptions options, SortedSet<string> problems)
        {
            if (!options.TryGetValue(ScopeKey, out string? value) || string.IsNullOrWhiteSpace(value))
            {
                return PublicApiScope.Types;
            }

            switch (value.Trim().ToLowerInvariant())
            {
                case "types":
                    return PublicApiScope.Types;
                case "members":
                    return PublicApiScope.Members;
                case "off":
                case "none":
                    return PublicApiScope.Off;
                default:
                    problems.Add($"The analyzer option {ScopeKey} is '{value.Trim()}'; it takes types (the default), members or off. Using types.");
                    return PublicApiScope.Types;
            }
        }

        // Default (absent or blank): infrastructure. "none" reports Infrastructure namespaces too.
        private static bool ParseExclude(AnalyzerConfigOptions options, SortedSet<string> problems)
        {
            options.TryGetValue(PublicApiExcludeKey, out string? value);
            bool? infrastructure = null;
            foreach (string item in Split(value))
            {
                switch (item.ToLowerInvariant())
                {
                    case "infrastructure":
                        infrastructure = true;
                        break;
                    case "none":
                        infrastructure ??= false;
                        break;
                    default:
                        problems.Add($"The analyzer option {PublicApiExcludeKey} lists '{item}'; it takes infrastructure (the default) or none. '{item}' is ignored.");
                        break;
                }
            }

            return infrastructure ?? true;
        }

        private static string[] ParseNamespaces(AnalyzerConfigOptions options, SortedSet<string> problems)
        {
            options.TryGetValue(ExcludedNamespacesKey, out string? value);
            var result = new List<string>();
            foreach (string item in Split(value))
            {
                string name = item.StartsWith("global::", StringComparison.Ordinal) ? item.Substring("global::".Length) : item;
                if (IsNamespaceName(name))
                {
                    result.Add(name);
                }
                else
                {
                    problems.Add($"The analyzer option {ExcludedNamespacesKey} lists '{item}', which is not a namespace name (identifiers separated by dots, e.g. MyApp.Migrations); it is ignored and the other namespaces listed are still excluded.");
                }
            }

            return result.ToArray();
        }

        private static bool IsNamespaceName(string name) =>
            name.Split('.').All(static segment => SyntaxFacts.IsValidIdentifier(segment.StartsWith("@", StringComparison.Ordinal) ? segment.Substring(1) : segment) &&
                                                  (segment.StartsWith("@", StringComparison.Ordinal) || SyntaxFacts.GetKeywordKind(segment) == SyntaxKind.None));

        // Namespace.Type, with `N generic arity suffixes and + for nested types.
        private static bool IsMetadataName(string name) =>
            name.Split('.', '+').All(static segment =>
            {
                int tick = segment.IndexOf('`');
                string identifier = tick < 0 ? segment : segment.Substring(0, tick);
                return SyntaxFacts.IsValidIdentifier(identifier) &&
                       (tick < 0 || (tick < segment.Length - 1 && segment.Substring(tick + 1).All(static c => c >= '0' && c <= '9')));
            });

        // C# generic syntax to a metadata name: Endpoint<,> and Endpoint<TRequest, TResponse> are Endpoint`2. Brackets
        // that do not balance are left alone, so the name is reported as not a type name.
        private static string ToMetadataName(string name)
        {
            if (name.IndexOf('<') < 0)
            {
                return name;
            }

            var result = new System.Text.StringBuilder();
            int depth = 0, arity = 0;
            foreach (char c in name)
            {
                switch (c)
                {
                    case '<':
                        if (depth++ == 0)
                        {
                            arity = 1;
                        }

                        break;
                    case '>':
                        if (depth == 0)
                        {
                            return name;
                        }

                        if (--depth == 0)
                        {
                            result.Append('`').Append(arity);
                        }

                        break;
                    case ',' when depth == 1:
                        arity++;
                        break;
                    default:
                        if (depth == 0 && !char.IsWhiteSpace(c))
                        {
                            result.Append(c);
                        }

                        break;
                }
            }

            return depth == 0 ? result.ToString() : name;
        }

        // A metadata name, or (as C# writes nested types with a dot) the same name with its last dots read as nesting.
        private static INamedTypeSymbol? Resolve(Compilation compilation, string metadataName)
        {
            string candidate = metadataName;
            for (int i = 0; i < 4; i++)
            {
                if (compilation.GetTypeByMetadataName(candidate) is { } type)
                {
                    return type;
                }

                int dot = candidate.LastIndexOf('.');
                if (dot < 0 || metadataName.IndexOf('+') >= 0)
                {
                    return null;
                }

                candidate = candidate.Substring(0, dot) + "+" + candidate.Substring(dot + 1);
            }

            return null;
        }

        // Entries separated by , or ; outside generic brackets (FastEndpoints.Endpoint<,> is one entry).
        private static IEnumerable<string> Split(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield break;
            }

            int depth = 0, start = 0;
            for (int i = 0; i <= value!.Length; i++)
            {
                char c = i < value.Length ? value[i] : ',';
                if (c == '<')
                {
                    depth++;
                }
                else if (c == '>' && depth > 0)
                {
                    depth--;
                }
                else if ((c == ',' && depth == 0) || c == ';' || i == value.Length)
                {
                    string entry = value.Substring(start, i - start).Trim();
                    if (entry.Length > 0)
                    {
                        yield return entry;
                    }

                    start = i + 1;
                    depth = 0;
                }
            }
        }
    }

    /// <summary>The analyzer options that apply to one file.</summary>
    internal sealed class TreeOptions
    {
        public TreeOptions(PublicApiScope scope, bool excludeInfrastructure, string[] excluded, IReadOnlyList<INamedTypeSymbol> handlerTypes)
        {
            Scope = scope;
            ExcludeInfrastructure = excludeInfrastructure;
            Excluded = excluded;
            HandlerTypes = handlerTypes;
        }

        public PublicApiScope Scope { get; }

        /// <summary>The <c>infrastructure</c> value of <c>specguard.public_api_exclude</c> (the default): namespaces with a segment named Infrastructure.</summary>
        public bool ExcludeInfrastructure { get; }

        public string[] Excluded { get; }

        public IReadOnlyList<INamedTypeSymbol> HandlerTypes { get; }
    }
}
