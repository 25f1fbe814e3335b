using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SpecGuard.Core;
using SpecGuard.Core.Model;
using SpecGuard.Generators.Emit;
using SpecGuard.Generators.Infrastructure;
using SpecGuard.Generators.Model;

namespace SpecGuard.Generators
{
    /// <summary>
    /// SpecGuard's incremental generator. Emits the link attributes, a typed catalog of criterion IDs and, in test
    /// projects, pending tests for criteria that no test verifies. It reports no diagnostics about spec files (the
    /// analyzers do, so editors show them while typing); every failure of its own becomes SPEC900, never CS8785.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class SpecGuardGenerator : IIncrementalGenerator
    {
        /// <summary>Tracking names of the pipeline steps, for incremental-caching tests.</summary>
        public static class Steps
        {
            /// <summary>One spec file parsed (YAML + schema) into a load result.</summary>
            public const string ParseSpec = nameof(ParseSpec);

            /// <summary>A load result projected to what the catalog and stubs need.</summary>
            public const string CatalogFeature = nameof(CatalogFeature);

            /// <summary>Criterion IDs named by one [Verifies] attribute site.</summary>
            public const string VerifiedIds = nameof(VerifiedIds);

            /// <summary>The test framework and assembly name of the project.</summary>
            public const string Project = nameof(Project);

            /// <summary>SpecGuard's MSBuild options.</summary>
            public const string Options = nameof(Options);

            /// <summary>Whether the project's C# version has nullable annotations (C# 8 on) and reads doc comments.</summary>
            public const string Language = nameof(Language);

            /// <summary>The catalog class names the project's code writes.</summary>
            public const string CatalogNames = nameof(CatalogNames);
        }

        /// <inheritdoc/>
        /// <remarks>
        /// Every value that flows between steps is a class (records of <see cref="EquatableArray{T}"/>), never a bool, a
        /// tuple of structs or an array of structs: the driver's generic nodes (transform, combine, collect) are compiled
        /// once for all reference types, but once per value-type instantiation, and a fresh compiler process pays that JIT
        /// in the first generator that uses a shape. With value types in its pipeline the generator's first run cost about
        /// 0.16 s more (docs/performance.md, "First compilation in a fresh process").
        /// </remarks>
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            context.RegisterPostInitializationOutput(AttributeSource.Register);

            IncrementalValueProvider<FeatureSet> features = context.AdditionalTextsProvider
                .Where(static file => SpecContract.IsSpecFile(file.Path))
                .Select(static (file, cancellationToken) => SpecFiles.Load(file, cancellationToken))
                .WithTrackingName(Steps.ParseSpec)
                .Select(static (result, _) => CatalogFeature.From(result))
                .WithTrackingName(Steps.CatalogFeature)
                .Collect()
                .Select(static (items, _) => new FeatureSet(items.OfType<CatalogFeature>().ToEquatableArray()));

            IncrementalValueProvider<SpecGuardOptions> options = context.AnalyzerConfigOptionsProvider
                .Select(static (provider, _) => SpecGuardOptions.Read(provider.GlobalOptions))
                .WithTrackingName(Steps.Options);

            // Generated code compiles from C# 7.3 up: '#nullable enable' and 'string?' only where the language has them.
            // The catalog's XML docs (an ID's criterion on hover) only where the compiler reads doc comments: an IDE
            // does, and a build that writes a documentation file; a command-line build without one never looks at them,
            // and 50,000 criteria's docs are about 60 % of the catalog's text (docs/performance.md).
            IncrementalValueProvider<LanguageInfo> language = context.ParseOptionsProvider
                .Select(static (parseOptions, _) => new LanguageInfo(
                    parseOptions is CSharpParseOptions csharp && csharp.LanguageVersion >= LanguageVersion.CSharp8,
                    parseOptions.DocumentationMode != DocumentationMode.None))
                .WithTrackingName(Steps.Language);

            IncrementalValueProvider<Settings> settings = options.Combine(language)
                .Select(static (pair, _) => new Settings(pair.Left, pair.Right.NullableAnnotations, pair.Right.Documentation));

            IncrementalValueProvider<ProjectSettings> project = context.CompilationProvider
                .Select(static (compilation, _) => ProjectInfo.From(compilation))
                .WithTrackingName(Steps.Project)
                .Combine(settings)
                .Select(static (pair, _) => new ProjectSettings(pair.Left, pair.Right));

            IncrementalValueProvider<VerifiedSet> verified = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    SpecContract.VerifiesMetadataName,
                    static (node, _) => node is MemberDeclarationSyntax or LocalFunctionStatementSyntax,
                    static (attributeContext, cancellationToken) => VerifiedIdsOf(attributeContext, cancellationToken))
                .WithTrackingName(Steps.VerifiedIds)
                .Collect()
                .Select(static (sites, _) => new VerifiedSet(sites.SelectMany(static site => site.Ids).Distinct(StringComparer.Ordinal).OrderBy(static id => id, StringComparer.Ordinal).ToEquatableArray()));

            // The catalog classes the code names (OrdersCriteria in OrdersCriteria.ORDERS_001, using static, an alias), by
            // name alone: with many criteria only their features get constants (SpecGuardCatalog, docs/generator.md).
            IncrementalValueProvider<NameSet> named = context.SyntaxProvider
                .CreateSyntaxProvider(
                    static (node, _) => node is IdentifierNameSyntax name && name.Identifier.ValueText.EndsWith(SpecContract.CatalogClassSuffix, StringComparison.Ordinal),
                    static (syntax, _) => ((IdentifierNameSyntax)syntax.Node).Identifier.ValueText)
                .Collect()
                .Select(static (names, _) => new NameSet(names.Distinct(StringComparer.Ordinal).OrderBy(static n => n, StringComparer.Ordinal).ToEquatableArray()))
                .WithTrackingName(Steps.CatalogNames);

