using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
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
    /// Traceability options. MSBuild: <c>SpecGuardEnforce</c>. <c>.editorconfig</c> (per file, or global):
    /// <c>specguard.public_api_scope</c>, <c>specguard.handler_types</c>, <c>specguard.excluded_namespaces</c>.
    /// </summary>
    internal sealed class TraceabilityOptions
    {
        public const string ScopeKey = "specguard.public_api_scope";
        public const string HandlerTypesKey = "specguard.handler_types";
        public const string ExcludedNamespacesKey = "specguard.excluded_namespaces";
        public const string EnforceProperty = "build_property.SpecGuardEnforce";

        private readonly AnalyzerConfigOptionsProvider _provider;
        private readonly Dictionary<SyntaxTree, (PublicApiScope Scope, string[] Excluded)> _perTree = new Dictionary<SyntaxTree, (PublicApiScope, string[])>();
        private readonly object _gate = new object();

        public TraceabilityOptions(AnalyzerConfigOptionsProvider provider, Compilation compilation, List<string> problems)
        {
            _provider = provider;
            AnalyzerConfigOptions global = provider.GlobalOptions;
            Enforce = global.TryGetValue(EnforceProperty, out string? enforce) && string.Equals(enforce.Trim(), "true", StringComparison.OrdinalIgnoreCase);
            if (enforce is not null && enforce.Trim().Length > 0 && !string.Equals(enforce.Trim(), "true", StringComparison.OrdinalIgnoreCase) && !string.Equals(enforce.Trim(), "false", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"The MSBuild property SpecGuardEnforce is '{enforce.Trim()}'; it takes true or false. Using false.");
            }

            GlobalScope = ParseScope(global, problems);
            GlobalExcluded = ParseList(global, ExcludedNamespacesKey);
            var handlers = new List<INamedTypeSymbol>();
            foreach (string name in ParseList(global, HandlerTypesKey))
            {
                INamedTypeSymbol? type = compilation.GetTypeByMetadataName(name);
                if (type is null)
                {
                    problems.Add($"The .editorconfig option {HandlerTypesKey} names '{name}', which is not a type this project can see. Use the metadata name, e.g. MyApp.Handlers.IHandler`1 for a generic interface.");
                    continue;
                }

                handlers.Add(type);
            }

            CustomHandlerTypes = handlers;
        }

        /// <summary>SPEC100/SPEC101 are errors (CI); otherwise warnings. A user's own severity setting still wins.</summary>
        public bool Enforce { get; }

        public PublicApiScope GlobalScope { get; }

        public string[] GlobalExcluded { get; }

        public IReadOnlyList<INamedTypeSymbol> CustomHandlerTypes { get; }

        public PublicApiScope ScopeFor(SyntaxTree? tree) => tree is null ? GlobalScope : ForTree(tree).Scope;

        public bool IsExcluded(ISymbol symbol, SyntaxTree? tree)
        {
            string[] excluded = tree is null ? GlobalExcluded : ForTree(tree).Excluded;
            if (excluded.Length == 0)
            {
                return false;
            }

            string ns = symbol.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            return excluded.Any(prefix => ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal));
        }

        private (PublicApiScope Scope, string[] Excluded) ForTree(SyntaxTree tree)
        {
            lock (_gate)
            {
                if (!_perTree.TryGetValue(tree, out var options))
                {
                    AnalyzerConfigOptions treeOptions = _provider.GetOptions(tree);
                    PublicApiScope scope = treeOptions.TryGetValue(ScopeKey, out _) ? ParseScope(treeOptions, null) : GlobalScope;
                    string[] excludedHere = treeOptions.TryGetValue(ExcludedNamespacesKey, out _) ? ParseList(treeOptions, ExcludedNamespacesKey) : GlobalExcluded;
                    options = (scope, excludedHere);
                    _perTree[tree] = options;
                }

                return options;
            }
        }

        private static PublicApiScope ParseScope(AnalyzerConfigOptions options, List<string>? problems)
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
                    problems?.Add($"The .editorconfig option {ScopeKey} is '{value.Trim()}'; it takes types (the default), members or off. Using types.");
                    return PublicApiScope.Types;
            }
        }

        private static string[] ParseList(AnalyzerConfigOptions options, string key) =>
            options.TryGetValue(key, out string? value) && !string.IsNullOrWhiteSpace(value)
                ? value.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries).Select(static s => s.Trim()).Where(static s => s.Length > 0).ToArray()
                : Array.Empty<string>();
    }
}
