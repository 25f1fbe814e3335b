using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SpecGuard.Core.Model;
using SpecGuard.Core.Schema;

namespace SpecGuard.Generators.Infrastructure
{
    /// <summary>What pending (unverified) criteria become in a test project.</summary>
    internal enum PendingTestsMode
    {
        /// <summary>A skipped test whose reason names the criterion (default).</summary>
        Skip,

        /// <summary>A failing test, for teams that gate on verification.</summary>
        Fail,

        /// <summary>No generated test.</summary>
        Off,
    }

    /// <summary>Which features' criterion constants the catalog holds (SpecGuardCatalog).</summary>
    internal enum CatalogMode
    {
        /// <summary>Every feature's while the project sees at most <see cref="SpecGuardOptions.AutoCatalogLimit"/> criteria, else as <see cref="Referenced"/> (default).</summary>
        Auto,

        /// <summary>Every feature's constants.</summary>
        All,

        /// <summary>Only the features whose catalog class the project's code names; the others' classes hold only FeatureKey.</summary>
        Referenced,
    }

    /// <summary>
    /// SpecGuard's options, read from MSBuild properties made visible to the compiler
    /// (<c>build_property.SpecGuard*</c>). Invalid values fall back to the default and are listed in
    /// <see cref="Problems"/> so the analyzer can report SPEC901.
    /// </summary>
    internal sealed record SpecGuardOptions(PendingTestsMode PendingTests, string CatalogNamespace, CatalogMode Catalog, EquatableArray<string> Problems)
    {
        public const string CatalogProperty = "SpecGuardCatalog";

        /// <summary>
        /// Above this many criteria, <see cref="CatalogMode.Auto"/> generates constants only for the features the code names:
        /// each constant costs the compiler about 0.6 ms in a build with the SDK's default analyzers (50,000 took 31 s,
        /// docs/performance.md), in every project that sees the specs.
        /// </summary>
        public const int AutoCatalogLimit = 1000;

        public const string PendingTestsProperty = "SpecGuardPendingTests";
        public const string CatalogNamespaceProperty = "SpecGuardCatalogNamespace";
        public const string AutoIncludeProperty = "SpecGuardAutoInclude";
        public const string DefaultCatalogNamespace = "SpecGuard.Specs";

        public static SpecGuardOptions Default { get; } = new SpecGuardOptions(PendingTestsMode.Skip, DefaultCatalogNamespace, CatalogMode.Auto, EquatableArray<string>.Empty);

        public static SpecGuardOptions Read(AnalyzerConfigOptions options)
        {
            var problems = new List<string>();
            PendingTestsMode pending = PendingTestsMode.Skip;
            if (options.TryGetValue("build_property." + PendingTestsProperty, out string? pendingText) && !string.IsNullOrWhiteSpace(pendingText))
            {
                switch (pendingText.Trim().ToLowerInvariant())
                {
                    case "skip":
                        pending = PendingTestsMode.Skip;
                        break;
                    case "fail":
                        pending = PendingTestsMode.Fail;
                        break;
                    case "off":
                    case "false":
                        pending = PendingTestsMode.Off;
                        break;
                    default:
                        problems.Add($"The MSBuild property {PendingTestsProperty} is '{pendingText.Trim()}'; it takes skip (the default), fail or off. Using skip.");
                        break;
                }
            }

            string catalogNamespace = DefaultCatalogNamespace;
            if (options.TryGetValue("build_property." + CatalogNamespaceProperty, out string? namespaceText) && !string.IsNullOrWhiteSpace(namespaceText))
            {
                string trimmed = namespaceText.Trim();
                if (IsNamespace(trimmed))
                {
                    catalogNamespace = trimmed;
                }
                else
                {
                    problems.Add($"The MSBuild property {CatalogNamespaceProperty} is '{trimmed}', which is not a C# namespace: dot-separated identifiers, none a C# keyword such as class or int (e.g. MyCompany.Specs). Using {DefaultCatalogNamespace}.");
                }
            }

            CatalogMode catalog = CatalogMode.Auto;
            if (options.TryGetValue("build_property." + CatalogProperty, out string? catalogText) && !string.IsNullOrWhiteSpace(catalogText))
            {
                switch (catalogText.Trim().ToLowerInvariant())
                {
                    case "auto":
                        break;
                    case "all":
                        catalog = CatalogMode.All;
                        break;
                    case "referenced":
                        catalog = CatalogMode.Referenced;
                        break;
                    default:
                        problems.Add($"The MSBuild property {CatalogProperty} is '{MessageText.OneLine(catalogText.Trim())}'; it takes auto (the default), all or referenced. Using auto.");
                        break;
                }
            }

            // Read by the package's targets (anything but false includes the specs); only its spelling is checked here.
            if (options.TryGetValue("build_property." + AutoIncludeProperty, out string? autoInclude) && !string.IsNullOrWhiteSpace(autoInclude) &&
                !string.Equals(autoInclude.Trim(), "true", StringComparison.OrdinalIgnoreCase) && !string.Equals(autoInclude.Trim(), "false", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"The MSBuild property {AutoIncludeProperty} is '{MessageText.OneLine(autoInclude.Trim())}'; it takes true (the default) or false. Using true: spec files under the specs root are added.");
            }

            return new SpecGuardOptions(pending, catalogNamespace, catalog, problems.ToEquatableArray());
        }

        /// <summary>
        /// A namespace the catalog can be declared in: dot-separated identifiers of ASCII letters, digits and
        /// underscores, none a C# keyword unless written verbatim (<c>My.class.Specs</c> is rejected, <c>My.@class.Specs</c>
        /// accepted), and not <c>global</c>, which names the global namespace alias.
        /// </summary>
        internal static bool IsNamespace(string text) =>
            text.Split('.').All(static segment =>
                IsSegment(segment) &&
                (segment[0] == '@' || (SyntaxFacts.GetKeywordKind(segment) == SyntaxKind.None && segment != "global")));

        // @?[A-Za-z_][A-Za-z0-9_]*, ASCII only, by hand: a Regex would cost its construction and the regex engine's JIT
        // in every fresh compiler process (the generator reads its options in every compilation).
        private static bool IsSegment(string segment)
        {
            int start = segment.Length > 0 && segment[0] == '@' ? 1 : 0;
            if (segment.Length == start || !(IsAsciiLetter(segment[start]) || segment[start] == '_'))
            {
                return false;
            }

            for (int i = start + 1; i < segment.Length; i++)
            {
                char c = segment[i];
                if (!(IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_'))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsAsciiLetter(char c) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