            context.RegisterSourceOutput(features.Combine(settings).Select(static (pair, _) => new CatalogInput(pair.Left, pair.Right)).Combine(named), static (production, input) =>
                Guard(production, () => EmitCatalog(production, input.Left.Features.Features, input.Left.Settings, input.Right)));

            context.RegisterSourceOutput(project, static (production, input) => Guard(production, () =>
                production.AddSource("SpecGuard.VerifiesAttribute.Framework.g.cs", AttributeSource.VerifiesCompletion(input.Project, input.Settings.NullableAnnotations))));

            IncrementalValueProvider<StubSpecs> stubSpecs = features.Combine(verified)
                .Select(static (pair, _) => new StubSpecs(pair.Left, pair.Right));
            context.RegisterSourceOutput(stubSpecs.Combine(project), static (production, input) => Guard(production, () =>
                EmitStubs(production, input.Left.Features.Features, input.Left.Verified.Ids, input.Right.Project, input.Right.Settings.Options, input.Right.Settings.NullableAnnotations)));
        }

        private static void EmitCatalog(SourceProductionContext production, EquatableArray<CatalogFeature> features, Settings settings, NameSet named)
        {
            if (features.Count == 0)
            {
                return; // no spec file: nothing to merge (the merge's first run alone cost ~10 ms of JIT in a fresh process)
            }

            IReadOnlyList<CatalogEmitter.MergedFeature> merged = CatalogEmitter.Merge(features);
            bool onlyNamed = settings.Options.Catalog switch
            {
                CatalogMode.All => false,
                CatalogMode.Referenced => true,
                _ => merged.Sum(static f => f.Criteria.Count) > SpecGuardOptions.AutoCatalogLimit,
            };
            var names = new HashSet<string>(named.Names, StringComparer.Ordinal);
            foreach (CatalogEmitter.MergedFeature feature in merged)
            {
                production.CancellationToken.ThrowIfCancellationRequested();
                bool constants = !onlyNamed || names.Contains(SpecContract.CatalogClass(feature.Key));
                production.AddSource("SpecGuard.Specs." + feature.Key + ".g.cs", CatalogEmitter.Emit(settings.Options.CatalogNamespace, feature, settings.NullableAnnotations, settings.Documentation, constants));
            }
        }

        private static void EmitStubs(SourceProductionContext production, EquatableArray<CatalogFeature> features, EquatableArray<string> verifiedIds, ProjectInfo project, SpecGuardOptions options, bool nullableAnnotations)
        {
            if (project.Framework == TestFramework.None || options.PendingTests == PendingTestsMode.Off)
            {
                return;
            }

            var verified = new HashSet<string>(verifiedIds, StringComparer.Ordinal);
            IReadOnlyList<CatalogEmitter.MergedFeature> merged = CatalogEmitter.Merge(features);
            bool grouped = StubEmitter.CountPending(merged, verified) > StubEmitter.GroupAbove;
            foreach (CatalogEmitter.MergedFeature feature in merged)
            {
                string? source = grouped
                    ? StubEmitter.EmitGrouped(feature, verified, project.Framework, options.PendingTests, nullableAnnotations)
                    : StubEmitter.Emit(feature, verified, project.Framework, options.PendingTests, nullableAnnotations);
                if (source is not null)
                {
                    production.AddSource(SpecContract.PendingTestsNamespace + "." + feature.Key + ".g.cs", source);
                }
            }
        }

        /// <summary>The IDs an attribute site names, read as every SpecGuard rule reads them (<see cref="LinkArguments"/>).</summary>
        private static VerifiedSite VerifiedIdsOf(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var ids = new List<string>();
            foreach (AttributeData attribute in context.Attributes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax syntax)
                {
                    ids.AddRange(LinkArguments.Read(syntax, context.SemanticModel, cancellationToken).Select(static a => a.Id).OfType<string>());
                }
            }

            ids.Sort(StringComparer.Ordinal);
            return new VerifiedSite(ids.Distinct(StringComparer.Ordinal).ToEquatableArray());
        }

        // The pipeline's values (see Initialize's remarks): classes with value equality.
        private sealed record FeatureSet(EquatableArray<CatalogFeature> Features);

        private sealed record LanguageInfo(bool NullableAnnotations, bool Documentation);

        private sealed record Settings(SpecGuardOptions Options, bool NullableAnnotations, bool Documentation);

        private sealed record ProjectSettings(ProjectInfo Project, Settings Settings);

        private sealed record NameSet(EquatableArray<string> Names);

        private sealed record CatalogInput(FeatureSet Features, Settings Settings);

        private sealed record VerifiedSite(EquatableArray<string> Ids);

        private sealed record VerifiedSet(EquatableArray<string> Ids);

        private sealed record StubSpecs(FeatureSet Features, VerifiedSet Verified);

        private static void Guard(SourceProductionContext production, Action emit)
        {
            try
            {
                emit();
            }
            catch (OperationCanceledException)
            {
                throw;
            }
#pragma warning disable CA1031 // A generator bug must become a diagnostic, not CS8785 and a broken build.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                production.ReportDiagnostic(Diagnostic.Create(
                    SpecDescriptors.InternalError,
                    Location.None,
                    "SpecGuard's generator failed (" + exception.GetType().Name + ": " + exception.Message + "); generated code may be missing. Please report this."));
            }
        }
    }
}
